"""Reads for performance: interval volumes (the staffing forecast's history), period totals
and dashboards (from the daily rollups only), targets and the other apps' figures."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.apps import apps as django_apps
from django.db.models import Q, Sum

from . import kpis
from .models import (
    CallOutcome,
    CallRecord,
    DailyContactStats,
    DailyQueueStats,
    DailyRequestStats,
    IntervalRecord,
    Queue,
    Target,
)

LONDON = ZoneInfo("Europe/London")
BUCKET_MINUTES = 15


def queue_names() -> list[str]:
    """Every queue's name, in alphabetical order."""
    return list(Queue.objects.order_by("name").values_list("name", flat=True))


def interval_volumes(*, queue: str | None, start: datetime.datetime, end: datetime.datetime):
    """Volumes per interval from start (inclusive) to end (exclusive), oldest first.

    Interval totals are used as the phone system sent them (15 or 30 minutes). A queue's day
    with no interval totals but with call rows is built from its calls, bucketed to 15
    minutes by the time each call was offered. With queue None the queues are summed.
    """
    intervals = IntervalRecord.objects.filter(interval_start__gte=start, interval_start__lt=end)
    calls = CallRecord.objects.filter(offered_at__gte=start, offered_at__lt=end)
    if queue is not None:
        intervals = intervals.filter(queue__name=queue)
        calls = calls.filter(queue__name=queue)
    buckets: dict[tuple, dict] = {}

    def bucket(when, minutes):
        key = (when, minutes)
        if key not in buckets:
            buckets[key] = {
                "interval_start": when,
                "interval_minutes": minutes,
                "offered": 0,
                "answered": 0,
                "abandoned": 0,
                "answered_within_threshold": 0,
                "handle_seconds": 0,
            }
        return buckets[key]

    covered = set()
    for row in intervals.values(
        "queue_id",
        "interval_start",
        "interval_minutes",
        "offered",
        "answered",
        "abandoned",
        "answered_within_threshold",
        "handle_seconds",
    ):
        covered.add((row["queue_id"], row["interval_start"].astimezone(LONDON).date()))
        b = bucket(row["interval_start"], row["interval_minutes"])
        for name in ("offered", "answered", "abandoned", "answered_within_threshold"):
            b[name] += row[name]
        b["handle_seconds"] += row["handle_seconds"]
    thresholds = dict(Queue.objects.values_list("id", "service_level_seconds"))
    for queue_id, offered_at, outcome, wait, handle in calls.values_list(
        "queue_id", "offered_at", "outcome", "wait_seconds", "handle_seconds"
    ).iterator(chunk_size=5000):
        local = offered_at.astimezone(LONDON)
        if (queue_id, local.date()) in covered:
            continue
        floored = local.replace(
            minute=local.minute - local.minute % BUCKET_MINUTES, second=0, microsecond=0
        )
        b = bucket(floored.astimezone(datetime.UTC), BUCKET_MINUTES)
        b["offered"] += 1
        if outcome == CallOutcome.ANSWERED:
            b["answered"] += 1
            b["handle_seconds"] += handle or 0
            if wait is not None and wait <= thresholds.get(queue_id, 20):
                b["answered_within_threshold"] += 1
        elif outcome == CallOutcome.ABANDONED:
            b["abandoned"] += 1
    rows = sorted(buckets.values(), key=lambda r: r["interval_start"])
    for row in rows:
        row["interval_start"] = row["interval_start"].astimezone(LONDON)
    return rows


# --------------------------------------------------------------------------- scope


@dataclass(frozen=True)
class Scope:
    """Whose figures: the whole service, one team or one site."""

    team: object = None
    site: object = None

    @property
    def kind(self) -> str:
        return "team" if self.team else "site" if self.site else "service"

    @property
    def name(self) -> str:
        return str(self.team or self.site or "")

    def queue_filter(self) -> Q:
        if self.team:
            return Q(queue__team=self.team)
        if self.site:
            return Q(queue__site=self.site)
        return Q()

    def contact_filter(self) -> Q:
        if self.team:
            return Q(team=self.team)
        if self.site:
            return Q(site=self.site)
        return Q()


# --------------------------------------------------------------------------- other apps


def satisfaction_percent(*, date_from: datetime.date, date_to: datetime.date) -> float | None:
    """Share of satisfied survey responses from apps.surveys, or None while it offers none."""
    if not django_apps.is_installed("apps.surveys"):
        return None
    try:
        from apps.surveys import selectors as survey_selectors
    except ImportError:
        return None
    reader = getattr(survey_selectors, "satisfaction_percent", None)
    if reader is None:
        return None
    try:
        return reader(date_from=date_from, date_to=date_to)
    except (TypeError, LookupError, ValueError):
        return None


def complaints_timeliness_percent(
    *, date_from: datetime.date, date_to: datetime.date
) -> float | None:
    """Share of complaints answered on time from apps.cases, or None while it offers none."""
    try:
        from apps.cases import selectors as case_selectors
    except ImportError:
        return None
    reader = getattr(case_selectors, "complaints_timeliness_percent", None)
    if reader is None:
        return None
    try:
        return reader(date_from=date_from, date_to=date_to)
    except (TypeError, LookupError, ValueError):
        return None


