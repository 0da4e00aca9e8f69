"""The surveys area's section of committee and meeting reports."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.reporting import Chart, SectionContent, Table, section

from . import selectors


def _pct(value) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


@section("surveys", gettext_lazy("Customer satisfaction"), order=30)
def satisfaction(start: date, end: date) -> SectionContent:
    cells = selectors.satisfaction_by_channel(start=start, end=end)
    minimum = selectors.min_cell_size()
    rows = []
    for cell in cells:
        if cell.suppressed:
            rows.append([cell.label, cell.responses, _("Too few responses"), "", ""])
        else:
            rows.append(
                [
                    cell.label,
                    cell.responses,
                    f"{cell.mean:.2f}",
                    _pct(cell.share_satisfied),
                    f"{_pct(cell.share_interval.low)} to {_pct(cell.share_interval.high)}",
                ]
            )
    shown = [c for c in cells if not c.suppressed]
    total = sum(c.responses for c in cells)
    paragraphs = [
        _(
            "%(total)s survey responses in the period. Satisfied means a score of 4 or 5 out "
            "of 5; channels with fewer than %(minimum)s responses are not shown."
        )
        % {"total": f"{total:,}", "minimum": minimum}
    ]
    review = selectors.latest_decided_review()
    if review is not None:
        paragraphs.append(
            _("The latest survey value review (%(title)s) recommends: %(choice)s. %(why)s")
            % {
                "title": review.title,
                "choice": review.get_recommendation_display().lower(),
                "why": review.reasoning,
            }
        )
    else:
        paragraphs.append(_("No survey value review recommendation has been recorded yet."))
    charts = []
    if shown:
        charts.append(
            Chart(
                title=_("Share satisfied by channel, per cent"),
                labels=[c.label for c in shown],
                series=[
                    {
                        "name": _("Satisfied"),
                        "values": [round(c.share_satisfied * 100, 1) for c in shown],
                    }
                ],
                unit="%",
            )
        )
    return SectionContent(
        paragraphs=paragraphs,
        tables=[
            Table(
                caption=_("Satisfaction by channel"),
                head=[
                    _("Channel"),
                    _("Responses"),
                    _("Mean score (1 to 5)"),
                    _("Satisfied"),
                    _("95% interval"),
                ],
                rows=rows,
            )
        ],
        charts=charts,
    )
