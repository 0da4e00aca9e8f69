"""Demo telephony: a few months of interval totals and some call rows for the demo queues,
targets for the year, and every rollup built."""

import datetime
import math
from zoneinfo import ZoneInfo

from django.utils import timezone

from apps.accounts.models import Team

from . import rollups
from .models import CallOutcome, CallRecord, IntervalRecord, Queue, Target

LONDON = ZoneInfo("Europe/London")
QUEUES = [
    ("Council tax", "Phones team A", 1.0),
    ("Waste and recycling", "Phones team A", 0.8),
    ("Housing repairs", "Phones team B", 0.6),
    ("Switchboard", "Phones team B", 0.4),
]
TARGETS = {
    "service_level": (80.0, 5.0),
    "abandoned_rate": (5.0, 2.0),
    "asa": (30.0, 10.0),
    "fcr_rate": (70.0, 5.0),
    "out_of_process_rate": (5.0, 2.0),
    "request_sla": (90.0, 5.0),
    "occupancy": (80.0, 5.0),
}
DAYS_OF_INTERVALS = 100
DAYS_OF_CALLS = 3


def seed(rng, *, scale: int = 1) -> int:
    today = timezone.localdate()
    queues = []
    for name, team_name, weight in QUEUES:
        team = Team.objects.filter(name=team_name).select_related("site").first()
        queue, _ = Queue.objects.get_or_create(
            name=name, defaults={"team": team, "site": team.site if team else None}
        )
        queues.append((queue, weight))
    intervals, calls = [], []
    for back in range(DAYS_OF_INTERVALS, 0, -1):
        day = today - datetime.timedelta(days=back)
        if day.weekday() >= 5:
            continue
        by_calls = back <= DAYS_OF_CALLS
        for queue, weight in queues:
            for slot in range(8 * 4, 18 * 4):  # 08:00 to 18:00
                start = datetime.datetime.combine(
                    day, datetime.time(slot // 4, 15 * (slot % 4)), tzinfo=LONDON
                )
                # Busy mid-morning, Mondays busier.
                shape = 0.6 + 0.6 * math.exp(-(((slot / 4) - 10.5) ** 2) / 6)
                mean = 14 * weight * shape * scale * (1.3 if day.weekday() == 0 else 1.0)
                offered = max(0, int(rng.gauss(mean, math.sqrt(mean + 1))))
                abandoned = min(offered, int(offered * rng.uniform(0.01, 0.09)))
                answered = offered - abandoned
                within = int(answered * rng.uniform(0.7, 0.95))
                if by_calls:
                    for n in range(offered):
                        offered_at = start + datetime.timedelta(seconds=rng.randint(0, 899))
                        is_answered = n < answered
                        wait = rng.randint(2, 15) if n < within else rng.randint(21, 240)
                        answered_at = (
                            offered_at + datetime.timedelta(seconds=wait) if is_answered else None
                        )
                        ended = (
                            answered_at + datetime.timedelta(seconds=rng.randint(90, 600))
                            if is_answered
                            else offered_at + datetime.timedelta(seconds=rng.randint(5, 120))
                        )
                        calls.append(
                            CallRecord(
                                source_system="demo",
                                call_id=f"{queue.pk}-{offered_at:%Y%m%d%H%M}-{n}",
                                queue=queue,
                                offered_at=offered_at,
                                answered_at=answered_at,
                                ended_at=ended,
                                agent=f"agent{rng.randint(1, 30):02d}" if is_answered else "",
                                outcome=CallOutcome.ANSWERED
                                if is_answered
                                else CallOutcome.ABANDONED,
                                wait_seconds=wait if is_answered else None,
                                handle_seconds=int((ended - answered_at).total_seconds())
                                if is_answered
                                else 0,
                            )
                        )
                    continue
                handle = answered * rng.randint(180, 330)
                intervals.append(
                    IntervalRecord(
                        source_system="demo",
                        queue=queue,
                        interval_start=start,
                        interval_minutes=15,
                        offered=offered,
                        answered=answered,
                        abandoned=abandoned,
                        answered_within_threshold=within,
                        handle_seconds=handle,
                        wait_seconds=answered * rng.randint(8, 40),
                        staffed_seconds=max(handle, int(handle / rng.uniform(0.7, 0.9))),
                    )
                )
    IntervalRecord.objects.bulk_create(intervals, batch_size=2000, ignore_conflicts=True)
    CallRecord.objects.bulk_create(calls, batch_size=2000, ignore_conflicts=True)
    year_start = today.replace(month=1, day=1)
    for start in (year_start.replace(year=year_start.year - 1), year_start):
        for kpi, (value, margin) in TARGETS.items():
            Target.objects.get_or_create(
                kpi=kpi,
                period_start=start,
                defaults={
                    "period_end": start.replace(month=12, day=31),
                    "value": value,
                    "amber_margin": margin,
                },
            )
    first = today - datetime.timedelta(days=DAYS_OF_INTERVALS + 31)
    rollups.contact_days_refresh(first=first, last=today)
    rollups.request_days_refresh(first=first, last=today)
    rollups.queue_all_refresh()
    return len(intervals) + len(calls)
