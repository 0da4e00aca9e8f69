import dataclasses
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from apps.performance.importing import load_file, validate_file
from apps.performance.models import CallRecord, DailyQueueStats, IntervalRecord, Queue
from apps.performance.profiles import AMAZON_CONNECT, GENERIC

from .helpers import calls_csv, good_calls

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the COPY path runs only on PostgreSQL"
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the batched-insert path is the SQLite path"
)


def test_good_file_is_loaded_with_times_in_london_and_rollups_built():
    result = load_file(calls_csv(*good_calls(1, 6)), kind="calls", profile=GENERIC)
    assert result.ok and result.rows == 6 and result.loaded == 6
    call = CallRecord.objects.get(call_id="C1")
    assert call.offered_at == datetime.datetime(2026, 11, 2, 9, 1, tzinfo=datetime.UTC)
    assert call.wait_seconds == 11 and call.handle_seconds == 289
    stats = DailyQueueStats.objects.get()
    assert (stats.offered, stats.answered, stats.abandoned) == (6, 4, 2)
    assert stats.date == datetime.date(2026, 11, 2)


def test_bad_rows_are_reported_by_line_and_column_and_nothing_is_written():
    rows = [
        *good_calls(1, 2),
        "C9,Council tax,not a date,,,,abandoned",
        "C10,Council tax,2026-11-02 09:00:00,,,,hung up",
        ",Council tax,2026-11-02 09:00:00,,,,abandoned",
        "C11,Council tax,2026-11-02 09:00:00,2026-11-02 08:59:00,,a,answered",
    ]
    result = load_file(calls_csv(*rows), kind="calls", profile=GENERIC)
    assert not result.ok
    assert [(e["line"], e["column"]) for e in result.errors] == [
        (4, "offered_at"),
        (5, "outcome"),
        (6, "call_id"),
        (7, "answered_at"),
    ]
    assert not CallRecord.objects.exists()
    assert not Queue.objects.exists()
    assert not DailyQueueStats.objects.exists()


def test_waits_are_real_time_across_a_change_of_the_clocks():
    """Local times either side of the clocks going forward are two minutes apart, not an
    hour and two; in the hour the clocks go back, times are the first of the two."""
    result = load_file(
        calls_csv(
            "S1,Council tax,2026-03-29 00:59:00,2026-03-29 02:01:00,2026-03-29 02:05:00,a,answered",
            "S2,Council tax,2026-10-25 00:58:00,2026-10-25 01:03:00,2026-10-25 01:10:00,a,answered",
        ),
        kind="calls",
        profile=GENERIC,
    )
    assert result.ok, result.errors
    times = dict(CallRecord.objects.values_list("call_id", "wait_seconds"))
    assert times == {"S1": 120, "S2": 300}
    assert CallRecord.objects.get(call_id="S1").handle_seconds == 240


def test_a_missing_column_is_reported_on_line_one():
    result = validate_file(
        calls_csv("C1,x", header="call_id,queue_name"), kind="calls", profile=GENERIC
    )
    assert result.errors[0]["line"] == 1 and "offered_at" in result.errors[0]["column"]


def test_reimporting_and_overlapping_files_create_no_duplicates():
    load_file(calls_csv(*good_calls(1, 6)), kind="calls", profile=GENERIC)
    again = load_file(calls_csv(*good_calls(1, 6)), kind="calls", profile=GENERIC)
    assert again.ok and again.loaded == 0 and again.duplicates == 6
    overlap = load_file(calls_csv(*good_calls(4, 6)), kind="calls", profile=GENERIC)
    assert overlap.loaded == 3
    assert CallRecord.objects.count() == 9
    assert DailyQueueStats.objects.get().offered == 9


def test_a_row_repeated_inside_one_file_is_held_once():
    rows = good_calls(1, 2)
    result = load_file(calls_csv(*rows, *rows), kind="calls", profile=GENERIC)
    assert result.ok and result.loaded == 2 and CallRecord.objects.count() == 2


