from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "apps.recognition"
    label = "recognition"
    verbose_name = _("Recognition and staff voice")
    # Service navigation entries: (NavItem(label, url_name, permission, order),)
    navigation = ()
    # Permissions this app gives each role: {Role.ADVISOR: ["recognition.view_x"], ...}
    role_permissions: dict = {}
    # Scheduled tasks: {"name": {"task": "recognition.task_name", "schedule": seconds}}
    beat_schedule: dict = {}
    # Demo data: ((order above 30, "label", "apps.recognition.demo.seed"),); seed(rng, *, scale) -> int
    demo_steps: tuple = ()
