"""Build the fictional demo council: `manage.py seed_demo [--seed N] [--scale N]`.

Idempotent: running it again brings the demo up to date and adds nothing twice.
Each app that has demo data keeps it in its own demo.py; this command calls them in order.
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.accounts import demo as accounts_demo
from apps.cases import demo as cases_demo
from apps.catalogue import demo as catalogue_demo
from apps.contacts import demo as contacts_demo
from apps.customers import demo as customers_demo

# Each step builds on the ones before it: contacts need customers, requests need contacts.
STEPS = [
    ("customers", customers_demo.seed),
    ("contacts", contacts_demo.seed),
    ("service requests", cases_demo.seed),
]


class Command(BaseCommand):
    help = "Load the demo council (sites, teams, a user for each role, about 40 services)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="How much activity to generate: 1 for a demo; larger for benchmarks.",
        )

    def handle(self, *args, seed, scale, **options):
        if scale < 1:
            self.stderr.write("--scale must be 1 or more")
            raise SystemExit(2)
        rng = random.Random(seed)
        with transaction.atomic():
            logins = accounts_demo.seed(rng, scale=scale)
            services = catalogue_demo.seed(rng, scale=scale)
        self.stdout.write(f"  organisation and catalogue: {services} services")
        for number, (label, step) in enumerate(STEPS, start=1):
            with transaction.atomic():
                count = step(rng, scale=scale)
            self.stdout.write(f"  [{number}/{len(STEPS)}] {label}: {count}")
        self.stdout.write(self.style.SUCCESS("Demo council ready."))
        self.stdout.write("Demo sign-ins (password for all: %s):" % accounts_demo.DEMO_PASSWORD)
        for role, email in logins:
            self.stdout.write(f"  {role:<32} {email}")
