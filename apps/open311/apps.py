from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section


class Open311Config(AppConfig):
    name = "apps.open311"
    label = "open311"
    verbose_name = _("Open311")
    navigation = (
        NavItem(
            _("Open311 reports"),
            "open311:token-list",
            "open311.change_token",
            45,
            section=Section.REQUESTS_AND_COMPLAINTS,
            everyday_for=(Role.TEAM_MANAGER,),
        ),
        NavItem(
            _("Open311 keys"),
            "open311:key-list",
            "open311.manage_apikey",
            910,
            section=Section.ADMINISTRATION,
            everyday_for=(Role.ADMINISTRATOR,),
        ),
    )
