from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from casework.accounts.models import ApiToken, Team, User


@admin.register(User)
class CaseworkUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Casework", {"fields": ("role", "team", "job_title", "locked_until")}),
    )


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "is_front_door")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "token_hash", "user", "created_at", "last_used_at")
