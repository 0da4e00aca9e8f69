"""CSV exports: every list page offers exactly what it shows, as CSV."""

import csv
from collections.abc import Callable, Iterable

from django.http import StreamingHttpResponse


class _Echo:
    def write(self, value):
        return value


def _safe(value) -> str:
    # A cell starting with =, +, - or @ runs as a formula in a spreadsheet; quote it.
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def csv_response(
    *, filename: str, header: list[str], rows: Iterable, row: Callable[[object], list]
) -> StreamingHttpResponse:
    """Stream rows as a CSV download, so a large export never sits in memory."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([_safe(h) for h in header])
        for item in rows:
            yield writer.writerow([_safe(v) for v in row(item)])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
