from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section

_MANAGE_COMPLAINTS = [
    "cases.add_complaint",
    "cases.view_complaint",
    "cases.change_complaint",
    "cases.respond_complaint",
    "cases.view_complaint_report",
    "cases.view_complaint_history",
]
# Approving a report's photo for publication (or rejecting it) is for the back office that
# works the request and for team managers.
_MODERATE_PHOTOS = "cases.moderate_servicerequestphoto"


class CasesConfig(AppConfig):
    name = "apps.cases"
    label = "cases"
    verbose_name = _("Cases")
    navigation = (
        NavItem(
            _("Requests"),
            "cases:queue",
            "cases.view_servicerequest",
            40,
            section=Section.REQUESTS_AND_COMPLAINTS,
            everyday_for=(Role.ADVISOR, Role.CLIENT_SERVICE_OFFICER),
        ),
        NavItem(
            _("Complaints"),
            "complaints:list",
            "cases.view_complaint",
            64,
            section=Section.REQUESTS_AND_COMPLAINTS,
            everyday_for=(Role.HEAD_OF_SERVICE, Role.CLIENT_SERVICE_OFFICER),
        ),
    )
    role_permissions = {
        Role.ADVISOR: ["cases.add_complaint"],
        Role.TEAM_MANAGER: [*_MANAGE_COMPLAINTS, _MODERATE_PHOTOS],
        Role.HEAD_OF_SERVICE: _MANAGE_COMPLAINTS,
        Role.QUALITY_LEAD: _MANAGE_COMPLAINTS,
        Role.CLIENT_SERVICE_OFFICER: [
            "cases.view_complaint",
            "cases.respond_complaint",
            _MODERATE_PHOTOS,
        ],
        Role.MEMBER: ["cases.view_complaint_report"],
    }
    contact_panels = ("apps.cases.complaint_views.contact_panel",)
    demo_steps = ((45, "Complaints and compliments", "apps.cases.complaints_demo.seed"),)
