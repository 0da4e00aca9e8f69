from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section


class CatalogueConfig(AppConfig):
    name = "apps.catalogue"
    label = "catalogue"
    verbose_name = _("Service catalogue")
    navigation = (
        NavItem(
            _("Services"),
            "catalogue:service-list",
            "catalogue.view_service",
            50,
            section=Section.FRONT_OFFICE,
            everyday_for=(Role.ADMINISTRATOR,),
        ),
    )
