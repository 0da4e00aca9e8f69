from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section

_MANAGE = [
    "surveys.view_survey",
    "surveys.view_response",
    "surveys.add_response",
    "surveys.view_all_results",
    "surveys.manage_surveys",
    "surveys.view_samplingrate",
    "surveys.change_samplingrate",
    "surveys.view_surveyaction",
    "surveys.add_surveyaction",
    "surveys.view_valuereview",
    "surveys.add_valuereview",
    "surveys.change_valuereview",
    "surveys.add_optout",
    "surveys.delete_optout",
]
_OPT_OUT = ["surveys.add_optout", "surveys.delete_optout"]


class SurveysConfig(AppConfig):
    name = "apps.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction surveys")
    navigation = (
        NavItem(
            _("Surveys"),
            "surveys:home",
            "surveys.view_response",
            60,
            section=Section.QUALITY,
            everyday_for=(Role.ADVISOR, Role.QUALITY_LEAD),
        ),
    )
    role_permissions = {
        Role.ADVISOR: ["surveys.view_response", "surveys.add_response", *_OPT_OUT],
        Role.TEAM_MANAGER: [
            "surveys.view_response",
            "surveys.add_response",
            "surveys.view_team_results",
            *_OPT_OUT,
        ],
        Role.QUALITY_LEAD: _MANAGE,
        Role.HEAD_OF_SERVICE: _MANAGE,
        Role.MEMBER: ["surveys.view_valuereview"],
    }
    beat_schedule = {
        "surveys-daily-sample": {"task": "surveys.sample_yesterday", "schedule": 24 * 60 * 60}
    }
    demo_steps = ((50, "Satisfaction surveys", "apps.surveys.demo.seed"),)
    contact_panels = ("apps.surveys.panels.record_survey",)
    customer_panels = ("apps.surveys.panels.survey_invitations",)

    def ready(self):
        from apps.cases.signals import service_request_closed

        from . import receivers

        service_request_closed.connect(
            receivers.invite_on_close, dispatch_uid="surveys_invite_on_close"
        )
