"""What the parser, form and page fuzzing share: how hard hypothesis tries, the values
people get wrong, and how a write is seen in the queries a piece of work ran."""

import os
import re

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# `make test` (and so CI, twice) tries a third of the examples; `make fuzz` tries them all.
FULL = os.environ.get("FIRSTPOINT_FUZZ") == "full"


def fuzz_examples(examples: int) -> int:
    """How many examples to try: all of them under `make fuzz`, else a third (at least two,
    so that something beyond the first, simplest example is always tried)."""
    return examples if FULL else max(2, examples // 3)


def fuzz_settings(examples: int):
    """Hypothesis settings for tests that use the database: no deadline (the first query of
    a test is slow), and one database set up per test, not per example."""
    return settings(
        max_examples=fuzz_examples(examples),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# Cells that are nearly right: the kinds of mistakes real exports and hand edits make.
NEAR_MISSES = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999",
    "2026-11-23 09:00:00",
    "2026-11-23T09:00:00Z",
    "2026-02-30 09:00:00",
    "2026-11-23 25:00:00",
    "23/11/2026 09:00",
    "2026-10-25 01:30:00",
    "today",
    "answered",
    "ABANDONED",
    "callback",
    "Council tax",
    "\x00",
    "\ufeff",
    "Ω" * 130,
    '"',
    "a,b",
    "=cmd|' /C calc'!A0",
]

WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
# Bookkeeping a refusal must still write: the session, the record of who looked at a
# resident's details (UK GDPR accountability), and an authenticator's count of wrong codes
# (django-otp's throttling, which is what stops a code being guessed).
BOOKKEEPING_TABLES = {"django_session", "customers_accesslog", "otp_totp_totpdevice"}

junk = st.one_of(
    st.sampled_from(NEAR_MISSES + ["1", "2026-13-01", "http://", "a@b", "<script>", "%00"]),
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)


def writes(queries) -> list[str]:
    """The tables a list of captured queries wrote to, other than BOOKKEEPING_TABLES."""
    tables = []
    for query in queries:
        match = WRITE.match(query["sql"])
        if match and match.group(2).lower() not in BOOKKEEPING_TABLES:
            tables.append(match.group(2))
    return tables
