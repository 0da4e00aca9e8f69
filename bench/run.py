"""firstpoint front-office benchmark at council scale.

    .venv/bin/python bench/run.py [--quick] [--customers N] [--contacts N] [--requests N]
                                  [--database-url URL] [--keep] [--seed N]

Builds its own fresh database (a SQLite file under var/bench/ by default, or the PostgreSQL
database named by --database-url, created here and dropped at the end unless --keep), loads
the demo organisation and catalogue, generates a year of synthetic front-office activity
deterministically, then times the pages and selectors advisors, managers and officers use
most, and writes bench/results.md. See bench/README.md.
"""

import argparse
import datetime
import gc
import json
import math
import os
import platform
import random
import re
import statistics
import sys
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
VAR_BENCH = BASE_DIR / "var" / "bench"
RESULTS = BENCH_DIR / "results.md"

# The scale in DESIGN.md "Scale the design must hold": one year of a large unitary council.
DESIGN_CUSTOMERS = 350_000
DESIGN_CONTACTS = 1_200_000
DESIGN_REQUESTS = 250_000
DESIGN_CALLS = 3_000_000
BATCH = 5_000
SLOW_MS = 300.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=None)
    parser.add_argument("--contacts", type=int, default=None)
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--quick", action="store_true", help="10%% of the DESIGN scale")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; default SQLite")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=3)
    parser.add_argument("--writes", type=int, default=None, help="contacts logged (default 500)")
    parser.add_argument("--calls", type=int, default=None, help="call records imported")
    args = parser.parse_args(argv)
    factor = 0.1 if args.quick else 1.0
    args.customers = args.customers or int(DESIGN_CUSTOMERS * factor)
    args.contacts = args.contacts or int(DESIGN_CONTACTS * factor)
    args.requests = args.requests or int(DESIGN_REQUESTS * factor)
    args.writes = args.writes or (100 if args.quick else 500)
    args.calls = args.calls or int(DESIGN_CALLS * factor)
    args.command = " ".join([".venv/bin/python bench/run.py", *(argv or sys.argv[1:])])
    return args


def progress(message: str, end: str = "\n") -> None:
    sys.stderr.write(f"\r{message}\033[K{end}")
    sys.stderr.flush()


# --------------------------------------------------------------------------- database


