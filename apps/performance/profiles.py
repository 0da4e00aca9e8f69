"""Column layouts of phone system exports ("profiles").

A profile names, for each field firstpoint keeps, the column header in the export, with the
date format and time zone of its timestamps and how its outcomes are written. Two are built
in (see README.md); more can be added without code in the setting
`PERFORMANCE_IMPORT_PROFILES = {"name": {...same keys as Profile...}}`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

CALL_FIELDS = ("call_id", "queue", "offered_at", "answered_at", "ended_at", "agent", "outcome")
CALL_REQUIRED = ("call_id", "queue", "offered_at")
INTERVAL_FIELDS = (
    "queue",
    "interval_start",
    "interval_minutes",
    "offered",
    "answered",
    "abandoned",
    "answered_within_threshold",
    "handle_seconds",
    "wait_seconds",
    "staffed_seconds",
)
INTERVAL_REQUIRED = INTERVAL_FIELDS[:8]


@dataclass(frozen=True)
class Profile:
    name: str
    label: str
    source_system: str
    calls: dict[str, str]  # field -> column header
    intervals: dict[str, str]
    # "iso" (2026-11-23 09:15:00, 2026-11-23T09:15:00Z, with or without offset) or a
    # strptime format such as "%d/%m/%Y %H:%M:%S".
    datetime_format: str = "iso"
    time_zone: str = "Europe/London"  # for timestamps written without an offset
    # Outcome words in the file -> firstpoint outcome. Empty: the outcome column holds
    # firstpoint's own words. With `outcome_from_answer_time`, a call with no outcome word
    # is answered if it has an answer time and abandoned if not.
    outcomes: dict[str, str] = field(default_factory=dict)
    outcome_from_answer_time: bool = False
    interval_minutes: int | None = None  # fixed interval length when the file has no column


GENERIC = Profile(
    name="generic",
    label="Generic CSV (firstpoint's own column names)",
    source_system="generic",
    calls={f: f for f in CALL_FIELDS},
    intervals={f: f for f in INTERVAL_FIELDS},
)

# Modelled on Amazon Connect: contact records exported from "Contact search" and the
# historical metrics report by queue in 15 or 30-minute intervals. Timestamps are ISO 8601
# in UTC ("2026-11-23T09:15:04Z"); a callback is an initiation method of CALLBACK; a contact
# transferred to another queue is a QUEUE_TRANSFER disconnect. Durations are in seconds.
AMAZON_CONNECT = Profile(
    name="amazon_connect",
    label="Amazon Connect (contact search and historical metrics exports)",
    source_system="amazon_connect",
    calls={
        "call_id": "Contact ID",
        "queue": "Queue",
        "offered_at": "Enqueue timestamp",
        "answered_at": "Connected to agent timestamp",
        "ended_at": "Disconnect timestamp",
        "agent": "Agent",
        "outcome": "Disconnect reason",
    },
    intervals={
        "queue": "Queue",
        "interval_start": "Start interval",
        "interval_minutes": "Interval minutes",
        "offered": "Contacts queued",
        "answered": "Contacts handled",
        "abandoned": "Contacts abandoned",
        "answered_within_threshold": "Contacts answered in service level",
        "handle_seconds": "Contact handle time",
        "wait_seconds": "Queue answer time",
        "staffed_seconds": "Online time",
    },
    time_zone="UTC",
    outcomes={
        "CALLBACK": "callback",
        "QUEUE_TRANSFER": "overflowed",
        "CUSTOMER_DISCONNECT_IN_QUEUE": "abandoned",
    },
    outcome_from_answer_time=True,
)

BUILT_IN = {p.name: p for p in (GENERIC, AMAZON_CONNECT)}


def profiles() -> dict[str, Profile]:
    extra = {
        name: Profile(name=name, **spec)
        for name, spec in getattr(settings, "PERFORMANCE_IMPORT_PROFILES", {}).items()
    }
    return {**BUILT_IN, **extra}


def get_profile(name: str) -> Profile:
    try:
        return profiles()[name]
    except KeyError:
        raise ValueError(f"Unknown import profile {name!r}") from None


def profile_choices() -> list[tuple[str, str]]:
    return [(p.name, p.label) for p in profiles().values()]
