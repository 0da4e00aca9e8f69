"""`make load`: a bounded locust load test against a production-style gunicorn on 127.0.0.1.

    .venv/bin/python bench/load.py [--seconds 60] [--users 40] [--database-url postgres://...]

Prepares a database (a copy of the demo council in var/load/ on SQLite by default, or the
PostgreSQL database named by --database-url, migrated and seeded with the demo council),
issues an Open311 API key, starts gunicorn with production settings (DEBUG off; TLS-only
cookie and redirect settings off, since it listens on loopback without a proxy), runs
bench/locustfile.py headless for --seconds, stops gunicorn, and writes the "Load test"
section of bench/results.md: requests a second, failures, and the 95th percentile per endpoint.
Loopback only: nothing listens beyond 127.0.0.1.
"""

import argparse
import csv
import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_LOAD = BASE_DIR / "var" / "load"
RESULTS = BASE_DIR / "bench" / "results.md"
BIN = Path(sys.executable).parent
START, END = "<!-- load-test:start -->", "<!-- load-test:end -->"
NOTE = (
    "Read with care: on a machine shared with other work the tails are long. Signing in is "
    "slow by design (PBKDF2 password hashing, with many advisors signing in at once as the "
    "run starts). Background work runs in the request (CELERY_TASK_ALWAYS_EAGER=1, no worker) "
    "and the portal's per-address limit is lifted, since every simulated resident comes from "
    '127.0.0.1. For PostgreSQL: `make load LOAD_ARGS="--database-url postgres://..."`.'
)

PREPARE = """
import json
from apps.accounts.demo import DEMO_PASSWORD
from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.cases.models import ServiceRequest
from apps.open311 import selectors as open311_selectors
from apps.open311.services import api_key_issue
admin = User.objects.filter(groups__name=Role.ADMINISTRATOR.label).first()
key = api_key_issue(name="Load test", created_by=admin, rate_limit_per_hour=10**7)[1]
# Advisors who can sign in with the password (the benchmark's generated staff cannot).
advisors = [u.email for u in User.objects.filter(groups__name=Role.ADVISOR.label, is_active=True)
            .order_by("pk")[:500] if u.has_usable_password()][:20]
codes = list(open311_selectors.open311_services().values_list("slug", flat=True)[:20])
track = [f"{r.reference}|{r.customer.email or r.customer.postcode}" for r in
         ServiceRequest.objects.select_related("customer").exclude(customer=None)[:50]
         if (r.customer.email or r.customer.postcode)]
from apps.contacts.models import Contact
from apps.customers.models import Customer
counts = {"customers": Customer.objects.count(), "contacts": Contact.objects.count(),
          "service requests": ServiceRequest.objects.count()}
print(json.dumps({"password": DEMO_PASSWORD, "advisors": advisors, "key": key,
                  "codes": codes, "track": track, "counts": counts}))
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; default SQLite")
    parser.add_argument("--no-results", action="store_true", help="don't write results.md")
    parser.add_argument(
        "--no-seed",
        action="store_true",
        help="the database already holds a council (e.g. bench/run.py --keep): don't seed it",
    )
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str, port: int, workers: int) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="firstpoint.settings",
        DEBUG="0",
        TESTING="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or "load-test-only-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        # One client address makes every request: the per-address portal limit would refuse it.
        PORTAL_RATE_LIMIT_PER_HOUR="10000000",
        # No Celery worker in the load run: background work runs in the request.
        CELERY_TASK_ALWAYS_EAGER="1",
        LOG_LEVEL="WARNING",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY=str(workers),
    )
    return env


def manage(env, *args, capture=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )


def prepare_database(args) -> tuple[str, str, bool]:
    """(database URL, engine, whether it already holds the demo council)."""
    if args.database_url:
        return args.database_url, "PostgreSQL", False
    VAR_LOAD.mkdir(parents=True, exist_ok=True)
    database = VAR_LOAD / "firstpoint.sqlite3"
    demo = BASE_DIR / "var" / "firstpoint.sqlite3"
    if demo.exists():  # start from the demo council if `make demo` has built it
        shutil.copyfile(demo, database)
    return f"sqlite:///{database}", "SQLite (WAL)", demo.exists()


def wait_healthy(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not become healthy at {url}")


def main(argv=None) -> int:
    args = parse_args(argv)
    database_url, engine, seeded = prepare_database(args)
    port = free_port()
    env = server_env(database_url, port, args.workers)
    print(f"Preparing the database ({engine})…", flush=True)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    if not seeded and not args.no_seed:
        manage(env, "seed_demo")
    # htmx's extensions and module builds are not used and their imports do not resolve.
    ignore = ["ext", "*.esm.js", "*.cjs.js", "*.amd.js"]
    manage(
        env,
        "collectstatic",
        "--noinput",
        "--verbosity",
        "0",
        *[arg for pattern in ignore for arg in ("--ignore", pattern)],
    )
    prepared = json.loads(manage(env, "shell", "-c", PREPARE, capture=True).stdout.splitlines()[-1])

    VAR_LOAD.mkdir(parents=True, exist_ok=True)
    log = open(VAR_LOAD / "gunicorn.log", "w")  # noqa: SIM115 - closed in the finally below
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "firstpoint.wsgi", "--config", "deploy/gunicorn.conf.py"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    host = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(f"{host}/health/")
        locust_env = {
            **env,
            "LOAD_PASSWORD": prepared["password"],
            "LOAD_ADVISORS": ",".join(prepared["advisors"]),
            "LOAD_OPEN311_KEY": prepared["key"],
            "LOAD_SERVICE_CODES": ",".join(prepared["codes"]),
            "LOAD_TRACK": ",".join(prepared["track"]),
        }
        prefix = VAR_LOAD / "locust"
        print(f"Running locust for {args.seconds} s with {args.users} users…", flush=True)
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                "bench/locustfile.py",
                "--headless",
                "--host",
                host,
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "--run-time",
                f"{args.seconds}s",
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "10",
            ],
            cwd=BASE_DIR,
            env=locust_env,
            check=False,
        )
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    section = render(rows, args=args, engine=engine, counts=prepared["counts"])
    print(section)
    if not args.no_results:
        write_results(section)
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return 0 if int(total["Failure Count"]) == 0 else 1


def render(rows, *, args, engine, counts: dict) -> str:
    total = next(r for r in rows if r["Name"] == "Aggregated")
    lines = [
        START,
        "## Load test",
        "",
        f"`make load` ({datetime.date.today():%-d %B %Y}): locust, headless, {args.seconds} s, "
        f"{args.users} simulated users (advisors 5 : residents 4 : Open311 clients 1) against "
        f"gunicorn ({args.workers} processes, production settings) on 127.0.0.1, database "
        f"{engine} holding "
        + ", ".join(f"{n:,} {name}" for name, n in counts.items())
        + (
            " (the demo council, not the benchmark scale). "
            if counts.get("contacts", 0) < 1_000_000
            else " (the benchmark data of bench/run.py --keep). "
        )
        + "Same 2-core machine as the load generator, shared with other work.",
        "",
        f"**{float(total['Requests/s']):.1f} requests a second held, "
        f"{total['Request Count']} requests, {total['Failure Count']} errors.**",
        "",
        "| Endpoint | Method | Requests | Errors | Median (ms) | 95th percentile (ms) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        lines.append(
            f"| `{row['Name']}` | {row['Type']} | {row['Request Count']} | "
            f"{row['Failure Count']} | {float(row['Median Response Time']):.0f} | {row['95%']} |"
        )
    lines += ["", NOTE, "", END]
    return "\n".join(lines)


def write_results(section: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else ""
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    RESULTS.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
