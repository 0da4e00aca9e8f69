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
    """The SQL checks and casts give the same rows as Python's: offsets, London times,
    the hour that happens twice when the clocks go back, outcome words, waits."""
    from apps.performance import importing

    rows = [
        "A1,Council tax,2026-10-25 01:30:00,2026-10-25 01:30:20.5,2026-10-25 01:35:00,a,Answered",
        "A2,Council tax,2026-03-29 01:30:00,,2026-03-29 02:40:00,,abandoned",
        "A3,Benefits,2026-11-23T09:15:04Z,2026-11-23T09:15:40+00:00,,b, callback ",
        '"A4",Parking,2026-07-01 12:00,2026-07-01 12:00:09,2026-07-01 12:10:00,"c, d",answered',
        "A5,Parking,2026-07-01 23:30:00+01:00,,,,overflowed",
    ]
    fields = [
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
    added = []
    monkeypatch.setattr(importing._CopySink, "add", lambda self, values: added.append(values))
    fast = load_file(calls_csv(*rows), kind="calls", profile=GENERIC)
    assert fast.loaded == 5 and added == []  # all five through the SQL checks
    monkeypatch.undo()
    got = list(CallRecord.objects.order_by("call_id").values_list(*fields))
    days = fast.days
    CallRecord.objects.all().delete()

    def no_fast(*args):
        raise importing._Fallback

    monkeypatch.setattr(importing, "_fast_load", no_fast)
    slow = load_file(calls_csv(*rows), kind="calls", profile=GENERIC)
    assert slow.loaded == 5 and slow.days == days
    assert list(CallRecord.objects.order_by("call_id").values_list(*fields)) == got


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
