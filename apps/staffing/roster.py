"""Reading a roster file: every row checked, every fault reported by line and column.

    date,start time,end time,advisor,queue
    2026-11-23,08:00,16:30,amira.khan@borchester.example,Council Tax
    2026-11-23,09:00,17:00,4,

`advisor` is an advisor's email address or a number of advisors; `queue` may be blank
(the shift covers every queue). Dates are 2026-11-23 or 23/11/2026; times 08:00 or 8:00.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

COLUMNS = ["date", "start time", "end time", "advisor", "queue"]
REQUIRED = COLUMNS[:4]
MAX_ROWS = 50_000
MAX_ADVISORS = 1000


@dataclass(frozen=True)
class ShiftRow:
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    advisor_email: str
    advisors: int
    queue: str


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return f"Line {self.line}, column ‘{self.column}’: {self.message}"
        return f"Line {self.line}: {self.message}"


def _date(text: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError("Enter a real date, like 2026-11-23 or 23/11/2026")


def _time(text: str) -> datetime.time:
    try:
        return datetime.datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise ValueError("Enter a time on the 24-hour clock, like 08:00 or 17:30") from None


def parse_roster(content: bytes) -> tuple[list[ShiftRow], list[RowError]]:
    """The rows of a roster file, or the errors in it (all of them, up to 100)."""
    errors: list[RowError] = []
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(1, "", "The file must be a CSV file saved as UTF-8")]
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        return [], [RowError(1, "", "The file is empty")]
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        return [], [
            RowError(
                1,
                "",
                "The first line must name the columns: "
                + ", ".join(COLUMNS)
                + " (missing: "
                + ", ".join(missing)
                + ")",
            )
        ]
    index = {name: names.index(name) for name in COLUMNS if name in names}
    rows: list[ShiftRow] = []
    for line, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RowError(line, "", f"A roster file may have at most {MAX_ROWS} rows"))
            break

        def cell(name, record=record):
            position = index.get(name)
            return (
                record[position].strip() if position is not None and position < len(record) else ""
            )

        row_errors: list[RowError] = []
        values = {}
        for name, parse in (("date", _date), ("start time", _time), ("end time", _time)):
            raw = cell(name)
            if not raw:
                row_errors.append(RowError(line, name, f"Enter the {name}"))
                continue
            try:
                values[name] = parse(raw)
            except ValueError as error:
                row_errors.append(RowError(line, name, str(error)))
        if (
            "start time" in values
            and "end time" in values
            and values["end time"] <= values["start time"]
        ):
            row_errors.append(
                RowError(line, "end time", "The end time must be after the start time")
            )
        advisor = cell("advisor")
        email, count = "", 0
        if not advisor:
            row_errors.append(
                RowError(
                    line, "advisor", "Enter an advisor’s email address or a number of advisors"
                )
            )
        elif advisor.isdigit():
            count = int(advisor)
            if not 1 <= count <= MAX_ADVISORS:
                row_errors.append(
                    RowError(
                        line,
                        "advisor",
                        f"The number of advisors must be between 1 and {MAX_ADVISORS}",
                    )
                )
        else:
            try:
                validate_email(advisor)
                email, count = advisor.lower(), 1
            except ValidationError:
                row_errors.append(
                    RowError(
                        line,
                        "advisor",
                        "Enter an email address like name@example.com, or a number of advisors",
                    )
                )
        queue = cell("queue")
        if len(queue) > 100:
            row_errors.append(
                RowError(line, "queue", "The queue name must be 100 characters or fewer")
            )
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(
            ShiftRow(values["date"], values["start time"], values["end time"], email, count, queue)
        )
    if not rows and not errors:
        errors.append(RowError(2, "", "The file has no shifts in it"))
    return rows, errors[:100]
