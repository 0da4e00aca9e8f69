from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "apps.privacy"
    label = "privacy"
    verbose_name = _("Data protection")
    # Service navigation entries: (NavItem(label, url_name, permission, order),)
    navigation = ()
    # Permissions this app gives each role: {Role.ADVISOR: ["privacy.view_x"], ...}
    role_permissions: dict = {}
    # Scheduled tasks: {"name": {"task": "privacy.task_name", "schedule": seconds}}
    beat_schedule: dict = {}
    # Demo data: ((order above 30, "label", "apps.privacy.demo.seed"),); seed(rng, *, scale) -> int
    demo_steps: tuple = ()
