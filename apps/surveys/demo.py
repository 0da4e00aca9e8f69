"""Demo surveys: the standard survey, a year of responses of both modes across channels,
sites and teams, the independent invitations behind them, sampling rates and a few actions."""

import datetime
import hashlib
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.catalogue.models import Service
from apps.contacts.models import Contact, ContactChannel

from .models import Invitation, Mode, Response, SamplingRate, SurveyAction
from .services import standard_survey

RESPONSES_PER_SCALE = 3000
ADVISOR_CHANNELS = {ContactChannel.PHONE, ContactChannel.FACE_TO_FACE, ContactChannel.WEB_CHAT}
# Residents tell the advisor who served them a little more than they tell a survey.
SCORE_WEIGHTS = {Mode.ADVISOR: [2, 3, 8, 35, 52], Mode.INDEPENDENT: [7, 9, 16, 38, 30]}
RATES = {
    ContactChannel.PHONE: "0.0500",
    ContactChannel.FACE_TO_FACE: "0.1000",
    ContactChannel.EMAIL: "0.0800",
    ContactChannel.WEB_CHAT: "0.1000",
    ContactChannel.LETTER: "0.0000",
    ContactChannel.SOCIAL_MEDIA: "0.0500",
    ContactChannel.OUT_OF_HOURS: "0.0500",
}
ACTIONS = (
    (
        "Face-to-face residents at the library access point scored waiting lower than elsewhere.",
        "Added a second advisor on Saturday mornings.",
        "Team manager, libraries",
        "done",
    ),
    (
        "Independent survey: a third of web chat users said their query was not resolved.",
        "Reviewed web chat scripts for council tax with the revenues team.",
        "Quality lead",
        "done",
    ),
    (
        "Residents found the bulky waste booking hard to use.",
        "Asked the waste service to simplify the online form.",
        "Customer focus manager",
        "in_progress",
    ),
    (
        "Advisor-administered scores are higher than independent ones on every channel.",
        "Commissioned the survey value review for the scrutiny committee.",
        "Head of service",
        "planned",
    ),
)


def _digest(rng: random.Random) -> str:
    return hashlib.sha256(rng.getrandbits(256).to_bytes(32, "big")).hexdigest()


@transaction.atomic
def seed(rng: random.Random, *, scale: int = 1) -> int:
    """Add the standard survey and a year of responses; returns how many responses it added."""
    survey = standard_survey()
    for channel, rate in RATES.items():
        SamplingRate.objects.get_or_create(channel=channel, defaults={"rate": Decimal(rate)})
    if Response.objects.exists():
        return 0
    pool = list(
        Contact.objects.order_by("pk").values(
            "pk", "channel", "advisor_id", "team_id", "site_id", "started_at"
        )[:20000]
    )
    if not pool:
        return 0
    pool = rng.sample(pool, k=min(len(pool), 6000))
    services = list(Service.objects.order_by("pk").values_list("pk", flat=True)) or [None]
    now = timezone.now()
    invited_contacts: set[int] = set()
    responses, invitations = [], []
    for _ in range(RESPONSES_PER_SCALE * scale):
        base = rng.choice(pool)
        mode = (
            Mode.ADVISOR
            if (base["channel"] in ADVISOR_CHANNELS and rng.random() < 0.55)
            else Mode.INDEPENDENT
        )
        finished = now - datetime.timedelta(days=rng.uniform(0, 365))
        contact_id = base["pk"] if base["started_at"] <= finished else None
        satisfaction = rng.choices(range(1, 6), weights=SCORE_WEIGHTS[mode])[0]
        response = Response(
            survey=survey,
            mode=mode,
            contact_id=contact_id,
            channel=base["channel"],
            advisor_id=base["advisor_id"],
            team_id=base["team_id"],
            site_id=base["site_id"],
            service_id=rng.choice(services),
            finished_at=finished,
            satisfaction=satisfaction,
            ease=max(1, min(5, satisfaction + rng.choice((-1, 0, 0, 1)))),
            resolved=rng.random() < (0.55 + satisfaction * 0.08),
            would_use_again=rng.random() < 0.8,
        )
        if mode == Mode.ADVISOR:
            response.started_at = finished - datetime.timedelta(seconds=rng.randint(70, 300))
            response.recorded_by_id = base["advisor_id"]
        else:
            sent = finished - datetime.timedelta(hours=rng.uniform(2, 96))
            link_contact = contact_id if contact_id not in invited_contacts else None
            if link_contact:
                invited_contacts.add(link_contact)
            invitation = Invitation(
                survey=survey,
                mode=Mode.INDEPENDENT,
                via=Invitation.Via.EMAIL if rng.random() < 0.7 else Invitation.Via.SMS,
                token_digest=_digest(rng),
                contact_id=link_contact,
                channel=base["channel"],
                advisor_id=base["advisor_id"],
                team_id=base["team_id"],
                site_id=base["site_id"],
                service_id=response.service_id,
                sent_at=sent,
                expires_at=sent + datetime.timedelta(days=14),
                used_at=finished,
            )
            invitations.append(invitation)
            response.invitation = invitation
        responses.append(response)
    # Residents answer about one independent invitation in four.
    unanswered = []
    for invitation in list(invitations):
        for _ in range(3):
            sent = invitation.sent_at - datetime.timedelta(hours=rng.uniform(0, 48))
            unanswered.append(
                Invitation(
                    survey=survey,
                    mode=Mode.INDEPENDENT,
                    via=invitation.via,
                    token_digest=_digest(rng),
                    channel=invitation.channel,
                    advisor_id=invitation.advisor_id,
                    team_id=invitation.team_id,
                    site_id=invitation.site_id,
                    service_id=invitation.service_id,
                    sent_at=sent,
                    expires_at=sent + datetime.timedelta(days=14),
                )
            )
    Invitation.objects.bulk_create(invitations + unanswered, batch_size=2000)
    for response in responses:
        if response.invitation is not None:
            response.invitation_id = response.invitation.pk
    Response.objects.bulk_create(responses, batch_size=2000)
    owner = User.objects.filter(groups__name=Role.QUALITY_LEAD.label).first()
    for days, (finding, action, who, status) in zip((300, 200, 90, 20), ACTIONS, strict=True):
        SurveyAction.objects.create(
            finding=finding,
            action=action,
            owner=who,
            action_date=timezone.localdate() - datetime.timedelta(days=days),
            status=status,
            evidence_url="/surveys/results/?by=site",
            recorded_by=owner,
        )
    return len(responses)
