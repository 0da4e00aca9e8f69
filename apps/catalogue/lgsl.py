"""The Local Government Service List codes shipped with firstpoint (data/lgsl.csv)."""

import csv
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LGSL_CSV = Path(__file__).parent / "data" / "lgsl.csv"


@lru_cache(maxsize=1)
def lgsl_codes() -> dict[int, str]:
    """Code to label, in the order of the file."""
    with LGSL_CSV.open(newline="", encoding="utf-8") as handle:
        return {int(row["code"]): row["label"] for row in csv.DictReader(handle)}


def lgsl_choices() -> list[tuple[int, str]]:
    return [(code, f"{code} – {label}") for code, label in lgsl_codes().items()]


def validate_lgsl_code(value: int) -> None:
    if value not in lgsl_codes():
        raise ValidationError(
            _("Enter a code from the Local Government Service List"), code="unknown_lgsl"
        )
