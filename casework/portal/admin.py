from django.contrib import admin

from casework.portal.models import SharingRule


@admin.register(SharingRule)
class SharingRuleAdmin(admin.ModelAdmin):
    """Which kinds of document a team manager must approve before a family sees them. Shares,
    accounts and what families send change only through the pages, which keep the audit trail."""

    list_display = ("kind", "needs_approval")
    list_editable = ("needs_approval",)
    fields = ("kind", "needs_approval")
