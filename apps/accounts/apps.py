from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem, Section

from .roles import Role


def _sync_roles(sender, **kwargs):
    from .services import roles_sync

    roles_sync()


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts, sites and teams")
    navigation = (
        NavItem(
            _("Users"),
            "accounts:user-list",
            "accounts.view_user",
            order=900,
            section=Section.ADMINISTRATION,
            everyday_for=(Role.ADMINISTRATOR,),
        ),
    )

    def ready(self):
        # Roles are groups whose permissions are declared in roles.py; they are brought
        # up to date after every migrate, the same moment Django creates permissions.
        post_migrate.connect(_sync_roles, dispatch_uid="accounts.roles_sync")
        from . import middleware  # noqa: F401 - connects the two-factor sign-in receiver
