"""Sections of the committee and meeting reports, offered by every app that has something to say.

Each app that contributes writes `committee.py` with functions decorated by `@section(...)`.
A section function takes the reporting period and returns a `SectionContent`, which is
plain data (text, tables, charts) so an issued report can be stored as JSON and shown again
unchanged whatever happens to the live records later.

    from apps.core.reporting import Chart, SectionContent, Table, section

    @section("downtime", _("System downtime"), order=40, meetings={"scrutiny", "working_group"})
    def downtime(start: date, end: date) -> SectionContent:
        return SectionContent(paragraphs=[...], tables=[Table(...)], charts=[Chart(...)])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date

from django.utils.module_loading import autodiscover_modules

MEETINGS = {
    "scrutiny": "Overview and Scrutiny Committee",
    "working_group": "Customer Services Member Working Group",
    "liaison": "Liaison meeting with client services",
}


@dataclass
class Table:
    caption: str
    head: list[str]
    rows: list[list]  # cells are str, int, float or None: JSON-safe


@dataclass
class Chart:
    """A bar or line chart; `series` is a list of {"name": str, "values": [numbers]}."""

    title: str
    labels: list[str]
    series: list[dict]
    kind: str = "bar"  # "bar" or "line"
    unit: str = ""


@dataclass
class SectionContent:
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> SectionContent:
        return cls(
            paragraphs=list(data.get("paragraphs", [])),
            tables=[Table(**t) for t in data.get("tables", [])],
            charts=[Chart(**c) for c in data.get("charts", [])],
        )


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    order: int
    meetings: frozenset[str]
    build: Callable[[date, date], SectionContent]


_REGISTRY: dict[str, Section] = {}
_discovered = False


def section(key: str, title, *, order: int = 100, meetings=frozenset(MEETINGS)):
    """Register a report section builder under `key` (unique across the project)."""

    def register(function):
        _REGISTRY[key] = Section(key, str(title), order, frozenset(meetings), function)
        return function

    return register


def sections(meeting: str | None = None) -> list[Section]:
    """Every registered section (for one kind of meeting if given), in report order."""
    global _discovered
    if not _discovered:
        autodiscover_modules("committee")
        _discovered = True
    found = [s for s in _REGISTRY.values() if meeting is None or meeting in s.meetings]
    return sorted(found, key=lambda s: (s.order, s.key))
