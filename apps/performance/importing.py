"""Streaming import of phone system exports.

A file is read row by row (memory stays flat whatever its size). Every row is checked; a
file with any bad row writes nothing and reports each bad row by line and column. Good rows
go to the database through one sink chosen by `connection.vendor`: on PostgreSQL a `COPY`
into a temporary staging table and one set-based `INSERT ... SELECT ... ON CONFLICT DO
NOTHING`; elsewhere batched inserts that ignore conflicts. Either way a call already held
(same source system and call id) or an interval already held (same queue and start) is
skipped, so re-importing a file, or one that overlaps it, creates no duplicates.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import functools
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import DatabaseError, IntegrityError, connection, transaction

from .models import CallOutcome, CallRecord, ImportKind, IntervalRecord, Queue
from .profiles import CALL_FIELDS, CALL_REQUIRED, INTERVAL_REQUIRED, Profile

MAX_ERRORS_KEPT = 500
NOTHING = datetime.timedelta(0)
PROGRESS_EVERY = 10_000
BATCH = 5_000
OUTCOMES = set(CallOutcome.values)


@dataclass
class ImportResult:
    rows: int = 0
    loaded: int = 0
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    days: set = field(default_factory=set)  # (queue_id, local date) touched

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def duplicates(self) -> int:
        return self.rows - self.loaded if self.ok else 0


class RowError(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


class _Rejected(Exception):
    """Raised inside the transaction to roll back a file with bad rows."""


# --------------------------------------------------------------------------- parsing


def _parser(kind: str, profile: Profile, header: list[str]):
    """A function turning one CSV row into a tuple of values, raising RowError."""
    columns = profile.calls if kind == ImportKind.CALLS else profile.intervals
    required = CALL_REQUIRED if kind == ImportKind.CALLS else INTERVAL_REQUIRED
    if kind == ImportKind.INTERVALS and profile.interval_minutes:
        required = tuple(f for f in required if f != "interval_minutes")
    position = {name.strip(): i for i, name in enumerate(header)}
    missing = [columns[f] for f in required if columns.get(f) not in position]
    if missing:
        raise RowError(", ".join(missing), "the file has no column called this")
    index = {f: position.get(col) for f, col in columns.items()}
    zone = ZoneInfo(profile.time_zone)
    fmt = profile.datetime_format
    parse_naive = (
        datetime.datetime.fromisoformat
        if fmt == "iso"
        else (lambda text: datetime.datetime.strptime(text, fmt))
    )

    def cell(row, name):
        i = index[name]
        return row[i].strip() if i is not None and i < len(row) else ""

    def moment(value, name):
        if not value:
            return None
        try:
            value = parse_naive(value)
        except ValueError:
            raise RowError(columns[name], f"is not a date and time: {value[:40]!r}") from None
        return value if value.tzinfo else value.replace(tzinfo=zone)

    def elapsed(later, earlier):
        # Python takes two times in the same zone from each other as wall-clock times, an
        # hour out across a change of the clocks: the change of offset is taken off.
        span = later - earlier
        if later.tzinfo is zone and earlier.tzinfo is zone:
            span -= later.utcoffset() - earlier.utcoffset()
        return span

    def when(row, name, required=False):
        value = moment(cell(row, name), name)
        if value is None and required:
            raise RowError(columns[name], "is empty")
        return value

    def text(row, name, limit, required=False):
        value = cell(row, name)
        if required and not value:
            raise RowError(columns[name], "is empty")
        if len(value) > limit:
            raise RowError(columns[name], f"is longer than {limit} characters")
        return value

    def number(row, name, required=True):
        value = cell(row, name)
        if not value:
            if required:
                raise RowError(columns[name], "is empty")
            return None
        try:
            result = int(float(value)) if "." in value else int(value)
        except ValueError:
            raise RowError(columns[name], f"is not a whole number: {value[:20]!r}") from None
        if result < 0:
            raise RowError(columns[name], "is negative")
        return result

    if kind == ImportKind.CALLS:
        words = {k.lower(): v for k, v in profile.outcomes.items()}
        # Each field's position in a row, read once (this runs for every row of every file).
        # A field the file has no column for reads an empty cell added past the row's end.
        past = max(i for i in (index[f] for f in CALL_FIELDS) if i is not None) + 1
        at_call, at_queue, at_offered, at_answered, at_ended, at_agent, at_outcome = (
            past if index[f] is None else index[f] for f in CALL_FIELDS
        )
        width = past + 1 if any(index[f] is None for f in CALL_FIELDS) else past

        def parse_call(row):
            if len(row) < width:
                row = [*row, *[""] * (width - len(row))]
            call_id = row[at_call].strip()
            if not call_id:
                raise RowError(columns["call_id"], "is empty")
            if len(call_id) > 80:
                raise RowError(columns["call_id"], "is longer than 80 characters")
            queue = row[at_queue].strip()
            if not queue:
                raise RowError(columns["queue"], "is empty")
            if len(queue) > 120:
                raise RowError(columns["queue"], "is longer than 120 characters")
            offered = moment(row[at_offered].strip(), "offered_at")
            if offered is None:
                raise RowError(columns["offered_at"], "is empty")
            answered = moment(row[at_answered].strip(), "answered_at")
            ended = moment(row[at_ended].strip(), "ended_at")
            agent = row[at_agent].strip()
            if len(agent) > 120:
                raise RowError(columns["agent"], "is longer than 120 characters")
            word = row[at_outcome].strip()
            lower = word.lower()
            outcome = words.get(lower, lower)
            if outcome not in OUTCOMES:
                if profile.outcome_from_answer_time and (not word or lower not in words):
                    outcome = CallOutcome.ANSWERED if answered else CallOutcome.ABANDONED
                elif not word:
                    raise RowError(columns["outcome"], "is empty")
                else:
                    raise RowError(
                        columns["outcome"],
                        f"{word[:30]!r} is not one of answered, abandoned, overflowed, callback",
                    )
            waited = elapsed(answered, offered) if answered else None
            if waited is not None and waited < NOTHING:
                raise RowError(columns["answered_at"], "is before the call was offered")
            after = elapsed(ended, answered or offered) if ended else None
            if after is not None and after < NOTHING:
                raise RowError(columns["ended_at"], "is before the call was answered or offered")
            if outcome == CallOutcome.ANSWERED and not answered:
                raise RowError(columns["answered_at"], "is empty for an answered call")
            wait = int(waited.total_seconds()) if answered else None
            handle = int(after.total_seconds()) if answered and ended else 0
            return (call_id, queue, offered, answered, ended, agent, outcome, wait, handle)

        return parse_call

    def parse_interval(row):
        queue = text(row, "queue", 120, required=True)
        start = when(row, "interval_start", required=True)
        minutes = profile.interval_minutes or number(row, "interval_minutes")
        if minutes not in (15, 30):
            raise RowError(columns["interval_minutes"], "must be 15 or 30")
        if start.minute % minutes or start.second:
            raise RowError(
                columns["interval_start"], f"is not the start of a {minutes}-minute interval"
            )
        offered = number(row, "offered")
        answered = number(row, "answered")
        abandoned = number(row, "abandoned")
        within = number(row, "answered_within_threshold")
        handle = number(row, "handle_seconds")
        wait = (
            number(row, "wait_seconds", required=False)
            if index["wait_seconds"] is not None
            else None
        )
        staffed = (
            number(row, "staffed_seconds", required=False)
            if index["staffed_seconds"] is not None
            else None
        )
        if answered + abandoned > offered:
            raise RowError(
                columns["answered"], "answered and abandoned add up to more than offered"
            )
        if within > answered:
            raise RowError(columns["answered_within_threshold"], "is more than answered")
        return (queue, start, minutes, offered, answered, abandoned, within, handle, wait, staffed)

    return parse_interval


class _Unreadable(Exception):
    """The file stops being CSV text at `line` (not UTF-8, or broken quoting)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _rows(stream) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(stream)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise _Unreadable(
                reader.line_num + 1,
                "is not UTF-8 text: save the file as CSV UTF-8 and import it again",
            ) from None
        except csv.Error as error:
            raise _Unreadable(reader.line_num, f"is not readable CSV: {error}") from None
        if row and any(row):
            yield reader.line_num, row


