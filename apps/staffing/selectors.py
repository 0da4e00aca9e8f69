"""Reads for the staffing pages: the week's forecast against the roster, and the scenarios."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from . import erlang
from .forecast import LONDON, PROFILE, Forecast, forecast
from .models import RosterShift, SavingsScenario
from .scenarios import Inputs, evaluate

SERVICE_LEVEL = "service_level"
ASA = "asa"
HISTORY_WEEKS_FOR_HOLT_WINTERS = 8


def call_history(*, queue: str | None, start: datetime.datetime, end: datetime.datetime):
    """Interval call history from the telephony imports, or None when that part of
    firstpoint is not there (a fresh install before performance is set up)."""
    try:
        from apps.performance.selectors import interval_volumes
    except ImportError:
        return None
    return list(interval_volumes(queue=queue or None, start=start, end=end))


def queue_names() -> list[str]:
    """The telephony queues, and any queue named in a roster."""
    names: set[str] = set()
    try:
        from apps.performance.selectors import queue_names as telephony_queues
    except ImportError:
        pass
    else:
        names.update(telephony_queues())
    names.update(RosterShift.objects.exclude(queue="").values_list("queue", flat=True).distinct())
    return sorted(names)


def rostered_by_interval(*, intervals: list[datetime.datetime], queue: str | None) -> list[int]:
    """Advisors rostered at the start of each interval (London time). A shift counts for
    an interval that starts within it; a shift with no queue counts for every queue."""
    if not intervals:
        return []
    days = sorted({moment.astimezone(LONDON).date() for moment in intervals})
    shifts = RosterShift.objects.filter(date__gte=days[0], date__lte=days[-1])
    if queue:
        shifts = shifts.filter(queue__in=[queue, ""])
    by_day: dict[datetime.date, list[tuple]] = defaultdict(list)
    for day, start, end, advisors in shifts.values_list(
        "date", "start_time", "end_time", "advisors"
    ):
        by_day[day].append((start, end, advisors))
    counts = []
    for moment in intervals:
        local = moment.astimezone(LONDON)
        time = local.time().replace(tzinfo=None)
        counts.append(
            sum(n for start, end, n in by_day.get(local.date(), ()) if start <= time < end)
        )
    return counts


@dataclass
class WeekStaffing:
    monday: datetime.date
    queue: str
    forecast: Forecast | None
    history_available: bool
    rows: list[dict] = field(default_factory=list)
    totals: dict = field(default_factory=dict)


def week_staffing(
    *,
    monday: datetime.date,
    queue: str = "",
    method: str = PROFILE,
    weeks: int = 4,
    target_kind: str = SERVICE_LEVEL,
    target_level: float = 0.8,
    target_seconds: float = 20,
    target_asa_seconds: float = 30,
    shrinkage: float = 0.3,
    default_aht_seconds: float = 300,
) -> WeekStaffing:
    """Each interval of the week: forecast calls, handle time, advisors needed on the phones
    (Erlang C), advisors to roster after shrinkage, advisors rostered, and the gap."""
    start = datetime.datetime.combine(monday, datetime.time(), LONDON)
    history_weeks = max(weeks, HISTORY_WEEKS_FOR_HOLT_WINTERS)
    history = call_history(
        queue=queue, start=start - datetime.timedelta(weeks=history_weeks), end=start
    )
    if history is None:
        history = []
        available = False
    else:
        available = True
    result = forecast(method=method, history=history, monday=monday, weeks=weeks)
    rostered = rostered_by_interval(intervals=result.intervals, queue=queue)
    staffing = WeekStaffing(monday, queue, result, available)
    seconds = result.interval_minutes * 60
    calls = np.asarray(result.calls if result.usable else [0.0] * len(result.intervals))
    aht = np.asarray([a if a else default_aht_seconds for a in result.aht_seconds], dtype=float)
    load = calls * aht / seconds
    if target_kind == ASA:
        needed = erlang.agents_for_asa(load, aht, target_asa_seconds)
    else:
        needed = erlang.agents_for_service_level(load, aht, target_level, target_seconds)
    to_roster = erlang.rostered_for(needed, shrinkage)
    for i, moment in enumerate(result.intervals):
        staffing.rows.append(
            {
                "start": moment,
                "calls": float(calls[i]) if result.usable else None,
                "aht": float(aht[i]) if result.usable else None,
                "needed": int(needed[i]) if result.usable else None,
                "to_roster": int(to_roster[i]) if result.usable else None,
                "rostered": rostered[i],
                "gap": rostered[i] - int(to_roster[i]) if result.usable else None,
            }
        )
    usable = [r for r in staffing.rows if r["gap"] is not None]
    staffing.totals = {
        "calls": sum(r["calls"] for r in usable),
        "short": sum(1 for r in usable if r["gap"] < 0),
        "worst": min((r["gap"] for r in usable), default=None),
    }
    return staffing


def savings_scenario_list(*, name: str = ""):
    scenarios = SavingsScenario.objects.select_related("created_by")
    if name:
        scenarios = scenarios.filter(name__icontains=name)
    return scenarios


def latest_savings_scenario() -> SavingsScenario | None:
    return SavingsScenario.objects.order_by("-updated_at", "-pk").first()


def scenario_results(scenario: SavingsScenario):
    """The scenario's year-by-year result (today first) and its one-line conclusion."""
    from .scenarios import conclusion

    results = evaluate(Inputs.from_scenario(scenario))
    return results, conclusion(results)


def scenario_defaults(*, today: datetime.date) -> dict:
    """Base figures for a new scenario: from the last eight weeks of call history when
    imported (scaled to a year), else typical figures for a large council."""
    from .scenarios import base_figures_from_history, next_financial_year

    defaults = {
        "first_year": next_financial_year(today),
        "calls_per_year": 400_000,
        "aht_seconds": 300,
        "current_fte": 60,
        "shrinkage_percent": 30,
        "cost_per_fte": 32_000,
        "target_service_level_percent": 80,
        "target_answer_seconds": 20,
        "target_asa_seconds": 30,
        "target_abandonment_percent": 5,
        "saving_unit": "money",
        "opening_hours_per_week": 47.5,
        "fte_hours_per_week": 37,
        "patience_seconds": 180,
    }
    end = datetime.datetime.combine(today, datetime.time(), LONDON)
    history = call_history(queue=None, start=end - datetime.timedelta(weeks=8), end=end)
    found = base_figures_from_history(history or [])
    defaults.update({k: v for k, v in found.items() if v})
    defaults["from_history"] = bool(found)
    return defaults
