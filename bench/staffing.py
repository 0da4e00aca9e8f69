"""Erlang C staffing for a week of 15-minute intervals (672), timed.

    .venv/bin/python bench/staffing.py [--quick]

Pure Python and numpy: no database. `run(quick)` returns rows for bench/results.md.
"""

import math
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apps.staffing import erlang  # noqa: E402

INTERVALS = 7 * 24 * 4
TARGET_MS = 200.0


def _week(rng: random.Random) -> tuple[list[float], list[float]]:
    """A council contact centre's week: busy Monday mornings, quiet nights, AHT 4-7 minutes."""
    calls, aht = [], []
    for i in range(INTERVALS):
        day, quarter = divmod(i, 96)
        hour = quarter / 4
        open_hours = 8 <= hour < 18 if day < 5 else 9 <= hour < 13 if day == 5 else False
        peak = 1.6 if day == 0 else 1.0
        base = 120 * peak * math.exp(-((hour - 10.5) ** 2) / 8) + 20 if open_hours else 0
        calls.append(max(0.0, rng.gauss(base, base * 0.1)))
        aht.append(rng.uniform(240, 420))
    return calls, aht


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def run(quick: bool) -> list[dict]:
    rng = random.Random(2026)
    repeats = 20 if quick else 100
    rows = []
    for name, staff in (
        (
            "Erlang C: advisors for 80% in 20 s, a week of 15-minute intervals",
            lambda load, aht: erlang.agents_for_service_level(load, aht, 0.8, 20),
        ),
        (
            "Erlang C: advisors for an average answer time of 30 s, a week of 15-minute intervals",
            lambda load, aht: erlang.agents_for_asa(load, aht, 30),
        ),
    ):
        timings = []
        for _ in range(repeats):
            calls, aht = _week(rng)
            started = time.perf_counter()
            load = erlang.traffic(calls, aht, 900)
            needed = staff(load, aht)
            erlang.rostered_for(needed, 0.3)
            timings.append((time.perf_counter() - started) * 1000)
        p95 = _p95(timings)
        rows.append(
            {
                "name": name,
                "figure": f"{p95:.1f} ms",
                "target": f"< {TARGET_MS:.0f} ms",
                "met": p95 < TARGET_MS,
                "note": f"p95 of {repeats} runs, median {statistics.median(timings):.1f} ms",
            }
        )
    return rows


if __name__ == "__main__":
    for row in run("--quick" in sys.argv):
        print(
            f"{row['name']}: {row['figure']} (target {row['target']}, met: {row['met']}) {row['note']}"
        )
