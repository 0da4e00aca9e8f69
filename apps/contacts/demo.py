"""Demo contacts: six months of contacts on every channel, referrals, authorisations and the
call log, with each department's list of call reasons."""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Department, Site, User
from apps.accounts.roles import Role
from apps.catalogue.models import ReferralRoute, Service
from apps.customers.models import Customer

from .models import (
    CallReason,
    ClientServiceCall,
    Contact,
    ContactChannel,
    Outcome,
    ReferralAuthorisation,
)
from .services import call_reason_get_or_create

LONDON = ZoneInfo("Europe/London")
CONTACTS_PER_SCALE = 3000
DAYS = 182

CALL_REASONS = {
    "waste": ["Chase a missed collection", "Assisted collection query", "Bin delivery not made"],
    "revenues-benefits": [
        "Benefit claim progress",
        "Council Tax recovery action",
        "Discount or exemption query",
        "Overpayment dispute",
    ],
    "housing": [
        "Urgent repair",
        "Homelessness: same-day assessment",
        "Housing register query",
        "Tenancy enquiry",
    ],
    "registrars": [
        "Appointment availability",
        "Certificate not received",
        "Correction to a record",
    ],
    "education": ["School admission appeal", "School transport query", "Free school meals"],
    "highways": ["Dangerous pothole", "Street light out", "Road closure query"],
    "adult-social-care": [
        "Safeguarding concern",
        "Care assessment progress",
        "Equipment or adaptation",
        "Carer support",
    ],
    "parking": ["Penalty charge challenge", "Permit not received", "Blue Badge progress"],
    "environmental-health": ["Noise complaint", "Pest control", "Food hygiene concern"],
    "planning": [
        "Application progress",
        "Possible breach of planning control",
        "Pre-application advice",
    ],
    "libraries": ["Lost or damaged item", "Room booking", "Home library service"],
    "electoral-services": ["Registration query", "Postal vote", "Polling station"],
    "community-safety": ["Anti-social behaviour", "CCTV request", "Graffiti on private property"],
}

CHANNEL_WEIGHTS = {
    ContactChannel.PHONE: 55,
    ContactChannel.FACE_TO_FACE: 15,
    ContactChannel.EMAIL: 10,
    ContactChannel.WEB_CHAT: 8,
    ContactChannel.LETTER: 3,
    ContactChannel.SOCIAL_MEDIA: 3,
    ContactChannel.OUT_OF_HOURS: 6,
}

OC = Outcome
# Outcome mix by channel, in percent.
OUTCOME_MIX = {
    ContactChannel.PHONE: {
        OC.RESOLVED: 65, OC.REFERRED: 20, OC.REFERRED_OUTSIDE: 3,
        OC.SIGNPOSTED: 5, OC.SELF_SERVE: 4, OC.ABANDONED: 3,
    },
    ContactChannel.FACE_TO_FACE: {
        OC.RESOLVED: 68, OC.REFERRED: 16, OC.REFERRED_OUTSIDE: 2,
        OC.SIGNPOSTED: 6, OC.SELF_SERVE: 7, OC.ABANDONED: 1,
    },
    ContactChannel.EMAIL: {
        OC.RESOLVED: 58, OC.REFERRED: 30, OC.REFERRED_OUTSIDE: 3,
        OC.SIGNPOSTED: 6, OC.SELF_SERVE: 3, OC.ABANDONED: 0,
    },
    ContactChannel.WEB_CHAT: {
        OC.RESOLVED: 60, OC.REFERRED: 14, OC.REFERRED_OUTSIDE: 1,
        OC.SIGNPOSTED: 5, OC.SELF_SERVE: 12, OC.ABANDONED: 8,
    },
    ContactChannel.LETTER: {
        OC.RESOLVED: 50, OC.REFERRED: 40, OC.REFERRED_OUTSIDE: 3,
        OC.SIGNPOSTED: 7, OC.SELF_SERVE: 0, OC.ABANDONED: 0,
    },
    ContactChannel.SOCIAL_MEDIA: {
        OC.RESOLVED: 55, OC.REFERRED: 20, OC.REFERRED_OUTSIDE: 2,
        OC.SIGNPOSTED: 8, OC.SELF_SERVE: 10, OC.ABANDONED: 5,
    },
    ContactChannel.OUT_OF_HOURS: {
        OC.RESOLVED: 40, OC.REFERRED: 45, OC.REFERRED_OUTSIDE: 5,
        OC.SIGNPOSTED: 6, OC.SELF_SERVE: 0, OC.ABANDONED: 4,
    },
}  # fmt: skip

