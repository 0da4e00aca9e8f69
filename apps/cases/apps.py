from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem


class CasesConfig(AppConfig):
    name = "apps.cases"
    label = "cases"
    verbose_name = _("Cases")
    navigation = (NavItem(_("Requests"), "cases:queue", "cases.view_servicerequest", 40),)
