from django.contrib import admin
from django.http import HttpRequest

from casework.meetings.models import Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Meetings change only through the services, which audit and version them."""

    list_display = ("person", "kind", "held_on", "status")
    list_filter = ("kind", "status")
    raw_id_fields = ("person", "episode")
    date_hierarchy = "held_on"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
