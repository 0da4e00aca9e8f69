from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "apps.staffing"
    label = "staffing"
    verbose_name = _("Staffing and savings")
    # Service navigation entries: (NavItem(label, url_name, permission, order),)
    navigation = ()
    # Permissions this app gives each role: {Role.ADVISOR: ["staffing.view_x"], ...}
    role_permissions: dict = {}
    # Scheduled tasks: {"name": {"task": "staffing.task_name", "schedule": seconds}}
    beat_schedule: dict = {}
    # Demo data: ((order above 30, "label", "apps.staffing.demo.seed"),); seed(rng, *, scale) -> int
    demo_steps: tuple = ()
