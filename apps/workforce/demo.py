"""Demo training, qualifications, a Customer Services Week and the customer focus strategy."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Team, User
from apps.accounts.roles import Role
from apps.catalogue import services as catalogue_services
from apps.catalogue.models import ChangeType, Service

from . import services
from .models import FloorEvent, Module, Objective, Programme, TrainingRecord


def _people(role):
    return list(User.objects.filter(is_active=True, groups__name=Role(role).label).order_by("pk"))


@transaction.atomic
def seed(rng: random.Random, *, scale: int = 1) -> int:
    """Add the demo's courses, enrolments, event and strategy once; returns records added."""
    if FloorEvent.objects.exists():
        return 0
    today = timezone.localdate()
    # Someone may hold both roles: each person once, or they would be booked twice.
    staff = list(dict.fromkeys(_people(Role.ADVISOR) + _people(Role.CLIENT_SERVICE_OFFICER)))
    manager = (_people(Role.TEAM_MANAGER) or staff or [None])[0]
    quality = (_people(Role.QUALITY_LEAD) or [manager])[0]
    if manager is None or quality is None:
        return 0
    added = 0

    # A legislation change made through the catalogue opens coordinated training; most
    # people have completed it.
    changed = (
        Service.objects.filter(is_active=True, name__icontains="housing").order_by("name").first()
        or Service.objects.filter(is_active=True).order_by("name").first()
    )
    if changed is not None:
        catalogue_services.service_update(
            service=changed,
            expected_version=changed.version,
            changed_by=quality,
            change_type=ChangeType.LEGISLATION_CHANGE,
            change_summary="New statutory guidance: advisors and officers trained together",
        )
    for record in TrainingRecord.objects.filter(
        required=True, completed_on__isnull=True
    ).select_related("course", "person")[:200]:
        if rng.random() < 0.6:
            services.training_complete(
                course=record.course,
                person=record.person,
                completed_on=today - datetime.timedelta(days=rng.randint(0, 20)),
                recorded_by=manager,
            )
            added += 1

    course = services.course_create(
        title="Dealing with difficult conversations",
        description="Calm, clear and fair: conflict management for front-line staff.",
        validity_months=24,
    )
    session = services.session_create(
        course=course,
        starts_at=timezone.now() + datetime.timedelta(days=14),
        trainer="Learning and development team",
        capacity=12,
        place="Civic Offices, training room 1",
    )
    for person in staff[:6]:
        services.booking_create(session=session, person=person)
        added += 1
    past = services.session_create(
        course=course,
        starts_at=timezone.now() - datetime.timedelta(days=400),
        trainer="Learning and development team",
        capacity=12,
        online=True,
    )
    for person in staff[:4]:
        booking = services.booking_create(session=past, person=person)
        services.booking_record_attendance(booking=booking, attended=True, recorded_by=manager)
        added += 1

    programme = Programme.objects.filter(name__startswith="Customer Service Professional").first()
    if programme:
        modules = list(Module.objects.filter(unit__programme=programme).order_by("number"))
        for index, person in enumerate(staff[: 6 * scale]):
            level = programme.levels.order_by("svq_level")[index % 2]
            start = today - datetime.timedelta(days=rng.randint(60, 380))
            enrolment = services.enrolment_create(person=person, level=level, started_on=start)
            done = len(modules) if index == 0 else rng.randint(1, len(modules))
            for number, module in enumerate(modules[:done]):
                services.module_result_record(
                    enrolment=enrolment,
                    module=module,
                    score=Decimal(rng.randint(65, 95)) if number else Decimal(82),
                    assessed_on=min(today, start + datetime.timedelta(days=40 * (number + 1))),
                )
            added += 1
        for person in staff[:3]:
            services.membership_set(
                person=person,
                level="Individual member",
                number=f"ICS{rng.randint(100000, 999999)}",
                renewal_date=today + datetime.timedelta(days=rng.randint(30, 300)),
            )
            services.cpd_record_add(
                person=person,
                date=today - datetime.timedelta(days=30),
                activity="Institute of Customer Service webinar: complaint handling",
                hours=Decimal("1.5"),
            )
            added += 2

    event = services.floor_event_create(
        name="Customer Services Week",
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=2),
        hashtag="#Borchester24",
    )
    members = _people(Role.MEMBER)
    teams = list(Team.objects.order_by("pk")[:3])
    service = Service.objects.filter(name__icontains="bin").first() or Service.objects.first()
    day = datetime.datetime.combine(event.starts_on, datetime.time(9, 30))
    placements = [
        {
            "participant": members[0] if members else None,
            "participant_name": "" if members else "Cllr Margaret Ellis",
            "team": teams[0] if teams else None,
            "service": None if teams else service,
            "host": "Tom Baker",
        },
        {
            "participant_name": "Sue Foster, Executive Director of Housing",
            "service": service,
            "team": None,
            "host": "Owen Price",
        },
    ]
    for offset, fields in enumerate(placements):
        if fields["team"] is None and fields["service"] is None:
            continue
        starts = timezone.make_aware(day + datetime.timedelta(days=offset))
        placement = services.placement_create(
            event=event, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), **fields
        )
        observation = services.observation_record(
            placement=placement,
            recorded_by=quality,
            good_practice="Advisors checked the resident's details once and resolved the call first time.",
            problems="Residents waited for a call back about assisted collections.",
            public_post="Taking calls with the contact centre today: impressed by how many problems are solved first time.",
        )
        services.follow_up_add(
            observation=observation,
            description="Review call-back times for assisted collections",
            owner=manager,
            due_on=today + datetime.timedelta(days=30),
        )
        added += 3

    if not Objective.objects.exists():
        plan = [
            (
                "Put the customer first across the council",
                [
                    ("Publish the customer focus strategy", -40, "done", "/workforce/strategy/"),
                    (
                        "Customer care training for every front-line team",
                        20,
                        "on_track",
                        "/workforce/courses/",
                    ),
                ],
            ),
            (
                "Develop customer service professionals",
                [
                    (
                        "Institute of Customer Service membership for the service",
                        -10,
                        "at_risk",
                        "/workforce/qualifications/",
                    ),
                    (
                        "Eighteen staff on the professional qualification",
                        120,
                        "on_track",
                        "/workforce/qualifications/enrolments/",
                    ),
                ],
            ),
        ]
        for number, (title, actions) in enumerate(plan, start=1):
            objective = services.objective_create(number=number, title=title)
            for action_title, due, status, path in actions:
                action = services.strategy_action_create(
                    objective=objective,
                    title=action_title,
                    owner=quality,
                    start_on=today - datetime.timedelta(days=90),
                    due_on=today + datetime.timedelta(days=due),
                )
                services.strategy_action_update(
                    action=action,
                    status=status,
                    percent_complete=100 if status == "done" else rng.randint(20, 80),
                )
                services.evidence_link_add(action=action, title="Evidence in firstpoint", path=path)
                added += 1
    return added
