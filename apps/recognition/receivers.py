"""Award nominations that arrive from elsewhere: residents' compliments naming a member of
staff, and positive mystery-shopping findings the quality lead shares."""

from django.utils.translation import gettext as _

from . import services
from .models import Nomination


def _staff_member(record):
    for name in ("staff_member", "staff_named", "member_of_staff", "named_staff"):
        user = getattr(record, name, None)
        if user is not None:
            return user
    return None


def from_compliment(sender, compliment, **kwargs):
    nominee = _staff_member(compliment)
    if nominee is None:
        return
    text = getattr(compliment, "summary", "") or getattr(compliment, "details", "") or ""
    services.nomination_create(
        nominee=nominee,
        source=Nomination.Source.COMPLIMENT,
        reason=_("A resident's compliment: %(text)s") % {"text": text or _("(no text)")},
        source_reference=f"compliment:{compliment.pk}",
    )


def from_mystery_finding(sender, finding, **kwargs):
    nominee = _staff_member(finding)
    if nominee is None:
        return
    text = getattr(finding, "text", "") or getattr(finding, "description", "") or ""
    services.nomination_create(
        nominee=nominee,
        source=Nomination.Source.MYSTERY_SHOPPING,
        reason=_("A mystery shopper's finding: %(text)s") % {"text": text or _("(no text)")},
        source_reference=f"mystery:{finding.pk}",
    )


def connect() -> None:
    try:
        from apps.cases.signals import compliment_recorded
    except ImportError:  # the complaints area is not installed
        compliment_recorded = None
    try:
        from apps.mystery.signals import positive_finding_shared
    except ImportError:  # mystery shopping is not installed
        positive_finding_shared = None
    if compliment_recorded is not None:
        compliment_recorded.connect(from_compliment, dispatch_uid="recognition.compliment")
    if positive_finding_shared is not None:
        positive_finding_shared.connect(from_mystery_finding, dispatch_uid="recognition.mystery")
