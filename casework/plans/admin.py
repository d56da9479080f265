from django.contrib import admin
from django.http import HttpRequest

from casework.plans.models import CINPlan, Visit


class ReadOnlyAdmin(admin.ModelAdmin):
    """Plans and visits change only through the services, which audit and version them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(CINPlan)
class CINPlanAdmin(ReadOnlyAdmin):
    list_display = ("person", "status", "started_on", "next_review_due", "next_visit_due")
    list_filter = ("status",)
    raw_id_fields = ("person", "episode")


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ("person", "visited_on", "visited_by", "child_seen", "seen_alone")
    date_hierarchy = "visited_on"
    raw_id_fields = ("person", "plan")
