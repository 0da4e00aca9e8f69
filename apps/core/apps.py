from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .navigation import NavItem, Section


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Core")
    navigation = (
        NavItem(
            _("Outbox"),
            "core:outbox",
            "core.view_outboxmessage",
            950,
            section=Section.ADMINISTRATION,
        ),
    )
