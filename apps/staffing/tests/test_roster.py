"""Roster imports: every fault by line and column, and nothing written from a bad file."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.roles import Role
from apps.staffing.forecast import week_intervals
from apps.staffing.models import RosterImport, RosterShift
from apps.staffing.roster import parse_roster
from apps.staffing.selectors import rostered_by_interval
from apps.staffing.services import roster_import

HEADER = "date,start time,end time,advisor,queue\n"


def test_a_good_file_parses():
    rows, errors = parse_roster(
        (
            HEADER
            + "2026-11-23,08:00,16:30,Amira@Example.com,Council Tax\n23/11/2026,9:00,17:00,4,\n"
        ).encode()
    )
    assert errors == []
    assert rows[0].advisor_email == "amira@example.com" and rows[0].advisors == 1
    assert (
        rows[1].advisors == 4
        and rows[1].queue == ""
        and rows[1].date == datetime.date(2026, 11, 23)
    )


def test_every_bad_row_is_reported_by_line_and_column():
    content = (
        HEADER
        + "2026-11-31,08:00,16:00,2,\n"  # line 2: no such date
        + "2026-11-23,25:00,16:00,2,\n"  # line 3: bad start time
        + "2026-11-23,16:00,08:00,2,\n"  # line 4: ends before it starts
        + "2026-11-23,08:00,16:00,not-an-email,\n"  # line 5
        + "2026-11-23,08:00,16:00,0,\n"  # line 6: no advisors
        + ",,,,\n"  # blank lines are skipped
        + "2026-11-23,08:00,,3,\n"  # line 8: no end time
    ).encode()
    rows, errors = parse_roster(content)
    found = {(e.line, e.column) for e in errors}
    assert found == {
        (2, "date"),
        (3, "start time"),
        (4, "end time"),
        (5, "advisor"),
        (6, "advisor"),
        (8, "end time"),
    }
    assert str(errors[0]).startswith("Line 2, column ‘date’:")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"date,start,end\n", "missing"),
        (HEADER.encode(), "no shifts"),
        (
            "date,start time,end time,advisor\n2026-11-23,08:00,09:00,\u00e9".encode("latin-1"),
            "UTF-8",
        ),
    ],
)
def test_bad_files(content, message):
    rows, errors = parse_roster(content)
    assert rows == [] and message in str(errors[0])


@pytest.mark.django_db
def test_a_bad_file_writes_nothing(make_user):
    head = make_user(Role.HEAD_OF_SERVICE)
    content = (HEADER + "2026-11-23,08:00,16:00,2,\n2026-11-23,08:00,07:00,2,\n").encode()
    with pytest.raises(ValidationError) as caught:
        roster_import(imported_by=head, filename="r.csv", content=content)
    assert "Line 3, column ‘end time’" in caught.value.messages[0]
    assert not RosterImport.objects.exists() and not RosterShift.objects.exists()


@pytest.mark.django_db
def test_a_new_file_replaces_the_same_days_and_queues(make_user):
    head = make_user(Role.HEAD_OF_SERVICE)
    roster_import(
        imported_by=head,
        filename="first.csv",
        content=(
            HEADER
            + "2026-11-23,08:00,16:00,5,\n2026-11-24,08:00,16:00,5,\n2026-11-23,08:00,16:00,2,Waste\n"
        ).encode(),
    )
    second = roster_import(
        imported_by=head,
        filename="second.csv",
        content=(HEADER + "2026-11-23,08:00,12:00,3,\n").encode(),
    )
    assert second.replaced_count == 1
    assert RosterShift.objects.count() == 3
    intervals = week_intervals(datetime.date(2026, 11, 23), 15)
    counts = rostered_by_interval(intervals=intervals, queue=None)
    assert counts[8 * 4] == 3 + 2  # Monday 08:00: the new shift and the Waste shift
    assert counts[12 * 4] == 2  # 12:00: the new shift has ended
    assert counts[96 + 8 * 4] == 5  # Tuesday untouched
    waste = rostered_by_interval(intervals=intervals, queue="Waste")
    assert waste[8 * 4] == 5  # blank-queue shifts count for every queue
    assert rostered_by_interval(intervals=intervals, queue="Parking")[8 * 4] == 3