def test_amazon_connect_profile_reads_utc_times_and_derives_outcomes():
    header = (
        "Contact ID,Queue,Enqueue timestamp,Connected to agent timestamp,"
        "Disconnect timestamp,Agent,Disconnect reason"
    )
    rows = [
        "a-1,Housing,2026-07-01T08:00:00Z,2026-07-01T08:00:30Z,2026-07-01T08:05:00Z,jo,AGENT_DISCONNECT",
        "a-2,Housing,2026-07-01T08:01:00Z,,2026-07-01T08:02:00Z,,CUSTOMER_DISCONNECT",
        "a-3,Housing,2026-07-01T08:02:00Z,,2026-07-01T08:02:10Z,,QUEUE_TRANSFER",
        "a-4,Housing,2026-07-01T08:03:00Z,,,,CALLBACK",
    ]
    result = load_file(calls_csv(*rows, header=header), kind="calls", profile=AMAZON_CONNECT)
    assert result.ok, result.errors
    outcomes = dict(CallRecord.objects.values_list("call_id", "outcome"))
    assert outcomes == {
        "a-1": "answered",
        "a-2": "abandoned",
        "a-3": "overflowed",
        "a-4": "callback",
    }
    # 08:00 UTC is 09:00 in London in July; the rollup day is London's.
    assert CallRecord.objects.get(call_id="a-1").offered_at.hour == 8
    assert CallRecord.objects.first().source_system == "amazon_connect"


INTERVAL_HEADER = (
    "queue,interval_start,interval_minutes,offered,answered,abandoned,"
    "answered_within_threshold,handle_seconds,wait_seconds,staffed_seconds"
)


def test_interval_rows_load_once_and_bad_ones_are_refused():
    rows = [
        "Council tax,2026-11-02 09:00:00,15,10,9,1,8,2700,90,3600",
        "Council tax,2026-11-02 09:15:00,15,12,10,2,7,3000,,",
    ]
    result = load_file(calls_csv(*rows, header=INTERVAL_HEADER), kind="intervals", profile=GENERIC)
    assert result.ok and result.loaded == 2
    again = load_file(calls_csv(*rows, header=INTERVAL_HEADER), kind="intervals", profile=GENERIC)
    assert again.loaded == 0 and IntervalRecord.objects.count() == 2
    bad = load_file(
        calls_csv(
            "Council tax,2026-11-02 10:00:00,20,1,1,0,1,60,,",
            "Council tax,2026-11-02 10:07:00,15,1,1,0,1,60,,",
            "Council tax,2026-11-02 10:15:00,15,1,2,0,1,60,,",
            header=INTERVAL_HEADER,
        ),
        kind="intervals",
        profile=GENERIC,
    )
    assert [(e["line"], e["column"]) for e in bad.errors] == [
        (2, "interval_minutes"),
        (3, "interval_start"),
        (4, "answered"),
    ]
    assert IntervalRecord.objects.count() == 2


@on_postgres
def test_postgresql_loads_through_copy(monkeypatch):
    from apps.performance import importing

    added = []
    monkeypatch.setattr(importing._CopySink, "add", lambda self, values: added.append(values))
    result = load_file(calls_csv(*good_calls(1, 30)), kind="calls", profile=GENERIC)
    # The file's bytes went straight into COPY: no row was parsed in Python.
    assert result.loaded == 30 and result.rows == 30 and added == []
    again = load_file(calls_csv(*good_calls(20, 20)), kind="calls", profile=GENERIC)
    assert again.loaded == 9
    bad = load_file(
        calls_csv(*good_calls(60, 5), "X,q,bad,,,,answered"), kind="calls", profile=GENERIC
    )
    assert not bad.ok and CallRecord.objects.count() == 39
    assert bad.errors == [
        {"line": 7, "column": "offered_at", "message": "is not a date and time: 'bad'"}
    ]
    assert DailyQueueStats.objects.get().offered == 39


@on_postgres
def test_postgresql_fast_path_matches_row_by_row_path(monkeypatch):
    """The SQL checks and casts of the text tier (quoted cells, offsets and local times
    mixed) give the same rows as Python's: offsets, London times, the hour that happens
    twice when the clocks go back, outcome words, waits."""
    used = _tiers(monkeypatch)
    _same_as_row_by_row(
        monkeypatch,
        [
            "A1,Council tax,2026-10-25 01:30:00,2026-10-25 01:30:20.5,2026-10-25 01:35:00,a,Answered",
            "A2,Council tax,2026-03-29 01:30:00,,2026-03-29 02:40:00,,abandoned",
            "A3,Benefits,2026-11-23T09:15:04Z,2026-11-23T09:15:40+00:00,,b, callback ",
            '"A4",Parking,2026-07-01 12:00,2026-07-01 12:00:09,2026-07-01 12:10:00,"c, d",answered',
            "A5,Parking,2026-07-01 23:30:00+01:00,,,,overflowed",
            "A6,Council tax,2026-03-29 00:59:00,2026-03-29 02:01:00,2026-03-29 02:05:00,a,answered",
        ],
    )
    assert used == ["_stage_text"]


