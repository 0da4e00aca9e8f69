"""Every non-trivial read in mystery shopping: results by programme, site, channel and CSE
criterion, the monthly trend, and the lists behind the staff pages."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Case, Count, F, IntegerField, Q, Sum, When
from django.db.models.functions import TruncMonth

from .models import (
    Answer,
    Channel,
    CSECriterion,
    FollowUpAction,
    Programme,
    Scenario,
    Shopper,
    Visit,
)

DIMENSIONS = {
    "programme": ("programme__name", "programme_id"),
    "site": ("site__name", "site_id"),
    "channel": ("channel", "channel"),
}


@dataclass(frozen=True)
class ResultRow:
    label: str
    visits: int
    score: float | None


def submitted_visits(*, programme=None, start=None, end=None, site=None, channel=None):
    """Submitted visits, filtered by programme, period (date of the visit), site and channel."""
    visits = Visit.objects.filter(status=Visit.Status.SUBMITTED)
    if programme is not None:
        visits = visits.filter(programme=programme)
    if start is not None:
        visits = visits.filter(visited_on__gte=start)
    if end is not None:
        visits = visits.filter(visited_on__lte=end)
    if site is not None:
        visits = visits.filter(site=site)
    if channel:
        visits = visits.filter(channel=channel)
    return visits


def results_by(dimension: str, **filters) -> list[ResultRow]:
    """Mean visit score and number of visits for each programme, site or channel."""
    label_field, key = DIMENSIONS[dimension]
    rows = (
        submitted_visits(**filters)
        .values(label_field)
        .annotate(visits=Count("pk"), score=Avg("score"))
        .order_by(label_field)
    )
    labels = dict(Channel.choices) if dimension == "channel" else {}
    result = []
    for row in rows:
        raw = row[label_field]
        label = labels.get(raw, raw) if raw is not None else "No site (remote channel)"
        score = None if row["score"] is None else round(float(row["score"]), 1)
        result.append(ResultRow(str(label), row["visits"], score))
    return result


def results_by_criterion(**filters) -> list[ResultRow]:
    """For each CSE criterion, the weighted share of checklist items met, weakest first."""
    rows = (
        Answer.objects.filter(visit__in=submitted_visits(**filters))
        .values("criterion__cse_criterion")
        .annotate(
            visits=Count("visit", distinct=True),
            weight=Sum("criterion__weight"),
            met_weight=Sum(
                Case(
                    When(met=True, then=F("criterion__weight")),
                    default=0,
                    output_field=IntegerField(),
                )
            ),
        )
    )
    labels = dict(CSECriterion.choices)
    result = [
        ResultRow(
            str(labels[row["criterion__cse_criterion"]]),
            row["visits"],
            round(100 * row["met_weight"] / row["weight"], 1) if row["weight"] else None,
        )
        for row in rows
    ]
    return sorted(result, key=lambda r: (r.score if r.score is not None else 101, r.label))


def monthly_trend(**filters) -> list[ResultRow]:
    """Mean visit score by month of the visit, oldest first."""
    rows = (
        submitted_visits(**filters)
        .annotate(month=TruncMonth("visited_on"))
        .values("month")
        .annotate(visits=Count("pk"), score=Avg("score"))
        .order_by("month")
    )
    return [
        ResultRow(
            _month_label(row["month"]),
            row["visits"],
            None if row["score"] is None else round(float(row["score"]), 1),
        )
        for row in rows
    ]


def _month_label(month) -> str:
    if isinstance(month, datetime.datetime):
        month = month.date()
    return month.strftime("%B %Y") if month else ""


def open_actions(*, end: datetime.date | None = None):
    """Follow-up actions not yet done, soonest due first."""
    actions = FollowUpAction.objects.filter(status=FollowUpAction.Status.OPEN)
    if end is not None:
        actions = actions.filter(visit__visited_on__lte=end)
    return actions.select_related("owner", "visit__scenario").order_by("due_on", "pk")


def visit_list(*, programme=None, status=None, channel=None, site=None):
    """Visits for the staff list, with what the table shows fetched up front."""
    visits = Visit.objects.select_related("programme", "scenario", "shopper", "site", "team")
    if programme is not None:
        visits = visits.filter(programme=programme)
    if status:
        visits = visits.filter(status=status)
    if channel:
        visits = visits.filter(channel=channel)
    if site is not None:
        visits = visits.filter(site=site)
    return visits.order_by("day", "pk")


def programme_list(**_filters):
    return Programme.objects.annotate(
        visit_count=Count("visits"),
        submitted=Count("visits", filter=Q(visits__status=Visit.Status.SUBMITTED)),
    ).order_by("-start", "name")


def shopper_list(*, kind=None):
    """The shopper panel, with how many visits each has been given."""
    shoppers = Shopper.objects.select_related("department").annotate(visit_count=Count("visits"))
    if kind:
        shoppers = shoppers.filter(kind=kind)
    return shoppers.order_by("name", "pk")


def programme_scenarios(programme: Programme):
    """A programme's scenarios with their service, checklist and how many visits each has."""
    return (
        Scenario.objects.filter(programme=programme)
        .select_related("service")
        .prefetch_related("criteria")
        .annotate(visit_count=Count("visits"))
        .order_by("channel", "title", "pk")
    )


def scenario_detail(pk: int) -> Scenario:
    """One scenario with its programme, service and how many visits it has; raises
    Scenario.DoesNotExist."""
    return (
        Scenario.objects.select_related("programme", "service")
        .annotate(visit_count=Count("visits"))
        .get(pk=pk)
    )