def _text(fileobj) -> Iterator[str]:
    """The file's lines as text, decoded one at a time so that bytes which are not UTF-8
    are reported on their own line."""
    if isinstance(fileobj, io.TextIOBase):
        yield from fileobj
        return
    for number, line in enumerate(iter(fileobj.readline, b""), start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            raise _Unreadable(
                number, "is not UTF-8 text: save the file as CSV UTF-8 and import it again"
            ) from None


# --------------------------------------------------------------------------- sinks


class _NullSink:
    def __init__(self):
        self.queues: set[str] = set()

    def add(self, values):
        pass

    def finish(self) -> tuple[int, set]:
        return 0, set()

    def abort(self):
        pass


class _BatchSink:
    """Batched inserts that skip rows already held (SQLite, and any database without COPY)."""

    def __init__(self, kind: str, profile: Profile):
        self.kind, self.profile = kind, profile
        self.queue_ids: dict[str, int] = {}
        self.batch: list = []
        self.loaded = 0
        self.days: set = set()
        self.zone = ZoneInfo("Europe/London")

    def _queue_id(self, name: str) -> int:
        if name not in self.queue_ids:
            self.queue_ids[name] = Queue.objects.get_or_create(name=name)[0].pk
        return self.queue_ids[name]

    def add(self, values):
        source = self.profile.source_system
        if self.kind == ImportKind.CALLS:
            call_id, queue, offered, answered, ended, agent, outcome, wait, handle = values
            queue_id = self._queue_id(queue)
            self.batch.append(
                CallRecord(
                    source_system=source,
                    call_id=call_id,
                    queue_id=queue_id,
                    offered_at=offered,
                    answered_at=answered,
                    ended_at=ended,
                    agent=agent,
                    outcome=outcome,
                    wait_seconds=wait,
                    handle_seconds=handle,
                )
            )
            self.days.add((queue_id, offered.astimezone(self.zone).date()))
        else:
            queue, start, minutes, offered, answered, abandoned, within, handle, wait, staffed = (
                values
            )
            queue_id = self._queue_id(queue)
            self.batch.append(
                IntervalRecord(
                    source_system=source,
                    queue_id=queue_id,
                    interval_start=start,
                    interval_minutes=minutes,
                    offered=offered,
                    answered=answered,
                    abandoned=abandoned,
                    answered_within_threshold=within,
                    handle_seconds=handle,
                    wait_seconds=wait,
                    staffed_seconds=staffed,
                )
            )
            self.days.add((queue_id, start.astimezone(self.zone).date()))
        if len(self.batch) >= BATCH:
            self._flush()

    def _changes(self) -> int | None:
        raw = connection.connection
        return getattr(raw, "total_changes", None)

    def _flush(self):
        if not self.batch:
            return
        model = type(self.batch[0])
        before = self._changes()
        model.objects.bulk_create(self.batch, batch_size=500, ignore_conflicts=True)
        after = self._changes()
        self.loaded += (after - before) if before is not None else len(self.batch)
        self.batch = []

    def finish(self) -> tuple[int, set]:
        self._flush()
        return self.loaded, self.days

    def abort(self):
        self.batch = []


STAGE_COLUMNS = {
    ImportKind.CALLS: (
        "call_id text, queue text, offered_at timestamptz, answered_at timestamptz, "
        "ended_at timestamptz, agent text, outcome text, wait_seconds integer, "
        "handle_seconds integer"
    ),
    ImportKind.INTERVALS: (
        "queue text, interval_start timestamptz, interval_minutes smallint, offered integer, "
        "answered integer, abandoned integer, answered_within_threshold integer, "
        "handle_seconds integer, wait_seconds integer, staffed_seconds integer"
    ),
}


class _CopySink:
    """PostgreSQL: COPY into a temporary staging table, then one INSERT ... SELECT."""

    def __init__(self, kind: str, profile: Profile):
        self.kind, self.profile = kind, profile
        self.cursor = connection.cursor()
        raw = self.cursor.cursor
        raw.execute(
            f"CREATE TEMPORARY TABLE performance_stage ({STAGE_COLUMNS[kind]}) ON COMMIT DROP"
        )
        self._copy_context = raw.copy("COPY performance_stage FROM STDIN")
        self.copy = self._copy_context.__enter__()

    def add(self, values):
        self.copy.write_row(values)

    def abort(self):
        # Ends the COPY with an error, so the server discards it; the rollback does the rest.
        error = _Rejected("the file has bad rows")
        self._copy_context.__exit__(_Rejected, error, None)

    def finish(self) -> tuple[int, set]:
        self._copy_context.__exit__(None, None, None)
        cursor = self.cursor.cursor
        from .models import default_service_level_seconds

        cursor.execute(
            "INSERT INTO performance_queue (name, service_level_seconds) "
            "SELECT DISTINCT queue, %s FROM performance_stage ON CONFLICT (name) DO NOTHING",
            [default_service_level_seconds()],
        )
        source = self.profile.source_system
        if self.kind == ImportKind.CALLS:
            cursor.execute(
                "INSERT INTO performance_callrecord (source_system, call_id, queue_id, "
                "offered_at, answered_at, ended_at, agent, outcome, wait_seconds, "
                "handle_seconds) SELECT %s, s.call_id, q.id, s.offered_at, s.answered_at, "
                "s.ended_at, s.agent, s.outcome, s.wait_seconds, s.handle_seconds "
                "FROM performance_stage s JOIN performance_queue q ON q.name = s.queue "
                "ON CONFLICT (source_system, call_id) DO NOTHING",
                [source],
            )
            loaded = cursor.rowcount
            when = "offered_at"
        else:
            cursor.execute(
                "INSERT INTO performance_intervalrecord (source_system, queue_id, "
                "interval_start, interval_minutes, offered, answered, abandoned, "
                "answered_within_threshold, handle_seconds, wait_seconds, staffed_seconds) "
                "SELECT %s, q.id, s.interval_start, s.interval_minutes, s.offered, s.answered, "
                "s.abandoned, s.answered_within_threshold, s.handle_seconds, s.wait_seconds, "
                "s.staffed_seconds FROM performance_stage s "
                "JOIN performance_queue q ON q.name = s.queue "
                "ON CONFLICT (queue_id, interval_start) DO NOTHING",
                [source],
            )
            loaded = cursor.rowcount
            when = "interval_start"
        cursor.execute(
            f"SELECT DISTINCT q.id, (s.{when} AT TIME ZONE 'Europe/London')::date "
            "FROM performance_stage s JOIN performance_queue q ON q.name = s.queue"
        )
        days = {(row[0], row[1]) for row in cursor.fetchall()}
        cursor.execute("DROP TABLE performance_stage")
        return loaded, days


# --------------------------------------------------------------------------- fast path
#
# On PostgreSQL a call file with ISO times goes through the first of three tiers that takes
# it, before the row-by-row path:
#
# - the direct tier, for the usual export (no quoted cells, and every time in one ISO layout,
#   all with an offset or all without) whose first and last calls are not held: each line is
#   checked with one regular expression and the row-by-row path's own parser, and COPY writes
#   it straight into the calls table, on the other core;
# - the plain tier, for the same shape of file otherwise: Python checks each line's shape
#   with the regular expression while COPY casts the times into a typed staging table
#   (PostgreSQL's parser, in C);
# - the text tier, for any other file: COPY into a staging table of text, and the shapes are
#   checked and the times cast in SQL.
#
# The staged tiers feed the same insert, which skips calls held. A file every tier refuses
# goes row by row, which names each bad row by line and column (or loads a file Python
# accepts but the SQL does not).

# Timestamps the text tier casts in SQL: PostgreSQL's parser casts them (an impossible date
# or time makes the cast fail) after a cheap check of their shape, so that only the ISO forms
# datetime.fromisoformat reads get through: the date, a space or T, hours and minutes, then
# nothing but digits and ':', '.', '+', '-' or 'Z' (no words such as 'today', no other
# layouts). A regular expression, or comparing translate(...) against a list of shapes,
# costs five to ten times as much per cell.
ISO_PREFIXES = ("____-__-__ __:__%", "____-__-__T__:__%")
ISO_CHARACTERS = "0123456789:.+-Z"
WHITESPACE = " \t\r\n\f\v"
TIMES = ("offered_at", "answered_at", "ended_at")

# The plain tier's shapes: a cell with no comma, quote or line break, and the ISO times
# datetime.fromisoformat reads the same way PostgreSQL does (at most six decimal places:
# Python cuts a seventh, PostgreSQL rounds it).
_PLAIN_CELL = rb'[^,"\r\n]*'
_ISO_DATE = rb"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
_ISO_TIME = rb"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?"
_ISO_OFFSET = rb"(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)"
CHUNK = 1024 * 1024

# A file of at least this many calls, into a table holding no more than four times as many,
# is loaded as the PostgreSQL manual advises for a bulk load: the two indexes beyond the
# primary key are dropped and built again afterwards (within the same transaction).
BULK_ROWS = 100_000
BULK_RATIO = 4


class _Fallback(Exception):
    """The fast path cannot take this file: use the row-by-row path instead."""


class _NotPlain(Exception):
    """A line of the file is not in the plain tier's shape."""


def _fast_eligible(fileobj, kind: str, profile: Profile) -> bool:
    return (
        connection.vendor == "postgresql"
        and kind == ImportKind.CALLS
        and profile.datetime_format == "iso"
        and not isinstance(fileobj, io.TextIOBase)
        and all(hasattr(fileobj, a) for a in ("readline", "seek", "tell"))
        and (not hasattr(fileobj, "seekable") or fileobj.seekable())
    )


def _sql_literal(value: str) -> str:
    """A string constant for SQL that is run with parameters (so % is doubled)."""
    return "'" + value.replace("'", "''").replace("%", "%%") + "'"


@functools.lru_cache(maxsize=8)
def _repeated_hours(zone_name: str) -> tuple[tuple[datetime.datetime, datetime.timedelta], ...]:
    """When the clocks go back in this zone (1970 to 2100): (the instant, by how much).

    A local time in the repeated hour is two instants. PostgreSQL takes the second, Python
    (fold=0) the first; the plain tier moves PostgreSQL's back to Python's."""
    zone = ZoneInfo(zone_name)
    utc = datetime.UTC
    changes = []
    day = datetime.datetime(1970, 1, 1, tzinfo=utc)
    end = datetime.datetime(2101, 1, 1, tzinfo=utc)
    step = datetime.timedelta(days=1)
    before = day.astimezone(zone).utcoffset()
    while day < end:
        after = (day + step).astimezone(zone).utcoffset()
        if after < before:
            low, high = day, day + step  # the offset changes in (low, high]
            while high - low > datetime.timedelta(seconds=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == before:
                    low = middle
                else:
                    high = middle
            changes.append((high.replace(microsecond=0), before - after))
        before = after
        day += step
    return tuple(changes)


def _first_of_two_sql(name: str, zone_name: str) -> str:
    """SQL moving a local time PostgreSQL read as the second of two instants to the first."""
    by_size: dict[datetime.timedelta, list[str]] = {}
    for instant, size in _repeated_hours(zone_name):
        by_size.setdefault(size, []).append(
            f"[{instant.isoformat()},{(instant + size).isoformat()})"
        )
    if not by_size:
        return name
    cases = " ".join(
        f"WHEN {name} <@ {_sql_literal('{' + ','.join(ranges) + '}')}::tstzmultirange "
        f"THEN {name} - interval '{int(size.total_seconds())} seconds'"
        for size, ranges in by_size.items()
    )
    return f"CASE {cases} ELSE {name} END"


def _calls_sql(position: dict[str, int], profile: Profile, times: str) -> str:
    """A SELECT of the staged calls, checked and cast: call_id, queue, agent, the three
    times and the outcome, which is NULL for a bad row.

    times says what the staging table holds: "text" (the text tier: cells as written, shapes
    checked and cast here), or "offset" or "local" (the plain tier: COPY has cast them; local
    times may be in the hour that happens twice).

    Three levels, each evaluated once per row (`OFFSET 0` keeps the planner from folding
    them together and computing the same expression several times):

    1. trim the cells the profile maps;
    2. cast the timestamps with PostgreSQL's parser (the session time zone is the
       profile's) and check their shape;
    3. take the first of the two instants when a wall-clock time happens twice (clocks going
       back), map the outcome word, and decide whether the row is good.

    A bad row is not filtered out: its outcome becomes NULL, which the NOT NULL column
    refuses, so the insert fails and the whole file goes down the row-by-row path that names
    each bad row. Only literals built here from the profile and the header positions are
    interpolated; no cell of the file is.
    """
    columns = profile.calls

    def cell(name, trim=True):
        i = position.get(columns.get(name))
        if i is None:
            return "''" if times == "text" or name not in TIMES else "NULL::timestamptz"
        if name in TIMES and times != "text":
            return f"c{i}"
        if not trim:
            return f"coalesce(c{i}, '')"
        return f"btrim(coalesce(c{i}, ''), {_sql_literal(WHITESPACE)})"

    words = {k.lower(): v for k, v in profile.outcomes.items()}
    mapped = (
        "CASE w "
        + " ".join(f"WHEN {_sql_literal(k)} THEN {_sql_literal(v)}" for k, v in words.items())
        + " END"
        if words
        else "NULL::text"
    )
    outcomes = "ARRAY[" + ", ".join(_sql_literal(o) for o in sorted(OUTCOMES)) + "]"
    derive = "TRUE" if profile.outcome_from_answer_time else "FALSE"
    trimmed = ", ".join(
        # Timestamps are not trimmed (a third of this level's time): one with spaces
        # around it fails the shape check and the file takes the row-by-row path.
        [f"{cell(n)} AS {n}" for n in ("call_id", "queue", "agent")]
        + [f"{cell(n, trim=False)} AS {n}" for n in TIMES]
        + [f"lower({cell('outcome')}) AS w"]
    )
    if times == "text":
        cast = ", ".join(
            [f"{n}, nullif({n}, '')::timestamptz AS {n}_x" for n in TIMES]
            + [
                f"({n} = '' OR (({n} LIKE {_sql_literal(ISO_PREFIXES[0])} "
                f"OR {n} LIKE {_sql_literal(ISO_PREFIXES[1])}) "
                f"AND rtrim(substr({n}, 17), {_sql_literal(ISO_CHARACTERS)}) = '')) AS {n}_ok"
                for n in TIMES
            ]
        )
        # A time with an offset is never moved; the offset test runs only for the rare row
        # whose wall-clock time happens twice.
        first_of_two = ", ".join(
            f"CASE WHEN ({n}_x - interval '1 hour')::timestamp = {n}_x::timestamp "
            f"AND NOT (right({n}, 1) = 'Z' OR substr({n}, length({n}) - 5, 1) IN ('+', '-')) "
            f"THEN {n}_x - interval '1 hour' ELSE {n}_x END AS {n}"
            for n in TIMES
        )
    else:
        cast = ", ".join(f"{n} AS {n}_x, TRUE AS {n}_ok" for n in TIMES)
        first_of_two = ", ".join(
            f"{_first_of_two_sql(f'{n}_x', profile.time_zone) if times == 'local' else n + '_x'}"
            f" AS {n}"
            for n in TIMES
        )
    good = (
        "call_id <> '' AND length(call_id) <= 80 AND queue <> '' "
        "AND length(queue) <= 120 AND length(agent) <= 120 AND offered_at IS NOT NULL "
        "AND offered_at_ok AND answered_at_ok AND ended_at_ok AND outcome IS NOT NULL "
        "AND (answered_at IS NULL OR answered_at >= offered_at) "
        "AND (ended_at IS NULL OR ended_at >= coalesce(answered_at, offered_at)) "
        "AND NOT (outcome = 'answered' AND answered_at IS NULL)"
    )
    outcome = (
        f"CASE WHEN coalesce(mapped, w) = ANY({outcomes}) THEN coalesce(mapped, w) "
        f"WHEN {derive} AND mapped IS NULL THEN "
        "CASE WHEN answered_at IS NOT NULL THEN 'answered' ELSE 'abandoned' END END"
    )
    return (
        "SELECT call_id, queue, agent, offered_at, answered_at, ended_at, "
        "CASE WHEN good THEN outcome END AS outcome "
        f"FROM (SELECT o.*, {good} AS good "
        f"FROM (SELECT t.*, {outcome} AS outcome "
        f"FROM (SELECT call_id, queue, agent, w, {mapped} AS mapped, offered_at_ok, "
        f"answered_at_ok, ended_at_ok, {first_of_two} "
        f"FROM (SELECT call_id, queue, agent, w, {cast} "
        f"FROM (SELECT {trimmed} FROM performance_rawstage OFFSET 0) a OFFSET 0) b "
        "OFFSET 0) t OFFSET 0) o OFFSET 0) g"
    )


def _insert_sql(calls_sql: str, *, bulk: bool) -> str:
    """Insert the staged calls not already held; return, for each queue and London day, the
    rollup's totals of the calls inserted.

    Ordinarily `ON CONFLICT DO NOTHING` skips a call already held (NOT NULL is checked
    before the conflict, so a bad row fails even if already held). In a bulk load the
    unique index is not there while the rows go in, so a hash join against the calls held
    finds them; a bad row is kept (and fails) whether held or not. (`NOT EXISTS` in the
    ordinary path let the planner rescan every call held for each new row: quadratic.)"""
    insert = (
        "INSERT INTO performance_callrecord (source_system, call_id, queue_id, offered_at, "
        "answered_at, ended_at, agent, outcome, wait_seconds, handle_seconds) "
        "SELECT %s, g.call_id, q.id, g.offered_at, g.answered_at, g.ended_at, g.agent, "
        "g.outcome, floor(extract(epoch FROM g.answered_at - g.offered_at))::integer, "
        "CASE WHEN g.answered_at IS NOT NULL AND g.ended_at IS NOT NULL THEN "
        "floor(extract(epoch FROM g.ended_at - g.answered_at))::integer ELSE 0 END "
        f"FROM ({calls_sql}) g LEFT JOIN performance_queue q ON q.name = g.queue "
    )
    if bulk:
        insert += (
            "LEFT JOIN performance_callrecord held ON held.source_system = %s "
            "AND held.call_id = g.call_id WHERE held.id IS NULL OR g.outcome IS NULL "
        )
    else:
        insert += "ON CONFLICT (source_system, call_id) DO NOTHING "
    return (
        f"WITH inserted AS ({insert}"
        "RETURNING queue_id, offered_at, outcome, wait_seconds, handle_seconds) "
        + _totals_sql("inserted")
    )


def _totals_sql(calls: str) -> str:
    """For each queue and London day, the rollup's totals of `calls`: a table or subquery
    with queue_id, offered_at, outcome, wait_seconds and handle_seconds."""
    answered = _sql_literal(CallOutcome.ANSWERED)
    return (
        "SELECT i.queue_id, (i.offered_at AT TIME ZONE 'Europe/London')::date, count(*), "
        f"count(*) FILTER (WHERE i.outcome = {answered}), "
        f"count(*) FILTER (WHERE i.outcome = {_sql_literal(CallOutcome.ABANDONED)}), "
        f"count(*) FILTER (WHERE i.outcome = {answered} "
        "AND i.wait_seconds <= q.service_level_seconds), "
        f"sum(i.handle_seconds), sum(i.wait_seconds) FILTER (WHERE i.outcome = {answered}) "
        f"FROM {calls} i JOIN performance_queue q ON q.id = i.queue_id GROUP BY 1, 2"
    )


def _timed_columns(position: dict[str, int], profile) -> dict[int, str]:
    """The file's time columns: {column number: field}."""
    columns = profile.calls
    return {position[columns[n]]: n for n in TIMES if columns.get(n) in position}


def _plain_pattern(fileobj, header: list[str], position: dict[str, int], profile):
    """What the file's times are ("offset" or "local") and the plain tier's pattern for a
    line, chosen by the first line after the header; raises _NotPlain if it fits neither."""
    timed = _timed_columns(position, profile)
    start = fileobj.tell()
    first = fileobj.readline().rstrip(b"\r\n")
    fileobj.seek(start)
    for times, stamp in (
        ("offset", _ISO_DATE + rb"[ T]" + _ISO_TIME + _ISO_OFFSET),
        ("local", _ISO_DATE + rb"[ T]" + _ISO_TIME),
    ):
        cells = [
            _PLAIN_CELL
            if i not in timed
            else stamp
            if timed[i] == "offered_at"
            else b"(?:" + stamp + b")?"
            for i in range(len(header))
        ]
        pattern = re.compile(rb"^" + b",".join(cells) + rb"\r?$", re.MULTILINE)
        if pattern.match(first):
            return times, pattern
    raise _NotPlain


def _plain_bodies(fileobj, pattern: re.Pattern) -> Iterator[bytes]:
    """The rest of the file in blocks of whole lines, each line checked against the plain
    pattern; raises _NotPlain at the first block with a line that does not match."""
    rest = b""
    while True:
        chunk = fileobj.read(CHUNK)
        data = rest + chunk
        if chunk:
            cut = data.rfind(b"\n") + 1
            body, rest = data[:cut], data[cut:]
        else:
            body, rest = (data + b"\n" if data else b""), b""
        # Every line must match (a match never spans two lines, nor starts mid-line).
        if body:
            if len(pattern.findall(body)) != body.count(b"\n"):
                raise _NotPlain
            yield body
        if not chunk:
            return


def _stage_plain(cursor, fileobj, header: list[str], position: dict[str, int], profile):
    """COPY the file into a typed staging table if every line is plain; returns "offset" or
    "local" (what its times are), or raises _NotPlain before COPY finishes if a line is not.
    """
    timed = _timed_columns(position, profile)
    times, pattern = _plain_pattern(fileobj, header, position, profile)
    stage = ", ".join(f"c{i} {'timestamptz' if i in timed else 'text'}" for i in range(len(header)))
    cursor.execute(f"CREATE TEMPORARY TABLE performance_rawstage ({stage}) ON COMMIT DROP")
    with cursor.copy("COPY performance_rawstage FROM STDIN WITH (FORMAT csv)") as copy:
        for body in _plain_bodies(fileobj, pattern):
            copy.write(body)
    return times


def _stage_text(cursor, fileobj, header: list[str]) -> None:
    stage = ", ".join(f"c{i} text" for i in range(len(header)))
    cursor.execute(f"CREATE TEMPORARY TABLE performance_rawstage ({stage}) ON COMMIT DROP")
    with cursor.copy("COPY performance_rawstage FROM STDIN WITH (FORMAT csv)") as copy:
        while chunk := fileobj.read(CHUNK):
            copy.write(chunk)


def _days_held(
    cursor, first: datetime.datetime, last: datetime.datetime, *, up_to: int | None = None
) -> set[tuple[int, datetime.date]]:
    """(queue id, London day) pairs that held calls or interval totals before this import,
    between first and last (a day either side). up_to: the last call id held before the
    import, when its calls are already in the table."""
    day = "(%s AT TIME ZONE 'Europe/London')::date"
    before = "" if up_to is None else f"AND id <= {int(up_to)} "
    cursor.execute(
        f"SELECT DISTINCT queue_id, {day % 'offered_at'} FROM performance_callrecord "
        "WHERE offered_at >= %s - interval '1 day' AND offered_at <= %s + interval '1 day' "
        f"{before}UNION SELECT DISTINCT queue_id, {day % 'interval_start'} "
        "FROM performance_intervalrecord "
        "WHERE interval_start >= %s - interval '1 day' AND interval_start <= %s + interval '1 day'",
        [first, last, first, last],
    )
    return {(queue_id, when) for queue_id, when in cursor.fetchall()}


def _bulk(cursor, rows: int) -> bool:
    if rows < BULK_ROWS:
        return False
    cursor.execute(
        "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [CallRecord._meta.db_table]
    )
    held = cursor.fetchone()[0]
    if held < 0:  # never analysed: count, but no further than the limit
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM performance_callrecord LIMIT %s) s",
            [rows * BULK_RATIO + 1],
        )
        held = cursor.fetchone()[0]
    return held <= rows * BULK_RATIO


