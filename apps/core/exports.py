"""CSV exports: every list page offers exactly what it shows, as CSV."""

import csv
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.http import StreamingHttpResponse


class _Echo:
    def write(self, value):
        return value


def _safe(value) -> str:
    # A cell starting with =, +, - or @ runs as a formula in a spreadsheet; quote it.
    # A number (a negative gap, say) is data, not a formula, and stays a number.
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
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


def xlsx_response(*, filename: str, sheets: list[tuple[str, list[str], Iterable]]):
    """An Excel workbook with one sheet per (title, header, rows); numbers stay numbers.

    openpyxl's write-only mode streams rows to the file, so a large table does not sit in
    memory as cell objects.
    """
    import io

    from django.http import HttpResponse
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        bold = []
        for text in header:
            cell = WriteOnlyCell(sheet, value=_safe(text))
            cell.font = Font(bold=True)
            bold.append(cell)
        sheet.append(bold)
        for row in rows:
            sheet.append([v if isinstance(v, int | float) or v is None else _safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
