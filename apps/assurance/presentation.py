"""Turn a report's plain content (as built or as issued) into what its page and PDF show."""

import datetime

from apps.core.charts import render
from apps.core.reporting import SectionContent


def _date(iso: str) -> str:
    return datetime.date.fromisoformat(iso[:10]).strftime("%-d %B %Y")


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _numeric(rows, column) -> bool:
    values = [row[column] for row in rows if column < len(row) and row[column] is not None]
    return bool(values) and all(isinstance(v, int | float) for v in values)


def section_view(section: dict) -> dict:
    content = SectionContent.from_json(section["content"])
    tables = []
    for table in content.tables:
        numeric = [_numeric(table.rows, i) for i in range(len(table.head))]
        tables.append(
            {
                "caption": table.caption,
                "head": [{"text": h, "numeric": numeric[i]} for i, h in enumerate(table.head)],
                "rows": [
                    [
                        {"text": _cell(v), "numeric": numeric[i] if i < len(numeric) else False}
                        for i, v in enumerate(row)
                    ]
                    for row in table.rows
                ],
                "govuk": {
                    "caption": table.caption,
                    "captionClasses": "govuk-table__caption--s",
                    "firstCellIsHeader": True,
                    "head": [
                        {"text": h, **({"format": "numeric"} if numeric[i] else {})}
                        for i, h in enumerate(table.head)
                    ],
                    "rows": [
                        [
                            {
                                "text": _cell(v),
                                **(
                                    {"format": "numeric"} if i < len(numeric) and numeric[i] else {}
                                ),
                            }
                            for i, v in enumerate(row)
                        ]
                        for row in table.rows
                    ],
                },
            }
        )
    charts = [{"title": c.title, "svg": render(c)} for c in content.charts]
    return {
        "key": section["key"],
        "title": section["title"],
        "paragraphs": content.paragraphs,
        "tables": tables,
        "charts": charts,
    }


def issued_context(content: dict) -> dict:
    """Context for the report page and its PDF from the report's content."""
    return {
        "content": content,
        "period": f"{_date(content['period_start'])} to {_date(content['period_end'])}",
        "issued_on": _date(content["issued_at"]) if content.get("issued_at") else "",
        "sections": [section_view(s) for s in content["sections"]],
    }
