"""The admin, for administrators; the quality lead sets up programmes, targets, scenarios and
checklists on the staff pages (setup_views.py)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Criterion, Programme, Scenario, Shopper, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 1


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "start", "end"]
    inlines = [TargetInline]


@admin.register(Scenario)
class ScenarioAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "channel", "service"]
    list_filter = ["programme", "channel"]
    inlines = [CriterionInline]


@admin.register(Shopper)
class ShopperAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "department", "consent_given_on", "is_active"]
    list_filter = ["kind", "is_active"]