@on_postgres
def test_postgresql_file_the_sql_checks_refuse_goes_row_by_row():
    rows = [*good_calls(1, 3), "", "C9,Council tax,20261102T090000,,,,abandoned"]
    result = load_file(calls_csv(*rows), kind="calls", profile=GENERIC)
    assert result.ok and result.loaded == 4


@on_sqlite
def test_sqlite_loads_in_batches(monkeypatch):
    from apps.performance import importing

    monkeypatch.setattr(importing, "BATCH", 4)
    assert isinstance(importing._sink("calls", GENERIC), importing._BatchSink)
    result = load_file(calls_csv(*good_calls(1, 10)), kind="calls", profile=GENERIC)
    assert result.loaded == 10
    again = load_file(calls_csv(*good_calls(5, 10)), kind="calls", profile=GENERIC)
    assert again.loaded == 4 and CallRecord.objects.count() == 14


def test_command_imports_and_fails_on_bad_rows(tmp_path):
    good = tmp_path / "calls.csv"
    good.write_bytes(calls_csv(*good_calls(1, 5)).getvalue())
    out = io.StringIO()
    call_command("import_calls", str(good), "--profile", "generic", "--no-progress", stdout=out)
    assert "5 imported" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(calls_csv("C1,q,nope,,,,answered").getvalue())
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_calls", str(bad), "--no-progress", stderr=io.StringIO())


@on_postgres
def test_postgresql_bad_row_is_reported_even_when_its_call_is_already_held():
    """The fast path skips calls already held with NOT EXISTS; a bad row must still fail
    the file even when its call id is one of them."""
    assert load_file(calls_csv(*good_calls(1, 3)), kind="calls", profile=GENERIC).loaded == 3
    held = good_calls(1, 1)[0].split(",")
    held[3] = "2026-11-02 08:00:00"  # answered before it was offered: casts, but is bad
    result = load_file(calls_csv(*good_calls(10, 2), ",".join(held)), kind="calls", profile=GENERIC)
    assert not result.ok
    assert [e["line"] for e in result.errors] == [4]
    assert CallRecord.objects.count() == 3


@on_postgres
def test_postgresql_same_call_twice_in_one_file_is_loaded_once():
    rows = good_calls(1, 3)
    result = load_file(calls_csv(*rows, rows[0]), kind="calls", profile=GENERIC)
    assert result.ok and result.rows == 4 and result.loaded == 3
    assert CallRecord.objects.count() == 3


def test_a_file_that_is_not_utf8_is_refused_with_its_line():
    content = calls_csv(*good_calls(1, 2)).getvalue()
    result = load_file(
        io.BytesIO(content + b"C9,\x80\x81,2026-11-02 09:01,,,,abandoned\n"),
        kind="calls",
        profile=GENERIC,
    )
    assert not result.ok
    assert result.errors[0]["line"] == 4 and "UTF-8" in result.errors[0]["message"]
    assert CallRecord.objects.count() == 0


def _tiers(monkeypatch):
    """Record which fast-path tier took each file (a tier that gives up is not recorded)."""
    from apps.performance import importing

    used = []
    for name in ("_copy_calls", "_stage_plain", "_stage_text"):
        original = getattr(importing, name)

        def wrapper(*args, _original=original, _name=name, **kwargs):
            result = _original(*args, **kwargs)
            used.append(_name)
            return result

        monkeypatch.setattr(importing, name, wrapper)
    return used


CALL_FIELDS = [
    "call_id",
    "queue__name",
    "offered_at",
    "answered_at",
    "ended_at",
    "agent",
    "outcome",
    "wait_seconds",
    "handle_seconds",
]


