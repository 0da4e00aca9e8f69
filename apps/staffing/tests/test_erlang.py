"""Erlang C against published worked examples, a closed form, and its defining properties."""

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.staffing import erlang


def test_call_centre_helper_worked_example():
    """Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
    (callcentrehelper.com): 100 calls in 30 minutes, AHT 180 s, target 80% in 20 s,
    shrinkage 30%. Traffic 10 Erlangs; with 11 advisors a call waits with probability
    0.6821 and the service level is 39%; 14 advisors are the fewest meeting 80/20
    (service level 88.8%, occupancy 71.4%), and 20 must be rostered after shrinkage.
    (We checked the figures by hand: 1 - 0.1741 * e^(-4 * 20/180) = 0.888.)"""
    load = erlang.traffic(100, 180, 30 * 60)
    assert load == pytest.approx(10.0)
    assert erlang.probability_of_waiting(11, load) == pytest.approx(0.6821, abs=1e-4)
    assert erlang.service_level(11, load, 180, 20) == pytest.approx(0.3896, abs=1e-3)
    assert erlang.service_level(13, load, 180, 20) == pytest.approx(0.7956, abs=1e-3)
    assert erlang.probability_of_waiting(14, load) == pytest.approx(0.1741, abs=1e-4)
    assert erlang.service_level(14, load, 180, 20) == pytest.approx(0.8884, abs=1e-3)
    assert erlang.average_speed_of_answer(14, load, 180) == pytest.approx(7.8, abs=0.1)
    assert erlang.occupancy(14, load) == pytest.approx(0.714, abs=1e-3)
    assert erlang.agents_for_service_level(load, 180, 0.8, 20) == 14
    assert erlang.rostered_for(14, 0.3) == 20


def test_westbay_worked_example():
    """Westbay Engineers, "The Erlang-C formula" (erlang.com): 360 calls per half hour,
    4-minute calls, 55 agents, 15-second target. Traffic 48 Erlangs, occupancy 87.3%;
    the probability of waiting, answer time and service level are checked against the
    closed-form sum below (exact rational arithmetic)."""
    load = erlang.traffic(360, 240, 1800)
    assert load == pytest.approx(48.0)
    assert erlang.occupancy(55, load) == pytest.approx(0.8727, abs=1e-4)
    waiting = erlang.probability_of_waiting(55, load)
    assert waiting == pytest.approx(_closed_form(55, 48), abs=1e-9)
    assert waiting == pytest.approx(0.2387, abs=1e-4)
    assert erlang.average_speed_of_answer(55, load, 240) == pytest.approx(
        waiting * 240 / 7, rel=1e-9
    )
    assert erlang.service_level(55, load, 240, 15) == pytest.approx(0.846, abs=1e-3)


def _closed_form(agents: int, load: int) -> float:
    """Erlang C from its textbook definition with factorials, in exact fractions."""
    a = Fraction(load)
    top = a**agents / math.factorial(agents) * Fraction(agents, agents - load)
    bottom = sum(a**k / math.factorial(k) for k in range(agents)) + top
    return float(top / bottom)


@pytest.mark.parametrize(("agents", "load"), [(3, 2), (11, 10), (30, 25), (120, 100)])
def test_recursion_matches_the_closed_form(agents, load):
    assert erlang.probability_of_waiting(agents, load) == pytest.approx(
        _closed_form(agents, load), rel=1e-9
    )


def test_large_traffic_stays_finite():
    # 1,000 Erlangs would overflow 1000! in floating point; the recursion does not care.
    needed = erlang.agents_for_service_level(1000.0, 300, 0.8, 20)
    assert 1000 < needed < 1100
    assert math.isfinite(erlang.average_speed_of_answer(needed, 1000.0, 300))


def test_vectorised_matches_one_at_a_time():
    loads = np.array([0.0, 0.4, 3.2, 10.0, 48.0, 150.0])
    aht = np.array([180, 200, 240, 180, 240, 300], dtype=float)
    together = erlang.agents_for_service_level(loads, aht, 0.8, 20)
    alone = [
        erlang.agents_for_service_level(x, a, 0.8, 20) for x, a in zip(loads, aht, strict=True)
    ]
    assert list(together) == alone
    assert together[0] == 0


def test_too_few_agents_never_clear_the_queue():
    assert erlang.probability_of_waiting(10, 10.0) == 1.0
    assert erlang.service_level(9, 10.0, 180, 20) == 0.0
    assert math.isinf(erlang.average_speed_of_answer(10, 10.0, 180))
    assert erlang.abandonment(8, 10.0, 180, 120) == 1.0


def test_agents_for_asa_meets_the_target_exactly():
    load = erlang.traffic(100, 180, 1800)
    n = erlang.agents_for_asa(load, 180, 15)
    assert erlang.average_speed_of_answer(n, load, 180) <= 15
    assert erlang.average_speed_of_answer(n - 1, load, 180) > 15


def test_abandonment_falls_with_more_patience_and_more_agents():
    load = 10.0
    assert erlang.abandonment(12, load, 180, 60) > erlang.abandonment(12, load, 180, 300)
    assert erlang.abandonment(12, load, 180, 120) > erlang.abandonment(14, load, 180, 120)
    assert 0 < erlang.abandonment(14, load, 180, 120) < erlang.probability_of_waiting(14, load)


def test_bad_targets_are_refused():
    with pytest.raises(ValueError):
        erlang.agents_for_service_level(10.0, 180, 1.2, 20)
    with pytest.raises(ValueError):
        erlang.agents_for_asa(10.0, 180, 0)
    with pytest.raises(ValueError):
        erlang.rostered_for(10, 1.0)


loads = st.floats(min_value=0.1, max_value=200, allow_nan=False)
ahts = st.floats(min_value=30, max_value=900, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(load=loads, aht=ahts, target=st.floats(0.5, 0.95), seconds=st.integers(5, 120))
def test_the_answer_meets_the_target_and_one_fewer_does_not(load, aht, target, seconds):
    n = erlang.agents_for_service_level(load, aht, target, seconds)
    assert erlang.service_level(n, load, aht, seconds) >= target - 1e-12
    assert erlang.service_level(n - 1, load, aht, seconds) < target


@settings(max_examples=60, deadline=None)
@given(load=loads, aht=ahts, seconds=st.integers(5, 120), extra=st.integers(0, 30))
def test_more_agents_never_lower_the_service_level(load, aht, seconds, extra):
    n = math.floor(load) + 1 + extra
    assert (
        erlang.service_level(n + 1, load, aht, seconds)
        >= erlang.service_level(n, load, aht, seconds) - 1e-12
    )


@settings(max_examples=60, deadline=None)
@given(load=loads, aht=ahts, extra=st.integers(0, 30))
def test_answer_time_falls_as_agents_rise(load, aht, extra):
    n = math.floor(load) + 1 + extra
    now = erlang.average_speed_of_answer(n, load, aht)
    more = erlang.average_speed_of_answer(n + 1, load, aht)
    assert more < now or now < 1e-300  # strictly, until the wait is too small for a float
