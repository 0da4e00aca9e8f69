from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem, Section


class PortalConfig(AppConfig):
    name = "apps.portal"
    label = "portal"
    verbose_name = _("Portal")
    navigation = (
        NavItem(
            _("Feedback"),
            "portal:staff-feedback",
            "portal.view_feedback",
            order=70,
            section=Section.REQUESTS_AND_COMPLAINTS,
        ),
    )
    beat_schedule = {
        "portal-discard-abandoned-photos": {
            "task": "portal.discard_abandoned_photos",
            "schedule": 24 * 60 * 60,
        }
    }
