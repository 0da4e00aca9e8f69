from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section


class PrivacyConfig(AppConfig):
    name = "apps.privacy"
    label = "privacy"
    verbose_name = _("Data protection")
    navigation = (
        NavItem(
            _("Data protection"),
            "privacy:home",
            "privacy.view_retentionrule",
            95,
            section=Section.OPERATIONS,
            everyday_for=(Role.ADMINISTRATOR,),
        ),
    )
    role_permissions = {
        Role.ADMINISTRATOR: [
            "privacy.view_retentionrule",
            "privacy.manage_retention",
            "privacy.handle_subject_request",
            "privacy.view_subjectrequest",
        ],
        Role.HEAD_OF_SERVICE: ["privacy.view_retentionrule"],
    }
    beat_schedule = {
        "apply-retention-schedule": {"task": "privacy.apply_retention", "schedule": 24 * 60 * 60}
    }
    customer_panels = ("apps.privacy.views.customer_panel",)
