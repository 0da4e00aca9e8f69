"""Dates and times as GOV.UK writes them, for every page, export and PDF."""

from django.utils.formats import date_format
from django.utils.timezone import localtime


def long_date(value) -> str:
    """A date as GOV.UK writes it: 23 November 2026 ("" for none)."""
    return date_format(value, "j F Y") if value else ""


def when(value) -> str:
    """A moment in Europe/London, in the project's date-and-time format ("" for none)."""
    return date_format(localtime(value), "DATETIME_FORMAT") if value else ""
