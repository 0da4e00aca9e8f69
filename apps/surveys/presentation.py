"""How survey figures are shown: GOV.UK table parameters, charts and the review's context.

The page and the PDF use the same tables and charts, so the committee reads what the
quality lead saw.
"""

import datetime

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from apps.core.charts import render as render_chart
from apps.core.reporting import Chart

from .selectors import Cell


def link(href: str, text) -> str:
    return format_html('<a class="govuk-link" href="{}">{}</a>', href, text)


def evidence_link(url: str) -> str:
    if not url:
        return ""
    if url.startswith("/") or url.startswith("https://"):
        return link(url, _("Evidence"))
    return format_html("{}", url)


def answer_text(answer) -> str:
    if answer.rating is not None:
        return f"{answer.rating} / 5"
    if answer.yes_no is not None:
        return _("Yes") if answer.yes_no else _("No")
    return answer.choice or answer.text


def pct(value) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def interval_pct(interval) -> str:
    if interval is None:
        return ""
    low, high = (interval.low, interval.high) if hasattr(interval, "low") else interval
    return f"{low * 100:.0f}% to {high * 100:.0f}%"


def interval_num(interval) -> str:
    if interval is None:
        return ""
    low, high = (interval.low, interval.high) if hasattr(interval, "low") else interval
    return f"{low:.2f} to {high:.2f}"


def num(value, places=2) -> str:
    return "" if value is None else f"{value:.{places}f}"


def _n(value) -> dict:
    return {"text": str(value), "format": "numeric"}


def results_table(cells: list[Cell], dimension: str) -> dict:
    head = [
        {"text": str(dimension)},
        {"text": _("Responses"), "format": "numeric"},
        {"text": _("Mean score (1 to 5)"), "format": "numeric"},
        {"text": _("95% interval for the mean")},
        {"text": _("Satisfied (4 or 5)"), "format": "numeric"},
        {"text": _("95% interval (Wilson)")},
        {"text": _("Scores 1 / 2 / 3 / 4 / 5")},
        {"text": _("Response rate"), "format": "numeric"},
    ]
    rows = []
    for cell in cells:
        if cell.suppressed:
            rows.append(
                [
                    {"text": cell.label},
                    _n(cell.responses),
                    {
                        "text": _("Too few responses to show"),
                        "colspan": 6,
                        "classes": "govuk-hint govuk-!-margin-bottom-0",
                    },
                ]
            )
            continue
        rate = (
            f"{pct(cell.response_rate)} ({cell.answered} of {cell.invited})"
            if cell.invited
            else _("No invitations")
        )
        rows.append(
            [
                {"text": cell.label},
                _n(cell.responses),
                _n(num(cell.mean)),
                {"text": interval_num(cell.mean_interval)},
                _n(pct(cell.share_satisfied)),
                {"text": interval_pct(cell.share_interval)},
                {"text": " / ".join(str(c) for c in cell.distribution)},
                {"text": rate, "format": "numeric"},
            ]
        )
    return {
        "caption": _("Satisfaction by %(d)s") % {"d": str(dimension).lower()},
        "captionClasses": "govuk-table__caption--m",
        "head": head,
        "rows": rows,
    }


