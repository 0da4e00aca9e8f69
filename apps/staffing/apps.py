from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section

_VIEW_STAFFING = [
    "staffing.view_staffing",
    "staffing.view_rostershift",
    "staffing.view_rosterimport",
]
_VIEW_SCENARIOS = ["staffing.view_staffing", "staffing.view_savingsscenario"]


class StaffingConfig(AppConfig):
    name = "apps.staffing"
    label = "staffing"
    verbose_name = _("Staffing and savings")
    navigation = (
        NavItem(
            _("Staffing"),
            "staffing:home",
            "staffing.view_staffing",
            72,
            section=Section.PERFORMANCE_AND_REPORTS,
            everyday_for=(Role.HEAD_OF_SERVICE, Role.MEMBER),
        ),
    )
    role_permissions = {
        Role.HEAD_OF_SERVICE: [
            *_VIEW_STAFFING,
            *_VIEW_SCENARIOS,
            "staffing.add_rostershift",
            "staffing.add_rosterimport",
            "staffing.add_savingsscenario",
            "staffing.change_savingsscenario",
            "staffing.delete_savingsscenario",
        ],
        Role.TEAM_MANAGER: _VIEW_STAFFING,
        Role.MEMBER: _VIEW_SCENARIOS,
    }
    beat_schedule: dict = {}
    demo_steps = ((65, "Staffing roster and savings scenarios", "apps.staffing.demo.seed"),)