def _same_as_row_by_row(monkeypatch, rows, profile=GENERIC):
    """Load rows through the fast path, then through the row-by-row path, and compare."""
    from apps.performance import importing

    added = []
    with monkeypatch.context() as patch:
        patch.setattr(importing._CopySink, "add", lambda self, values: added.append(values))
        fast = load_file(calls_csv(*rows), kind="calls", profile=profile)
    assert fast.ok, fast.errors
    assert added == []  # no row went down the row-by-row path
    got = list(CallRecord.objects.order_by("call_id").values_list(*CALL_FIELDS))
    CallRecord.objects.all().delete()

    def no_fast(*args):
        raise importing._Fallback

    with monkeypatch.context() as patch:
        patch.setattr(importing, "_fast_load", no_fast)
        slow = load_file(calls_csv(*rows), kind="calls", profile=profile)
    assert slow.loaded == fast.loaded == len(rows) and slow.days == fast.days
    assert list(CallRecord.objects.order_by("call_id").values_list(*CALL_FIELDS)) == got
    return got


# The plain files' tests run through the direct tier, then through the plain tier (with the
# direct tier standing aside).
DIRECT_OR_PLAIN = pytest.mark.parametrize("tier", ["_copy_calls", "_stage_plain"])


def _only(monkeypatch, tier):
    from apps.performance import importing

    if tier != "_copy_calls":
        monkeypatch.setattr(importing, "_load_direct", lambda *args: None)
    return _tiers(monkeypatch)


@on_postgres
@DIRECT_OR_PLAIN
def test_postgresql_plain_file_of_local_times_matches_row_by_row_path(monkeypatch, tier):
    """A file with no quotes and every time local goes through the direct or the plain tier
    (COPY casts the times); the hour that happens twice when the clocks go back still takes
    the first of the two instants, as Python does."""
    used = _only(monkeypatch, tier)
    got = _same_as_row_by_row(
        monkeypatch,
        [
            "P1,Council tax,2026-10-25 01:30:00,2026-10-25 01:30:20.5,2026-10-25 01:35:00,a,Answered",
            "P2,Council tax,2026-10-25 00:59:59,,2026-10-25 01:10:00,,abandoned",
            "P3,Council tax,2026-03-29 01:30:00,,2026-03-29 02:40:00,,abandoned",
            "P4,Benefits,2026-07-01T12:00,2026-07-01T12:00:09,,  b , callback ",
            "P5,Council tax,2026-03-29 00:59:00,2026-03-29 02:01:00,2026-03-29 02:05:00,a,answered",
        ],
    )
    assert used == [tier]
    spring = next(row for row in got if row[0] == "P5")
    assert spring[7:] == (120, 240)  # two minutes' wait across the clocks going forward
    first = next(row for row in got if row[0] == "P1")
    assert first[2] == datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)  # BST
    assert first[7] == 20 and first[8] == 279


@on_postgres
@DIRECT_OR_PLAIN
def test_postgresql_plain_file_with_offsets_matches_row_by_row_path(monkeypatch, tier):
    used = _only(monkeypatch, tier)
    _same_as_row_by_row(
        monkeypatch,
        [
            "O1,Council tax,2026-10-25 01:30:00+01:00,2026-10-25 01:30:20+01:00,,a,answered",
            "O2,Parking,2026-11-23T09:15:04Z,,2026-11-23T09:16:00Z,,abandoned",
            "O3,Parking,2026-11-23 09:15:04.25-0500,,,,overflowed",
        ],
    )
    assert used == [tier]


@on_postgres
def test_postgresql_file_with_quotes_or_mixed_times_takes_the_text_tier(monkeypatch):
    used = _tiers(monkeypatch)
    rows = [
        "M1,Council tax,2026-11-02 09:00:00,,,,abandoned",
        "M2,Council tax,2026-11-02 09:05:00+00:00,,,,abandoned",  # an offset, unlike line 2
        '"M3",Parking,2026-11-02 09:10:00,,,"c, d",abandoned',
    ]
    result = load_file(calls_csv(*rows), kind="calls", profile=GENERIC)
    assert result.loaded == 3 and used == ["_stage_text"]


