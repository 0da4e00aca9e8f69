"""Forecasts from hand-made call history."""

import datetime

import pytest

from apps.staffing.forecast import (
    HOLT_WINTERS,
    LONDON,
    PROFILE,
    forecast,
    holt_winters_forecast,
    profile_forecast,
    week_intervals,
)

MONDAY = datetime.date(2026, 11, 23)


def row(day: datetime.date, hour: int, minute: int, offered: int, aht: int = 200) -> dict:
    return {
        "interval_start": datetime.datetime.combine(day, datetime.time(hour, minute), LONDON),
        "interval_minutes": 15,
        "offered": offered,
        "answered": offered,
        "abandoned": 0,
        "answered_within_threshold": offered,
        "handle_seconds": offered * aht,
    }


def at(result, day_offset: int, hour: int, minute: int) -> int:
    wanted = datetime.datetime.combine(
        MONDAY + datetime.timedelta(days=day_offset), datetime.time(hour, minute), LONDON
    )
    return result.intervals.index(wanted)


def test_a_week_has_672_quarter_hours_and_clock_changes_are_real():
    assert len(week_intervals(MONDAY, 15)) == 672
    assert len(week_intervals(datetime.date(2026, 3, 23), 15)) == 668  # clocks go forward
    assert len(week_intervals(datetime.date(2026, 10, 19), 15)) == 676  # clocks go back


def test_profile_is_the_mean_of_the_last_same_weekdays():
    history = [
        row(MONDAY - datetime.timedelta(weeks=1), 9, 0, 30, aht=240),
        row(MONDAY - datetime.timedelta(weeks=2), 9, 0, 10, aht=160),
        row(MONDAY - datetime.timedelta(weeks=3), 9, 0, 50),  # beyond 2 weeks: left out
        # A Monday with history but no 09:15 row counts as no calls at 09:15.
        row(MONDAY - datetime.timedelta(weeks=2), 9, 15, 8),
        row(MONDAY - datetime.timedelta(days=6), 10, 0, 12),  # a Tuesday
    ]
    result = profile_forecast(history=history, monday=MONDAY, weeks=2)
    assert result.usable
    assert len(result.calls) == 672
    assert result.calls[at(result, 0, 9, 0)] == pytest.approx(20)
    assert result.calls[at(result, 0, 9, 15)] == pytest.approx(4)
    assert result.calls[at(result, 1, 10, 0)] == pytest.approx(12)
    assert result.calls[at(result, 2, 10, 0)] == 0  # no Wednesday history
    # AHT is weighted by calls answered in that slot on the days used.
    assert result.aht_seconds[at(result, 0, 9, 0)] == pytest.approx((30 * 240 + 10 * 160) / 40)
    assert result.note.startswith(
        "No call history for Wednesday, Thursday, Friday, Saturday, Sunday"
    )


def test_history_from_the_week_itself_is_not_used():
    result = profile_forecast(history=[row(MONDAY, 9, 0, 30)], monday=MONDAY)
    assert not result.usable
    assert "No call history" in result.note


@pytest.mark.parametrize("method", [PROFILE, HOLT_WINTERS])
def test_no_history_is_handled(method):
    result = forecast(method=method, history=[], monday=MONDAY)
    assert not result.usable
    assert result.note


def test_holt_winters_needs_two_days():
    history = [row(MONDAY - datetime.timedelta(days=1), 9, 0, 30)]
    result = holt_winters_forecast(history=history, monday=MONDAY)
    assert not result.usable
    assert "two days" in result.note


def test_holt_winters_follows_a_daily_pattern():
    history = [
        row(MONDAY - datetime.timedelta(days=d), hour, 0, 40 if hour == 10 else 5)
        for d in range(1, 6)
        for hour in range(8, 18)
    ]
    result = holt_winters_forecast(history=history, monday=MONDAY)
    assert result.usable
    assert "one day" in result.note
    assert result.calls[at(result, 0, 10, 0)] > result.calls[at(result, 0, 3, 0)] + 20
    assert min(result.calls) >= 0