@contextlib.contextmanager
def _setting(cursor, name: str, value: str):
    """A PostgreSQL setting changed for what the block runs, then put back as it was. (On an
    error the savepoint the fast path runs in is rolled back, which puts it back too.)"""
    cursor.execute("SELECT current_setting(%s)", [name])
    (before,) = cursor.fetchone()
    cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
    yield
    cursor.execute("SELECT set_config(%s, %s, true)", [name, before])


@contextlib.contextmanager
def _bulk_indexes(cursor, bulk: bool):
    """For a bulk load, the calls table without its unique index and its (queue, offered)
    index while the block loads, both built again afterwards and the table analysed. Building
    the unique index raises IntegrityError if the block loaded a call twice."""
    if not bulk:
        yield
        return
    unique = next(c for c in CallRecord._meta.constraints if c.name == "call_unique")
    (index,) = CallRecord._meta.indexes
    with connection.schema_editor(atomic=False) as editor:
        editor.remove_constraint(CallRecord, unique)
        editor.remove_index(CallRecord, index)
    cursor.execute("SET LOCAL work_mem = '256MB'")
    yield
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    with connection.schema_editor(atomic=False) as editor:
        editor.add_constraint(CallRecord, unique)
        editor.add_index(CallRecord, index)
    cursor.execute("ANALYZE performance_callrecord")


