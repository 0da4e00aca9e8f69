"""Savings scenarios: the model, the statements, and saving them."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.roles import Role
from apps.staffing.scenarios import (
    Inputs,
    base_figures_from_history,
    conclusion,
    evaluate,
    next_financial_year,
)
from apps.staffing.services import savings_scenario_create, savings_scenario_update

from .factories import scenario_fields

BASE = Inputs(
    first_year=2027,
    calls_per_year=520_000,
    aht_seconds=300,
    current_fte=43,
    shrinkage=0.32,
    opening_hours_per_week=47.5,
    fte_hours_per_week=37,
    patience_seconds=150,
    cost_per_fte=31_500,
    target_service_level=0.8,
    target_answer_seconds=20,
    target_asa_seconds=None,
    target_abandonment=None,
    saving_unit="fte",
    savings=(0, 0, 0),
    shifts=(0, 0, 0),
)


def test_today_meets_the_targets_and_no_change_keeps_them():
    results = evaluate(BASE)
    assert [r.label for r in results] == ["Today", "2027/28", "2028/29", "2029/30"]
    assert all(r.holds for r in results)
    assert results[0].service_level == pytest.approx(results[3].service_level)
    assert conclusion(results) == "The targets would hold in each of the three years."


def test_channel_shift_reduces_the_staff_needed():
    shifted = evaluate(dataclasses.replace(BASE, shifts=(0.1, 0.1, 0.1)))
    still = evaluate(BASE)
    assert shifted[1].calls == pytest.approx(468_000)
    assert shifted[3].calls == pytest.approx(520_000 * 0.9**3)
    for year in (1, 2, 3):
        assert shifted[year].fte_needed < still[year].fte_needed
    assert shifted[3].fte_needed < shifted[2].fte_needed < shifted[1].fte_needed
    assert shifted[3].service_level > still[3].service_level


def test_savings_beyond_what_the_targets_allow_would_not_hold():
    results = evaluate(dataclasses.replace(BASE, savings=(1, 3, 4)))
    assert results[1].holds
    assert not results[2].holds
    assert results[2].statement.startswith(
        f"In 2028/29 the service level would fall to {results[2].service_level * 100:.0f}% "
        "against a target of 80%: the target would not hold"
    )
    assert conclusion(results) == "The targets would not hold from 2028/29."
    assert results[3].fte == pytest.approx(43 - 8)
    assert results[3].abandonment > results[0].abandonment


def test_money_savings_become_posts_at_the_cost_per_fte():
    results = evaluate(dataclasses.replace(BASE, saving_unit="money", savings=(63_000, 0, 31_500)))
    assert results[1].fte_saved == pytest.approx(2)
    assert results[3].fte == pytest.approx(40)


def test_answer_time_and_abandonment_targets_count():
    strict = dataclasses.replace(BASE, target_asa_seconds=1, target_abandonment=0.001)
    results = evaluate(strict)
    assert not results[0].holds
    assert "The average answer time would be" in results[0].statement
    assert "that target would not hold" in results[0].statement


def test_savings_of_every_post_leave_nobody_to_answer():
    results = evaluate(dataclasses.replace(BASE, savings=(50, 0, 0)))
    assert results[1].fte == 0
    assert results[1].service_level == 0
    assert results[1].abandonment == 1
    assert "would not hold" in results[1].statement


def test_base_figures_from_history():
    start = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)
    history = [
        {"interval_start": start, "offered": 100, "answered": 90, "handle_seconds": 90 * 300},
        {
            "interval_start": start + datetime.timedelta(days=9),
            "offered": 100,
            "answered": 90,
            "handle_seconds": 90 * 200,
        },
    ]
    figures = base_figures_from_history(history)
    assert figures == {"calls_per_year": 7300, "aht_seconds": 250}
    assert base_figures_from_history([]) == {}


def test_next_financial_year():
    assert next_financial_year(datetime.date(2026, 11, 23)) == 2027
    assert next_financial_year(datetime.date(2027, 2, 1)) == 2027


@pytest.mark.django_db
def test_a_scenario_is_checked_before_it_is_saved(make_user):
    head = make_user(Role.HEAD_OF_SERVICE)
    with pytest.raises(ValidationError) as caught:
        savings_scenario_create(created_by=head, **scenario_fields(shrinkage_percent=Decimal("99")))
    assert "shrinkage_percent" in caught.value.message_dict
    scenario = savings_scenario_create(created_by=head, **scenario_fields())
    savings_scenario_update(scenario=scenario, changed_by=head, saving_year_1=Decimal("2"))
    scenario.refresh_from_db()
    assert scenario.saving_year_1 == 2
    assert scenario.history.count() == 2
    assert scenario.history.first().history_user == head


def test_a_near_miss_is_not_rounded_up_to_the_target():
    # Find a saving that leaves the service level just under 80%.
    for tenths in range(0, 80):
        results = evaluate(dataclasses.replace(BASE, savings=(tenths / 10, 0, 0)))
        if 0.795 <= results[1].service_level < 0.8:
            break
    else:
        pytest.fail("no near miss found")
    assert not results[1].holds
    assert (
        "would fall to 79.5%" in results[1].statement or "would fall to 79." in results[1].statement
    )
