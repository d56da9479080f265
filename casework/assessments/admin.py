from django.contrib import admin
from django.http import HttpRequest

from casework.assessments.models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Read-only: assessments change only through their pages and API, which keep the version
    check, the audit trail and the manager's sign-off."""

    list_display = ("person", "status", "started_on", "target_on", "authorised_at")
    list_filter = ("status", "outcome")
    date_hierarchy = "started_on"
    raw_id_fields = ("person", "episode")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
