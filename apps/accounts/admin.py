from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Department, Site, Team, TwoFactorRequirement, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "team", "is_active"]
    search_fields = ["full_name", "email"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Details", {"fields": ("full_name", "job_title", "team")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = ((None, {"fields": ("email", "full_name", "team", "password1", "password2")}),)


admin.site.register(Department)
admin.site.register(Site)
admin.site.register(Team)


@admin.register(TwoFactorRequirement)
class TwoFactorRequirementAdmin(SimpleHistoryAdmin):
    """Which roles must use an authenticator app as well as a password."""

    list_display = ["role", "added_at"]
