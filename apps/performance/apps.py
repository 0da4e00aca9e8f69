from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section

VIEW = ["performance.view_dashboard", "performance.view_target"]
SERVICE = [*VIEW, "performance.view_service_dashboard"]


class PerformanceConfig(AppConfig):
    name = "apps.performance"
    label = "performance"
    verbose_name = _("Performance")
    navigation = (
        NavItem(
            _("Performance"),
            "performance:dashboard",
            "performance.view_dashboard",
            70,
            section=Section.PERFORMANCE_AND_REPORTS,
            everyday_for=(Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.MEMBER),
        ),
    )
    role_permissions: dict = {
        Role.HEAD_OF_SERVICE: [
            *SERVICE,
            "performance.import_telephony",
            "performance.view_importrun",
            "performance.add_target",
            "performance.change_target",
            "performance.change_queue",
        ],
        # Their own team's dashboard only (no view_service_dashboard), and imports.
        Role.TEAM_MANAGER: [*VIEW, "performance.import_telephony", "performance.view_importrun"],
        Role.QUALITY_LEAD: SERVICE,
        Role.MEMBER: SERVICE,
    }
    beat_schedule: dict = {
        "performance-rollups": {"task": "performance.refresh_rollups", "schedule": 60 * 60},
    }
    demo_steps: tuple = ((60, "Telephony, targets and rollups", "apps.performance.demo.seed"),)