@on_postgres
def test_postgresql_plain_file_with_a_bad_time_is_reported_by_line(monkeypatch):
    """An impossible date has the plain shape; COPY refuses it, and so does every tier."""
    used = _tiers(monkeypatch)
    result = load_file(
        calls_csv(*good_calls(1, 2), "C9,Council tax,2026-02-30 09:00:00,,,,abandoned"),
        kind="calls",
        profile=GENERIC,
    )
    assert not result.ok and [(e["line"], e["column"]) for e in result.errors] == [
        (4, "offered_at")
    ]
    assert used == ["_stage_text"]  # the plain tier's COPY failed before it returned
    assert not CallRecord.objects.exists()


def test_repeated_hours_are_when_the_clocks_go_back():
    from apps.performance.importing import _repeated_hours

    changes = dict(_repeated_hours("Europe/London"))
    autumn = datetime.datetime(2026, 10, 25, 1, 0, tzinfo=datetime.UTC)
    assert changes[autumn] == datetime.timedelta(hours=1)
    assert datetime.datetime(2026, 3, 29, 1, 0, tzinfo=datetime.UTC) not in changes
    assert _repeated_hours("UTC") == ()


def _constraints():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, CallRecord._meta.db_table)
    return {name for name, about in found.items() if about["unique"] or about["index"]}


@on_postgres
def test_postgresql_bulk_load_rebuilds_the_indexes_and_skips_calls_held(monkeypatch):
    from apps.performance import importing

    indexes = _constraints()
    assert "call_unique" in indexes and CallRecord._meta.indexes[0].name in indexes
    monkeypatch.setattr(importing, "BULK_ROWS", 1)
    assert load_file(calls_csv(*good_calls(1, 6)), kind="calls", profile=GENERIC).loaded == 6
    assert _constraints() == indexes
    again = load_file(calls_csv(*good_calls(4, 6)), kind="calls", profile=GENERIC)
    assert again.loaded == 3 and CallRecord.objects.count() == 9
    assert _constraints() == indexes
    # The same call twice in one file: the unique index cannot be built, so the file loads
    # the ordinary way, keeping the first.
    twice = good_calls(20, 2)
    result = load_file(calls_csv(*twice, twice[0]), kind="calls", profile=GENERIC)
    assert result.loaded == 2 and CallRecord.objects.count() == 11
    assert _constraints() == indexes
    # A bad row whose call is already held still fails the file.
    held = good_calls(1, 1)[0].split(",")
    held[3] = "2026-11-02 08:00:00"
    bad = load_file(calls_csv(*good_calls(30, 2), ",".join(held)), kind="calls", profile=GENERIC)
    assert not bad.ok and CallRecord.objects.count() == 11
    assert _constraints() == indexes


def _intervals_on(queue, day):
    """Interval totals for a quarter-hour of the queue's day (50 offered)."""
    IntervalRecord.objects.create(
        source_system="generic",
        queue=queue,
        interval_start=datetime.datetime.combine(day, datetime.time(9), datetime.UTC),
        interval_minutes=15,
        offered=50,
        answered=40,
        abandoned=10,
        answered_within_threshold=30,
        handle_seconds=4000,
    )


def _rollups_as_recounted(queue) -> dict:
    """The queue's daily rollups, after checking they are what a recount from raw rows
    gives: {day: [offered, answered, abandoned, within threshold, handle, wait]}."""
    from apps.performance.rollups import queue_day_totals

    recount = queue_day_totals(
        queue_ids=[queue.pk], first=datetime.date(2026, 11, 1), last=datetime.date(2026, 11, 5)
    )
    keys = [
        "offered",
        "answered",
        "abandoned",
        "answered_within_threshold",
        "handle_seconds",
        "wait_seconds",
    ]
    held = {
        s.date: [getattr(s, k) for k in keys] for s in DailyQueueStats.objects.filter(queue=queue)
    }
    assert held == {
        day: [row[k] or 0 if k != "wait_seconds" else row[k] for k in keys]
        for (_, day), row in recount.items()
    }
    return held


