"""Time Open311 GeoReport v2 `requests.json` (and `.xml`) answering a full page of 1,000.

    .venv/bin/python bench/open311_list.py [--database-url URL] [--requests N]
                                           [--iterations N] [--keep]

Creates the PostgreSQL database named by --database-url (dropped first if it exists, and
dropped at the end unless --keep), migrates it, bulk-creates about 3,000 public requests
raised within the last 90 days across three reportable services (a third of them with an
approved photo, some with photos awaiting moderation or rejected), then times
`requests.json?service_code=...&status=open` (then `.xml`) through django.test.Client, which
returns 1,000 entries, and prints the median and p95 in milliseconds, with the median CPU time
of this process (the database's own time is not in it).

Never point --database-url at a database you care about.
"""

import argparse
import datetime
import math
import os
import random
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.run import _admin_url, prepare_database  # noqa: E402


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/fp_bench_open311"
    )
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    return parser.parse_args(argv)


def drop_database(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    with psycopg.connect(_admin_url(url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def load(count: int, rng: random.Random) -> str:
    """The requests and photos; returns the service_code with the most open requests."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from apps.accounts.models import Department, User
    from apps.cases.models import ServiceRequest, ServiceRequestPhoto, Source, Status
    from apps.catalogue.models import Service

    call_command("migrate", verbosity=0, interactive=False)
    departments = [
        Department.objects.create(name=name, slug=slug, email=f"{slug}@council.example")
        for name, slug in (("Waste and Recycling", "waste"), ("Highways", "highways"))
    ]
    services = [
        Service.objects.create(
            name=name,
            slug=slug,
            summary="A council service.",
            lgsl_code=524,
            department=department,
            reportable=True,
            sla_working_days=days,
        )
        for name, slug, department, days in (
            ("Missed bin", "missed-bin", departments[0], 5),
            ("Fly-tipping", "fly-tipping", departments[0], 10),
            ("Pothole", "pothole", departments[1], None),
        )
    ]
    moderator = User.objects.create_user(email="moderator@council.example", full_name="Mo Derator")
    now = timezone.now()
    statuses = [Status.OPEN, Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED]
    requests = []
    for n in range(count):
        # Half to the first service, most of them open: its open ones fill a page of 1,000.
        service = services[0] if n % 2 == 0 else services[1 + n % 4 // 2]
        created = now - datetime.timedelta(minutes=rng.randint(1, 89 * 24 * 60))
        located = rng.random() < 0.8
        requests.append(
            ServiceRequest(
                reference=f"FP-2026-{n + 1:06d}",
                service=service,
                department=service.department,
                source=rng.choice([Source.OPEN311, Source.PORTAL, Source.ADVISOR]),
                status=rng.choice(statuses[:3] * 3 + statuses[3:]),
                public_status_text=rng.choice(["", "", "Crew on the way"]),
                description=f"Report number {n} with a few words of description.",
                address=f"{n % 200 + 1} High Street" if located else "",
                uprn=f"1000{n:08d}" if located else "",
                postcode="SW1A 1AA" if located else "",
                latitude=round(rng.uniform(51.3, 51.7), 6) if located else None,
                longitude=round(rng.uniform(-0.5, 0.2), 6) if located else None,
                sla_due=(created + datetime.timedelta(days=rng.randint(3, 14))).date()
                if service.sla_working_days
                else None,
                created_at=created,
            )
        )
    requests = ServiceRequest.objects.bulk_create(requests, batch_size=1000)
    photos = []
    for request in requests:
        roll = rng.random()
        kinds = (
            [ServiceRequestPhoto.Moderation.APPROVED]
            if roll < 0.33
            else [ServiceRequestPhoto.Moderation.AWAITING]
            if roll < 0.45
            else [ServiceRequestPhoto.Moderation.REJECTED, ServiceRequestPhoto.Moderation.APPROVED]
            if roll < 0.5
            else []
        )
        for kind in kinds:
            decided = kind != ServiceRequestPhoto.Moderation.AWAITING
            photos.append(
                ServiceRequestPhoto(
                    request=request,
                    image=f"request-photos/2026/11/{request.reference}.jpg",
                    content_type=rng.choice(["image/jpeg", "image/png"]),
                    width=800,
                    height=600,
                    moderation=kind,
                    moderated_by=moderator if decided else None,
                    moderated_at=now if decided else None,
                )
            )
    ServiceRequestPhoto.objects.bulk_create(photos, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"loaded {len(requests):,} requests and {len(photos):,} photos", file=sys.stderr)
    return services[0].slug


def measure(client, url: str, *, iterations: int, warmups: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmups):
        client.get(url)
    times, cpu = [], []
    for _ in range(iterations):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)],
        # This process's CPU alone: steadier than the wall clock when others share the cores.
        "cpu": statistics.median(cpu),
        "queries": len(captured.captured_queries),
        "bytes": len(response.content),
        "entries": response.content.count(b'"service_request_id"')
        or response.content.count(b"<request>"),
    }


def main(argv=None) -> None:
    args = parse_args(argv)
    url = prepare_database(args)
    os.environ["DATABASE_URL"] = url
    os.environ["TESTING"] = "1"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "firstpoint.settings"
    import django

    django.setup()
    from django.test import Client

    try:
        code = load(args.requests, random.Random(args.seed))
        client = Client(HTTP_HOST="localhost")
        for fmt in ("json", "xml"):
            path = f"/open311/v2/requests.{fmt}?service_code={code}&status=open"
            row = measure(client, path, iterations=args.iterations, warmups=args.warmups)
            print(
                f"{path}: {row['entries']} entries, {row['bytes']:,} bytes, "
                f"{row['queries']} queries, median {row['median']:.1f} ms, "
                f"p95 {row['p95']:.1f} ms, median CPU {row['cpu']:.1f} ms ({args.iterations} runs)"
            )
    finally:
        if not args.keep:
            drop_database(url)


if __name__ == "__main__":
    main()
