from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section

_VIEW = ["mystery.view_visit", "mystery.view_programme"]


class MysteryConfig(AppConfig):
    name = "apps.mystery"
    label = "mystery"
    verbose_name = _("Mystery shopping")
    navigation = (
        NavItem(
            _("Mystery shopping"),
            "mystery:home",
            "mystery.view_visit",
            62,
            section=Section.QUALITY,
            everyday_for=(Role.QUALITY_LEAD,),
        ),
    )
    role_permissions = {
        Role.QUALITY_LEAD: _VIEW
        + [
            "mystery.manage_mystery",
            "mystery.add_programme",
            "mystery.change_programme",
            "mystery.add_scenario",
            "mystery.change_scenario",
            "mystery.delete_scenario",
            "mystery.add_criterion",
            "mystery.change_criterion",
            "mystery.delete_criterion",
            "mystery.add_target",
            "mystery.change_target",
            "mystery.delete_target",
            "mystery.view_shopper",
            "mystery.add_shopper",
            "mystery.change_shopper",
        ],
        Role.HEAD_OF_SERVICE: _VIEW,
        Role.TEAM_MANAGER: _VIEW,
        Role.MEMBER: _VIEW,
    }
    beat_schedule: dict = {}
    demo_steps = ((55, "Mystery shopping", "apps.mystery.demo.seed"),)