# --------------------------------------------------------------------------- totals


def period_totals(*, scope: Scope, date_from: datetime.date, date_to: datetime.date) -> dict:
    """Totals for the local dates date_from..date_to, from the daily rollups only."""
    days = Q(date__gte=date_from, date__lte=date_to)
    # Aggregate names must not be field names: a later aggregate's filter names the field.
    phones = DailyQueueStats.objects.filter(days, scope.queue_filter()).aggregate(
        t_offered=Sum("offered"),
        t_answered=Sum("answered"),
        t_abandoned=Sum("abandoned"),
        t_answered_within_threshold=Sum("answered_within_threshold"),
        t_handle_seconds=Sum("handle_seconds"),
        t_wait_seconds=Sum("wait_seconds"),
        t_answered_with_wait=Sum("answered", filter=Q(wait_seconds__isnull=False)),
        t_staffed_seconds=Sum("staffed_seconds"),
        t_handle_seconds_staffed=Sum("handle_seconds", filter=Q(staffed_seconds__isnull=False)),
    )
    contacts = DailyContactStats.objects.filter(days, scope.contact_filter()).aggregate(
        t_contacts=Sum("contacts"),
        t_resolved=Sum("contacts", filter=Q(outcome="resolved")),
        t_referred=Sum("contacts", filter=Q(outcome="referred")),
        t_referred_outside=Sum("contacts", filter=Q(outcome="referred_outside")),
    )
    totals = {k[2:]: v or 0 for k, v in {**phones, **contacts}.items()}
    totals["wait_seconds"] = phones["t_wait_seconds"]
    if scope.kind == "service":
        requests = DailyRequestStats.objects.filter(days).aggregate(
            requests_resolved=Sum("resolved"), requests_met=Sum("resolved_within_sla")
        )
        totals.update({k: v or 0 for k, v in requests.items()})
        totals["satisfaction"] = satisfaction_percent(date_from=date_from, date_to=date_to)
        totals["complaints_timeliness"] = complaints_timeliness_percent(
            date_from=date_from, date_to=date_to
        )
    else:
        totals.update(requests_resolved=0, requests_met=0)
    return totals


def targets_for(*, date_from: datetime.date, date_to: datetime.date) -> dict[str, Target]:
    """The target for each KPI whose period covers the start of the given period."""
    found = {}
    for target in Target.objects.filter(
        period_start__lte=date_from, period_end__gte=date_from
    ).order_by("kpi", "-period_start"):
        found.setdefault(target.kpi, target)
    return found


def shift_year(day: datetime.date, years: int = -1) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def dashboard(*, scope: Scope, date_from: datetime.date, date_to: datetime.date) -> dict:
    """A dashboard's figures: KPIs for the period, the previous period of the same length and
    the same period last year, against targets; daily calls; contacts by channel and site."""
    length = (date_to - date_from).days + 1
    previous = (date_from - datetime.timedelta(days=length), date_from - datetime.timedelta(days=1))
    last_year = (shift_year(date_from), shift_year(date_to))
    now = kpis.compute(period_totals(scope=scope, date_from=date_from, date_to=date_to))
    before = kpis.compute(period_totals(scope=scope, date_from=previous[0], date_to=previous[1]))
    year_ago = kpis.compute(
        period_totals(scope=scope, date_from=last_year[0], date_to=last_year[1])
    )
    targets = targets_for(date_from=date_from, date_to=date_to)
    rows = []
    for kpi in kpis.KPIS:
        if scope.kind != "service" and kpi.key in (
            "request_sla",
            "satisfaction",
            "complaints_timeliness",
        ):
            continue
        target = targets.get(kpi.key)
        rows.append(
            {
                "kpi": kpi,
                "value": now[kpi.key],
                "previous": before[kpi.key],
                "last_year": year_ago[kpi.key],
                "target": target.value if target else None,
                "rag": kpis.rag(kpi, now[kpi.key], target),
            }
        )
    daily = defaultdict(lambda: {"offered": 0, "answered": 0, "abandoned": 0, "within": 0})
    for row in (
        DailyQueueStats.objects.filter(scope.queue_filter(), date__gte=date_from, date__lte=date_to)
        .values("date")
        .annotate(
            offered=Sum("offered"),
            answered=Sum("answered"),
            abandoned=Sum("abandoned"),
            within=Sum("answered_within_threshold"),
        )
        .order_by("date")
    ):
        daily[row["date"]] = row
    by_channel = list(
        DailyContactStats.objects.filter(
            scope.contact_filter(), date__gte=date_from, date__lte=date_to
        )
        .values("channel")
        .annotate(contacts=Sum("contacts"))
        .order_by("-contacts")
    )
    by_site = list(
        DailyContactStats.objects.filter(
            scope.contact_filter(), date__gte=date_from, date__lte=date_to
        )
        .values("site__name")
        .annotate(contacts=Sum("contacts"))
        .order_by("-contacts")
    )
    return {
        "rows": rows,
        "previous": previous,
        "last_year": last_year,
        "daily": [dict(v, date=k) for k, v in sorted(daily.items())],
        "by_channel": by_channel,
        "by_site": by_site,
    }
