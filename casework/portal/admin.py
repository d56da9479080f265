from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from casework.portal.models import SharingRule


@admin.register(SharingRule)
class SharingRuleAdmin(admin.ModelAdmin):
    """Which kinds of document a team manager must approve before a family sees them: shown
    here, changed only on the approval rules page (/sharing-rules/), which audits each change.
    Shares, accounts and what families send likewise change only through the pages."""

    list_display = ("kind", "needs_approval", "changed_by", "changed_at")
    fields = ("kind", "needs_approval", "changed_by", "changed_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
