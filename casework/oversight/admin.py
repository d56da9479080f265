from django.contrib import admin
from django.http import HttpRequest

from casework.oversight.models import ManagementDecision


@admin.register(ManagementDecision)
class ManagementDecisionAdmin(admin.ModelAdmin):
    """Read-only: a decision on a child's record is changed only by recording a new one."""

    list_display = ("decision_label", "person", "decided_by", "decided_at")
    list_filter = ("decision",)
    date_hierarchy = "decided_at"
    raw_id_fields = ("person",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
