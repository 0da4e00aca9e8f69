from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "apps.performance"
    label = "performance"
    verbose_name = _("Performance")
    # Service navigation entries: (NavItem(label, url_name, permission, order),)
    navigation = ()
    # Permissions this app gives each role: {Role.ADVISOR: ["performance.view_x"], ...}
    role_permissions: dict = {}
    # Scheduled tasks: {"name": {"task": "performance.task_name", "schedule": seconds}}
    beat_schedule: dict = {}
    # Demo data: ((order above 30, "label", "apps.performance.demo.seed"),); seed(rng, *, scale) -> int
    demo_steps: tuple = ()