def _insert_calls(cursor, calls_sql: str, rows: int, source: str) -> list[tuple]:
    """Insert the staged calls; the rollup totals of those inserted, by queue and day.

    Nested loops are off for the insert: the planner cannot tell how many rows the checks
    keep, guesses few, and looked each row's queue up by index (three times slower than one
    hash of the queues)."""
    with _setting(cursor, "enable_nestloop", "off"):
        if _bulk(cursor, rows):
            cursor.execute("SAVEPOINT performance_bulk")
            try:
                with _bulk_indexes(cursor, True):
                    cursor.execute(_insert_sql(calls_sql, bulk=True), [source, source])
                    totals = cursor.fetchall()
            except IntegrityError:
                # The same call twice in the file: load it the ordinary way, keeping the first.
                cursor.execute("ROLLBACK TO SAVEPOINT performance_bulk")
            else:
                cursor.execute("RELEASE SAVEPOINT performance_bulk")
                return totals
        cursor.execute(_insert_sql(calls_sql, bulk=False), [source])
        return cursor.fetchall()


# The direct tier's COPY: each line the file's own call id, agent and times (as written),
# with the queue's id, the outcome and the seconds the row-by-row parser worked out. An
# empty agent is an empty string, not NULL.
COPY_CALLS = (
    "COPY performance_callrecord (source_system, call_id, queue_id, offered_at, answered_at, "
    "ended_at, agent, outcome, wait_seconds, handle_seconds) FROM STDIN "
    "WITH (FORMAT csv, FORCE_NOT_NULL (agent))"
)


