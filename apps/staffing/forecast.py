"""Forecasts of calls offered, interval by interval, from the imported call history.

Two methods, chosen on the page:
- "profile": each interval of the week ahead is the average of the same interval on the
  last N same weekdays that have any history (a day with history but no row for an
  interval counts as no calls then);
- "holt_winters": statsmodels' additive Holt-Winters over the history laid out on the
  interval grid, with a season of a week when there are two weeks of history or a season
  of a day when there are two days.

History is a list of dicts as `apps.performance.selectors.interval_volumes` returns them.
Both methods say why when there is too little history, and never raise for it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
PROFILE = "profile"
HOLT_WINTERS = "holt_winters"
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
METHODS = {PROFILE: "Same-weekday profile", HOLT_WINTERS: "Holt-Winters"}


@dataclass
class Forecast:
    intervals: list[datetime.datetime]  # aware, the start of each interval
    interval_minutes: int
    calls: list[float] | None  # None when there was too little history
    aht_seconds: list[float | None]
    method: str
    note: str = ""
    days_used: list[datetime.date] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.calls is not None


def week_intervals(monday: datetime.date, minutes: int) -> list[datetime.datetime]:
    """The starts of every interval of the week beginning `monday`, London time.

    Stepping in UTC keeps the real instants right across a clock change (a spring week
    has four fewer quarter hours, an autumn week four more).
    """
    start = datetime.datetime.combine(monday, datetime.time(), LONDON)
    end = datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time(), LONDON)
    step = datetime.timedelta(minutes=minutes)
    current = start.astimezone(datetime.UTC)
    stop = end.astimezone(datetime.UTC)
    found = []
    while current < stop:
        found.append(current.astimezone(LONDON))
        current += step
    return found


def _slot(moment: datetime.datetime) -> tuple[datetime.date, datetime.time]:
    local = moment.astimezone(LONDON)
    return local.date(), local.time().replace(tzinfo=None)


def interval_minutes_of(history: list[dict], default: int = 15) -> int:
    counts: dict[int, int] = defaultdict(int)
    for row in history:
        counts[int(row["interval_minutes"])] += 1
    return max(counts, key=counts.get) if counts else default


def _aht_by_time(history, days) -> tuple[dict, float | None]:
    handle, answered = defaultdict(float), defaultdict(int)
    total_handle, total_answered = 0.0, 0
    for row in history:
        day, time = _slot(row["interval_start"])
        if day in days and row["answered"]:
            handle[(day.weekday(), time)] += row["handle_seconds"]
            answered[(day.weekday(), time)] += row["answered"]
            total_handle += row["handle_seconds"]
            total_answered += row["answered"]
    overall = total_handle / total_answered if total_answered else None
    return {key: handle[key] / answered[key] for key in answered}, overall


def profile_forecast(*, history: list[dict], monday: datetime.date, weeks: int = 4) -> Forecast:
    """The same-weekday profile: for each interval, the mean over the last `weeks` same
    weekdays with history. Needs at least one such day for every weekday that has calls."""
    minutes = interval_minutes_of(history)
    intervals = week_intervals(monday, minutes)
    offered: dict[tuple, float] = defaultdict(float)
    days_with_history: set[datetime.date] = set()
    for row in history:
        day, time = _slot(row["interval_start"])
        if day < monday:
            offered[(day, time)] += row["offered"]
            days_with_history.add(day)
    if not days_with_history:
        return Forecast(
            intervals,
            minutes,
            None,
            [None] * len(intervals),
            PROFILE,
            note="No call history before this week to forecast from.",
        )
    used: set[datetime.date] = set()
    calls, aht_keys = [], []
    for start in intervals:
        day, time = _slot(start)
        same_days = [
            day - datetime.timedelta(days=7 * k)
            for k in range(1, 53)
            if day - datetime.timedelta(days=7 * k) in days_with_history
        ][:weeks]
        used.update(same_days)
        calls.append(
            sum(offered.get((d, time), 0.0) for d in same_days) / len(same_days)
            if same_days
            else 0.0
        )
        aht_keys.append((day.weekday(), time))
    by_time, overall = _aht_by_time(history, used)
    aht = [by_time.get(key, overall) for key in aht_keys]
    note = ""
    missing = [DAY_NAMES[w] for w in range(7) if w not in {d.weekday() for d in used}]
    if missing:
        note = (
            "No call history for "
            + ", ".join(missing)
            + ": forecast as no calls. Import more call history if the lines were open then."
        )
    return Forecast(intervals, minutes, calls, aht, PROFILE, note=note, days_used=sorted(used))


def holt_winters_forecast(*, history: list[dict], monday: datetime.date) -> Forecast:
    """Additive Holt-Winters (statsmodels) over the history before `monday`, on the interval
    grid; a weekly season with two weeks of history, a daily one with two days, else none."""
    minutes = interval_minutes_of(history)
    intervals = week_intervals(monday, minutes)
    per_day = 24 * 60 // minutes
    before = [row for row in history if _slot(row["interval_start"])[0] < monday]
    if not before:
        return Forecast(
            intervals,
            minutes,
            None,
            [None] * len(intervals),
            HOLT_WINTERS,
            note="No call history before this week to forecast from.",
        )
    first_day = min(_slot(row["interval_start"])[0] for row in before)
    grid_start = datetime.datetime.combine(first_day, datetime.time(), LONDON)
    grid = []
    current = grid_start.astimezone(datetime.UTC)
    stop = intervals[0].astimezone(datetime.UTC)
    step = datetime.timedelta(minutes=minutes)
    while current < stop:
        grid.append(_slot(current))
        current += step
    offered: dict[tuple, float] = defaultdict(float)
    for row in before:
        offered[_slot(row["interval_start"])] += row["offered"]
    series = [offered.get(slot, 0.0) for slot in grid]
    if len(series) >= 2 * 7 * per_day:
        season, note = 7 * per_day, ""
    elif len(series) >= 2 * per_day:
        season, note = per_day, "Less than two weeks of history: the season is one day."
    else:
        return Forecast(
            intervals,
            minutes,
            None,
            [None] * len(intervals),
            HOLT_WINTERS,
            note="Holt-Winters needs at least two days of call history.",
        )
    import warnings

    import numpy as np
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    # Fit on whole seasons only, most recent last, so the season lines up with the week ahead.
    usable = len(series) - len(series) % season
    values = np.asarray(series[len(series) - usable :], dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = ExponentialSmoothing(
            values,
            trend=None,
            seasonal="add",
            seasonal_periods=season,
            initialization_method="heuristic" if usable >= 2 * season + 10 else "legacy-heuristic",
        ).fit()
        predicted = model.forecast(len(intervals))
    calls = [max(0.0, float(v)) for v in predicted]
    days = {slot[0] for slot in grid}
    by_time, overall = _aht_by_time(before, days)
    aht = [by_time.get((_slot(s)[0].weekday(), _slot(s)[1]), overall) for s in intervals]
    return Forecast(intervals, minutes, calls, aht, HOLT_WINTERS, note=note, days_used=sorted(days))


def forecast(*, method: str, history: list[dict], monday: datetime.date, weeks: int = 4):
    if method == HOLT_WINTERS:
        return holt_winters_forecast(history=history, monday=monday)
    return profile_forecast(history=history, monday=monday, weeks=weeks)
