from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem


class ContactsConfig(AppConfig):
    name = "apps.contacts"
    label = "contacts"
    verbose_name = _("Contacts")
    navigation = (
        NavItem(_("Log a contact"), "contacts:log", "contacts.add_contact", 20),
        NavItem(_("Authorisations"), "contacts:authorisations", "contacts.authorise_referral", 30),
        NavItem(_("Liaison report"), "contacts:liaison-report", "contacts.view_liaison_report", 60),
    )
