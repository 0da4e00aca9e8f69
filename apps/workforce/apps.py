from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "apps.workforce"
    label = "workforce"
    verbose_name = _("Training and development")
    # Service navigation entries: (NavItem(label, url_name, permission, order),)
    navigation = ()
    # Permissions this app gives each role: {Role.ADVISOR: ["workforce.view_x"], ...}
    role_permissions: dict = {}
    # Scheduled tasks: {"name": {"task": "workforce.task_name", "schedule": seconds}}
    beat_schedule: dict = {}
    # Demo data: ((order above 30, "label", "apps.workforce.demo.seed"),); seed(rng, *, scale) -> int
    demo_steps: tuple = ()