class _Feed:
    """A COPY into the calls table that can stop, so that the connection can add a queue,
    and go on with a new COPY in the same transaction."""

    def __init__(self, cursor):
        self.cursor = cursor
        self._context = self._copy = None

    def write(self, data: str) -> None:
        if self._context is None:
            self._context = self.cursor.copy(COPY_CALLS)
            self._copy = self._context.__enter__()
        self._copy.write(data)

    def stop(self, error: BaseException | None = None) -> None:
        """Finish the COPY; with an error, end it so that the server discards it."""
        context, self._context = self._context, None
        if context is not None:
            context.__exit__(type(error) if error else None, error, None)


def _copy_calls(cursor, fileobj, header: list[str], position: dict[str, int], profile, pattern):
    """The direct tier: check every line with the row-by-row path's own parser and COPY it
    straight into the calls table. Returns the number of rows.

    Raises _NotPlain at a line the plain pattern or the parser refuses; the file then takes
    the other tiers, and the row-by-row path names each bad row."""
    parse = _parser(ImportKind.CALLS, profile, header)
    at_offered, at_answered, at_ended = (position.get(profile.calls.get(n)) for n in TIMES)
    cursor.execute("SELECT name, id FROM performance_queue")
    queue_ids = {name: str(pk) for name, pk in cursor.fetchall()}
    source = '"' + profile.source_system.replace('"', '""') + '"'
    feed = _Feed(cursor)
    rows = 0
    try:
        for body in _plain_bodies(fileobj, pattern):
            try:
                lines = body.replace(b"\r", b"").decode("utf-8").split("\n")
            except UnicodeDecodeError:
                raise _NotPlain from None
            lines.pop()  # after the last line break
            out = []
            for line in lines:
                row = line.split(",")
                try:
                    call_id, queue, _, _, _, agent, outcome, wait, handle = parse(row)
                except RowError:
                    raise _NotPlain from None
                queue_id = queue_ids.get(queue)
                if queue_id is None:
                    feed.write("".join(out))
                    out = []
                    feed.stop()
                    queue_id = queue_ids[queue] = str(Queue.objects.get_or_create(name=queue)[0].pk)
                # The plain pattern has checked the times have no spaces, quotes or commas.
                answered = "" if at_answered is None else row[at_answered]
                ended = "" if at_ended is None else row[at_ended]
                out.append(
                    f"{source},{call_id},{queue_id},{row[at_offered]},{answered},{ended},"
                    f"{agent},{outcome},{'' if wait is None else wait},{handle}\n"
                )
            feed.write("".join(out))
            rows += len(lines)
    except BaseException as error:
        feed.stop(error)
        raise
    feed.stop()
    return rows