def prepare_database(args) -> str:
    """A fresh, empty database; returns the DATABASE_URL to use."""
    if not args.database_url:
        VAR_BENCH.mkdir(parents=True, exist_ok=True)
        path = VAR_BENCH / "firstpoint_bench.sqlite3"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    name = urllib.parse.urlsplit(args.database_url).path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name or ""):
        raise SystemExit(f"Unsupported database name {name!r}")
    with psycopg.connect(_admin_url(args.database_url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return args.database_url


def _admin_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    scheme = "postgresql" if parts.scheme in ("postgres", "postgresql", "pgsql") else parts.scheme
    return urllib.parse.urlunsplit((scheme, parts.netloc, "/postgres", parts.query, ""))


def drop_database(args) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    name = urllib.parse.urlsplit(args.database_url).path.lstrip("/")
    with psycopg.connect(_admin_url(args.database_url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["TESTING"] = "1"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "firstpoint.settings"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA optimize")


# --------------------------------------------------------------------------- loading


class Loader:
    """Generates the synthetic council, table by table, timing each."""

    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.timings: dict[str, dict] = {}

    def _timed(self, table: str, rows: int, seconds: float) -> None:
        entry = self.timings.setdefault(table, {"rows": 0, "seconds": 0.0})
        entry["rows"] += rows
        entry["seconds"] += seconds

    def run(self) -> dict:
        from django.core.management import call_command
        from django.db import transaction

        from apps.accounts import demo as accounts_demo
        from apps.catalogue import demo as catalogue_demo

        started = time.perf_counter()
        progress("migrate")
        call_command("migrate", verbosity=0, interactive=False)
        self._timed("migrate (schema)", 0, time.perf_counter() - started)
        t = time.perf_counter()
        with transaction.atomic():
            accounts_demo.seed(self.rng)
            catalogue_demo.seed(self.rng)
        self._timed("organisation and catalogue (demo seed)", 0, time.perf_counter() - t)
        self.staff()
        self.customers()
        self.contacts()
        self.requests()
        t = time.perf_counter()
        progress("analyse")
        analyse()
        self._timed("ANALYZE / PRAGMA optimize", 0, time.perf_counter() - t)
        self.total_seconds = time.perf_counter() - started
        progress(f"loaded in {self.total_seconds:.0f} s")
        return self.timings

    # -- staff: 300, as in DESIGN.md
    def staff(self):
        from django.db import transaction

        from apps.accounts.models import Department, Team, User
        from apps.accounts.roles import Role
        from apps.accounts.services import role_group

        t = time.perf_counter()
        front_teams = list(
            Team.objects.filter(department__isnull=True, name__in=FRONT_TEAMS).order_by("pk")
        )
        department_teams = {
            team.department_id: team
            for team in Team.objects.filter(department__isnull=False).order_by("pk")
        }
        users, roles = [], []
        for number in range(1, 241):
            users.append(self._user(f"advisor{number:03d}", front_teams[number % len(front_teams)]))
            roles.append(Role.ADVISOR)
        for number in range(1, 21):
            users.append(self._user(f"manager{number:02d}", front_teams[number % len(front_teams)]))
            roles.append(Role.TEAM_MANAGER)
        for department in Department.objects.order_by("pk"):
            team = department_teams.get(department.pk)
            for number in range(1, 4):
                users.append(self._user(f"officer.{department.slug}{number}", team))
                roles.append(Role.CLIENT_SERVICE_OFFICER)
        with transaction.atomic():
            User.objects.bulk_create(users, batch_size=BATCH)
            groups = {role: role_group(role) for role in set(roles)}
            Through = User.groups.through
            Through.objects.bulk_create(
                [
                    Through(user_id=user.pk, group_id=groups[role].pk)
                    for user, role in zip(users, roles, strict=True)
                ]
            )
        self._timed("staff users", len(users), time.perf_counter() - t)

    @staticmethod
    def _user(local_part, team):
        from apps.accounts.models import User

        name = local_part.replace(".", " ").title()
        return User(
            email=f"{local_part}@borchester.example",
            full_name=name,
            team=team,
            password="!",  # cannot sign in with a password: benchmark staff only
        )

    # -- customers
    def customers(self):
        from django.db import transaction

        from apps.accounts.models import User
        from apps.customers import demo as customers_demo
        from apps.customers.models import Customer, Vulnerability, VulnerabilityCategory
        from apps.customers.normalise import search_columns

        rng, total = self.rng, self.args.customers
        self.customer_ids: list[int] = []
        self.customer_address: dict[int, tuple[str, str]] = {}
        vulnerable: list[int] = []
        insert, started = 0.0, time.perf_counter()
        for first in range(1, total + 1, BATCH):
            batch = []
            for number in range(first, min(first + BATCH, total + 1)):
                customer = customers_demo._customer(rng, number)
                # As customer_create does: lower-case email, then the normalised search columns.
                customer.email = (customer.email or "").strip().lower()
                for field, value in search_columns(customer).items():
                    setattr(customer, field, value)
                batch.append(customer)
            t = time.perf_counter()
            with transaction.atomic():
                Customer.objects.bulk_create(batch, batch_size=BATCH)
            insert += time.perf_counter() - t
            for customer in batch:
                self.customer_ids.append(customer.pk)
                self.customer_address[customer.pk] = (customer.address, customer.uprn)
                if rng.random() < 0.03:
                    vulnerable.append(customer.pk)
            self._progress("customers", len(self.customer_ids), total, started)
        self._timed("customers", total, time.perf_counter() - started)
        self.insert_seconds = {"customers": insert}

        t = time.perf_counter()
        advisor = User.objects.get(email=customers_demo.ADVISOR_EMAIL)
        today = datetime.date.today()
        records = [
            Vulnerability(
                customer_id=pk,
                categories=rng.sample(list(VulnerabilityCategory.values), rng.randint(1, 2)),
                lawful_basis=Vulnerability.LawfulBasis.CONSENT,
                consent_given_by="The customer",
                support_notes="Speak slowly and check understanding. Offer a call back.",
                review_date=today + datetime.timedelta(days=rng.randint(30, 365)),
                recorded_by=advisor,
            )
            for pk in vulnerable
        ]
        with transaction.atomic():
            Vulnerability.objects.bulk_create(records, batch_size=BATCH)
        self.vulnerable_ids = vulnerable
        self._timed("vulnerabilities", len(records), time.perf_counter() - t)
        # Frequent callers: about one customer in a thousand gets a tenth of all contacts.
        self.frequent_ids = rng.sample(self.customer_ids, max(30, total // 1000))

    # -- contacts, their services, authorisations and client-service calls
    def contacts(self):
        from django.db import transaction
        from django.utils import timezone

        from apps.accounts.models import Site
        from apps.catalogue.models import ReferralRoute, Service
        from apps.contacts import demo as contacts_demo
        from apps.contacts.models import (
            ClientServiceCall,
            Contact,
            ContactChannel,
            ReferralAuthorisation,
        )

        OC = contacts_demo.OC
        rng, total = self.rng, self.args.contacts
        reasons = contacts_demo._seed_call_reasons()
        advisors, deciders = contacts_demo.demo_staff()
        catalogue = list(Service.objects.filter(is_active=True).order_by("pk"))
        public_sites = list(Site.objects.filter(is_public=True).order_by("pk"))
        out_of_hours_site = Site.objects.filter(kind=Site.Kind.OUT_OF_HOURS).first()
        now = timezone.now()
        # The demo spreads contacts over six months; the benchmark holds one year.
        contacts_demo.DAYS = 366
        Through = Contact.services.through
        self.request_links: list[tuple] = []
        seconds = defaultdict(float)
        done, started = 0, time.perf_counter()
        while done < total:
            size = min(BATCH, total - done)
            t = time.perf_counter()
            contacts, chosen = [], []
            for _ in range(size):
                channel = contacts_demo._pick(rng, contacts_demo.CHANNEL_WEIGHTS)
                outcome = contacts_demo._pick(rng, contacts_demo.OUTCOME_MIX[channel])
                picked = rng.sample(catalogue, k=1 if rng.random() < 0.85 else 2)
                resolvable = picked[0].referral_route == ReferralRoute.RESOLVE
                if outcome == OC.REFERRED and resolvable and rng.random() < 0.7:
                    outcome = OC.RESOLVED
                anonymous = rng.random() < (0.35 if channel == ContactChannel.SOCIAL_MEDIA else 0.1)
                site = None
                if channel == ContactChannel.FACE_TO_FACE:
                    site = rng.choice(public_sites)
                elif channel == ContactChannel.OUT_OF_HOURS:
                    site = out_of_hours_site
                system_down = rng.random() < 0.02
                low, high = contacts_demo.DURATIONS[channel]
                if anonymous:
                    customer_id = None
                elif rng.random() < 0.1:
                    customer_id = rng.choice(self.frequent_ids)
                else:
                    customer_id = rng.choice(self.customer_ids)
                advisor = rng.choice(advisors)
                contacts.append(
                    Contact(
                        customer_id=customer_id,
                        channel=channel,
                        site=site,
                        advisor_id=advisor.pk,
                        team_id=advisor.team_id,
                        reason=rng.choice(contacts_demo.REASONS).format(
                            service=picked[0].name.lower()
                        )[:300],
                        outcome=outcome,
                        signposted_to=rng.choice(contacts_demo.SIGNPOSTS)
                        if outcome == OC.SIGNPOSTED
                        else "",
                        duration_seconds=0 if outcome == OC.ABANDONED else rng.randint(low, high),
                        started_at=contacts_demo._started_at(rng, channel, now),
                        system_unavailable=system_down,
                        unavailable_system=rng.choice(contacts_demo.SYSTEMS) if system_down else "",
                    )
                )
                chosen.append(picked)
            with transaction.atomic():
                Contact.objects.bulk_create(contacts, batch_size=BATCH)
            seconds["contacts"] += time.perf_counter() - t

            t = time.perf_counter()
            links = [
                Through(contact_id=c.pk, service_id=s.pk)
                for c, picked in zip(contacts, chosen, strict=True)
                for s in picked
            ]
            with transaction.atomic():
                Through.objects.bulk_create(links, batch_size=BATCH)
            seconds["contact services (M2M)"] += time.perf_counter() - t
            self._timed("contact services (M2M)", len(links), 0)

            t = time.perf_counter()
            authorisations, calls = [], []
            for contact, picked in zip(contacts, chosen, strict=True):
                if contact.outcome not in (OC.REFERRED, OC.REFERRED_OUTSIDE):
                    continue
                department_id = picked[0].department_id
                authorisation = None
                if contact.outcome == OC.REFERRED_OUTSIDE:
                    authorisation = contacts_demo._authorisation(
                        rng, contact, department_id, deciders, now
                    )
                    authorisations.append(authorisation)
                elif picked[0].referral_route == ReferralRoute.SERVICE_REQUEST:
                    self.request_links.append(
                        (
                            contact.pk,
                            picked[0],
                            contact.started_at,
                            contact.customer_id,
                            contact.advisor_id,
                        )
                    )
                calls.append((contact, department_id, authorisation))
            with transaction.atomic():
                ReferralAuthorisation.objects.bulk_create(authorisations, batch_size=BATCH)
                # requested_at is set on creation; give each the time of its contact.
                for authorisation in authorisations:
                    authorisation.requested_at = authorisation.contact.started_at + (
                        datetime.timedelta(seconds=authorisation.contact.duration_seconds)
                    )
                ReferralAuthorisation.objects.bulk_update(
                    authorisations, ["requested_at"], batch_size=1000
                )
            seconds["referral authorisations"] += time.perf_counter() - t
            self._timed("referral authorisations", len(authorisations), 0)

            t = time.perf_counter()
            call_rows = []
            for contact, department_id, authorisation in calls:
                listed = reasons.get(department_id, [])
                reason = rng.choice(listed) if listed and rng.random() < 0.8 else None
                call_rows.append(
                    ClientServiceCall(
                        contact_id=contact.pk,
                        department_id=department_id,
                        reason=reason,
                        reason_text="" if reason and rng.random() < 0.5 else contact.reason,
                        within_agreed_process=authorisation is None,
                        authorisation=authorisation,
                        made_by_id=contact.advisor_id,
                        made_at=contact.started_at
                        + datetime.timedelta(seconds=contact.duration_seconds),
                    )
                )
            # Calls logged without a contact ("log a call"): about one in 150 contacts.
            for _ in range(size // 150):
                department_id = rng.choice(list(reasons))
                call_rows.append(
                    ClientServiceCall(
                        department_id=department_id,
                        reason=rng.choice(reasons[department_id]),
                        reason_text="Called back about an earlier referral",
                        within_agreed_process=rng.random() < 0.85,
                        made_by_id=rng.choice(advisors).pk,
                        made_at=contacts_demo._started_at(rng, ContactChannel.PHONE, now),
                    )
                )
            with transaction.atomic():
                ClientServiceCall.objects.bulk_create(call_rows, batch_size=BATCH)
            seconds["client service calls"] += time.perf_counter() - t
            self._timed("client service calls", len(call_rows), 0)

            done += size
            self._progress("contacts", done, total, started)
        self._timed("contacts", total, 0)
        for table, value in seconds.items():
            self.timings[table]["seconds"] += value

    # -- service requests
    def requests(self):
        from django.db import transaction
        from django.utils import timezone

        from apps.accounts.models import User
        from apps.cases import demo as cases_demo
        from apps.cases.models import ServiceRequest, ServiceRequestUpdate, Status
        from apps.cases.services import reference_numbers_reserve, sla_due_date
        from apps.catalogue.models import ReferralRoute, Service

        rng, target = self.rng, self.args.requests
        now, today = timezone.now(), timezone.localdate()
        services = list(
            Service.objects.filter(referral_route=ReferralRoute.SERVICE_REQUEST).order_by("pk")
        )
        links = self.request_links
        rng.shuffle(links)
        plans = [
            {
                "service": service,
                "contact_id": contact_id,
                "customer_id": customer_id,
                "created_at": min(started_at + datetime.timedelta(minutes=rng.randint(2, 20)), now),
                "raised_by_id": advisor_id,
            }
            for contact_id, service, started_at, customer_id, advisor_id in links[:target]
        ]
        # The rest reported online or through Open311, over the same year.
        for _ in range(target - len(plans)):
            plans.append(
                {
                    "service": rng.choice(services),
                    "contact_id": None,
                    "customer_id": rng.choice(self.customer_ids) if rng.random() < 0.8 else None,
                    "created_at": now - datetime.timedelta(minutes=rng.randint(30, 365 * 24 * 60)),
                    "raised_by_id": None,
                }
            )
        plans.sort(key=lambda p: p["created_at"])
        self.linked_requests = min(len(links), target)
        officers = defaultdict(list)
        for user in User.objects.filter(team__department__isnull=False).select_related("team"):
            officers[user.team.department_id].append(user.pk)

        started = time.perf_counter()
        with transaction.atomic():
            by_year = defaultdict(list)
            for plan in plans:
                by_year[timezone.localtime(plan["created_at"]).year].append(plan)
            for year, items in sorted(by_year.items()):
                numbers = reference_numbers_reserve(year=year, count=len(items))
                for plan, reference in zip(items, numbers, strict=True):
                    plan["reference"] = reference
        due_cache: dict = {}
        update_seconds, update_rows = 0.0, 0
        for first in range(0, len(plans), BATCH):
            requests = []
            for plan in plans[first : first + BATCH]:
                service, created_at = plan["service"], plan["created_at"]
                key = (service.pk, timezone.localdate(created_at))
                if key not in due_cache:
                    due_cache[key] = sla_due_date(service=service, created_at=created_at)
                sla_due = due_cache[key]
                status, state = cases_demo._lifecycle(rng, created_at, sla_due, today, now)
                team = officers.get(service.department_id) or []
                assignee_id = rng.choice(team) if team and status != Status.OPEN else None
                public_text = cases_demo.PUBLIC_TEXTS.get(status, "") if rng.random() < 0.6 else ""
                if status == Status.REJECTED:
                    public_text = cases_demo.PUBLIC_TEXTS[Status.REJECTED]
                customer_id = plan["customer_id"]
                address, uprn = self.customer_address.get(customer_id) or (
                    f"{rng.randint(1, 180)} {rng.choice(cases_demo.STREETS)}, Borchester",
                    "",
                )
                requests.append(
                    ServiceRequest(
                        reference=plan["reference"],
                        service=service,
                        customer_id=customer_id,
                        contact_id=plan["contact_id"],
                        source="advisor"
                        if plan["contact_id"]
                        else rng.choice(["portal", "open311"]),
                        address=address,
                        uprn=uprn,
                        description=f"{service.name}. {rng.choice(cases_demo.DESCRIPTIONS)}",
                        status=status,
                        public_status_text=public_text,
                        department_id=service.department_id,
                        assignee_id=assignee_id,
                        raised_by_id=plan["raised_by_id"],
                        sla_due=sla_due,
                        breached_at=state["breached_at"],
                        created_at=created_at,
                        resolved_at=state["resolved_at"],
                        closed_at=state["closed_at"],
                        version=1 + len(cases_demo._path(status)),
                    )
                )
            with transaction.atomic():
                ServiceRequest.objects.bulk_create(requests, batch_size=BATCH)
            t = time.perf_counter()
            updates = [
                ServiceRequestUpdate(
                    request_id=r.pk,
                    author_id=r.raised_by_id,
                    text="We have received your request.",
                    is_public=True,
                    status_to=Status.OPEN,
                )
                for r in requests
            ]
            with transaction.atomic():
                ServiceRequestUpdate.objects.bulk_create(updates, batch_size=BATCH)
            update_seconds += time.perf_counter() - t
            update_rows += len(updates)
            self._progress("service requests", first + len(requests), len(plans), started)
        self._timed("service requests", len(plans), time.perf_counter() - started - update_seconds)
        self._timed("service request updates", update_rows, update_seconds)

    def _progress(self, label, done, total, started):
        elapsed = max(time.perf_counter() - started, 1e-9)
        progress(
            f"  {label}: {done:,}/{total:,} ({100 * done / max(total, 1):.0f}%) "
            f"{done / elapsed:,.0f} rows/s",
            end="" if done < total else "\n",
        )


FRONT_TEAMS = ["Phones team A", "Phones team B", "Face to face team", "Out-of-hours team"]


# --------------------------------------------------------------------------- measuring


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    index = max(0, math.ceil(fraction * len(sorted_values)) - 1)
    return sorted_values[index]


class Bench:
    def __init__(self, args):
        self.args = args
        self.tables: list[dict] = []
        self.slow_queries: dict[str, dict] = {}

    def measure(self, table: str, label: str, fn, inputs=None, iterations=None, record=True):
        """Call fn(input) warm-ups + iterations times; time each call and count its queries."""
        from django.db import connection, reset_queries
        from django.test.utils import CaptureQueriesContext

        iterations = iterations or self.args.iterations
        inputs = inputs or [None]
        for i in range(self.args.warmups):
            fn(inputs[i % len(inputs)])
        times, counts = [], []
        slowest = (0.0, None)
        for i in range(iterations):
            # The query log is a bounded deque: empty it so every count starts from zero.
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                t = time.perf_counter()
                fn(inputs[i % len(inputs)])
                elapsed = (time.perf_counter() - t) * 1000
            times.append(elapsed)
            counts.append(len(captured.captured_queries))
            if elapsed > slowest[0]:
                slowest = (elapsed, list(captured.captured_queries))
        times.sort()
        row = {
            "label": label,
            "n": iterations,
            "p50": statistics.median(times),
            "p95": percentile(times, 0.95),
            "max": times[-1],
            "queries_min": min(counts),
            "queries_max": max(counts),
        }
        if record:
            self._table(table)["rows"].append(row)
        if row["p95"] > SLOW_MS and slowest[1]:
            query = max(slowest[1], key=lambda q: float(q.get("time") or 0))
            self.slow_queries[f"{table}: {label}"] = {
                "p95": row["p95"],
                "sql": query["sql"],
                "time_ms": float(query.get("time") or 0) * 1000,
            }
        progress(
            f"  {table} / {label}: p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms, "
            f"{row['queries_min']}-{row['queries_max']} queries"
        )
        return row

    def _table(self, name: str) -> dict:
        for table in self.tables:
            if table["name"] == name:
                return table
        table = {"name": name, "rows": []}
        self.tables.append(table)
        return table


def client_for(user):
    from django.test import Client

    client = Client(raise_request_exception=True, HTTP_HOST="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def get_ok(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response


def queues_name() -> str:
    return "Service request queues"


def run_measurements(args, loader) -> tuple[list, dict, dict]:
    from django.utils import timezone

    from apps.accounts.models import Department, User
    from apps.contacts import selectors as contact_selectors
    from apps.customers.models import Customer
    from apps.customers.selectors import customer_search

    bench = Bench(args)
    rng = random.Random(args.seed + 1)
    advisor = User.objects.get(email="advisor@borchester.example")
    manager = User.objects.get(email="team.manager@borchester.example")
    officer = User.objects.get(email="officer@borchester.example")

    # Customer search: a mix of what advisors type.
    sample = list(
        Customer.objects.filter(pk__in=rng.sample(loader.customer_ids, 40)).order_by("pk")
    )
    residents = [c for c in sample if c.kind == Customer.Kind.RESIDENT]
    with_phone = [c for c in sample if c.phone]
    with_email = [c for c in sample if c.email]
    kinds = [
        ("surname", [c.last_name for c in residents]),
        ('"first last"', [f"{c.first_name} {c.last_name}" for c in residents]),
        ("surname prefix (3 letters)", [c.last_name[:3] for c in residents]),
        ("postcode with space", [c.postcode for c in sample]),
        ("postcode without space", [c.postcode.replace(" ", "") for c in sample]),
        ("postcode outward code", [c.postcode.split()[0] for c in sample]),
        ("phone digits", [re.sub(r"\D", "", c.phone) for c in with_phone]),
        ("phone as typed, +44", ["+44 " + c.phone[1:] for c in with_phone]),
        ("email", [c.email.upper() for c in with_email]),
        ("customer reference", [c.reference for c in sample]),
        ("no match", ["Zzyzxq", "Qwxvbn Plmkjh", "Xylophone"]),
    ]
    search_results = {}
    for label, queries in kinds:
        results = []

        def search(query, results=results):
            results.append(len(customer_search(query=query)))

        bench.measure("Customer search (selector)", label, search, queries)
        search_results[label] = statistics.median(results) if results else 0

    # Pages: the customer record and log-a-contact page, as the demo advisor.
    client = client_for(advisor)
    frequent_set = set(loader.frequent_ids)
    ordinary = rng.sample([pk for pk in loader.customer_ids if pk not in frequent_set], 30)
    frequent = loader.frequent_ids[:30]
    vulnerable = loader.vulnerable_ids[:30]
    pages = "Pages (rendered through the Django test client, signed in)"
    bench.measure(
        pages,
        "Customer record: typical customer (advisor)",
        lambda pk: get_ok(client, f"/customers/{pk}/"),
        ordinary,
    )
    bench.measure(
        pages,
        "Customer record: frequent caller, full 50-entry timeline (advisor)",
        lambda pk: get_ok(client, f"/customers/{pk}/"),
        frequent,
    )
    bench.measure(
        pages,
        "Customer record: vulnerable customer, view logged (advisor)",
        lambda pk: get_ok(client, f"/customers/{pk}/"),
        vulnerable,
    )
    bench.measure(
        pages, "Log a contact: empty form (advisor)", lambda _: get_ok(client, "/contacts/log/")
    )
    surnames = [urllib.parse.quote(c.last_name) for c in residents]
    bench.measure(
        pages,
        "Log a contact: with a surname search (advisor)",
        lambda q: get_ok(client, f"/contacts/log/?q={q}&channel=phone"),
        surnames,
    )
    bench.measure(
        pages,
        "Log a contact: customer chosen (advisor)",
        lambda pk: get_ok(client, f"/contacts/log/?customer={pk}&channel=phone"),
        ordinary,
    )

    manager_client = client_for(manager)
    bench.measure(
        pages,
        "Referral authorisation queue (team manager)",
        lambda _: get_ok(manager_client, "/contacts/authorisations/"),
    )

    # Liaison meeting report for last full month.
    today = timezone.localdate()
    month_end = today.replace(day=1) - datetime.timedelta(days=1)
    month_start = month_end.replace(day=1)
    rows_found = []
    bench.measure(
        "Liaison meeting report (one month)",
        "liaison_report_rows (selector), all departments",
        lambda _: rows_found.append(
            len(contact_selectors.liaison_report_rows(date_from=month_start, date_to=month_end))
        ),
    )
    waste = Department.objects.get(slug="waste")
    bench.measure(
        "Liaison meeting report (one month)",
        "liaison_report_rows (selector), waste department",
        lambda _: contact_selectors.liaison_report_rows(
            date_from=month_start, date_to=month_end, department=waste
        ),
    )
    period = urllib.parse.urlencode(
        {
            "date_from_day": month_start.day,
            "date_from_month": month_start.month,
            "date_from_year": month_start.year,
            "date_to_day": month_end.day,
            "date_to_month": month_end.month,
            "date_to_year": month_end.year,
        }
    )
    bench.measure(
        "Liaison meeting report (one month)",
        "Liaison report page (team manager)",
        lambda _: get_ok(manager_client, f"/contacts/liaison-report/?{period}"),
    )

    officer_client = client_for(officer)
    queues = queues_name()
    bench.measure(
        queues,
        "Department queue /requests/ (waste officer)",
        lambda _: get_ok(officer_client, "/requests/"),
    )
    from apps.cases.selectors import department_queue

    open_waste = department_queue(user=officer).count()
    later_page = max(1, min(5, math.ceil(open_waste / 50)))
    bench.measure(
        queues,
        f"Department queue, page {later_page} (waste officer)",
        lambda _: get_ok(officer_client, f"/requests/?page={later_page}"),
    )
    bench.measure(
        queues,
        "Due soon /requests/due-soon/ (waste officer)",
        lambda _: get_ok(officer_client, "/requests/due-soon/"),
    )
    bench.measure(
        queues,
        "Overdue /requests/overdue/ (waste officer)",
        lambda _: get_ok(officer_client, "/requests/overdue/"),
    )
    bench.measure(
        queues,
        "Queue search by surname (waste officer)",
        lambda q: get_ok(officer_client, f"/requests/?search={q}"),
        surnames,
    )
    bench.measure(
        queues,
        "All departments queue /requests/ (team manager)",
        lambda _: get_ok(manager_client, "/requests/"),
    )

    writes = measure_contact_log(args, bench, advisor, loader, rng)
    facts = {
        "search_median_results": search_results,
        "liaison_rows": rows_found[-1] if rows_found else 0,
        "liaison_month": f"{month_start:%B %Y}",
        "open_waste": open_waste,
    }
    return bench, writes, facts


def measure_contact_log(args, bench, advisor, loader, rng) -> dict:
    """Log contacts through apps.contacts.services.contact_log, one transaction each."""
    from apps.accounts.models import Department
    from apps.catalogue.models import ReferralRoute, Service
    from apps.contacts.models import CallReason, Outcome
    from apps.contacts.services import contact_log

    services = list(Service.objects.filter(is_active=True).select_related("department"))
    request_services = [s for s in services if s.referral_route == ReferralRoute.SERVICE_REQUEST]
    reasons = defaultdict(list)
    for reason in CallReason.objects.all():
        reasons[reason.department_id].append(reason)
    departments = list(Department.objects.order_by("pk"))
    plan = []
    for _ in range(args.writes + args.warmups):
        roll = rng.random()
        customer_id = rng.choice(loader.customer_ids)
        kwargs = {
            "advisor": advisor,
            "channel": "phone",
            "customer_id": customer_id,
            "duration_seconds": rng.randint(60, 600),
        }
        if roll < 0.6:
            kwargs.update(outcome=Outcome.RESOLVED, services=[rng.choice(services)])
        elif roll < 0.8:
            service = rng.choice(services)
            kwargs.update(
                outcome=Outcome.REFERRED,
                services=[service],
                call_reason=rng.choice(reasons[service.department_id] or [None]),
            )
        elif roll < 0.9:
            service = rng.choice(request_services)
            kwargs.update(
                outcome=Outcome.REFERRED,
                services=[service],
                raise_request={"description": "Benchmark: raised while logging the contact."},
            )
        elif roll < 0.95:
            kwargs.update(
                outcome=Outcome.REFERRED_OUTSIDE,
                services=[rng.choice(services)],
                referral_department=rng.choice(departments),
                referral_reason="Third call about the same problem; the agreed route has failed",
            )
        else:
            kwargs.update(
                outcome=Outcome.SIGNPOSTED,
                services=[rng.choice(services)],
                signposted_to="Citizens Advice",
            )
        plan.append(kwargs)

    from apps.customers.models import Customer

    customers = Customer.objects.in_bulk([p["customer_id"] for p in plan])

    def log(kwargs):
        kwargs = dict(kwargs)
        customer = customers[kwargs.pop("customer_id")]
        contact_log(customer=customer, reason="Benchmark contact", **kwargs)

    started = time.perf_counter()
    row = bench.measure(
        "Writing: log a contact (contact_log service)",
        "contact_log, mixed outcomes (one transaction each)",
        log,
        plan,
        iterations=args.writes,
    )
    elapsed = time.perf_counter() - started
    return {
        "contacts": args.writes,
        "seconds": elapsed,
        "per_second": args.writes / elapsed,
        "p50": row["p50"],
        "p95": row["p95"],
    }


# --------------------------------------------------------------------------- reporting


def machine_facts() -> dict:
    from django.db import connection

    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
            settings = []
            for name in ("shared_buffers", "work_mem", "effective_cache_size"):
                cursor.execute(f"SHOW {name}")
                settings.append(f"{name} {cursor.fetchone()[0]}")
            version += f" ({', '.join(settings)})"
        else:
            import sqlite3

            version = f"SQLite {sqlite3.sqlite_version} (WAL, synchronous=NORMAL)"
    import django

    return {
        "cpus": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "django": django.get_version(),
        "platform": platform.platform(),
        "database": version,
        "vendor": connection.vendor,
    }


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(" | ".join(str(c) for c in row) for row in cursor.fetchall())


def table_counts() -> dict:
    from apps.cases.models import ServiceRequest
    from apps.contacts.models import ClientServiceCall, Contact, ReferralAuthorisation
    from apps.customers.models import Customer

    return {
        "customers": Customer.objects.count(),
        "contacts": Contact.objects.count(),
        "contact services": Contact.services.through.objects.count(),
        "referral authorisations": ReferralAuthorisation.objects.count(),
        "pending authorisations": ReferralAuthorisation.objects.filter(status="pending").count(),
        "client service calls": ClientServiceCall.objects.count(),
        "service requests": ServiceRequest.objects.count(),
        "open service requests": ServiceRequest.objects.filter(
            status__in=["open", "assigned", "in_progress"]
        ).count(),
    }


EXPLAINS = {
    "Customer search (selector)": "How long the one search box takes to find a customer, by "
    "what the advisor typed; advisors search on nearly every call, so this should stay well "
    "under a tenth of a second.",
    "Pages (rendered through the Django test client, signed in)": "How long the server takes "
    "to build each page (not counting the network or the browser); under 300 ms feels "
    "instant to an advisor on a call.",
    "Liaison meeting report (one month)": "How long a month's report of calls to client "
    "services, grouped by department and reason, takes to produce for the liaison meeting.",
    "Service request queues": "How long a client service officer waits for their work "
    "queues; each page shows 50 requests with the total count.",
    "Writing: log a contact (contact_log service)": "How long saving one contact takes, "
    "including its referral, call log, authorisation request or service request and the audit "
    "history; the throughput below is for one process on one core.",
}


def render_section(args, machine, counts, loader, bench, writes, facts, wall) -> str:
    vendor = machine["vendor"]
    title = "PostgreSQL" if vendor == "postgresql" else "SQLite"
    scale = (
        "the full DESIGN scale"
        if (args.customers, args.contacts, args.requests)
        == (DESIGN_CUSTOMERS, DESIGN_CONTACTS, DESIGN_REQUESTS)
        else f"{100 * args.contacts / DESIGN_CONTACTS:.0f}% of the DESIGN scale"
    )
    lines = [
        f"<!-- section:{vendor} -->",
        f"## {title}",
        "",
        f"Run on {datetime.date.today():%-d %B %Y} at {scale}, seed {args.seed}, "
        f"{args.iterations} timed runs after {args.warmups} warm-ups for each measurement.",
        "",
        "```",
        args.command,
        "```",
        "",
        f"- Machine: {machine['cpus']} CPU cores, {machine['memory']} RAM, {machine['platform']}",
        f"- Python {machine['python']}, Django {machine['django']}",
        f"- Database: {machine['database']}",
        f"- Whole run (build, load, measure): {wall / 60:.1f} minutes",
        "",
        "### Data",
        "",
        "How much synthetic data the measurements ran against (one year of activity).",
        "",
        "| Table | Rows |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {value:,} |" for name, value in counts.items()]
    lines += [
        "",
        "### Loading the data",
        "",
        "How fast the benchmark generated and inserted each table with bulk inserts "
        "(generation in Python included); this is the speed of a bulk import, not of staff "
        "using the system.",
        "",
        "| Step | Rows | Seconds | Rows per second |",
        "|---|---:|---:|---:|",
    ]
    for name, entry in loader.timings.items():
        rate = (
            f"{entry['rows'] / entry['seconds']:,.0f}" if entry["rows"] and entry["seconds"] else ""
        )
        rows = f"{entry['rows']:,}" if entry["rows"] else ""
        lines.append(f"| {name} | {rows} | {entry['seconds']:.1f} | {rate} |")
    lines.append(f"| **total** | | {loader.total_seconds:.0f} | |")
    for table in bench.tables:
        lines += [
            "",
            f"### {table['name']}",
            "",
            EXPLAINS.get(table["name"], ""),
            "",
            "| Measurement | p50 ms | p95 ms | max ms | SQL queries |",
            "|---|---:|---:|---:|---:|",
        ]
        for row in table["rows"]:
            queries = (
                str(row["queries_min"])
                if row["queries_min"] == row["queries_max"]
                else f"{row['queries_min']}–{row['queries_max']}"
            )
            flag = " ⚠" if row["p95"] > SLOW_MS else ""
            lines.append(
                f"| {row['label']}{flag} | {row['p50']:.1f} | {row['p95']:.1f} | "
                f"{row['max']:.1f} | {queries} |"
            )
        if table["name"].startswith("Customer search"):
            found = ", ".join(f"{k} {v:g}" for k, v in facts["search_median_results"].items())
            lines += ["", f"Median customers found (limit 20): {found}."]
        if table["name"].startswith("Liaison"):
            lines += [
                "",
                f"The report covered {facts['liaison_month']}: {facts['liaison_rows']} rows "
                "(department and reason).",
            ]
        if table["name"] == queues_name():
            lines += ["", f"The waste department had {facts['open_waste']:,} open requests."]
    lines += [
        "",
        f"Throughput: **{writes['per_second']:.1f} contacts per second** "
        f"({writes['contacts']} contacts in {writes['seconds']:.1f} s, one process).",
    ]
    lines += ["", "### Slow spots", ""]
    if not bench.slow_queries:
        lines.append(f"Nothing measured had a p95 over {SLOW_MS:.0f} ms.")
    else:
        lines.append(
            f"Measurements with a p95 over {SLOW_MS:.0f} ms, with the plan of the slowest "
            "query in their slowest run."
        )
        for name, slow in bench.slow_queries.items():
            lines += [
                "",
                f"**{name}** (p95 {slow['p95']:.0f} ms; this query {slow['time_ms']:.0f} ms)",
                "",
                "```sql",
                slow["sql"],
                "```",
                "",
                "```",
                slow.get("plan", ""),
                "```",
            ]
    lines.append(f"<!-- end:{vendor} -->")
    return "\n".join(lines)


HEADER = """# firstpoint benchmark results

Measured by `bench/run.py` against synthetic data at the scale in DESIGN.md ("Scale the
design must hold": 350,000 customers, 1.2 million contacts and 250,000 service requests a
year). Times are server time only, in milliseconds: p50 is the typical time, p95 the time
19 in 20 requests beat, max the worst. "SQL queries" is how many database queries one page or
call makes; it should not grow as the data grows. See bench/README.md for how to run it.
"""


def write_results(section: str, vendor: str) -> None:
    sections = {}
    if RESULTS.exists():
        text = RESULTS.read_text()
        for match in re.finditer(
            r"<!-- section:(\w+) -->.*?<!-- end:\1 -->", text, flags=re.DOTALL
        ):
            sections[match.group(1)] = match.group(0)
    sections[vendor] = section
    order = [v for v in ("sqlite", "postgresql") if v in sections]
    RESULTS.write_text(HEADER + "\n" + "\n\n".join(sections[v] for v in order) + "\n")


def _call_records() -> int:
    from apps.performance.models import CallRecord

    return CallRecord.objects.count()


def main(argv=None) -> int:
    args = parse_args(argv)
    wall = time.perf_counter()
    database_url = prepare_database(args)
    setup_django(database_url)
    try:
        progress(
            f"firstpoint bench: {args.customers:,} customers, {args.contacts:,} contacts, "
            f"{args.requests:,} service requests on {database_url.split(':')[0]}"
        )
        loader = Loader(args)
        loader.run()
        # As a gunicorn worker does after loading (deploy/gunicorn.conf.py): what is held
        # from here on (the loader's lists of a million ids among it) is left out of the
        # garbage collector's full passes, which otherwise land in a request's time.
        gc.freeze()
        counts = table_counts()
        progress("measuring")
        bench, writes, facts = run_measurements(args, loader)
        progress(f"telephony and targets: {args.calls:,} call records")
        from bench import telephony

        targets = telephony.run_targets(
            calls=args.calls,
            seed=args.seed,
            database_url=args.database_url,
            bench=bench,
            quick=args.quick,
        )
        targets = telephony.front_office_targets(bench, writes, counts) + targets
        from django.db import DatabaseError

        for slow in bench.slow_queries.values():
            try:
                slow["plan"] = explain(slow["sql"])
            except DatabaseError as error:  # a plan is a nice-to-have; never lose the results
                slow["plan"] = f"(could not explain: {error})"
        machine = machine_facts()
        counts["call records"] = _call_records()
        section = render_section(
            args, machine, counts, loader, bench, writes, facts, time.perf_counter() - wall
        )
        section = section.replace(
            "\n### Slow spots",
            "\n".join(telephony.render_targets(targets)) + "\n\n### Slow spots",
            1,
        )
        write_results(section, machine["vendor"])
        VAR_BENCH.mkdir(parents=True, exist_ok=True)
        raw = VAR_BENCH / f"last-{machine['vendor']}-{args.contacts}.json"
        raw.write_text(
            json.dumps(
                {
                    "args": vars(args),
                    "counts": counts,
                    "load": loader.timings,
                    "tables": bench.tables,
                    "writes": writes,
                    "targets": targets,
                    "slow": bench.slow_queries,
                },
                indent=2,
                default=str,
            )
        )
        progress(f"wrote {RESULTS.relative_to(BASE_DIR)} and {raw.relative_to(BASE_DIR)}")
    finally:
        if args.database_url and not args.keep:
            drop_database(args)
            progress("dropped the benchmark database")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
