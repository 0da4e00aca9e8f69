from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssuranceConfig(AppConfig):
    name = "apps.assurance"
    label = "assurance"
    verbose_name = _("Accreditation and reports")
    # Service navigation entries: (NavItem(label, url_name, permission, order),)
    navigation = ()
    # Permissions this app gives each role: {Role.ADVISOR: ["assurance.view_x"], ...}
    role_permissions: dict = {}
    # Scheduled tasks: {"name": {"task": "assurance.task_name", "schedule": seconds}}
    beat_schedule: dict = {}
    # Demo data: ((order above 30, "label", "apps.assurance.demo.seed"),); seed(rng, *, scale) -> int
    demo_steps: tuple = ()