def _take_first_of_two(cursor, zone_name: str, source: str, up_to: int) -> None:
    """Move the local times COPY read as the second of two instants (the hour that happens
    twice when the clocks go back) to the first, as Python reads them."""
    moved = {n: _first_of_two_sql(n, zone_name) for n in TIMES}
    if all(moved[n] == n for n in TIMES):
        return
    cursor.execute(
        "UPDATE performance_callrecord SET "
        + ", ".join(f"{n} = {moved[n]}" for n in TIMES)
        + " WHERE source_system = %s AND id > %s AND ("
        + " OR ".join(f"{n} IS DISTINCT FROM {moved[n]}" for n in TIMES)
        + ")",
        [source, up_to],
    )


def _first_and_last(fileobj) -> tuple[bytes, bytes, int]:
    """The first and last lines from where the file is read, and how many bytes are left;
    the file is left where it was."""
    start = fileobj.tell()
    first = fileobj.readline()
    fileobj.seek(0, io.SEEK_END)
    end = fileobj.tell()
    fileobj.seek(max(start, end - 64 * 1024))
    last = fileobj.read().rstrip(b"\r\n").rsplit(b"\n", 1)[-1]
    fileobj.seek(start)
    return first, last, end - start


def _load_direct(cursor, fileobj, header: list[str], position: dict[str, int], profile):
    """The direct tier, for a plain file whose first and last calls are not held (the first
    load of a phone system's history, or a new month's file): COPY into the calls table
    itself. A call held after all, or one the file has twice, fails the COPY (or the unique
    index's rebuild) and the file takes the staged tiers, which skip it.

    Imports from one phone system take turns (a lock until the transaction ends), so that
    the calls above the highest id held before are this import's.

    Returns (rows read, rollup totals of the calls loaded, days held before), or None if the
    tier cannot take the file (having rolled back what it did): a line is not plain, a row
    is bad, or a call is held or in the file twice."""
    import psycopg

    source = profile.source_system
    cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"performance import {source}"])
    start = fileobj.tell()
    try:
        times, pattern = _plain_pattern(fileobj, header, position, profile)
    except _NotPlain:
        return None
    first, last, size = _first_and_last(fileobj)
    at = position[profile.calls["call_id"]]
    ends = [line.decode("utf-8", "replace").split(",") for line in (first, last)]
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM performance_callrecord WHERE source_system = %s "
        "AND call_id = ANY(%s))",
        [source, [cells[at].strip() for cells in ends if len(cells) > at]],
    )
    if cursor.fetchone()[0]:
        return None
    estimate = size // (len(first) or 1)
    cursor.execute("SELECT coalesce(max(id), 0) FROM performance_callrecord")
    (up_to,) = cursor.fetchone()
    new = "performance_callrecord WHERE source_system = %s AND id > %s"
    cursor.execute("SAVEPOINT performance_direct")
    try:
        with _bulk_indexes(cursor, _bulk(cursor, estimate)):
            rows = _copy_calls(cursor, fileobj, header, position, profile, pattern)
            if times == "local":
                _take_first_of_two(cursor, profile.time_zone, source, up_to)
    except (_NotPlain, psycopg.Error, DatabaseError):
        cursor.execute("ROLLBACK TO SAVEPOINT performance_direct")
        fileobj.seek(start)
        return None
    cursor.execute("RELEASE SAVEPOINT performance_direct")
    cursor.execute(
        _totals_sql(
            f"(SELECT queue_id, offered_at, outcome, wait_seconds, handle_seconds FROM {new})"
        ),
        [source, up_to],
    )
    totals = cursor.fetchall()
    held = set()
    if totals:
        days = [day for _, day, *_ in totals]
        london = ZoneInfo("Europe/London")
        held = _days_held(
            cursor,
            datetime.datetime.combine(min(days), datetime.time(), london),
            datetime.datetime.combine(max(days), datetime.time(23, 59, 59), london),
            up_to=up_to,
        )
    return rows, totals, held


