"""The benchmark suite at a tiny scale on the test database: it must run end to end and
report every issue 7 target (the full-scale run is `make bench`, not part of the tests)."""

import random
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connection

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

pytestmark = pytest.mark.django_db


def test_bench_targets_run_in_quick_mode(settings):
    from apps.accounts import demo as accounts_demo
    from apps.catalogue import demo as catalogue_demo
    from apps.performance.models import CallRecord, DailyQueueStats
    from bench import telephony
    from bench.run import Bench

    rng = random.Random(1)
    accounts_demo.seed(rng)
    catalogue_demo.seed(rng)
    bench = Bench(SimpleNamespace(iterations=2, warmups=1))
    rows = telephony.run_targets(
        calls=1500,
        seed=1,
        database_url="",
        bench=bench,
        quick=True,
        subprocess_import=False,
        iterations=2,
    )
    names = " ".join(r["name"] for r in rows)
    for expected in (
        "Import 1,500 call records",
        "peak memory",
        "dashboard for a month",
        "dashboard for a year",
        "Open311",
        "Erlang C",
        "Import a month's 125 calls",
    ):
        assert expected in names
    assert CallRecord.objects.count() == 1500 + 125
    assert DailyQueueStats.objects.exists()
    assert "| Measurement |" in "\n".join(telephony.render_targets(rows))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psql on PostgreSQL")
def test_the_database_alone_copy_runs_and_leaves_nothing_behind():
    """The import's floor (the checked calls copied by psql into a table built like the
    calls table) runs against the test database and drops its table."""
    from bench import telephony

    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    assert telephony.calls_table_copy_seconds(url) > 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_calls_copy')")
        assert cursor.fetchone() == (None,)
