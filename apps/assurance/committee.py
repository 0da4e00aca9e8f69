"""Accreditation's section of committee and meeting reports."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.reporting import SectionContent, Table, section

from . import selectors
from .models import Accreditation, Action, Rating


@section(
    "accreditation",
    gettext_lazy("Accreditation"),
    order=90,
    meetings={"scrutiny", "working_group"},
)
def accreditation(start: date, end: date) -> SectionContent:
    rows = []
    for item in Accreditation.objects.select_related("framework"):
        tree = selectors.accreditation_tree(item)
        elements = [r for r in tree if r["requirement"].is_element]
        counts = {
            value: sum(1 for r in elements if r["rating"] == value) for value in Rating.values
        }
        open_actions = Action.objects.filter(accreditation=item, status=Action.Status.OPEN).count()
        rows.append(
            [
                item.title,
                item.get_status_display(),
                item.certificate_expires.strftime("%-d %B %Y") if item.certificate_expires else "—",
                counts[Rating.COMPLIANCE_PLUS] + counts[Rating.COMPLIANT],
                counts[Rating.PARTIAL],
                counts[Rating.NOT_COMPLIANT],
                counts[Rating.NOT_ASSESSED],
                open_actions,
            ]
        )
    return SectionContent(
        paragraphs=[
            _(
                "The service's self-assessment against each accreditation, element by element, "
                "as it stands on the day of the report."
            )
        ],
        tables=[
            Table(
                caption=_("Self-assessment by accreditation"),
                head=[
                    _("Accreditation"),
                    _("Status"),
                    _("Certificate expires"),
                    _("Compliant or better"),
                    _("Partial"),
                    _("Not compliant"),
                    _("Not assessed"),
                    _("Open actions"),
                ],
                rows=rows,
            )
        ],
    )
