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
_VULNERABILITY = ["customers.view_vulnerability", "customers.change_vulnerability"]
_FRONT_OFFICE = [
    "customers.view_customer",
    "customers.add_customer",
    "customers.change_customer",
    "contacts.view_contact",
    "contacts.add_contact",
    "contacts.view_clientservicecall",
    "contacts.add_clientservicecall",
    "contacts.view_referralauthorisation",
    "contacts.add_referralauthorisation",
    "cases.view_servicerequest",
    "cases.add_servicerequest",
]
_MANAGE_FRONT_OFFICE = [
    "contacts.authorise_referral",
    "contacts.view_liaison_report",
    "customers.merge_customer",
    "customers.view_customer_history",
    "contacts.view_contact_history",
    "cases.change_servicerequest",
    "cases.view_servicerequest_history",
    "open311.view_token",
    "open311.change_token",
    "portal.view_feedback",
]
_BACK_OFFICE = [
    "customers.view_customer",
    "cases.view_servicerequest",
    "cases.change_servicerequest",
    "cases.view_servicerequest_history",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.ADVISOR: [*_READ_CATALOGUE, *_FRONT_OFFICE, *_VULNERABILITY],
    Role.TEAM_MANAGER: [
        *_READ_CATALOGUE,
        *_FRONT_OFFICE,
        *_VULNERABILITY,
        *_MANAGE_FRONT_OFFICE,
        "accounts.view_user",
    ],
    Role.HEAD_OF_SERVICE: [
        *_READ_CATALOGUE,
        *_FRONT_OFFICE,
        *_MANAGE_FRONT_OFFICE,
        "customers.view_vulnerability",
        "accounts.view_user",
    ],
    Role.CLIENT_SERVICE_OFFICER: [*_READ_CATALOGUE, *_BACK_OFFICE],
    Role.QUALITY_LEAD: [
        *_READ_CATALOGUE,
        *_EDIT_CATALOGUE,
        "contacts.view_liaison_report",
        "portal.view_feedback",
    ],
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
        "customers.view_customer",
        "customers.merge_customer",
        "customers.view_customer_history",
        "customers.view_vulnerabilityaccesslog",
        "core.view_outboxmessage",
        "open311.manage_apikey",
        "open311.view_apikey",
    ],
}
