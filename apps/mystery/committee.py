"""Mystery shopping's section of committee and member working group reports."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.reporting import Chart, SectionContent, Table, section

from . import selectors


def _score(value) -> str:
    return "—" if value is None else f"{value}%"


def _rows(results) -> list[list]:
    return [[r.label, r.visits, _score(r.score)] for r in results]


@section(
    "mystery_shopping",
    gettext_lazy("Mystery shopping"),
    order=35,
    meetings={"scrutiny", "working_group"},
)
def mystery_shopping(start: date, end: date) -> SectionContent:
    by_channel = selectors.results_by("channel", start=start, end=end)
    by_site = selectors.results_by("site", start=start, end=end)
    by_criterion = selectors.results_by_criterion(start=start, end=end)
    actions = list(selectors.open_actions(end=end))
    visits = sum(r.visits for r in by_channel)
    paragraphs = [
        _(
            "%(visits)s mystery shopping visits were completed in the period. A visit's score "
            "is the weighted percentage of its checklist met."
        )
        % {"visits": visits}
    ]
    if by_criterion:
        weakest = by_criterion[0]
        paragraphs.append(
            _("The weakest Customer Service Excellence criterion was %(label)s (%(score)s).")
            % {"label": weakest.label, "score": _score(weakest.score)}
        )
    head = [_("Visits"), _("Score")]
    charts = []
    if by_channel:
        charts.append(
            Chart(
                title=_("Mean mystery shopping score by channel, per cent"),
                labels=[r.label for r in by_channel],
                series=[{"name": _("Score"), "values": [r.score for r in by_channel]}],
                unit="%",
            )
        )
    return SectionContent(
        paragraphs=paragraphs,
        charts=charts,
        tables=[
            Table(_("Scores by channel"), [_("Channel"), *head], _rows(by_channel)),
            Table(_("Scores by site"), [_("Site"), *head], _rows(by_site)),
            Table(
                _("Customer Service Excellence criteria, weakest first"),
                [_("Criterion"), *head],
                _rows(by_criterion),
            ),
            Table(
                _("Open follow-up actions"),
                [_("Action"), _("Owner"), _("Due")],
                [
                    [a.description, a.owner.full_name, date_format(a.due_on, "j F Y")]
                    for a in actions
                ],
            ),
        ],
    )
