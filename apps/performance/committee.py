"""Performance's section of committee and meeting reports."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.reporting import SectionContent, Table, section

from . import kpis, selectors


@section("kpis", gettext_lazy("Key performance indicators against targets"), order=10)
def kpis_against_targets(start: date, end: date) -> SectionContent:
    data = selectors.dashboard(scope=selectors.Scope(), date_from=start, date_to=end)
    rag_words = {"green": _("Green"), "amber": _("Amber"), "red": _("Red"), None: _("No target")}
    rows = [
        [
            str(r["kpi"].label),
            kpis.display(r["kpi"], r["value"]),
            "—" if r["target"] is None else kpis.display(r["kpi"], r["target"]),
            rag_words[r["rag"]],
            kpis.display(r["kpi"], r["last_year"]),
        ]
        for r in data["rows"]
    ]
    off = sum(1 for r in data["rows"] if r["rag"] == "red")
    return SectionContent(
        paragraphs=[
            _("%(off)s of %(with)s measures with a target were off target (red) in the period.")
            % {"off": off, "with": sum(1 for r in data["rows"] if r["rag"])}
        ],
        tables=[
            Table(
                caption=_("Measures against targets"),
                head=[
                    _("Measure"),
                    _("This period"),
                    _("Target"),
                    _("Status"),
                    _("Same period last year"),
                ],
                rows=rows,
            )
        ],
    )
