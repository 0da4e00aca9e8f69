from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.core.navigation import NavItem, Section

_READ_REPORTS = ["assurance.view_committeereport"]
_DRAFT_REPORTS = [*_READ_REPORTS, "assurance.add_committeereport"]
_READ_ALL = ["assurance.view_accreditation", "assurance.view_every_accreditation"]


class AssuranceConfig(AppConfig):
    name = "apps.assurance"
    label = "assurance"
    verbose_name = _("Accreditation and reports")
    navigation = (
        NavItem(
            _("Accreditation"),
            "assurance:home",
            "assurance.view_accreditation",
            90,
            section=Section.QUALITY,
            everyday_for=(Role.QUALITY_LEAD, Role.MEMBER, Role.ASSESSOR),
        ),
        NavItem(
            _("Reports"),
            "assurance:reports",
            "assurance.view_committeereport",
            92,
            section=Section.PERFORMANCE_AND_REPORTS,
            everyday_for=(Role.HEAD_OF_SERVICE, Role.MEMBER),
        ),
    )
    role_permissions = {
        Role.QUALITY_LEAD: [
            *_READ_ALL,
            "assurance.manage_accreditation",
            *_DRAFT_REPORTS,
        ],
        Role.HEAD_OF_SERVICE: [*_READ_ALL, *_DRAFT_REPORTS, "assurance.issue_committeereport"],
        Role.TEAM_MANAGER: _DRAFT_REPORTS,
        Role.MEMBER: [*_READ_ALL, *_READ_REPORTS],
        # An assessor reads only the accreditations a grant in force gives them.
        Role.ASSESSOR: ["assurance.view_accreditation"],
    }
    beat_schedule = {
        "accreditation-reminders": {
            "task": "assurance.send_reminders",
            "schedule": 24 * 60 * 60,
        }
    }
    demo_steps = ((88, "accreditation and reports", "apps.assurance.demo.seed"),)

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(load_shipped_frameworks, sender=self)


def load_shipped_frameworks(sender, using="default", **kwargs):
    """After migrate, load the frameworks that ship with firstpoint if they are not there yet
    (a council's own revision, loaded from a file, is never overwritten)."""
    import json

    from .models import Framework
    from .services import FRAMEWORKS_DIR, framework_load

    present = set(Framework.objects.using(using).values_list("code", flat=True))
    for path in sorted(FRAMEWORKS_DIR.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        if json.loads(text)["code"] not in present:
            framework_load(text=text)
