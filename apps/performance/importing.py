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

import csv
import datetime
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import DatabaseError, connection, transaction

from .models import CallOutcome, CallRecord, ImportKind, IntervalRecord, Queue
from .profiles import CALL_REQUIRED, INTERVAL_REQUIRED, Profile

MAX_ERRORS_KEPT = 500
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

    def when(row, name, required=False):
        text = cell(row, name)
        if not text:
            if required:
                raise RowError(columns[name], "is empty")
            return None
        try:
            value = parse_naive(text)
        except ValueError:
            raise RowError(columns[name], f"is not a date and time: {text[:40]!r}") from None
        return value if value.tzinfo else value.replace(tzinfo=zone)

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

        def parse_call(row):
            call_id = text(row, "call_id", 80, required=True)
            queue = text(row, "queue", 120, required=True)
            offered = when(row, "offered_at", required=True)
            answered = when(row, "answered_at")
            ended = when(row, "ended_at")
            agent = text(row, "agent", 120)
            word = cell(row, "outcome")
            outcome = words.get(word.lower(), word.lower())
            if outcome not in OUTCOMES:
                if profile.outcome_from_answer_time and (not word or word.lower() not in words):
                    outcome = CallOutcome.ANSWERED if answered else CallOutcome.ABANDONED
                elif not word:
                    raise RowError(columns["outcome"], "is empty")
                else:
                    raise RowError(
                        columns["outcome"],
                        f"{word[:30]!r} is not one of answered, abandoned, overflowed, callback",
                    )
            if answered and answered < offered:
                raise RowError(columns["answered_at"], "is before the call was offered")
            if ended and ended < (answered or offered):
                raise RowError(columns["ended_at"], "is before the call was answered or offered")
            if outcome == CallOutcome.ANSWERED and not answered:
                raise RowError(columns["answered_at"], "is empty for an answered call")
            wait = int((answered - offered).total_seconds()) if answered else None
            handle = int((ended - answered).total_seconds()) if answered and ended else 0
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

# Timestamps the fast path casts in SQL: PostgreSQL's parser casts them (an impossible date
# or time makes the cast fail) after a cheap check of their shape, so that only the ISO forms
# datetime.fromisoformat reads get through: the date, a space or T, hours and minutes, then
# nothing but digits and ':', '.', '+', '-' or 'Z' (no words such as 'today', no other
# layouts). A regular expression, or comparing translate(...) against a list of shapes,
# costs five to ten times as much per cell. Anything refused sends the file down the
# row-by-row path, which reports it (or loads it).
ISO_PREFIXES = ("____-__-__ __:__%", "____-__-__T__:__%")
ISO_CHARACTERS = "0123456789:.+-Z"
WHITESPACE = " \t\r\n\f\v"


class _Fallback(Exception):
    """The fast path cannot take this file: use the row-by-row path instead."""


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


