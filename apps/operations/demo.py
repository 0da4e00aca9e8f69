"""Demo downtime, IT review, publications and security records for the Borchester council."""

import datetime
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from apps.accounts.demo import demo_email
from apps.accounts.models import Site, User
from apps.catalogue.models import Service
from apps.customers.models import Customer

from . import services
from .models import ITRecommendation, RemovalTask, RootCause, System

# Names match the systems advisors flag in the contacts demo, so incidents count contacts.
SYSTEMS = [
    ("Waste CRM", System.Category.CRM, "Waste services systems team", ["Bartec"]),
    ("Telephony", System.Category.TELEPHONY, "ICT network team", ["Phones", "ACD"]),
    ("Revenues system", System.Category.BACK_OFFICE, "Revenues systems team", ["Northgate"]),
    ("Housing management system", System.Category.BACK_OFFICE, "Housing ICT", ["Housing system"]),
    ("Payments gateway", System.Category.PAYMENTS, "Finance systems", ["Payments"]),
    ("Council website", System.Category.WEBSITE, "Digital team", ["Website"]),
]
CAUSES = [c for c in RootCause.values if c not in ("maintenance", "unknown")]
RECOMMENDATIONS = [
    ("Agree a service level for every system Customer Services depends on", "done"),
    ("Report every outage to Customer Services within 15 minutes", "in_progress"),
    ("Schedule maintenance outside the contact centre's opening hours", "done"),
    ("Give the contact centre a resilient second telephony route", "open"),
    ("Review the root cause of every unplanned outage at the monthly IT board", "in_progress"),
    ("Test the Waste CRM disaster recovery plan twice a year", "open"),
]
LEAFLETS = [
    ("Your council tax explained", "leaflet"),
    ("Bins and recycling collections", "leaflet"),
    ("Applying for housing", "leaflet"),
    ("Blue badge parking", "leaflet"),
    ("How to complain or compliment", "poster"),
    ("We do not tolerate abuse of our staff", "poster"),
]


def _pdf(title: str) -> SimpleUploadedFile:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile("copy.pdf", out.getvalue(), content_type="application/pdf")


def _user(local_part: str):
    return User.objects.filter(email=demo_email(local_part)).first()


@transaction.atomic
def seed(rng: random.Random, *, scale: int = 1) -> int:
    """Add systems and six months of incidents, an IT review, publications with versions and
    removals, security incidents and visitor numbers, and safety warnings. Returns the count."""
    if System.objects.exists():
        return 0
    it, comms = _user("it"), _user("comms")
    head, manager = _user("head"), _user("team.manager")
    if not (it and comms and head and manager):
        return 0
    added = 0
    now = timezone.now()
    systems = [
        services.system_save(name=name, category=category, owner=owner, aliases=aliases)
        for name, category, owner, aliases in SYSTEMS
    ]
    added += len(systems)
    sites = list(Site.objects.filter(is_public=True).order_by("pk"))

    for _ in range(10 * scale):
        system = rng.choice(systems)
        planned = rng.random() < 0.25
        started = now - datetime.timedelta(days=rng.randint(1, 180), hours=rng.randint(0, 23))
        if planned:
            started = started.replace(hour=19, minute=0)
        ended = started + datetime.timedelta(minutes=rng.choice([20, 45, 90, 180, 360]))
        services.incident_save(
            recorded_by=it,
            system=system,
            summary=rng.choice(
                ["Not responding", "Very slow", "Could not sign in", "Planned upgrade"]
                if not planned
                else ["Planned upgrade", "Planned server maintenance"]
            ),
            started_at=started,
            ended_at=ended,
            planned=planned,
            channels=rng.sample(["phone", "face_to_face", "email", "web_chat"], k=2),
            sites=rng.sample(sites, k=min(2, len(sites))),
            root_cause="maintenance" if planned else rng.choice(CAUSES),
            root_cause_analysis="" if planned else "Supplier investigated; fix applied.",
        )
        added += 1

    review = services.it_review_create(
        title="Independent review of ICT support to Customer Services",
        reviewer="SOCITM Advisory",
        reported_on=(now - datetime.timedelta(days=200)).date(),
    )
    for index, (text, status) in enumerate(RECOMMENDATIONS):
        recommendation = services.it_recommendation_add(
            review=review,
            text=text,
            owner="Head of ICT",
            due_on=(now + datetime.timedelta(days=30 * (index - 2))).date(),
        )
        if status != ITRecommendation.Status.OPEN:
            services.it_recommendation_update(
                recommendation=recommendation, status=status, note="Progress reported", by=it
            )
        added += 1

    catalogue = list(Service.objects.filter(is_active=True).order_by("pk"))
    all_sites = list(Site.objects.order_by("pk"))
    if catalogue and all_sites:
        today = timezone.localdate()
        for index, (title, kind) in enumerate(LEAFLETS):
            publication = services.publication_create(
                by=comms, title=title, kind=kind, service=catalogue[index % len(catalogue)]
            )
            versions = 2 if index % 2 == 0 else 1
            for number in range(versions):
                issued = today - datetime.timedelta(days=400 - 200 * number + index)
                services.publication_issue(
                    by=comms,
                    publication=publication,
                    issued_on=issued,
                    review_on=issued + datetime.timedelta(days=365),
                    formats=["standard", "large_print"] + (["easy_read"] if index < 2 else []),
                    languages="Polish, Urdu" if index == 0 else "",
                    document=_pdf(title),
                    distribution_points=rng.sample(all_sites, k=min(4, len(all_sites))),
                )
                added += 1
        # Some sites have already cleared their old stock.
        for task in RemovalTask.objects.select_related("site")[::2]:
            staff = User.objects.filter(team__site=task.site, is_active=True).first()
            if staff is not None:
                task.confirmed_at, task.confirmed_by = now, staff
                task.save()

    centres = [s for s in sites if s.kind == Site.Kind.CUSTOMER_SERVICE_CENTRE] or sites
    first_month = timezone.localdate().replace(day=1)
    for site in centres:
        month = first_month
        for _ in range(12):
            month = (month - datetime.timedelta(days=1)).replace(day=1)
            services.visitor_count_record(
                site=site, month=month, visitors=rng.randint(1500, 4500) * scale
            )
        for _ in range(rng.randint(3, 9) * scale):
            services.security_incident_record(
                recorded_by=manager,
                site=site,
                occurred_at=now - datetime.timedelta(days=rng.randint(1, 360), hours=3),
                kind=rng.choice(["verbal_abuse", "verbal_abuse", "disturbance", "damage"]),
                severity=rng.choice(["low", "low", "medium", "high"]),
                staff_affected=rng.randint(0, 3),
                police_involved=rng.random() < 0.15,
                description="Customer became abusive at the reception desk.",
            )
            added += 1
        services.security_assessment_record(
            assessed_by=head,
            site=site,
            period_start=first_month - datetime.timedelta(days=365),
            period_end=first_month - datetime.timedelta(days=1),
            risk=rng.choice(["low", "medium"]),
            security_staff_needed=False,
            recommendation="No security officer needed; keep the panic alarm and CCTV.",
            decision="Agreed by the head of customer services.",
            decided_on=first_month,
        )
        added += 1

    for customer in Customer.objects.filter(merged_into__isnull=True).order_by("pk")[:3]:
        services.safety_warning_add(
            customer=customer,
            recorded_by=manager,
            reason="Has been verbally abusive to staff; see a team manager before a home visit.",
            review_on=timezone.localdate() + datetime.timedelta(days=rng.randint(20, 180)),
        )
        added += 1
    return added
