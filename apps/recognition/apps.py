from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section

# Everybody on the staff nominates colleagues, makes suggestions and answers pulse surveys.
_EVERY_MEMBER_OF_STAFF = [
    "recognition.view_awardmonth",
    "recognition.add_nomination",
    "recognition.view_suggestion",
    "recognition.add_suggestion",
    "recognition.view_pulsesurvey",
    "recognition.view_yousaidwedid",
]
_MANAGERS = [
    *_EVERY_MEMBER_OF_STAFF,
    "recognition.run_award",
    "recognition.respond_suggestion",
    "recognition.manage_staff_feedback",
    "recognition.add_pulsesurvey",
]


class RecognitionConfig(AppConfig):
    name = "apps.recognition"
    label = "recognition"
    verbose_name = _("Recognition and staff voice")
    navigation = (
        NavItem(
            _("Staff voice"),
            "recognition:home",
            "recognition.view_suggestion",
            82,
            section=Section.PEOPLE,
        ),
    )
    role_permissions = {
        Role.ADVISOR: _EVERY_MEMBER_OF_STAFF,
        Role.CLIENT_SERVICE_OFFICER: _EVERY_MEMBER_OF_STAFF,
        Role.COMMUNICATIONS: _EVERY_MEMBER_OF_STAFF,
        Role.IT_SERVICES: _EVERY_MEMBER_OF_STAFF,
        Role.TEAM_MANAGER: _MANAGERS,
        Role.HEAD_OF_SERVICE: _MANAGERS,
        Role.QUALITY_LEAD: _MANAGERS,
    }
    demo_steps = ((68, "awards, suggestions and staff feedback", "apps.recognition.demo.seed"),)

    def ready(self):
        from . import receivers

        receivers.connect()
