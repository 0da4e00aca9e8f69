"""Demo awards, suggestions and a pulse survey with "you said, we did"."""

import datetime

from django.utils import timezone

from apps.accounts.models import User

from . import services
from .models import PulseSurvey, Suggestion

STATEMENTS = [
    "I have the information I need to resolve a customer's query first time",
    "I feel my work is recognised",
    "I can raise ideas and they are listened to",
]


def seed(rng, *, scale: int) -> int:
    if Suggestion.objects.exists():
        return Suggestion.objects.count()
    staff = list(User.objects.filter(is_active=True, team__isnull=False).order_by("pk")[:40])
    manager = User.objects.filter(email="team.manager@borchester.example").first()
    advisor = User.objects.filter(email="advisor@borchester.example").first()
    if len(staff) < 2 or manager is None:
        return 0
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    for nominee in rng.sample(staff, min(4, len(staff))):
        services.nomination_create(
            nominee=nominee,
            source="staff",
            reason="Stayed on the line to rebook a missed collection for an elderly resident.",
            nominated_by=manager if nominee != manager else None,
            on=last_month,
        )
    month = services.award_month_for(last_month)
    nominations = list(month.nominations.all())
    services.award_shortlist(
        award_month=month, nomination_ids=[n.pk for n in nominations[:2]], user=manager
    )
    services.award_decide(
        award_month=month,
        winner=nominations[0],
        reasons="Went beyond the script and followed it through to the waste team.",
        panel="Head of Customer Services, two team managers",
        user=manager,
    )
    implemented = services.suggestion_submit(
        title="Callback slots for council tax queries",
        idea="Offer a callback at peak times instead of holding for 15 minutes.",
        user=advisor,
        anonymous=False,
    )
    services.suggestion_respond(
        suggestion=implemented,
        status="implemented",
        response="Introduced in March for council tax and benefits queues.",
        user=manager,
        hours_saved_a_month=40,
        benefit="Abandoned calls at peak fell by a third.",
    )
    services.suggestion_submit(
        title="Large-print leaflets at every centre",
        idea="Keep large-print copies of the top ten leaflets at each reception.",
        user=advisor,
        anonymous=True,
    )
    survey = services.pulse_create(
        title=f"Pulse survey, {today:%B %Y}",
        statements=STATEMENTS,
        opens=today - datetime.timedelta(days=7),
        closes=today + datetime.timedelta(days=7),
        user=manager,
    )
    for member in staff[:12]:
        if member == advisor:
            continue
        services.pulse_answer(
            survey=survey, user=member, scores=[rng.randint(2, 5) for _ in STATEMENTS]
        )
    services.you_said_we_did_publish(
        survey=PulseSurvey.objects.first(),
        theme="Knowledge base",
        you_said="Scripts for new services arrive too late.",
        we_did="Service changes now open coordinated training before the change goes live.",
        status="done",
        user=manager,
    )
    return Suggestion.objects.count()
