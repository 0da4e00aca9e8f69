from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section


class CustomersConfig(AppConfig):
    name = "apps.customers"
    label = "customers"
    verbose_name = _("Customers")
    navigation = (
        NavItem(
            _("Customers"),
            "customers:search",
            "customers.view_customer",
            10,
            section=Section.FRONT_OFFICE,
            everyday_for=(Role.ADVISOR, Role.CLIENT_SERVICE_OFFICER),
        ),
    )
