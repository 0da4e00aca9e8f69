from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section

_HOME = ["operations.view_operations"]
_VIEW_DOWNTIME = [
    "operations.view_system",
    "operations.view_downtimeincident",
    "operations.view_itreview",
    "operations.view_itrecommendation",
]
_MANAGE_DOWNTIME = [
    *_VIEW_DOWNTIME,
    "operations.add_system",
    "operations.change_system",
    "operations.add_downtimeincident",
    "operations.change_downtimeincident",
    "operations.add_incidentaction",
    "operations.change_incidentaction",
    "operations.add_itreview",
    "operations.add_itrecommendation",
    "operations.change_itrecommendation",
]
_VIEW_PUBLICATIONS = [
    "operations.view_publication",
    "operations.view_publicationversion",
    "operations.view_removaltask",
]
_VIEW_SECURITY = [
    "operations.view_securityincident",
    "operations.view_visitorcount",
    "operations.view_securityassessment",
]
_SAFETY_WARNINGS = [
    "operations.view_safetywarning",
    "operations.add_safetywarning",
    "operations.change_safetywarning",
]


class OperationsConfig(AppConfig):
    name = "apps.operations"
    label = "operations"
    verbose_name = _("Operations")
    navigation = (
        NavItem(
            _("Operations"),
            "operations:home",
            "operations.view_operations",
            85,
            section=Section.OPERATIONS,
            everyday_for=(Role.COMMUNICATIONS, Role.IT_SERVICES),
        ),
    )
    role_permissions: dict = {
        Role.IT_SERVICES: [*_HOME, *_MANAGE_DOWNTIME],
        Role.COMMUNICATIONS: [
            *_HOME,
            *_VIEW_PUBLICATIONS,
            "operations.add_publication",
            "operations.change_publication",
            "operations.add_publicationversion",
            "operations.issue_publication",
        ],
        Role.TEAM_MANAGER: [
            *_HOME,
            *_VIEW_DOWNTIME,
            *_VIEW_PUBLICATIONS,
            "operations.confirm_removal",
            *_VIEW_SECURITY,
            "operations.add_securityincident",
            *_SAFETY_WARNINGS,
        ],
        Role.HEAD_OF_SERVICE: [
            *_HOME,
            *_VIEW_DOWNTIME,
            *_VIEW_PUBLICATIONS,
            *_VIEW_SECURITY,
            "operations.add_securityincident",
            "operations.add_visitorcount",
            "operations.change_visitorcount",
            "operations.add_securityassessment",
            "operations.change_securityassessment",
            *_SAFETY_WARNINGS,
        ],
        Role.ADVISOR: [*_HOME, "operations.view_safetywarning", "operations.add_securityincident"],
        Role.MEMBER: [*_HOME, *_VIEW_DOWNTIME, *_VIEW_SECURITY],
    }
    beat_schedule: dict = {
        "expire-safety-warnings": {
            "task": "operations.expire_safety_warnings",
            "schedule": 24 * 60 * 60,
        }
    }
    demo_steps: tuple = ((75, "Downtime, publications and security", "apps.operations.demo.seed"),)
    customer_panels = ("apps.operations.panels.safety_warnings",)
