"""PostgreSQL faults and backups, each against our own throwaway PostgreSQL cluster
(initdb + pg_ctl in a temporary directory on a free port), never the machine's shared one.

- PostgreSQL restarted in the middle of a bulk import: the import fails cleanly, leaves
  nothing behind, and runs to completion when re-run. firstpoint has no bulk import command
  yet (the performance app's call-statistics import is to come), so this runs a generic
  transactional bulk load in a subprocess: the same pattern, one transaction, batches of rows.
- Backups: scripts/backup dumps a migrated firstpoint database holding the demo council's
  organisation, catalogue and front office,
  scripts/restore loads it into a fresh database, and every row of every table is there.
  Migrating and seeding take minutes on a busy machine, so this test runs only with
  FIRSTPOINT_SLOW_TESTS=1.
"""

import os
import subprocess
import sys
import textwrap

import pytest

from .helpers import (
    BASE_DIR,
    SEED_FRONT_OFFICE,
    OwnPostgres,
    django_env,
    manage,
    pg_available,
    wait_for,
)

pytestmark = pytest.mark.skipif(bool(pg_available()), reason=pg_available() or "ok")

IMPORT_SCRIPT = textwrap.dedent(
    """
    import sys, time, psycopg
    url, rows = sys.argv[1], int(sys.argv[2])
    with psycopg.connect(url) as conn:  # one transaction: all rows or none
        with conn.cursor() as cur:
            for start in range(0, rows, 1000):
                cur.executemany(
                    "INSERT INTO call_stats (queue, answered) VALUES (%s, %s)",
                    [(f"queue-{i % 7}", i) for i in range(start, min(start + 1000, rows))],
                )
                print(start + 1000, flush=True)
                time.sleep(0.05)
    print("committed", flush=True)
    """
)


@pytest.fixture(scope="module")
def postgres():
    cluster = OwnPostgres().init().start()
    yield cluster
    cluster.destroy()


def _sql(url: str, sql: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(sql)
        row = cursor.fetchone() if cursor.description else None
        return row[0] if row else None


def test_postgres_restarted_mid_import_leaves_nothing_and_the_import_can_be_rerun(postgres):
    postgres.createdb("imports")
    url = postgres.url("imports").replace("postgres://", "postgresql://")
    _sql(url, "CREATE TABLE call_stats (id serial PRIMARY KEY, queue text, answered int)")
    importer = subprocess.Popen(
        [sys.executable, "-c", IMPORT_SCRIPT, url, "40000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Wait until the import is well under way, then restart PostgreSQL under it.
    assert int(importer.stdout.readline()) >= 1000
    importer.stdout.readline()
    postgres.restart()
    out, err = importer.communicate(timeout=60)
    assert importer.returncode != 0, out
    assert "committed" not in out
    assert "OperationalError" in err or "terminat" in err.lower() or "closed" in err.lower()
    wait_for(lambda: _sql(url, "SELECT 1") == 1, what="PostgreSQL back")
    assert _sql(url, "SELECT count(*) FROM call_stats") == 0  # nothing partial

    rerun = subprocess.run(
        [sys.executable, "-c", IMPORT_SCRIPT.replace("time.sleep(0.05)", "pass"), url, "40000"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _sql(url, "SELECT count(*) FROM call_stats") == 40000


@pytest.mark.skipif(
    not os.environ.get("FIRSTPOINT_SLOW_TESTS"),
    reason="migrates and seeds a PostgreSQL database (minutes): set FIRSTPOINT_SLOW_TESTS=1",
)
def test_a_backup_restores_into_a_fresh_database_with_every_record(postgres, tmp_path):
    postgres.createdb("live")
    live = postgres.url("live")
    env = django_env(DATABASE_URL=live, LOG_JSON="0")
    manage("migrate", "--noinput", env=env, timeout=900)
    manage("shell", "-c", SEED_FRONT_OFFICE, env=env, timeout=900)

    dump = tmp_path / "firstpoint.dump"
    pg_env = {**os.environ, "DATABASE_URL": live}
    backup = subprocess.run(
        [str(BASE_DIR / "scripts" / "backup"), str(dump)],
        env=pg_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert backup.returncode == 0, backup.stderr
    assert dump.stat().st_size > 0 and oct(dump.stat().st_mode)[-3:] == "600"

    postgres.createdb("restored")
    restored = postgres.url("restored")
    restore = subprocess.run(
        [str(BASE_DIR / "scripts" / "restore"), str(dump), restored],
        capture_output=True,
        text=True,
        check=False,
    )
    assert restore.returncode == 0, restore.stderr
    # Restoring over a database that has data is refused.
    again = subprocess.run(
        [str(BASE_DIR / "scripts" / "restore"), str(dump), restored],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 3

    tables_sql = (
        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
    )
    live_url, restored_url = (u.replace("postgres://", "postgresql://") for u in (live, restored))
    tables = _sql(live_url, tables_sql).split(",")
    assert _sql(restored_url, tables_sql).split(",") == tables
    seeded = 0
    for table in tables:
        digest = f"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t"
        assert _sql(restored_url, digest) == _sql(live_url, digest), table
        seeded += int(_sql(live_url, f'SELECT count(*) FROM "{table}"'))
    assert seeded > 1000  # the demo council really was there to back up
