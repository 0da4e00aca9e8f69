"""Normalised search columns, shared by the customers services and the demo data."""

import re


def normalise_phone(value: str) -> str:
    """Digits only, so "07700 900 123" and "07700900123" match."""
    return re.sub(r"\D", "", value or "")


def normalise_postcode(value: str) -> str:
    """Upper case without spaces, so "bc1 2ab" and "BC12AB" match."""
    return re.sub(r"\s", "", value or "").upper()


def normalise_name(value: str) -> str:
    """Lower case with single spaces."""
    return " ".join((value or "").lower().split())


def search_columns(customer) -> dict[str, str]:
    """The search_* values for a customer: "first last business" name, phone digits, postcode."""
    name = " ".join(
        part for part in (customer.first_name, customer.last_name, customer.business_name) if part
    )
    return {
        "search_name": normalise_name(name)[:220],
        "search_phone": normalise_phone(customer.phone)[:30],
        "search_postcode": normalise_postcode(customer.postcode)[:10],
    }