def _load_staged(cursor, fileobj, header: list[str], position: dict[str, int], profile):
    """The plain or text tier: COPY the file into a staging table, then check, cast and
    insert every row in one statement. Returns (rows read, rollup totals of the calls
    loaded, days held before, or None where not worked out)."""
    import psycopg

    from .models import default_service_level_seconds

    columns = profile.calls
    queue_cell = f"btrim(coalesce(c{position[columns['queue']]}, ''), %s)"
    start = fileobj.tell()
    cursor.execute("SAVEPOINT performance_plain")
    try:
        times = _stage_plain(cursor, fileobj, header, position, profile)
    except (_NotPlain, psycopg.Error):
        cursor.execute("ROLLBACK TO SAVEPOINT performance_plain")
        fileobj.seek(start)
        _stage_text(cursor, fileobj, header)
        times = "text"
    rows = cursor.rowcount
    cursor.execute("ANALYZE performance_rawstage")
    held = None
    if times != "text":
        offered = f"c{position[columns['offered_at']]}"
        cursor.execute(f"SELECT min({offered}), max({offered}) FROM performance_rawstage")
        first, last = cursor.fetchone()
        held = set() if first is None else _days_held(cursor, first, last)
    cursor.execute(
        "INSERT INTO performance_queue (name, service_level_seconds) "
        f"SELECT DISTINCT {queue_cell}, %s FROM performance_rawstage "
        f"WHERE {queue_cell} <> '' ON CONFLICT (name) DO NOTHING",
        [WHITESPACE, default_service_level_seconds(), WHITESPACE],
    )
    totals = _insert_calls(
        cursor, _calls_sql(position, profile, times), rows, profile.source_system
    )
    cursor.execute("DROP TABLE performance_rawstage")
    return rows, totals, held