# (min, max) seconds a contact takes on each channel.
DURATIONS = {
    ContactChannel.PHONE: (60, 720),
    ContactChannel.FACE_TO_FACE: (180, 1500),
    ContactChannel.EMAIL: (60, 480),
    ContactChannel.WEB_CHAT: (120, 900),
    ContactChannel.LETTER: (120, 600),
    ContactChannel.SOCIAL_MEDIA: (60, 300),
    ContactChannel.OUT_OF_HOURS: (90, 900),
}

REASONS = [
    "Asked about {service}",
    "Wanted to report a problem: {service}",
    "Chasing an earlier request: {service}",
    "Needed help with {service} online",
    "Complained about {service}",
]
SIGNPOSTS = ["Citizens Advice", "Age UK", "Shelter", "StepChange Debt Charity", "Police (101)"]
SYSTEMS = ["Revenues system", "Housing management system", "Waste CRM", "Telephony"]
OUTSIDE_REASONS = [
    "Resident is vulnerable and cannot wait for the usual route",
    "Third call about the same problem; the agreed route has failed",
    "Safety risk reported; the officer needs to know today",
    "Councillor enquiry needing a direct answer",
]
DECISIONS_APPROVED = ["Agreed: urgent and the resident is at risk", "Agreed on this occasion"]
DECISIONS_DECLINED = ["Use the agreed route; it meets the need", "Not urgent: raise a request"]


