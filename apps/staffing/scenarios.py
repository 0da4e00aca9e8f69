"""What a savings scenario does to the phones, year by year: the model, in one place.

The model is deliberately simple enough to explain to a committee:
- calls in a year fall by each year's channel shift in turn (10% then 5% leaves 85.5%);
- each year's saving (money is turned into posts at the scenario's cost per FTE) comes off
  the advisor posts, on top of the years before;
- the phones are judged in an average open hour: calls a year over 52 weeks of opening
  hours, handled by the posts' hours spread over the opening hours, less shrinkage;
- Erlang C gives the service level and average answer time for that many advisors
  (interpolated between whole advisors), and `erlang.abandonment` the calls given up;
- the posts needed are the fewest advisors meeting today's targets, grossed up for
  shrinkage and opening hours.
Real days have peaks, so the figures are a floor for what callers would meet, not a roster.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from . import erlang

WEEKS_A_YEAR = 52


@dataclass(frozen=True)
class Inputs:
    first_year: int
    calls_per_year: float
    aht_seconds: float
    current_fte: float
    shrinkage: float  # 0 to 1
    opening_hours_per_week: float
    fte_hours_per_week: float
    patience_seconds: float
    cost_per_fte: float
    target_service_level: float  # 0 to 1
    target_answer_seconds: float
    target_asa_seconds: float | None
    target_abandonment: float | None  # 0 to 1
    saving_unit: str  # "money" or "fte"
    savings: tuple[float, float, float]
    shifts: tuple[float, float, float]  # 0 to 1

    @classmethod
    def from_scenario(cls, scenario) -> Inputs:
        def f(value):
            return None if value is None else float(value)

        return cls(
            first_year=scenario.first_year,
            calls_per_year=float(scenario.calls_per_year),
            aht_seconds=float(scenario.aht_seconds),
            current_fte=float(scenario.current_fte),
            shrinkage=float(scenario.shrinkage_percent) / 100,
            opening_hours_per_week=float(scenario.opening_hours_per_week),
            fte_hours_per_week=float(scenario.fte_hours_per_week),
            patience_seconds=float(scenario.patience_seconds),
            cost_per_fte=float(scenario.cost_per_fte),
            target_service_level=float(scenario.target_service_level_percent) / 100,
            target_answer_seconds=float(scenario.target_answer_seconds),
            target_asa_seconds=f(scenario.target_asa_seconds),
            target_abandonment=(
                None
                if scenario.target_abandonment_percent is None
                else float(scenario.target_abandonment_percent) / 100
            ),
            saving_unit=scenario.saving_unit,
            savings=tuple(float(v) for v in scenario.savings),
            shifts=tuple(float(v) / 100 for v in scenario.shifts),
        )


@dataclass(frozen=True)
class YearResult:
    label: str  # "2027/28", or "Today"
    calls: float
    fte: float
    fte_saved: float
    advisors_on_phones: float
    service_level: float  # 0 to 1
    asa_seconds: float  # may be inf
    abandonment: float  # 0 to 1
    occupancy: float
    fte_needed: float
    holds: bool
    statement: str


def year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _interpolate(function, agents: float):
    low = math.floor(agents)
    high = low + 1
    weight = agents - low
    a, b = function(low), function(high)
    if math.isinf(a):  # fewer advisors than the traffic: the queue would never clear
        return b if weight >= 0.5 else math.inf
    return a + (b - a) * weight


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _seconds(value: float) -> str:
    return (
        "more than an hour" if not math.isfinite(value) or value > 3600 else f"{value:.0f} seconds"
    )


def _judge(inputs: Inputs, label: str, sl: float, asa: float, abandon: float) -> tuple[bool, str]:
    """Whether every target holds, and a plain statement of each, the service level first."""
    target_sl = inputs.target_service_level
    holds = sl + 1e-9 >= target_sl
    # 79.6% against 80% must not read "80% against 80%: would not hold".
    close = round(sl * 100) == round(target_sl * 100) and not math.isclose(sl, target_sl)
    shown = f"{math.floor(sl * 1000) / 10:.1f}%" if close else _pct(sl)
    if holds:
        sentences = [
            f"In {label} the service level would be {shown} against a target of "
            f"{_pct(target_sl)}: the target would hold."
        ]
    else:
        sentences = [
            f"In {label} the service level would fall to {shown} against a target of "
            f"{_pct(target_sl)}: the target would not hold."
        ]
    if inputs.target_asa_seconds is not None:
        ok = asa <= inputs.target_asa_seconds + 1e-9
        holds = holds and ok
        sentences.append(
            f"The average answer time would be {_seconds(asa)} against a target of "
            f"{inputs.target_asa_seconds:.0f} seconds: that target would {'hold' if ok else 'not hold'}."
        )
    if inputs.target_abandonment is not None:
        ok = abandon <= inputs.target_abandonment + 1e-9
        holds = holds and ok
        sentences.append(
            f"{_pct(abandon)} of calls would be abandoned against a target of at most "
            f"{_pct(inputs.target_abandonment)}: that target would {'hold' if ok else 'not hold'}."
        )
    return holds, " ".join(sentences)


def evaluate_year(inputs: Inputs, *, label: str, calls: float, fte: float, saved: float):
    """The phones in an average open hour with `fte` posts and `calls` calls a year."""
    open_hours = WEEKS_A_YEAR * inputs.opening_hours_per_week
    load = erlang.traffic(calls / open_hours, inputs.aht_seconds, 3600)
    on_phones = max(0.0, fte * inputs.fte_hours_per_week / inputs.opening_hours_per_week) * (
        1 - inputs.shrinkage
    )
    aht = inputs.aht_seconds
    sl = _interpolate(
        lambda n: erlang.service_level(n, load, aht, inputs.target_answer_seconds), on_phones
    )
    asa = _interpolate(lambda n: erlang.average_speed_of_answer(n, load, aht), on_phones)
    abandon = _interpolate(
        lambda n: erlang.abandonment(n, load, aht, inputs.patience_seconds), on_phones
    )
    needed = erlang.agents_for_service_level(
        load, aht, inputs.target_service_level, inputs.target_answer_seconds
    )
    if inputs.target_asa_seconds is not None:
        needed = max(needed, erlang.agents_for_asa(load, aht, inputs.target_asa_seconds))
    fte_needed = (
        needed / (1 - inputs.shrinkage) * inputs.opening_hours_per_week / inputs.fte_hours_per_week
    )
    holds, statement = _judge(inputs, label, sl, asa, abandon)
    return YearResult(
        label=label,
        calls=calls,
        fte=fte,
        fte_saved=saved,
        advisors_on_phones=on_phones,
        service_level=sl,
        asa_seconds=asa,
        abandonment=abandon,
        occupancy=erlang.occupancy(on_phones, load) if on_phones else 1.0,
        fte_needed=fte_needed,
        holds=holds,
        statement=statement,
    )


def evaluate(inputs: Inputs) -> list[YearResult]:
    """Today, then each of the three years of the scenario."""
    results = [
        evaluate_year(
            inputs, label="Today", calls=inputs.calls_per_year, fte=inputs.current_fte, saved=0.0
        )
    ]
    calls, saved = inputs.calls_per_year, 0.0
    for index in range(3):
        calls *= 1 - inputs.shifts[index]
        saving = inputs.savings[index]
        saved += saving / inputs.cost_per_fte if inputs.saving_unit == "money" else saving
        results.append(
            evaluate_year(
                inputs,
                label=year_label(inputs.first_year + index),
                calls=calls,
                fte=max(0.0, inputs.current_fte - saved),
                saved=saved,
            )
        )
    return results


def conclusion(results: list[YearResult]) -> str:
    """One sentence on the whole scenario."""
    years = results[1:]
    failing = [r for r in years if not r.holds]
    if not failing:
        return "The targets would hold in each of the three years."
    return f"The targets would not hold from {failing[0].label}."


def next_financial_year(today: datetime.date) -> int:
    """The year the next financial year (1 April) starts."""
    return today.year + 1 if today.month >= 4 else today.year


def base_figures_from_history(history: list[dict]) -> dict:
    """Calls a year and average handle time from imported interval history (scaled up from
    the days it covers); empty when there is none."""
    if not history:
        return {}
    offered = sum(row["offered"] for row in history)
    answered = sum(row["answered"] for row in history)
    handle = sum(row["handle_seconds"] for row in history)
    days = {row["interval_start"].date() for row in history}
    first, last = min(days), max(days)
    span = max(1, (last - first).days + 1)
    figures = {"calls_per_year": int(round(offered * 365 / span))}
    if answered:
        figures["aht_seconds"] = int(round(handle / answered))
    return figures


def as_decimal(value: float, places: int = 2) -> Decimal:
    return Decimal(str(round(value, places)))
