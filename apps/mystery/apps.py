from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MysteryConfig(AppConfig):
    name = "apps.mystery"
    label = "mystery"
    verbose_name = _("Mystery shopping")
    # Service navigation entries: (NavItem(label, url_name, permission, order),)
    navigation = ()
    # Permissions this app gives each role: {Role.ADVISOR: ["mystery.view_x"], ...}
    role_permissions: dict = {}
    # Scheduled tasks: {"name": {"task": "mystery.task_name", "schedule": seconds}}
    beat_schedule: dict = {}
    # Demo data: ((order above 30, "label", "apps.mystery.demo.seed"),); seed(rng, *, scale) -> int
    demo_steps: tuple = ()