def _fast_load(fileobj, profile: Profile) -> tuple[int, int, set, dict]:
    """PostgreSQL, calls, ISO timestamps: the direct tier if it can take the file, else the
    plain or text tier.

    Returns the rows read, the calls loaded, the (queue id, day)s touched, and the rollup
    totals of those days that held nothing before (the rest must be counted again).

    Raises _Fallback (after rolling back its savepoint) if any row fails the checks, so the
    row-by-row path reports each bad row by line and column (or loads a file Python accepts
    but the SQL does not, e.g. an unusual ISO form)."""
    import psycopg

    first = fileobj.readline()
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    try:
        header = next(csv.reader([first.decode("utf-8")]), [])
    except UnicodeDecodeError:
        raise _Fallback from None
    position = {name.strip(): i for i, name in enumerate(header)}
    if not header or any(profile.calls.get(f) not in position for f in CALL_REQUIRED):
        raise _Fallback

    sid = transaction.savepoint()
    try:
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor
            cursor.execute("SET LOCAL synchronous_commit = off")
            # Times without an offset are the profile's local time. The session's own zone
            # is put back afterwards: Django reads every timestamp as UTC.
            with _setting(cursor, "TimeZone", profile.time_zone):
                loaded = _load_direct(cursor, fileobj, header, position, profile)
                if loaded is None:
                    loaded = _load_staged(cursor, fileobj, header, position, profile)
    except (DatabaseError, psycopg.Error):
        transaction.savepoint_rollback(sid)
        raise _Fallback from None
    transaction.savepoint_commit(sid)
    rows, totals, held = loaded
    days, known, count = set(), {}, 0
    for queue_id, day, offered, answered, abandoned, within, handle, wait in totals:
        days.add((queue_id, day))
        count += offered
        if held is not None and (queue_id, day) not in held:
            known[(queue_id, day)] = {
                "offered": offered,
                "answered": answered,
                "abandoned": abandoned,
                "answered_within_threshold": within,
                "handle_seconds": handle,
                "wait_seconds": wait,
                "staffed_seconds": None,
            }
    return rows, count, days, known


def _sink(kind: str, profile: Profile):
    """The one place that chooses how rows reach the database, by database vendor."""
    if connection.vendor == "postgresql":
        return _CopySink(kind, profile)
    return _BatchSink(kind, profile)


# --------------------------------------------------------------------------- the import


def _stream(fileobj, *, kind, profile, sink, result, on_progress) -> None:
    try:
        _stream_rows(
            fileobj, kind=kind, profile=profile, sink=sink, result=result, on_progress=on_progress
        )
    except _Unreadable as error:
        result.error_count += 1
        result.errors.append({"line": error.line, "column": "", "message": error.message})


def _stream_rows(fileobj, *, kind, profile, sink, result, on_progress) -> None:
    stream = _text(fileobj)
    rows = _rows(stream)
    try:
        _, header = next(rows)
    except StopIteration:
        result.errors.append({"line": 1, "column": "", "message": "The file is empty"})
        result.error_count = 1
        return
    try:
        parse = _parser(kind, profile, header)
    except RowError as error:
        result.errors.append({"line": 1, "column": error.column, "message": error.message})
        result.error_count = 1
        return
    count = 0
    for line, row in rows:
        count += 1
        try:
            values = parse(row)
        except RowError as error:
            result.error_count += 1
            if len(result.errors) < MAX_ERRORS_KEPT:
                result.errors.append(
                    {"line": line, "column": error.column, "message": error.message}
                )
            continue
        if not result.error_count:
            sink.add(values)
        if on_progress and count % PROGRESS_EVERY == 0:
            on_progress(count)
    result.rows = count
    if on_progress:
        on_progress(count)


def validate_file(fileobj, *, kind: str, profile: Profile, on_progress=None) -> ImportResult:
    """Check every row without writing anything (the first pass of a two-pass import)."""
    result = ImportResult()
    _stream(
        fileobj,
        kind=kind,
        profile=profile,
        sink=_NullSink(),
        result=result,
        on_progress=on_progress,
    )
    return result


def load_file(
    fileobj, *, kind: str, profile: Profile, on_progress: Callable[[int], None] | None = None
) -> ImportResult:
    """Check and load a file in one transaction: all of it, or nothing if any row is bad.

    on_progress must not touch the database: on PostgreSQL the connection is inside a COPY.

    Rows already held are skipped; the daily rollups of every queue and day the file touches
    are rebuilt in the same transaction.
    """
    from .rollups import queue_days_refresh

    result = ImportResult()
    try:
        with transaction.atomic():
            if _fast_eligible(fileobj, kind, profile):
                start = fileobj.tell()
                try:
                    result.rows, result.loaded, result.days, known = _fast_load(fileobj, profile)
                except _Fallback:
                    fileobj.seek(start)
                else:
                    if on_progress:
                        on_progress(result.rows)
                    queue_days_refresh(days=result.days, known=known)
                    return result
            sink = _sink(kind, profile)
            _stream(
                fileobj,
                kind=kind,
                profile=profile,
                sink=sink,
                result=result,
                on_progress=on_progress,
            )
            if result.error_count:
                sink.abort()
                raise _Rejected
            result.loaded, result.days = sink.finish()
            queue_days_refresh(days=result.days)
    except _Rejected:
        pass
    return result
