"""Build the fictional demo council: `manage.py seed_demo [--seed N] [--scale N]`.

Idempotent: running it again brings the demo up to date and adds nothing twice.
Each app that has demo data keeps it in its own demo.py; this command calls them in order.
"""

import random

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from apps.accounts import demo as accounts_demo
from apps.cases import demo as cases_demo
from apps.catalogue import demo as catalogue_demo
from apps.contacts import demo as contacts_demo
from apps.customers import demo as customers_demo

# Each step builds on the ones before it: contacts need customers, requests need contacts.
# Later apps add theirs in their AppConfig: `demo_steps = ((order, "label", "apps.x.demo.seed"),)`
# with an order above 30, so they run after the front office exists.
STEPS = [
    (10, "customers", customers_demo.seed),
    (20, "contacts", contacts_demo.seed),
    (30, "service requests", cases_demo.seed),
]


def all_steps() -> list[tuple[str, object]]:
    steps = list(STEPS)
    for config in apps.get_app_configs():
        for order, label, dotted in getattr(config, "demo_steps", ()):
            steps.append((order, label, import_string(dotted)))
    return [(label, step) for _, label, step in sorted(steps, key=lambda s: s[0])]


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
        steps = all_steps()
        for number, (label, step) in enumerate(steps, start=1):
            with transaction.atomic():
                count = step(rng, scale=scale)
            self.stdout.write(f"  [{number}/{len(steps)}] {label}: {count}")
        self.stdout.write(self.style.SUCCESS("Demo council ready."))
        self.stdout.write("Demo sign-ins (password for all: %s):" % accounts_demo.DEMO_PASSWORD)
        for role, email in logins:
            self.stdout.write(f"  {role:<32} {email}")
