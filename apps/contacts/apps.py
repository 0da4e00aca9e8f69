from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section


class ContactsConfig(AppConfig):
    name = "apps.contacts"
    label = "contacts"
    verbose_name = _("Contacts")
    navigation = (
        NavItem(
            _("Log a contact"),
            "contacts:log",
            "contacts.add_contact",
            20,
            section=Section.FRONT_OFFICE,
            everyday_for=(Role.ADVISOR,),
        ),
        NavItem(
            _("Authorisations"),
            "contacts:authorisations",
            "contacts.authorise_referral",
            30,
            section=Section.FRONT_OFFICE,
            everyday_for=(Role.TEAM_MANAGER,),
        ),
        NavItem(
            _("Liaison report"),
            "contacts:liaison-report",
            "contacts.view_liaison_report",
            60,
            section=Section.FRONT_OFFICE,
            everyday_for=(Role.TEAM_MANAGER,),
        ),
    )
