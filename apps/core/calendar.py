"""The working-day calendar: SLAs count working days in the council's nation.

A working day is a Monday to Friday that is not a bank holiday in the given nation.
Bank holidays come from the data that `govuk-bank-holidays` bundles, so nothing is
fetched at run time.
"""

import datetime
from functools import lru_cache

from govuk_bank_holidays.bank_holidays import BankHolidays

ENGLAND_AND_WALES = BankHolidays.ENGLAND_AND_WALES
SCOTLAND = BankHolidays.SCOTLAND
NORTHERN_IRELAND = BankHolidays.NORTHERN_IRELAND
NATIONS = (ENGLAND_AND_WALES, SCOTLAND, NORTHERN_IRELAND)


@lru_cache(maxsize=len(NATIONS))
def bank_holidays(nation: str) -> frozenset[datetime.date]:
    """The bundled bank holidays of one nation."""
    if nation not in NATIONS:
        raise ValueError(f"Unknown nation {nation!r}; expected one of {', '.join(NATIONS)}")
    data = BankHolidays(use_cached_holidays=True)
    return frozenset(h["date"] for h in data.get_holidays(division=nation))


def is_working_day(day: datetime.date, nation: str) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(nation)


def add_working_days(start: datetime.date, n: int, nation: str) -> datetime.date:
    """The date n working days after start (before it, for negative n).

    start itself never counts, so a request raised on a Saturday with a one-day SLA is
    due on Monday, and n == 0 gives start unchanged.
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    day = start
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day, nation):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, nation: str) -> int:
    """How many working days fall after start up to and including end.

    The inverse of add_working_days: working_days_between(d, add_working_days(d, n), x) == n
    for n >= 0. Negative when end is before start.
    """
    if end < start:
        return -working_days_between(end, start, nation)
    holidays = bank_holidays(nation)
    total_days = (end - start).days
    full_weeks, extra = divmod(total_days, 7)
    count = full_weeks * 5
    for offset in range(1, extra + 1):
        if (start + datetime.timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            count += 1
    count -= sum(1 for h in holidays if start < h <= end and h.weekday() < 5)
    return count
