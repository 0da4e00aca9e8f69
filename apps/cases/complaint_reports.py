"""The complaints report's figures as tables and charts, shared by the staff page, its CSV
and the committee section, so all three always show the same numbers."""

from django.utils.translation import gettext as _

from apps.core.charts import render
from apps.core.reporting import Chart, Table

from .complaints_models import FeedbackKind, Outcome


def percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def timeliness_rows(report: dict) -> list[list]:
    labels = {
        "acknowledged_stage_1": _("Acknowledged on time, stage 1"),
        "responded_stage_1": _("Responded to on time, stage 1"),
        "acknowledged_stage_2": _("Acknowledged on time, stage 2"),
        "responded_stage_2": _("Responded to on time, stage 2"),
    }
    return [
        [label, t["met"], t["missed"], percent(t["rate"])]
        for key, label in labels.items()
        for t in [report["timeliness"][key]]
    ]


def report_tables(report: dict) -> list[Table]:
    outcome_head = [str(label) for label in Outcome.labels]
    return [
        Table(
            caption=_("Volumes"),
            head=[_("Kind"), _("Number")],
            rows=[
                *[[str(FeedbackKind(k).label), n] for k, n in report["volumes"].items()],
                [_("Complaints that went to stage 2"), report["stage_2"]],
                [_("Complaints referred to the Ombudsman"), report["ombudsman"]],
            ],
        ),
        Table(
            caption=_("Timeliness against deadlines"),
            head=[_("Measure"), _("On time"), _("Late"), _("On time %")],
            rows=timeliness_rows(report),
        ),
        Table(
            caption=_("Outcomes of complaints by service"),
            head=[_("Service"), *outcome_head, _("Total")],
            rows=[
                [r["name"], *[r[o] for o in Outcome.values], r["total"]]
                for r in report["outcomes_by_service"]
            ],
        ),
        Table(
            caption=_("Outcomes of complaints by channel"),
            head=[_("Channel"), *outcome_head, _("Total")],
            rows=[
                [r["name"], *[r[o] for o in Outcome.values], r["total"]]
                for r in report["outcomes_by_channel"]
            ],
        ),
        Table(
            caption=_("Themes by service"),
            head=[_("Service"), _("Theme"), _("Number")],
            rows=[[r["name"], r["theme"], r["count"]] for r in report["themes_by_service"]],
        ),
        Table(
            caption=_("Themes by channel"),
            head=[_("Channel"), _("Theme"), _("Number")],
            rows=[[r["name"], r["theme"], r["count"]] for r in report["themes_by_channel"]],
        ),
        Table(
            caption=_("Learning actions"),
            head=[_("Status"), _("Number")],
            rows=[
                [_("Open"), report["learning_actions"]["open"]],
                [_("Of which past their due date"), report["learning_actions"]["overdue"]],
                [_("Closed"), report["learning_actions"]["closed"]],
            ],
        ),
    ]


def outcomes_chart(report: dict) -> Chart:
    return Chart(
        title=_("Outcomes of complaints"),
        labels=[str(label) for label in Outcome.labels],
        series=[
            {"name": _("Complaints"), "values": [report["outcomes"][o] for o in Outcome.values]}
        ],
    )


def timeliness_chart(report: dict) -> Chart:
    rows = timeliness_rows(report)
    return (
        Chart(
            title=_("Timeliness against deadlines (%)"),
            labels=[_("Ack. stage 1"), _("Resp. stage 1"), _("Ack. stage 2"), _("Resp. stage 2")],
            series=[
                {
                    "name": _("On time %"),
                    "values": [
                        None if t["rate"] is None else round(t["rate"] * 100, 1)
                        for t in report["timeliness"].values()
                    ],
                }
            ],
            unit="%",
        )
        if rows
        else None
    )


def govuk_table(table: Table) -> dict:
    return {
        "caption": table.caption,
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": str(h)} for h in table.head],
        "rows": [[{"text": "" if v is None else str(v)} for v in row] for row in table.rows],
    }


def report_charts(report: dict) -> list[dict]:
    """Each chart's SVG with the same figures as a table beneath it."""
    charts = []
    for chart in (outcomes_chart(report), timeliness_chart(report)):
        table = Table(
            caption=chart.title,
            head=[_("Measure"), *[s["name"] for s in chart.series]],
            rows=[
                [label, *["—" if s["values"][i] is None else s["values"][i] for s in chart.series]]
                for i, label in enumerate(chart.labels)
            ],
        )
        charts.append({"svg": render(chart), "table": govuk_table(table)})
    return charts
