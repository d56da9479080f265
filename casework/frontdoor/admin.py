from django.contrib import admin

from casework.frontdoor.models import Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """The directory of the council's services and programmes. Contacts are not edited here:
    they change only through the front-door pages, which keep the audit trail."""

    list_display = ("name", "active", "updated_at")
    list_filter = ("active",)
    search_fields = ("name", "description", "eligibility")
    fields = ("name", "description", "eligibility", "contact_details", "active")
