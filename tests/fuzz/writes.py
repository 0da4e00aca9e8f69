"""What the form and page fuzzing share: the values people get wrong, and how a write is
seen in the queries a piece of work ran."""

import re

from hypothesis import strategies as st

from tests.fuzz.test_parsers_fuzz import NEAR_MISSES

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
