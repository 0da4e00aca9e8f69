"""The savings section of the committee reports: the latest saved scenario, year by year."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from apps.core.reporting import Chart, SectionContent, Table, section

from . import selectors


@section(
    "savings",
    _("Savings scenarios and the phones"),
    order=50,
    meetings={"scrutiny", "working_group"},
)
def savings(start: date, end: date) -> SectionContent:
    """The latest saved scenario's result for each year and whether the targets would hold."""
    scenario = selectors.latest_savings_scenario()
    if scenario is None:
        return SectionContent(paragraphs=["No savings scenario has been saved yet."])
    results, conclusion = selectors.scenario_results(scenario)
    paragraphs = [f"Scenario: {scenario.name}.", conclusion, *(r.statement for r in results[1:])]
    if scenario.description:
        paragraphs.insert(1, scenario.description)
    rows = [
        [
            r.label,
            round(r.calls),
            round(r.fte, 1),
            round(r.fte_needed, 1),
            round(r.service_level * 100, 1),
            None if r.asa_seconds == float("inf") else round(r.asa_seconds),
            round(r.abandonment * 100, 1),
            "Yes" if r.holds else "No",
        ]
        for r in results
    ]
    table = Table(
        caption=f"{scenario.name}: year by year",
        head=[
            "Year",
            "Calls",
            "Advisor posts (FTE)",
            "Posts needed (FTE)",
            "Service level (%)",
            "Average answer time (seconds)",
            "Abandoned calls (%)",
            "Targets hold",
        ],
        rows=rows,
    )
    chart = Chart(
        title="Service level by year (%)",
        labels=[r.label for r in results],
        series=[
            {"name": "Service level", "values": [round(r.service_level * 100, 1) for r in results]},
            {
                "name": "Target",
                "values": [float(scenario.target_service_level_percent)] * len(results),
            },
        ],
        unit="%",
    )
    return SectionContent(paragraphs=paragraphs, tables=[table], charts=[chart])
