from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem


class Open311Config(AppConfig):
    name = "apps.open311"
    label = "open311"
    verbose_name = _("Open311")
    navigation = (
        NavItem(_("Open311 reports"), "open311:token-list", "open311.change_token", 45),
        NavItem(_("Open311 keys"), "open311:key-list", "open311.manage_apikey", 910),
    )
