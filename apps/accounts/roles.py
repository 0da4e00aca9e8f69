"""The roles of DESIGN.md, each a group holding exactly the permissions listed here.

An app that adds permissions adds them to the roles below; `roles_sync` (run after every
migrate) makes the groups match this file.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADVISOR = "advisor", _("Customer service advisor")
    TEAM_MANAGER = "team_manager", _("Team manager")
    HEAD_OF_SERVICE = "head_of_service", _("Head of customer services")
    CLIENT_SERVICE_OFFICER = "client_service_officer", _("Client service officer")
    QUALITY_LEAD = "quality_lead", _("Customer focus manager")
    COMMUNICATIONS = "communications", _("Communications unit")
    IT_SERVICES = "it_services", _("IT services")
    MEMBER = "member", _("Councillor or senior officer")
    ASSESSOR = "assessor", _("Assessor")
    ADMINISTRATOR = "administrator", _("Administrator")


_READ_CATALOGUE = ["catalogue.view_service", "catalogue.view_serviceversion"]
_EDIT_CATALOGUE = ["catalogue.add_service", "catalogue.change_service"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.ADVISOR: [*_READ_CATALOGUE],
    Role.TEAM_MANAGER: [*_READ_CATALOGUE, "accounts.view_user"],
    Role.HEAD_OF_SERVICE: [*_READ_CATALOGUE, "accounts.view_user"],
    Role.CLIENT_SERVICE_OFFICER: [*_READ_CATALOGUE],
    Role.QUALITY_LEAD: [*_READ_CATALOGUE, *_EDIT_CATALOGUE],
    Role.COMMUNICATIONS: [*_READ_CATALOGUE],
    Role.IT_SERVICES: [*_READ_CATALOGUE],
    Role.MEMBER: [*_READ_CATALOGUE],
    Role.ASSESSOR: [*_READ_CATALOGUE],
    Role.ADMINISTRATOR: [
        *_READ_CATALOGUE,
        *_EDIT_CATALOGUE,
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_site",
        "accounts.view_team",
        "accounts.view_department",
    ],
}
