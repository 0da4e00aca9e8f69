"""Daily rollups: every dashboard reads these, never the raw rows.

Each refresh deletes the days it covers and writes them again from the raw rows, in one
transaction, so running it twice gives the same rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate

from .models import (
    CallOutcome,
    CallRecord,
    DailyContactStats,
    DailyQueueStats,
    DailyRequestStats,
    IntervalRecord,
)

LONDON = ZoneInfo("Europe/London")


def _day_bounds(first: datetime.date, last: datetime.date):
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=LONDON)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=LONDON
    )
    return start, end


def queue_day_totals(*, queue_ids: Iterable[int], first: datetime.date, last: datetime.date):
    """{(queue_id, date): totals} from the raw rows: a queue's day comes from its interval
    totals where the phone system sent any for that day, else from its calls."""
    queue_ids = list(queue_ids)
    start, end = _day_bounds(first, last)
    intervals = (
        IntervalRecord.objects.filter(
            queue_id__in=queue_ids, interval_start__gte=start, interval_start__lt=end
        )
        .annotate(day=TruncDate("interval_start", tzinfo=LONDON))
        .values("queue_id", "day")
        .annotate(
            offered=Sum("offered"),
            answered=Sum("answered"),
            abandoned=Sum("abandoned"),
            answered_within_threshold=Sum("answered_within_threshold"),
            handle_seconds=Sum("handle_seconds"),
            wait_seconds=Sum("wait_seconds"),
            staffed_seconds=Sum("staffed_seconds"),
        )
    )
    totals = {(row["queue_id"], row["day"]): row for row in intervals}
    answered = Q(outcome=CallOutcome.ANSWERED)
    calls = (
        CallRecord.objects.filter(queue_id__in=queue_ids, offered_at__gte=start, offered_at__lt=end)
        .annotate(day=TruncDate("offered_at", tzinfo=LONDON))
        .values("queue_id", "day")
        .annotate(
            offered=Count("id"),
            answered=Count("id", filter=answered),
            abandoned=Count("id", filter=Q(outcome=CallOutcome.ABANDONED)),
            answered_within_threshold=Count(
                "id", filter=answered & Q(wait_seconds__lte=F("queue__service_level_seconds"))
            ),
            handle_seconds=Sum("handle_seconds"),
            wait_seconds=Sum("wait_seconds", filter=answered),
        )
    )
    for row in calls:
        key = (row["queue_id"], row["day"])
        if key not in totals:
            totals[key] = {**row, "staffed_seconds": None}
    return totals


@transaction.atomic
def queue_days_refresh(
    *, days: Iterable[tuple[int, datetime.date]], known: dict | None = None
) -> int:
    """Rebuild the daily telephony rollup for each (queue id, local date) given.

    known holds totals already counted, {(queue id, date): totals}: an import's own calls on
    days that held nothing before it, counted as they went in. Those days are written as
    given; every other day is counted again from the raw rows."""
    known = known or {}
    wanted = defaultdict(set)
    for queue_id, day in days:
        wanted[queue_id].add(day)
    if not wanted:
        return 0
    recount = [(q, d) for q, ds in wanted.items() for d in ds if (q, d) not in known]
    totals = dict(known)
    if recount:
        recount_days = [d for _, d in recount]
        totals.update(
            queue_day_totals(
                queue_ids={q for q, _ in recount},
                first=min(recount_days),
                last=max(recount_days),
            )
        )
    for queue_id, dates in wanted.items():
        DailyQueueStats.objects.filter(queue_id=queue_id, date__in=dates).delete()
    rows = [
        DailyQueueStats(
            queue_id=queue_id,
            date=day,
            offered=row["offered"] or 0,
            answered=row["answered"] or 0,
            abandoned=row["abandoned"] or 0,
            answered_within_threshold=row["answered_within_threshold"] or 0,
            handle_seconds=row["handle_seconds"] or 0,
            wait_seconds=row["wait_seconds"],
            staffed_seconds=row["staffed_seconds"],
        )
        for (queue_id, day), row in totals.items()
        if day in wanted.get(queue_id, ())
    ]
    DailyQueueStats.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def queue_all_refresh() -> int:
    """Rebuild the telephony rollup for every day any queue has rows."""
    days = set()
    for model, field in ((IntervalRecord, "interval_start"), (CallRecord, "offered_at")):
        days |= set(
            model.objects.annotate(day=TruncDate(field, tzinfo=LONDON))
            .values_list("queue_id", "day")
            .distinct()
        )
    return queue_days_refresh(days=days)


@transaction.atomic
def contact_days_refresh(*, first: datetime.date, last: datetime.date) -> int:
    """Rebuild the daily contacts rollup for the local dates first..last."""
    from apps.contacts.models import Contact

    start, end = _day_bounds(first, last)
    DailyContactStats.objects.filter(date__gte=first, date__lte=last).delete()
    groups = (
        Contact.objects.filter(started_at__gte=start, started_at__lt=end)
        .annotate(day=TruncDate("started_at", tzinfo=LONDON))
        .values("day", "team_id", "site_id", "channel", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [
        DailyContactStats(
            date=g["day"],
            team_id=g["team_id"],
            site_id=g["site_id"],
            channel=g["channel"],
            outcome=g["outcome"],
            contacts=g["n"],
        )
        for g in groups
    ]
    DailyContactStats.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def request_days_refresh(*, first: datetime.date, last: datetime.date) -> int:
    """Rebuild the daily rollup of service requests resolved on the local dates first..last
    (those with a due date; rejected ones are not measured)."""
    from apps.cases.models import ServiceRequest, Status

    start, end = _day_bounds(first, last)
    DailyRequestStats.objects.filter(date__gte=first, date__lte=last).delete()
    groups = (
        ServiceRequest.objects.filter(resolved_at__gte=start, resolved_at__lt=end)
        .exclude(sla_due__isnull=True)
        .exclude(status=Status.REJECTED)
        .annotate(day=TruncDate("resolved_at", tzinfo=LONDON))
        .values("day", "department_id")
        .annotate(n=Count("id"), met=Count("id", filter=Q(day__lte=F("sla_due"))))
        .order_by()
    )
    rows = [
        DailyRequestStats(
            date=g["day"],
            department_id=g["department_id"],
            resolved=g["n"],
            resolved_within_sla=g["met"],
        )
        for g in groups
    ]
    DailyRequestStats.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