def _pick(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def _started_at(rng: random.Random, channel: str, now: datetime.datetime) -> datetime.datetime:
    day = (now - datetime.timedelta(days=rng.randrange(1, DAYS))).astimezone(LONDON).date()
    if channel == ContactChannel.OUT_OF_HOURS:
        hour = rng.choice([18, 19, 20, 21, 22, 23, 0, 1, 6, 7])
    else:
        while day.weekday() >= 5:
            day -= datetime.timedelta(days=1)
        hour = rng.randint(8, 17)
    return datetime.datetime.combine(
        day, datetime.time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=LONDON
    )


def _seed_call_reasons() -> dict[int, list[CallReason]]:
    departments = {d.slug: d for d in Department.objects.all()}
    for slug, names in CALL_REASONS.items():
        if slug in departments:
            for name in names:
                call_reason_get_or_create(department=departments[slug], name=name)
    reasons: dict[int, list[CallReason]] = {}
    for reason in CallReason.objects.order_by("department_id", "name"):
        reasons.setdefault(reason.department_id, []).append(reason)
    return reasons


def _active_in_roles(*roles) -> list[User]:
    return list(
        User.objects.filter(groups__name__in=[str(r.label) for r in roles], is_active=True)
        .distinct()
        .order_by("pk")
    )


def demo_staff() -> tuple[list[User], list[User]]:
    """Who logs the demo contacts (advisors and team managers) and who decides referrals
    (team managers and the head of service), in a stable order."""
    return (
        _active_in_roles(Role.ADVISOR, Role.TEAM_MANAGER),
        _active_in_roles(Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE),
    )


@transaction.atomic
def seed(rng: random.Random, scale: int = 1) -> int:
    """Add the call reasons and six months of contacts; returns how many contacts it added."""
    reasons = _seed_call_reasons()
    if Contact.objects.exists():
        return 0
    advisors, deciders = demo_staff()
    catalogue = list(Service.objects.filter(is_active=True).order_by("pk"))
    if not advisors or not catalogue:
        return 0
    customers = list(
        Customer.objects.filter(merged_into__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    public_sites = list(Site.objects.filter(is_public=True).order_by("pk"))
    out_of_hours_site = Site.objects.filter(kind=Site.Kind.OUT_OF_HOURS).first()
    now = timezone.now()

    contacts, chosen_services = [], []
    for _ in range(CONTACTS_PER_SCALE * scale):
        channel = _pick(rng, CHANNEL_WEIGHTS)
        outcome = _pick(rng, OUTCOME_MIX[channel])
        picked = rng.sample(catalogue, k=1 if rng.random() < 0.85 else 2)
        # The agreement says these are resolved at first point of contact; most are.
        resolvable = picked[0].referral_route == ReferralRoute.RESOLVE
        if outcome == OC.REFERRED and resolvable and rng.random() < 0.7:
            outcome = OC.RESOLVED
        anonymous = rng.random() < (0.35 if channel == ContactChannel.SOCIAL_MEDIA else 0.1)
        site = None
        if channel == ContactChannel.FACE_TO_FACE and public_sites:
            site = rng.choice(public_sites)
        elif channel == ContactChannel.OUT_OF_HOURS:
            site = out_of_hours_site
        if channel == ContactChannel.FACE_TO_FACE and site is None:
            channel = ContactChannel.PHONE
        system_down = rng.random() < 0.02
        low, high = DURATIONS[channel]
        contacts.append(
            Contact(
                customer_id=None if anonymous or not customers else rng.choice(customers),
                channel=channel,
                site=site,
                advisor=(advisor := rng.choice(advisors)),
                team_id=advisor.team_id,
                reason=rng.choice(REASONS).format(service=picked[0].name.lower())[:300],
                outcome=outcome,
                signposted_to=rng.choice(SIGNPOSTS) if outcome == OC.SIGNPOSTED else "",
                duration_seconds=0 if outcome == OC.ABANDONED else rng.randint(low, high),
                started_at=_started_at(rng, channel, now),
                system_unavailable=system_down,
                unavailable_system=rng.choice(SYSTEMS) if system_down else "",
            )
        )
        chosen_services.append(picked)
    Contact.objects.bulk_create(contacts, batch_size=1000)

    Through = Contact.services.through
    Through.objects.bulk_create(
        [
            Through(contact_id=contact.pk, service_id=service.pk)
            for contact, picked in zip(contacts, chosen_services, strict=True)
            for service in picked
        ],
        batch_size=2000,
    )

    authorisations, calls = [], []
    for contact, picked in zip(contacts, chosen_services, strict=True):
        if contact.outcome not in (OC.REFERRED, OC.REFERRED_OUTSIDE):
            continue
        department_id = picked[0].department_id
        authorisation = None
        if contact.outcome == OC.REFERRED_OUTSIDE:
            authorisation = _authorisation(rng, contact, department_id, deciders, now)
            authorisations.append(authorisation)
        calls.append((contact, department_id, authorisation))
    ReferralAuthorisation.objects.bulk_create(authorisations, batch_size=1000)
    # requested_at is set on creation; give each the time of its contact.
    for authorisation in authorisations:
        authorisation.requested_at = authorisation.contact.started_at + datetime.timedelta(
            seconds=authorisation.contact.duration_seconds
        )
    ReferralAuthorisation.objects.bulk_update(authorisations, ["requested_at"], batch_size=1000)

    call_rows = []
    for contact, department_id, authorisation in calls:
        listed = reasons.get(department_id, [])
        reason = rng.choice(listed) if listed and rng.random() < 0.8 else None
        call_rows.append(
            ClientServiceCall(
                contact=contact,
                department_id=department_id,
                reason=reason,
                reason_text="" if reason and rng.random() < 0.5 else contact.reason,
                within_agreed_process=authorisation is None,
                authorisation=authorisation,
                made_by_id=contact.advisor_id,
                made_at=contact.started_at + datetime.timedelta(seconds=contact.duration_seconds),
            )
        )
    # A few calls made without a contact, from the "log a call" form.
    departments = list(reasons)
    for _ in range(20 * scale):
        department_id = rng.choice(departments) if departments else None
        if department_id is None:
            break
        advisor = rng.choice(advisors)
        call_rows.append(
            ClientServiceCall(
                department_id=department_id,
                reason=rng.choice(reasons[department_id]),
                reason_text="Called back about an earlier referral",
                within_agreed_process=rng.random() < 0.85,
                made_by=advisor,
                made_at=_started_at(rng, ContactChannel.PHONE, now),
            )
        )
    ClientServiceCall.objects.bulk_create(call_rows, batch_size=1000)
    return len(contacts)


def _authorisation(rng, contact, department_id, deciders, now) -> ReferralAuthorisation:
    authorisation = ReferralAuthorisation(
        contact=contact,
        department_id=department_id,
        requested_by_id=contact.advisor_id,
        request_reason=rng.choice(OUTSIDE_REASONS),
    )
    others = [u for u in deciders if u.pk != contact.advisor_id]
    recent = now - contact.started_at < datetime.timedelta(days=10)
    if others and not (recent and rng.random() < 0.7):
        approved = rng.random() < 0.85
        authorisation.status = (
            ReferralAuthorisation.Status.APPROVED
            if approved
            else ReferralAuthorisation.Status.DECLINED
        )
        authorisation.decided_by = rng.choice(others)
        authorisation.decided_at = min(
            now, contact.started_at + datetime.timedelta(minutes=rng.randint(5, 240))
        )
        authorisation.decision_reason = rng.choice(
            DECISIONS_APPROVED if approved else DECISIONS_DECLINED
        )
    return authorisation