def _fast_insert_sql(position: dict[str, int], profile: Profile) -> str:
    """One `INSERT ... SELECT` from the raw text staging table into the call records.

    Three levels, each evaluated once per row (`OFFSET 0` keeps the planner from folding
    them together and computing the same expression several times):

    1. trim the cells the profile maps;
    2. cast the timestamps with PostgreSQL's parser (the session time zone is the
       profile's) and check their shape;
    3. take the first of the two instants when a wall-clock time happens twice (clocks going
       back; PostgreSQL takes the second, Python's fold=0 the first), map the outcome word,
       and decide whether the row is good.

    A bad row is not filtered out: its outcome becomes NULL, which the NOT NULL column
    refuses, so the statement fails and the whole file goes down the row-by-row path that
    names each bad row. A call already held is skipped by `ON CONFLICT DO NOTHING`. (`NOT
    EXISTS` was a third faster on a fresh table but let the planner choose a plan that
    rescanned every call already loaded for each new row: quadratic, measured at 150,000
    rows in nine minutes.) Only literals built here from the profile and the header positions
    are interpolated; no cell of the file is.
    """
    columns = profile.calls

    def cell(name, trim=True):
        i = position.get(columns.get(name))
        if i is None:
            return "''"
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
    times = ("offered_at", "answered_at", "ended_at")
    trimmed = ", ".join(
        # Timestamps are not trimmed (a third of this level's time): one with spaces
        # around it fails the shape check and the file takes the row-by-row path.
        [f"{cell(n)} AS {n}" for n in ("call_id", "queue", "agent")]
        + [f"{cell(n, trim=False)} AS {n}" for n in times]
        + [f"lower({cell('outcome')}) AS w"]
    )
    cast = ", ".join(
        [f"{n}, nullif({n}, '')::timestamptz AS {n}_x" for n in times]
        + [
            f"({n} = '' OR (({n} LIKE {_sql_literal(ISO_PREFIXES[0])} "
            f"OR {n} LIKE {_sql_literal(ISO_PREFIXES[1])}) "
            f"AND rtrim(substr({n}, 17), {_sql_literal(ISO_CHARACTERS)}) = '')) AS {n}_ok"
            for n in times
        ]
    )
    # A time with an offset is never moved; the offset test runs only for the rare row
    # whose wall-clock time happens twice.
    first_of_two = ", ".join(
        f"CASE WHEN ({n}_x - interval '1 hour')::timestamp = {n}_x::timestamp "
        f"AND NOT (right({n}, 1) = 'Z' OR substr({n}, length({n}) - 5, 1) IN ('+', '-')) "
        f"THEN {n}_x - interval '1 hour' ELSE {n}_x END AS {n}"
        for n in times
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
        "WITH inserted AS (INSERT INTO performance_callrecord (source_system, call_id, queue_id, "
        "offered_at, answered_at, ended_at, agent, outcome, wait_seconds, handle_seconds) "
        "SELECT %s, call_id, q.id, offered_at, answered_at, ended_at, agent, "
        "CASE WHEN good THEN outcome END, "
        "floor(extract(epoch FROM answered_at - offered_at))::integer, "
        "CASE WHEN answered_at IS NOT NULL AND ended_at IS NOT NULL THEN "
        "floor(extract(epoch FROM ended_at - answered_at))::integer ELSE 0 END "
        f"FROM (SELECT o.*, {good} AS good "
        f"FROM (SELECT t.*, {outcome} AS outcome "
        f"FROM (SELECT call_id, queue, agent, w, {mapped} AS mapped, offered_at_ok, "
        f"answered_at_ok, ended_at_ok, {first_of_two} "
        f"FROM (SELECT call_id, queue, agent, w, {cast} "
        f"FROM (SELECT {trimmed} FROM performance_rawstage OFFSET 0) a OFFSET 0) b "
        "OFFSET 0) t OFFSET 0) o OFFSET 0) g LEFT JOIN performance_queue q ON q.name = g.queue "
        # NOT NULL is checked before the conflict, so a bad row fails even if already held.
        "ON CONFLICT (source_system, call_id) DO NOTHING "
        "RETURNING queue_id, offered_at) "
        "SELECT queue_id, (offered_at AT TIME ZONE 'Europe/London')::date, count(*) "
        "FROM inserted GROUP BY 1, 2"
    )


def _fast_load(fileobj, profile: Profile) -> tuple[int, int, set]:
    """PostgreSQL, calls, ISO timestamps: stream the file's bytes straight into COPY of an
    all-text staging table, then check, cast and insert every row in one statement.

    Raises _Fallback (after rolling back its savepoint) if any row fails the checks, so the
    row-by-row path reports each bad row by line and column (or loads a file Python accepts
    but the SQL does not, e.g. an unusual ISO form)."""
    import psycopg

    from .models import default_service_level_seconds

    first = fileobj.readline()
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    try:
        header = next(csv.reader([first.decode("utf-8")]), [])
    except UnicodeDecodeError:
        raise _Fallback from None
    position = {name.strip(): i for i, name in enumerate(header)}
    columns = profile.calls
    if not header or any(columns.get(f) not in position for f in CALL_REQUIRED):
        raise _Fallback
    stage = ", ".join(f"c{i} text" for i in range(len(header)))
    queue_cell = f"btrim(coalesce(c{position[columns['queue']]}, ''), %s)"

    sid = transaction.savepoint()
    try:
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute("SELECT set_config('TimeZone', %s, true)", [profile.time_zone])
            cursor.execute(f"CREATE TEMPORARY TABLE performance_rawstage ({stage}) ON COMMIT DROP")
            with cursor.copy("COPY performance_rawstage FROM STDIN WITH (FORMAT csv)") as copy:
                while chunk := fileobj.read(1024 * 1024):
                    copy.write(chunk)
            rows = cursor.rowcount
            cursor.execute(
                "INSERT INTO performance_queue (name, service_level_seconds) "
                f"SELECT DISTINCT {queue_cell}, %s FROM performance_rawstage "
                f"WHERE {queue_cell} <> '' ON CONFLICT (name) DO NOTHING",
                [WHITESPACE, default_service_level_seconds(), WHITESPACE],
            )
            cursor.execute(_fast_insert_sql(position, profile), [profile.source_system])
            days = set()
            loaded = 0
            for queue_id, day, count in cursor.fetchall():
                days.add((queue_id, day))
                loaded += count
            cursor.execute("DROP TABLE performance_rawstage")
    except (DatabaseError, psycopg.Error):
        transaction.savepoint_rollback(sid)
        raise _Fallback from None
    transaction.savepoint_commit(sid)
    return rows, loaded, days


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
                    result.rows, result.loaded, result.days = _fast_load(fileobj, profile)
                except _Fallback:
                    fileobj.seek(start)
                else:
                    if on_progress:
                        on_progress(result.rows)
                    queue_days_refresh(days=result.days)
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
