"""Operations' sections of committee and meeting reports: downtime, publications, security."""

from datetime import date

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.reporting import Chart, SectionContent, Table, section

from . import selectors


def _hours(value) -> float | None:
    return None if value is None else round(value, 1)


def _day(value) -> str:
    return date_format(value, "j F Y") if value else ""


@section("downtime", gettext_lazy("System downtime"), order=20)
def downtime(start: date, end: date) -> SectionContent:
    incidents = list(selectors.incidents_in_period(start=start, end=end).order_by("started_at"))
    figures = selectors.downtime_figures(start=start, end=end)
    causes = selectors.root_causes_ranked(start=start, end=end)
    open_recommendations = list(selectors.recommendations_open().order_by("due_on", "pk"))
    unplanned = [i for i in incidents if not i.planned]
    return SectionContent(
        paragraphs=[
            _(
                "%(count)s downtime incidents started in the period, %(unplanned)s of them "
                "unplanned, affecting %(contacts)s contacts that advisors flagged as "
                "“system unavailable”. Availability counts unplanned downtime only; planned "
                "maintenance is shown separately."
            )
            % {
                "count": len(incidents),
                "unplanned": len(unplanned),
                "contacts": sum(i.contacts_affected for i in incidents),
            },
            _("%(open)s recommendations of the independent IT review are still open.")
            % {"open": len(open_recommendations)},
        ],
        tables=[
            Table(
                caption=_("Downtime incidents"),
                head=[
                    _("System"),
                    _("What happened"),
                    _("Start"),
                    _("End"),
                    _("Planned"),
                    _("Contacts affected"),
                    _("Root cause"),
                ],
                rows=[
                    [
                        i.system.name,
                        i.summary,
                        date_format(localtime(i.started_at), "DATETIME_FORMAT"),
                        date_format(localtime(i.ended_at), "DATETIME_FORMAT")
                        if i.ended_at
                        else _("Still down"),
                        _("Yes") if i.planned else _("No"),
                        i.contacts_affected,
                        i.get_root_cause_display(),
                    ]
                    for i in incidents
                ],
            ),
            Table(
                caption=_("Availability by system"),
                head=[
                    _("System"),
                    _("Availability (%)"),
                    _("Unplanned incidents"),
                    _("Mean time to restore (hours)"),
                    _("Mean time between failures (hours)"),
                    _("Planned downtime (hours)"),
                ],
                rows=[
                    [
                        r["system"].name,
                        None if r["availability"] is None else round(r["availability"], 2),
                        r["unplanned_incidents"],
                        _hours(r["mttr_hours"]),
                        _hours(r["mtbf_hours"]),
                        _hours(r["planned_hours"]),
                    ]
                    for r in figures
                ],
            ),
            Table(
                caption=_("Root causes, most frequent first"),
                head=[_("Root cause"), _("Incidents"), _("Hours")],
                rows=[[c["root_cause"], c["incidents"], _hours(c["hours"])] for c in causes],
            ),
            Table(
                caption=_("IT review recommendations still open"),
                head=[
                    _("Review"),
                    _("No."),
                    _("Recommendation"),
                    _("Owner"),
                    _("Due"),
                    _("Status"),
                ],
                rows=[
                    [
                        r.review.title,
                        r.number,
                        r.text,
                        r.owner,
                        _day(r.due_on),
                        r.get_status_display(),
                    ]
                    for r in open_recommendations
                ],
            ),
        ],
        charts=[
            Chart(
                title=_("Availability by system"),
                labels=[r["system"].name for r in figures],
                series=[
                    {
                        "name": _("Availability (%)"),
                        "values": [round(r["availability"] or 0, 2) for r in figures],
                    }
                ],
                unit="%",
            )
        ]
        if figures
        else [],
    )


@section(
    "publications",
    gettext_lazy("Publications"),
    order=70,
    meetings={"working_group", "scrutiny"},
)
def publications(start: date, end: date) -> SectionContent:
    due = list(selectors.reviews_due(today=end))
    holding = selectors.sites_holding_obsolete_stock()
    return SectionContent(
        paragraphs=[
            _(
                "%(due)s leaflets and posters are due for review; %(sites)s distribution "
                "points still hold printed stock of withdrawn versions."
            )
            % {"due": len(due), "sites": len(holding)}
        ],
        tables=[
            Table(
                caption=_("Publications due for review"),
                head=[_("Title"), _("Version"), _("Date of issue"), _("Review date")],
                rows=[
                    [v.publication.title, v.number, _day(v.issued_on), _day(v.review_on)]
                    for v in due
                ],
            ),
            Table(
                caption=_("Sites holding obsolete stock"),
                head=[_("Site"), _("Withdrawn versions held")],
                rows=[
                    [row["site"].name, "; ".join(str(v) for v in row["versions"])]
                    for row in holding
                ],
            ),
        ],
    )


@section(
    "security",
    gettext_lazy("Security at customer service centres"),
    order=75,
    meetings={"working_group", "scrutiny"},
)
def security(start: date, end: date) -> SectionContent:
    rates = selectors.incident_rates(start=start, end=end)
    assessments = list(selectors.assessments(start=start, end=end))
    return SectionContent(
        paragraphs=[
            _(
                "%(incidents)s security incidents were recorded at centres in the period, "
                "against %(visitors)s visitors."
            )
            % {
                "incidents": sum(r["incidents"] for r in rates),
                "visitors": f"{sum(r['visitors'] for r in rates):,}",
            }
        ],
        tables=[
            Table(
                caption=_("Incidents per thousand visitors"),
                head=[_("Centre"), _("Incidents"), _("Visitors"), _("Per thousand visitors")],
                rows=[
                    [
                        r["site"].name,
                        r["incidents"],
                        r["visitors"],
                        None if r["per_thousand"] is None else float(r["per_thousand"]),
                    ]
                    for r in rates
                ],
            ),
            Table(
                caption=_("Security need assessments"),
                head=[
                    _("Centre"),
                    _("Period"),
                    _("Per thousand visitors"),
                    _("Risk"),
                    _("Security staff needed"),
                    _("Decision"),
                    _("Date of decision"),
                ],
                rows=[
                    [
                        a.site.name,
                        f"{_day(a.period_start)} to {_day(a.period_end)}",
                        None
                        if a.incidents_per_thousand is None
                        else float(a.incidents_per_thousand),
                        a.get_risk_display(),
                        _("Yes") if a.security_staff_needed else _("No"),
                        a.decision,
                        _day(a.decided_on),
                    ]
                    for a in assessments
                ],
            ),
        ],
        charts=[
            Chart(
                title=_("Incidents per thousand visitors"),
                labels=[r["site"].name for r in rates],
                series=[
                    {
                        "name": _("Per thousand visitors"),
                        "values": [float(r["per_thousand"] or 0) for r in rates],
                    }
                ],
            )
        ]
        if rates
        else [],
    )
