"""Demo mystery shopping: a programme with scenarios on every channel, a panel with disabled
shoppers and an officer, a seeded allocation, and completed visits with access checks."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Site, User
from apps.accounts.roles import Role
from apps.catalogue.models import Service

from . import services
from .models import Channel, Criterion, Finding, Programme, Scenario, Shopper, Target

DEMO_SEED = 20261123
PROGRAMME = "Mystery shopping 2026"
CHECKLIST = (
    ("You were greeted or answered promptly", 5, "5.2", 2),
    ("The advisor listened and understood what you needed", 2, "2.2", 3),
    ("The information given was clear and correct", 3, "3.2", 3),
    ("You were told what would happen next and when", 4, "4.3", 2),
    ("You were asked for your views or feedback", 1, "1.3", 1),
)
SCENARIOS = (
    (
        Channel.PHONE,
        "Missed bin collection by phone",
        "Report a missed bin and ask when it will be collected.",
    ),
    (
        Channel.FACE_TO_FACE,
        "Council tax question at a centre",
        "Ask how to apply for a single person discount.",
    ),
    (
        Channel.EMAIL,
        "Bulky waste by email",
        "Ask what a bulky waste collection costs and how to book.",
    ),
    (
        Channel.WEB,
        "Find parking permit information online",
        "Find how to renew a resident parking permit.",
    ),
    (Channel.WEB_CHAT, "Housing repair on web chat", "Ask how to report damp in a council flat."),
)
PANEL = (
    ("Margaret Ellis", Shopper.Kind.RESIDENT, ""),
    ("Tom Okafor", Shopper.Kind.RESIDENT, ""),
    ("Priya Shah", Shopper.Kind.DISABLED, "Wheelchair user; needs step-free access."),
    ("David Hughes", Shopper.Kind.DISABLED, "Hearing aid user; uses a hearing loop."),
    ("Ruth Brennan", Shopper.Kind.DISABLED, "Partially sighted; large print."),
    ("Borchester Bakery Ltd", Shopper.Kind.BUSINESS, ""),
    ("Alan Price", Shopper.Kind.OFFICER, ""),
)


@transaction.atomic
def seed(rng: random.Random, *, scale: int = 1) -> int:
    """Add the demo programme and its visits; returns how many visits it added."""
    if Programme.objects.filter(name=PROGRAMME).exists():
        return 0
    catalogue = list(Service.objects.filter(is_active=True).select_related("department"))
    sites = list(
        Site.objects.filter(is_public=True, kind__in=["customer_service_centre", "library"])
    )
    if not catalogue or not sites:
        return 0
    today = timezone.localdate()
    programme = Programme.objects.create(
        name=PROGRAMME,
        start=today - datetime.timedelta(days=150),
        end=today + datetime.timedelta(days=30),
    )
    for i, (channel, title, brief) in enumerate(SCENARIOS):
        scenario = Scenario.objects.create(
            programme=programme,
            channel=channel,
            title=title,
            brief=brief,
            service=catalogue[i % len(catalogue)],
        )
        for order, (text, criterion, code, weight) in enumerate(CHECKLIST):
            Criterion.objects.create(
                scenario=scenario,
                text=text,
                cse_criterion=criterion,
                cse_code=code,
                weight=weight,
                order=order,
            )
    for site in sites:
        Target.objects.create(
            programme=programme, channel=Channel.FACE_TO_FACE, site=site, visits=3 * scale
        )
    for channel in (Channel.PHONE, Channel.EMAIL, Channel.WEB, Channel.WEB_CHAT):
        Target.objects.create(programme=programme, channel=channel, visits=4 * scale)
    officer_department = catalogue[0].department
    for name, kind, needs in PANEL:
        Shopper.objects.create(
            name=name,
            email=name.lower().replace(" ", ".").replace(".ltd", "") + "@shoppers.example",
            kind=kind,
            access_needs=needs,
            department=officer_department if kind == Shopper.Kind.OFFICER else None,
            consent_given_on=programme.start,
        )
    lead = User.objects.filter(groups__name=str(Role.QUALITY_LEAD.label)).order_by("pk").first()
    staff = list(
        User.objects.filter(groups__name=str(Role.ADVISOR.label), is_active=True).order_by("pk")[
            :20
        ]
    )
    _run, links = services.allocation_run(programme=programme, by=lead, seed=DEMO_SEED)
    visits = programme.visits.select_related("scenario").order_by("pk")
    completed = 0
    for visit in visits:
        if visit.day >= today or rng.random() < 0.2:
            continue
        services.visit_save_details(
            visit=visit,
            visited_on=visit.day,
            staff_description=rng.choice(["", "Sam at the desk"]),
            summary="The advisor dealt with my question.",
        )
        quality = rng.uniform(0.55, 0.95)
        services.visit_save_answers(
            visit=visit,
            answers={c.pk: (rng.random() < quality, "") for c in visit.scenario.criteria.all()},
        )
        if visit.channel == Channel.FACE_TO_FACE:
            yes_no = lambda: rng.choice(["yes", "yes", "yes", "no"])  # noqa: E731
            services.visit_save_access_check(
                visit=visit,
                parking_bays=rng.randint(0, 4),
                parking_distance_metres=rng.randint(10, 120),
                parking_signed=yes_no(),
                parking_charges="Free for Blue Badge holders",
                step_free_entrance=yes_no(),
                doors=yes_no(),
                hearing_loop=yes_no(),
                seating=yes_no(),
                accessible_toilet=yes_no(),
                signage=yes_no(),
                staff_awareness=yes_no(),
                comments="",
            )
        visit = services.visit_submit(plain=links[visit.pk])
        completed += 1
        if visit.score is not None and visit.score >= 90 and staff:
            services.finding_record(
                visit=visit,
                kind=Finding.Kind.POSITIVE,
                staff=rng.choice(staff),
                text="The advisor was friendly and explained everything clearly.",
            )
        elif visit.score is not None and visit.score < 60 and lead:
            services.action_create(
                visit=visit,
                owner=lead,
                due_on=today + datetime.timedelta(days=rng.randint(5, 40)),
                description="Refresh the script with the team and re-shop the scenario.",
            )
    return programme.visits.count()
