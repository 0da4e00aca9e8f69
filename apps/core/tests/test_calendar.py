import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.core.calendar import (
    ENGLAND_AND_WALES,
    NATIONS,
    NORTHERN_IRELAND,
    SCOTLAND,
    add_working_days,
    is_working_day,
    working_days_between,
)

dates = st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2028, 6, 30))
nations = st.sampled_from(NATIONS)


def test_christmas_2026_skips_the_bank_holidays_in_england():
    # Thursday 24 December 2026 + 1 working day: 25th (Fri) and 28th (Mon, substitute
    # Boxing Day) are bank holidays, so the next working day is Tuesday 29th.
    assert add_working_days(datetime.date(2026, 12, 24), 1, ENGLAND_AND_WALES) == datetime.date(
        2026, 12, 29
    )


def test_nations_differ_on_st_andrews_and_st_patricks_days():
    st_andrews_substitute = datetime.date(2026, 11, 30)  # Monday, Scotland only
    assert not is_working_day(st_andrews_substitute, SCOTLAND)
    assert is_working_day(st_andrews_substitute, ENGLAND_AND_WALES)
    st_patricks = datetime.date(2026, 3, 17)
    assert not is_working_day(st_patricks, NORTHERN_IRELAND)
    assert is_working_day(st_patricks, SCOTLAND)


def test_a_saturday_request_with_a_one_day_sla_is_due_on_monday():
    assert add_working_days(datetime.date(2026, 11, 21), 1, ENGLAND_AND_WALES) == datetime.date(
        2026, 11, 23
    )


def test_unknown_nation_is_refused():
    with pytest.raises(ValueError):
        add_working_days(datetime.date(2026, 1, 5), 1, "wales")


@given(start=dates, n=st.integers(min_value=0, max_value=60), nation=nations)
def test_adding_then_counting_gives_back_n(start, n, nation):
    end = add_working_days(start, n, nation)
    assert working_days_between(start, end, nation) == n


@given(start=dates, n=st.integers(min_value=1, max_value=60), nation=nations)
def test_the_due_date_is_always_a_working_day_after_the_start(start, n, nation):
    end = add_working_days(start, n, nation)
    assert end > start
    assert is_working_day(end, nation)


@given(start=dates, n=st.integers(min_value=1, max_value=60), nation=nations)
def test_going_back_undoes_going_forward_from_a_working_day(start, n, nation):
    if not is_working_day(start, nation):
        start = add_working_days(start, 1, nation)
    assert add_working_days(add_working_days(start, n, nation), -n, nation) == start


@given(a=dates, b=dates, nation=nations)
def test_counting_matches_a_day_by_day_count(a, b, nation):
    start, end = min(a, b), max(a, b)
    if (end - start).days > 400:
        end = start + datetime.timedelta(days=400)
    expected = sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + datetime.timedelta(days=offset), nation)
    )
    assert working_days_between(start, end, nation) == expected
    assert working_days_between(end, start, nation) == -expected