def results_chart(cells: list[Cell]):
    shown = [c for c in cells if not c.suppressed]
    if not shown:
        return None
    return render_chart(
        Chart(
            title=_("Share satisfied (4 or 5), per cent"),
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


def review_list_table(reviews) -> dict:
    rows = [
        [
            {"html": link(reverse("surveys:review", args=[r.pk]), r.title)},
            {"text": f"{r.period_start:%-d %B %Y} to {r.period_end:%-d %B %Y}"},
            {"text": r.get_recommendation_display() or _("Not yet decided")},
        ]
        for r in reviews
    ]
    return {
        "caption": _("Value reviews"),
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": _("Review")}, {"text": _("Period")}, {"text": _("Recommendation")}],
        "rows": rows,
    }


def _p(value) -> str:
    if value is None:
        return _("not computable")
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def review_context(review) -> dict:
    """Tables, charts and text of a value review, from the figures kept when it was built."""
    f = review.figures
    advisor, independent = f["advisor"], f["independent"]
    comparison, time, actions = f["comparison"], f["time"], f["actions"]
    modes = [advisor, independent]
    no_denominator = {
        "advisor": _("No contacts were logged in the period"),
        "independent": _("No invitations were sent in the period"),
    }
    rate_label = {
        "advisor": _("of contacts handled"),
        "independent": _("of invitations sent"),
    }
    comparison_rows = [
        [_("Responses")] + [str(m["responses"]) for m in modes] + [""],
        [_("Response rate")]
        + [
            f"{pct(m['response_rate'])} {rate_label[m['mode']]} "
            f"({m['responses']} of {m['denominator']})"
            if m["denominator"]
            else no_denominator[m["mode"]]
            for m in modes
        ]
        + [""],
        [_("95% interval for the response rate")]
        + [interval_pct(m["response_rate_ci"]) for m in modes]
        + [""],
        [_("Mean satisfaction (1 to 5)")]
        + [num(m["mean"]) for m in modes]
        + [
            _("difference %(d)s; Mann-Whitney U p = %(p)s; Welch t p = %(w)s")
            % {
                "d": num(comparison["mean_difference"]),
                "p": _p(comparison["mann_whitney_p"]),
                "w": _p(comparison["welch_p"]),
            }
        ],
        [_("95% interval for the mean")] + [interval_num(m["mean_ci"]) for m in modes] + [""],
        [_("Satisfied (4 or 5)")]
        + [pct(m["share_satisfied"]) for m in modes]
        + [
            _("difference %(d)s points; two-proportion z test p = %(p)s")
            % {
                "d": num((comparison["share_difference"] or 0) * 100, 1),
                "p": _p(comparison["share_p"]),
            }
        ],
        [_("95% interval (Wilson)")]
        + [interval_pct(m["share_satisfied_ci"]) for m in modes]
        + [""],
        [_("Query resolved")] + [pct(m["share_resolved"]) for m in modes] + [""],
    ]
    comparison_table = {
        "caption": _("Advisor-administered and independent surveys compared"),
        "head": [_("Measure"), advisor["label"], independent["label"], _("Difference")],
        "rows": comparison_rows,
    }
    distribution_table = {
        "caption": _("How residents scored their satisfaction"),
        "head": [_("Score")] + [m["label"] for m in modes],
        "rows": [
            [str(score)] + [str(m["distribution"][score - 1]) for m in modes]
            for score in range(1, 6)
        ],
    }
    cost_table = {
        "caption": _("Advisor time spent asking"),
        "head": [_("Measure"), _("Figure")],
        "rows": [
            [_("Advisor-administered surveys timed"), str(time["responses_timed"])],
            [_("Total minutes"), f"{time['minutes']:.0f}"],
            [_("Average minutes per survey"), num(time["average_minutes"], 1)],
            [_("Cost per hour"), f"£{time['hourly_rate']:.2f}"],
            [_("Cost of advisor time"), f"£{time['cost']:,.2f}"],
        ],
    }
    action_table = {
        "caption": _("Actions taken because of survey results"),
        "head": [_("Date"), _("Found"), _("Action"), _("Owner"), _("Status"), _("Evidence")],
        "rows": [
            [datetime.date.fromisoformat(row[0]).strftime("%-d %B %Y"), *row[1:]]
            for row in actions["rows"]
        ],
    }
    chart = Chart(
        title=_("Share of residents scoring each level, per cent"),
        labels=["1", "2", "3", "4", "5"],
        series=[
            {
                "name": m["label"],
                "values": [
                    round(100 * c / m["scored"], 1) if m["scored"] else 0 for c in m["distribution"]
                ],
            }
            for m in modes
        ],
        unit="%",
    )
    chart_table = {
        "caption": _("Share of residents scoring each level, per cent"),
        "head": [_("Score")] + [s["name"] for s in chart.series],
        "rows": [
            [label] + [f"{s['values'][i]:.1f}%" for s in chart.series]
            for i, label in enumerate(chart.labels)
        ],
    }
    start = datetime.date.fromisoformat(f["start"])
    end = datetime.date.fromisoformat(f["end"])
    return {
        "review": review,
        "period": f"{start:%-d %B %Y} to {end:%-d %B %Y}",
        "suggestion": dict(review.Recommendation.choices).get(f["suggestion"], ""),
        "reasons": f["reasons"],
        "minimum": f["minimum"],
        "chart_svg": render_chart(chart),
        "tables": [comparison_table, distribution_table, chart_table, cost_table, action_table],
        "page_tables": [
            govuk_table(t)
            for t in (comparison_table, distribution_table, chart_table, cost_table, action_table)
        ],
        "comparison_table": comparison_table,
        "distribution_table": distribution_table,
        "chart_table": chart_table,
        "cost_table": cost_table,
        "action_table": action_table,
    }


def govuk_table(table: dict) -> dict:
    """A plain {caption, head, rows} table as GOV.UK table parameters."""
    return {
        "caption": table["caption"],
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": str(h)} for h in table["head"]],
        "rows": [[{"text": str(c)} for c in row] for row in table["rows"]],
    }
