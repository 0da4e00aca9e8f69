from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "apps.operations"
    label = "operations"
    verbose_name = _("Operations")
    # Service navigation entries: (NavItem(label, url_name, permission, order),)
    navigation = ()
    # Permissions this app gives each role: {Role.ADVISOR: ["operations.view_x"], ...}
    role_permissions: dict = {}
    # Scheduled tasks: {"name": {"task": "operations.task_name", "schedule": seconds}}
    beat_schedule: dict = {}
    # Demo data: ((order above 30, "label", "apps.operations.demo.seed"),); seed(rng, *, scale) -> int
    demo_steps: tuple = ()
