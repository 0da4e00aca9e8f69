from django.contrib import admin

from .models import Service, ServiceVersion


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """Read-only here: changes go through the catalogue pages so each is versioned."""

    list_display = ["name", "lgsl_code", "department", "version", "is_active"]
    search_fields = ["name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ServiceVersion)
class ServiceVersionAdmin(admin.ModelAdmin):
    list_display = ["service", "number", "change_type", "changed_by", "changed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
