from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "apps.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction surveys")
    # Service navigation entries: (NavItem(label, url_name, permission, order),)
    navigation = ()
    # Permissions this app gives each role: {Role.ADVISOR: ["surveys.view_x"], ...}
    role_permissions: dict = {}
    # Scheduled tasks: {"name": {"task": "surveys.task_name", "schedule": seconds}}
    beat_schedule: dict = {}
    # Demo data: ((order above 30, "label", "apps.surveys.demo.seed"),); seed(rng, *, scale) -> int
    demo_steps: tuple = ()
