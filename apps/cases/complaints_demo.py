"""Demo complaints, compliments and comments: a few dozen complaints at every point of the
procedure over the last six months, and compliments naming advisors."""

import datetime
import random

from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.catalogue.models import Service
from apps.customers.models import Customer

from . import complaint_services as services
from .complaints_models import Complaint, FeedbackKind, OmbudsmanDecision, Outcome, Theme

COMPLAINTS_PER_SCALE = 36
COMPLIMENTS_PER_SCALE = 14
COMMENTS_PER_SCALE = 6
COMPLAINT_TEXTS = [
    "The bin was missed three weeks running and nobody called back.",
    "I waited 40 minutes on the phone and was then cut off.",
    "The advisor at the centre would not look at my documents.",
    "My council tax letter was wrong and it took months to correct.",
    "The ramp at the library entrance was blocked again.",
    "I was promised a call back about my housing repair that never came.",
]
COMPLIMENT_TEXTS = [
    "The advisor was patient and sorted my council tax out in one call.",
    "Thank you for helping my mother apply for her blue badge.",
    "Very helpful at the customer service centre, I left with everything done.",
]
CHANNELS = ["contact", "letter", "email", "phone", "face_to_face", "portal"]


def _past(rng: random.Random, today: datetime.date, days: int) -> datetime.date:
    return today - datetime.timedelta(days=rng.randint(0, days))


def seed(rng: random.Random, *, scale: int) -> int:
    """Idempotent: does nothing when any complaint already exists."""
    if Complaint.objects.exists():
        return 0
    services_ = list(Service.objects.select_related("department").order_by("pk")[:30])
    staff = list(User.objects.filter(team__isnull=False, is_active=True).order_by("pk")[:60])
    managers = (
        list(User.objects.filter(groups__name=str(Role.QUALITY_LEAD.label)).order_by("pk")[:3])
        or staff[:1]
    )
    customers = list(Customer.objects.order_by("pk")[:200])
    if not services_ or not managers:
        return 0
    today = timezone.localdate()
    by = managers[0]
    count = 0
    for n in range(COMPLAINTS_PER_SCALE * scale):
        received = _past(rng, today, 180)
        c = services.complaint_record(
            kind=FeedbackKind.COMPLAINT,
            channel=rng.choice(CHANNELS),
            received_on=received,
            summary=rng.choice(COMPLAINT_TEXTS),
            recorded_by=by,
            service=rng.choice(services_),
            customer=rng.choice(customers) if customers else None,
            themes=rng.sample(
                [t for t in Theme.values if t != Theme.HELPFULNESS], k=rng.randint(1, 2)
            ),
        )
        count += 1
        # How far along the procedure this one has got, as it would stand today.
        late = rng.random() < 0.2
        ack = min(today, received + datetime.timedelta(days=rng.randint(1, 9 if late else 5)))
        if (today - received).days < 3 and n % 3:
            continue
        c = services.complaint_acknowledge(complaint=c, by=by, on=ack)
        reply = min(today, ack + datetime.timedelta(days=rng.randint(2, 20 if late else 12)))
        if (today - received).days < 14 and n % 2:
            continue
        c = services.complaint_respond(
            complaint=c,
            by=by,
            on=reply,
            outcome=rng.choice(Outcome.values),
            response="We have looked into what happened and written to the customer.",
        )
        if c.outcome != Outcome.NOT_UPHELD:
            services.remedy_add(complaint=c, by=by, kind="apology")
            if rng.random() < 0.3:
                services.learning_action_add(
                    complaint=c,
                    by=by,
                    text="Brief the team on calling customers back when promised.",
                    owner=rng.choice(managers),
                    due_on=reply + datetime.timedelta(days=30),
                )
        if rng.random() < 0.25 and reply < today - datetime.timedelta(days=10):
            escalated = reply + datetime.timedelta(days=rng.randint(1, 10))
            c = services.complaint_escalate(
                complaint=c, by=by, on=escalated, reason="The customer is not satisfied."
            )
            if escalated < today - datetime.timedelta(days=20):
                c = services.complaint_acknowledge(
                    complaint=c, by=by, on=escalated + datetime.timedelta(days=2)
                )
                answered = escalated + datetime.timedelta(days=rng.randint(10, 30))
                if answered <= today:
                    c = services.complaint_respond(
                        complaint=c,
                        by=by,
                        on=answered,
                        outcome=rng.choice(Outcome.values),
                        response="The head of service has reviewed the complaint.",
                    )
                    if rng.random() < 0.4:
                        c = services.complaint_refer_to_ombudsman(
                            complaint=c, by=by, on=answered, ombudsman_reference=f"25 {n:03d} 417"
                        )
                        if rng.random() < 0.5:
                            services.complaint_record_ombudsman_decision(
                                complaint=c,
                                by=by,
                                decision=rng.choice(OmbudsmanDecision.values),
                                on=answered,
                            )
                    continue
        if c.status == "responded" and rng.random() < 0.7:
            services.complaint_close(complaint=c, by=by, on=c.stage_value("responded_on"))
    for _n in range(COMPLIMENTS_PER_SCALE * scale):
        services.complaint_record(
            kind=FeedbackKind.COMPLIMENT,
            channel=rng.choice(CHANNELS),
            received_on=_past(rng, today, 180),
            summary=rng.choice(COMPLIMENT_TEXTS),
            recorded_by=by,
            service=rng.choice(services_),
            staff_named=rng.choice(staff) if staff else None,
            themes=[Theme.HELPFULNESS],
        )
        count += 1
    for _n in range(COMMENTS_PER_SCALE * scale):
        services.complaint_record(
            kind=FeedbackKind.COMMENT,
            channel=rng.choice(CHANNELS),
            received_on=_past(rng, today, 180),
            summary="It would help to be able to book appointments online.",
            recorded_by=by,
            service=rng.choice(services_),
        )
        count += 1
    return count
