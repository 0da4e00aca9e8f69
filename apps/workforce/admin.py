"""Administrators add qualification programmes (Institute of Customer Service and others)."""

from django.contrib import admin

from .models import Assessment, Module, Programme, ProgrammeLevel, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class LevelInline(admin.TabularInline):
    model = ProgrammeLevel
    extra = 0
    fields = ["name", "svq_level"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "awarding_body", "duration_months", "pass_mark"]
    inlines = [LevelInline, UnitInline]


class AssessmentInline(admin.TabularInline):
    model = Assessment
    extra = 0


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "unit"]
    list_filter = ["unit__programme"]
    inlines = [AssessmentInline]


@admin.register(ProgrammeLevel)
class ProgrammeLevelAdmin(admin.ModelAdmin):
    list_display = ["programme", "name", "svq_level"]
    filter_horizontal = ["modules"]


admin.site.register(Unit)