@on_postgres
def test_postgresql_rollups_of_an_import_agree_with_a_recount(monkeypatch):
    """Days that held nothing are rolled up from the import's own rows as they go in; the
    others are counted again. Either way the rollup is what a recount from raw rows gives."""
    load_file(calls_csv(*good_calls(1, 5, day="2026-11-02")), kind="calls", profile=GENERIC)
    queue = Queue.objects.get()
    _intervals_on(queue, datetime.date(2026, 11, 4))
    rows = [
        *good_calls(3, 5, day="2026-11-02"),  # three held, two new, on a day held
        *good_calls(10, 4, day="2026-11-03"),  # a new day
        *good_calls(20, 2, day="2026-11-04"),  # a day the intervals already describe
    ]
    result = load_file(calls_csv(*rows), kind="calls", profile=GENERIC)
    assert result.loaded == 8
    held = _rollups_as_recounted(queue)
    assert held[datetime.date(2026, 11, 4)][0] == 50  # from the intervals
    assert held[datetime.date(2026, 11, 2)][0] == 7


@on_postgres
def test_postgresql_direct_tier_bulk_load_of_a_new_phone_system(monkeypatch):
    """The first load from a phone system goes straight into the calls table; as a bulk
    load its indexes are built again. The same call twice in such a file cannot build the
    unique index, so the file takes the staged tiers, which keep the first."""
    from apps.performance import importing

    used = _tiers(monkeypatch)
    indexes = _constraints()
    monkeypatch.setattr(importing, "BULK_ROWS", 1)
    result = load_file(calls_csv(*good_calls(1, 6)), kind="calls", profile=GENERIC)
    assert result.ok and result.loaded == 6 and used == ["_copy_calls"]
    assert _constraints() == indexes
    other = dataclasses.replace(GENERIC, source_system="second switch")
    twice = good_calls(1, 3)
    used.clear()
    result = load_file(calls_csv(*twice, twice[1]), kind="calls", profile=other)
    assert result.ok and result.rows == 4 and result.loaded == 3
    # The direct tier copied every row, then could not build the unique index.
    assert used == ["_copy_calls", "_stage_plain"]
    assert CallRecord.objects.filter(source_system="second switch").count() == 3
    assert _constraints() == indexes


@on_postgres
def test_postgresql_direct_tier_rollups_agree_with_a_recount(monkeypatch):
    """A first load from a phone system, over a day another system's calls describe, a day
    the interval totals describe, and a new day: the rollups are what a recount gives."""
    used = _tiers(monkeypatch)
    other = dataclasses.replace(GENERIC, source_system="old switch")
    load_file(calls_csv(*good_calls(900, 3, day="2026-11-02")), kind="calls", profile=other)
    queue = Queue.objects.get()
    _intervals_on(queue, datetime.date(2026, 11, 4))
    rows = [
        *good_calls(1, 4, day="2026-11-02"),
        *good_calls(10, 4, day="2026-11-03"),
        *good_calls(20, 2, day="2026-11-04"),
    ]
    assert load_file(calls_csv(*rows), kind="calls", profile=GENERIC).loaded == 10
    assert used == ["_copy_calls", "_copy_calls"]
    held = _rollups_as_recounted(queue)
    assert held[datetime.date(2026, 11, 2)][0] == 7  # three held, four loaded
    assert held[datetime.date(2026, 11, 4)][0] == 50  # from the intervals


@on_postgres
def test_postgresql_direct_tier_stands_aside_for_a_file_that_overlaps():
    """A file whose first or last call is held takes the staged tiers at once; one with a
    held call in the middle fails the direct tier's COPY and takes them then. Either way
    the calls held are skipped and the rest loaded."""
    assert load_file(calls_csv(*good_calls(1, 3)), kind="calls", profile=GENERIC).loaded == 3
    for rows, tiers in (
        (good_calls(3, 4), ["_stage_plain"]),  # the first call is held
        (good_calls(10, 3) + good_calls(2, 1), ["_stage_plain"]),  # the last is held
        (good_calls(20, 2) + good_calls(1, 1) + good_calls(30, 2), ["_stage_plain"]),
    ):
        before = CallRecord.objects.count()
        with pytest.MonkeyPatch.context() as patch:
            used = _tiers(patch)
            result = load_file(calls_csv(*rows), kind="calls", profile=GENERIC)
        assert result.ok and used == tiers
        assert CallRecord.objects.count() == before + result.loaded
        assert result.loaded == len(rows) - 1
    assert CallRecord.objects.count() == 3 + 3 + 3 + 4
