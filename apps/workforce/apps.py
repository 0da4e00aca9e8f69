from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section

_OWN = ["workforce.view_workforce", "workforce.view_course"]
_MANAGE = [
    *_OWN,
    "workforce.manage_training",
    "workforce.view_all_training",
    "workforce.view_placements",
    "workforce.view_all_placements",
]


class WorkforceConfig(AppConfig):
    name = "apps.workforce"
    label = "workforce"
    verbose_name = _("Training and development")
    navigation = (
        NavItem(
            _("Training"),
            "workforce:home",
            "workforce.view_workforce",
            80,
            section=Section.PEOPLE,
            everyday_for=(Role.QUALITY_LEAD,),
        ),
    )
    role_permissions = {
        Role.ADVISOR: [*_OWN, "workforce.book_training"],
        Role.CLIENT_SERVICE_OFFICER: [*_OWN, "workforce.book_training"],
        Role.TEAM_MANAGER: _MANAGE,
        Role.QUALITY_LEAD: [
            *_MANAGE,
            "workforce.manage_placements",
            "workforce.export_observations",
            "workforce.view_strategy",
            "workforce.manage_strategy",
        ],
        Role.HEAD_OF_SERVICE: [
            *_OWN,
            "workforce.view_all_training",
            "workforce.view_placements",
            "workforce.view_all_placements",
            "workforce.view_strategy",
        ],
        Role.MEMBER: ["workforce.view_workforce", "workforce.view_placements"],
        Role.COMMUNICATIONS: [
            "workforce.view_workforce",
            "workforce.view_placements",
            "workforce.view_all_placements",
            "workforce.export_observations",
        ],
    }
    beat_schedule = {
        "workforce-training-reminders": {
            "task": "workforce.remind_overdue_training",
            "schedule": 24 * 60 * 60,
        }
    }
    demo_steps = (
        (70, "Training, qualifications and back to the floor", "apps.workforce.demo.seed"),
    )

    def ready(self):
        from apps.catalogue.signals import service_version_recorded

        from . import receivers

        service_version_recorded.connect(
            receivers.open_coordinated_training, dispatch_uid="workforce_coordinated_training"
        )
