"""Charts as inline SVG, drawn on the server: no JavaScript, and the same figures go in a
table beneath every chart (the SVG is `aria-hidden`-free but titled; the table is the
accessible version).

    svg = bar_chart(Chart(title="Calls offered", labels=["Mon", "Tue"],
                          series=[{"name": "Offered", "values": [120, 98]}]))
"""

from __future__ import annotations

import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .reporting import Chart

# GOV.UK colour palette: blue, orange, green, purple, red, turquoise.
COLOURS = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#28a197"]
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 24, 96


def _scale_max(values: list[float]) -> float:
    """The top of the axis: four equal, round steps (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 or 8 times a power of ten)."""
    top = max([v for v in values if v is not None] or [0])
    if top <= 0:
        return 1.0
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(
        m * magnitude for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10) if raw <= m * magnitude
    )
    return float(step * 4)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:,.1f}"


def render(chart: Chart) -> SafeString:
    """Return the chart as an SVG element."""
    labels = [str(label) for label in chart.labels]
    series = chart.series or []
    values = [v for s in series for v in s["values"] if v is not None]
    top = _scale_max(values)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="fp-chart" role="img" aria-label="{escape(chart.title)}">',
        f"<title>{escape(chart.title)}</title>",
    ]
    for i in range(5):  # gridlines and axis labels
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6" '
            f'stroke-width="1"/><text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="#0b0c0c">{_fmt(value)}</text>'
        )
    n = max(len(labels), 1)
    step = plot_w / n
    label_every = max(1, n // 12)
    slanted = n > 6  # many labels: slant them so they do not run into each other
    for i, label in enumerate(labels):
        if i % label_every == 0:
            x = LEFT + step * (i + 0.5)
            y = HEIGHT - BOTTOM + 16
            if slanted:
                parts.append(
                    f'<text x="{x:.1f}" y="{y}" text-anchor="end" font-size="11" fill="#0b0c0c" '
                    f'transform="rotate(-30 {x:.1f} {y})">{escape(label[:18])}</text>'
                )
            else:
                parts.append(
                    f'<text x="{x:.1f}" y="{y}" text-anchor="middle" '
                    f'font-size="12" fill="#0b0c0c">{escape(label[:14])}</text>'
                )
    if chart.kind == "line":
        for k, s in enumerate(series):
            points = [
                f"{LEFT + step * (i + 0.5):.1f},{TOP + plot_h - plot_h * v / top:.1f}"
                for i, v in enumerate(s["values"])
                if v is not None
            ]
            colour = COLOURS[k % len(COLOURS)]
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="3" '
                f'points="{" ".join(points)}"/>'
            )
            for point in points:  # a marker on each value, so a single month still shows
                x, y = point.split(",")
                parts.append(f'<circle cx="{x}" cy="{y}" r="4" fill="{colour}"/>')
    else:
        group_w = step * 0.8
        bar_w = group_w / max(len(series), 1)
        for k, s in enumerate(series):
            colour = COLOURS[k % len(COLOURS)]
            for i, v in enumerate(s["values"]):
                if v is None:
                    continue
                h = plot_h * v / top
                x = LEFT + step * i + step * 0.1 + bar_w * k
                parts.append(
                    f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w:.1f}" '
                    f'height="{h:.1f}" fill="{colour}"/>'
                )
    for k, s in enumerate(series):  # legend
        x = LEFT + k * 150
        colour = COLOURS[k % len(COLOURS)]
        parts.append(
            f'<rect x="{x}" y="{HEIGHT - 18}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 18}" y="{HEIGHT - 8}" font-size="12" fill="#0b0c0c">'
            f"{escape(str(s['name'])[:20])}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
