"""Every write the surveys area makes."""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.core.notifications import notify
from apps.core.tokens import new_token, token_digest

from .models import (
    STANDARD_SURVEY_SLUG,
    Answer,
    Invitation,
    Mode,
    OptOut,
    Question,
    Response,
    ResponseChannel,
    SamplingRate,
    SamplingRun,
    Survey,
    SurveyAction,
    ValueReview,
)

# The standard post-interaction set: (key, text, kind, the Response field it also fills).
STANDARD_QUESTIONS = (
    ("satisfaction", "How satisfied were you with the service you received?", "rating"),
    ("ease", "How easy was it to get what you needed?", "rating"),
    ("resolved", "Was your query resolved?", "yes_no"),
    ("would_use_again", "Would you use this way of contacting us again?", "yes_no"),
    ("comments", "Is there anything we could have done better?", "text"),
)
STANDARD_FIELDS = ("satisfaction", "ease", "resolved", "would_use_again")
DEFAULT_SAMPLING_RATE = Decimal("0.1000")
INVITATION_PURPOSE = "survey_invitation"


def link_expiry_days() -> int:
    return int(getattr(settings, "SURVEY_LINK_EXPIRY_DAYS", 14))


@transaction.atomic
def standard_survey() -> Survey:
    """The standard post-interaction survey, created with its questions on first use."""
    survey, created = Survey.objects.get_or_create(
        slug=STANDARD_SURVEY_SLUG,
        defaults={
            "name": "After your contact with us",
            "description": "The standard post-interaction survey.",
        },
    )
    if created:
        for position, (key, text, kind) in enumerate(STANDARD_QUESTIONS, start=1):
            question = Question(
                survey=survey,
                key=key,
                text=text,
                kind=kind,
                position=position,
                required=kind != "text",
            )
            question.full_clean()
            question.save()
    return survey


def _clean_choices(kind: str, choices) -> list[str]:
    """The options of a choice question, trimmed and without repeats; [] for other kinds."""
    if kind != Question.Kind.CHOICE:
        return []
    cleaned = []
    for option in choices or []:
        option = str(option).strip()
        if option and option not in cleaned:
            cleaned.append(option)
    if len(cleaned) < 2:
        raise ValidationError({"choices": _("Enter at least 2 different options, one a line")})
    if any(len(option) > 150 for option in cleaned):
        raise ValidationError({"choices": _("Each option must be 150 characters or fewer")})
    return cleaned


@transaction.atomic
def question_revise(
    *, question: Question, text: str, hint: str = "", choices: list[str] | None = None
) -> Question:
    """Reword a question as a new version; earlier answers keep the version they answered.

    A choice question's options may change with it (as part of the new version).
    """
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if not locked.is_current:
        raise ValidationError(_("Only the current version of a question can be revised."))
    text, hint = text.strip(), hint.strip()
    if not text:
        raise ValidationError({"text": _("Enter the question")})
    new_choices = locked.choices if choices is None else _clean_choices(locked.kind, choices)
    if text == locked.text and hint == locked.hint and new_choices == locked.choices:
        raise ValidationError({"text": _("Change the wording to make a new version")})
    Question.objects.filter(pk=locked.pk).update(is_current=False)
    revised = Question(
        survey=locked.survey,
        key=locked.key,
        version=locked.version + 1,
        position=locked.position,
        text=text,
        hint=hint,
        kind=locked.kind,
        choices=new_choices,
        required=locked.required,
    )
    revised.full_clean()
    revised.save()
    return revised


def _new_key(survey: Survey, text: str) -> str:
    """A key for a new question from its words, unused by any version in the survey."""
    base = slugify(text).replace("-", "_")[:50].strip("_") or "question"
    taken = set(Question.objects.filter(survey=survey).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    text: str,
    kind: str,
    hint: str = "",
    choices: list[str] | None = None,
    required: bool = True,
) -> Question:
    """Add a question at the end of a survey's current questions."""
    Survey.objects.select_for_update().get(pk=survey.pk)
    text, hint = text.strip(), hint.strip()
    if not text:
        raise ValidationError({"text": _("Enter the question")})
    if kind not in Question.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of answer")})
    last = (
        Question.objects.filter(survey=survey, is_current=True)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    question = Question(
        survey=survey,
        key=_new_key(survey, text),
        position=(last or 0) + 1,
        text=text,
        hint=hint,
        kind=kind,
        choices=_clean_choices(kind, choices),
        required=required,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_retire(*, question: Question) -> Question:
    """Stop asking a question: no version stays current; its answers are kept.

    The standard questions feed the results and the value review, so they are reworded,
    never retired.
    """
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if not locked.is_current:
        raise ValidationError(_("This question has already been retired or reworded."))
    if locked.survey.slug == STANDARD_SURVEY_SLUG and locked.key in STANDARD_FIELDS:
        raise ValidationError(
            _("The standard questions feed the survey results, so they cannot be retired.")
        )
    if (
        not Question.objects.filter(survey=locked.survey, is_current=True)
        .exclude(pk=locked.pk)
        .exists()
    ):
        raise ValidationError(_("A survey must keep at least one question."))
    Question.objects.filter(pk=locked.pk).update(is_current=False)
    locked.is_current = False
    return locked


@transaction.atomic
def opt_out_record(*, customer, user) -> OptOut:
    """Record that a customer does not want survey invitations (again is harmless)."""
    opt_out, _created = OptOut.objects.get_or_create(
        customer=customer, defaults={"recorded_by": user}
    )
    return opt_out


@transaction.atomic
def opt_out_withdraw(*, customer, user) -> bool:
    """Withdraw a customer's opt-out, so they may be sampled again. False if there was none."""
    opt_out = OptOut.objects.filter(customer=customer).first()
    if opt_out is None:
        return False
    opt_out._history_user = user
    opt_out.delete()
    return True


def _answers_for(response: Response, questions, answers: dict) -> list[Answer]:
    rows = []
    errors = {}
    for question in questions:
        value = answers.get(question.key)
        if value in (None, ""):
            if question.required:
                errors[f"q_{question.key}"] = _("Answer this question")
            continue
        answer = Answer(response=response, question=question)
        if question.kind == Question.Kind.RATING:
            if int(value) not in range(1, 6):
                errors[f"q_{question.key}"] = _("Choose a score from 1 to 5")
                continue
            answer.rating = int(value)
        elif question.kind == Question.Kind.YES_NO:
            answer.yes_no = bool(value)
        elif question.kind == Question.Kind.CHOICE:
            if value not in question.choices:
                errors[f"q_{question.key}"] = _("Choose one of the options")
                continue
            answer.choice = value
        else:
            answer.text = str(value)[:5000]
        rows.append(answer)
        if question.key in STANDARD_FIELDS:
            setattr(response, question.key, answer.rating if answer.rating else answer.yes_no)
    if errors:
        raise ValidationError(errors)
    return rows


def _save_response(response: Response, answers: dict) -> Response:
    questions = list(response.survey.questions.filter(is_current=True))
    rows = _answers_for(response, questions, answers)
    response.full_clean()
    response.save()
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


@transaction.atomic
def response_record_by_advisor(
    *, contact, answers: dict, started_at: datetime.datetime, recorded_by
) -> Response:
    """Record the survey an advisor asked at the end of a contact, with how long it took."""
    now = timezone.now()
    if started_at > now or now - started_at > datetime.timedelta(hours=4):
        started_at = now
    first_service = contact.services.order_by("pk").first()
    response = Response(
        survey=standard_survey(),
        mode=Mode.ADVISOR,
        contact=contact,
        channel=contact.channel,
        advisor=contact.advisor,
        team=contact.team,
        site=contact.site,
        service=first_service,
        recorded_by=recorded_by,
        started_at=started_at,
        finished_at=now,
    )
    return _save_response(response, answers)


def _answer_url(plain: str) -> str:
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    return base + reverse("surveys:answer", args=[plain])


def _send_invitation(*, invitation: Invitation, plain: str, to: str) -> None:
    url = _answer_url(plain)
    expires = timezone.localtime(invitation.expires_at).strftime("%-d %B %Y")
    council = getattr(settings, "COUNCIL_NAME", "The council")
    if invitation.via == Invitation.Via.SMS:
        body = _("%(council)s: how did we do? Tell us in 1 minute: %(url)s (until %(date)s)") % {
            "council": council,
            "url": url,
            "date": expires,
        }
    else:
        body = _(
            "Thank you for contacting %(council)s. Please tell us how we did: it takes about "
            "a minute.\n\n%(url)s\n\nThe link works once and until %(date)s."
        ) % {"council": council, "url": url, "date": expires}
    notify(
        channel=invitation.via,
        to=to,
        subject=_("How did we do?"),
        body=body,
        purpose=INVITATION_PURPOSE,
    )


def _contact_address(customer) -> tuple[str, str] | None:
    """(via, address) for a customer who can be asked, or None (no details, or opted out)."""
    if customer is None or customer.merged_into_id or hasattr(customer, "survey_opt_out"):
        return None
    if customer.email:
        return Invitation.Via.EMAIL, customer.email
    if customer.phone:
        return Invitation.Via.SMS, customer.phone
    return None


@transaction.atomic
def invitation_send_independent(*, contact, now: datetime.datetime | None = None):
    """Invite the customer of a contact to the independent survey by a one-time link.

    Returns the invitation, or None when the customer cannot be asked or already was.
    """
    address = _contact_address(contact.customer)
    if address is None:
        return None
    now = now or timezone.now()
    plain, digest = new_token()
    invitation = Invitation(
        survey=standard_survey(),
        mode=Mode.INDEPENDENT,
        via=address[0],
        token_digest=digest,
        contact=contact,
        channel=contact.channel,
        advisor=contact.advisor,
        team=contact.team,
        site=contact.site,
        service=contact.services.order_by("pk").first(),
        sent_at=now,
        expires_at=now + datetime.timedelta(days=link_expiry_days()),
    )
    invitation.full_clean(exclude=["contact"])
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        return None
    _send_invitation(invitation=invitation, plain=plain, to=address[1])
    return invitation


def sampling_rates() -> dict[str, float]:
    """The sampling rate of each contact channel (the default where none is set)."""
    from apps.contacts.models import ContactChannel

    rates = {channel: float(DEFAULT_SAMPLING_RATE) for channel in ContactChannel.values}
    rates.update({r.channel: float(r.rate) for r in SamplingRate.objects.all()})
    return rates


def contacts_sample(*, day: datetime.date, rng: random.Random | None = None) -> int:
    """Invite a random sample of a day's contacts, at each channel's sampling rate.

    Only contacts with a customer who has an email or phone and has not opted out are
    eligible; a contact is never invited twice and a day is sampled once. Returns how many
    were invited.
    """
    from apps.contacts.models import Contact

    rng = rng or random.SystemRandom()
    rates = sampling_rates()
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    end = start + datetime.timedelta(days=1)
    run, created = SamplingRun.objects.get_or_create(day=day)
    if not created:
        return 0
    eligible = (
        Contact.objects.filter(
            started_at__gte=start,
            started_at__lt=end,
            customer__isnull=False,
            customer__merged_into__isnull=True,
            customer__survey_opt_out__isnull=True,
            survey_invitations__isnull=True,
        )
        .exclude(customer__email="", customer__phone="")
        .select_related("customer")
        .order_by("pk")
    )
    invited = 0
    for contact in eligible.iterator(chunk_size=1000):
        chosen = rng.random() < rates.get(contact.channel, 0.0)
        if chosen and invitation_send_independent(contact=contact) is not None:
            invited += 1
    SamplingRun.objects.filter(pk=run.pk).update(invited=invited)
    return invited


@transaction.atomic
def invitation_for_closed_request(*, request) -> Invitation | None:
    """Offer the portal survey when a resident's request closes, if we can reach them."""
    if Invitation.objects.filter(service_request=request).exists():
        return None
    address = _contact_address(request.customer)
    if address is None:
        return None
    now = timezone.now()
    contact = request.contact
    plain, digest = new_token()
    invitation = Invitation(
        survey=standard_survey(),
        mode=Mode.PORTAL,
        via=address[0],
        token_digest=digest,
        service_request=request,
        contact=contact,
        channel=contact.channel if contact else ResponseChannel.PORTAL,
        advisor=contact.advisor if contact else None,
        team=contact.team if contact else None,
        site=contact.site if contact else None,
        service=request.service,
        sent_at=now,
        expires_at=now + datetime.timedelta(days=link_expiry_days()),
    )
    invitation.full_clean(exclude=["contact", "service_request"])
    invitation.save()
    _send_invitation(invitation=invitation, plain=plain, to=address[1])
    return invitation


def invitation_by_token(plain: str, *, now: datetime.datetime | None = None) -> Invitation | None:
    """The invitation a link names, if it exists, is unused and has not expired."""
    now = now or timezone.now()
    if not plain or len(plain) > 100:
        return None
    return (
        Invitation.objects.select_related("survey")
        .filter(token_digest=token_digest(plain), used_at__isnull=True, expires_at__gt=now)
        .first()
    )


@transaction.atomic
def response_record_by_link(*, plain: str, answers: dict) -> Response:
    """Record a resident's answers through a one-time link, which then stops working."""
    now = timezone.now()
    invitation = invitation_by_token(plain, now=now)
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation is None or invitation.used_at is not None:
        raise ValidationError(_("This link has expired or has already been used."))
    response = Response(
        survey=invitation.survey,
        mode=invitation.mode,
        invitation=invitation,
        contact_id=invitation.contact_id,
        service_request_id=invitation.service_request_id,
        channel=invitation.channel,
        advisor_id=invitation.advisor_id,
        team_id=invitation.team_id,
        site_id=invitation.site_id,
        service_id=invitation.service_id,
        finished_at=now,
    )
    response = _save_response(response, answers)
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    return response


@transaction.atomic
def sampling_rate_set(*, channel: str, rate: Decimal, user) -> SamplingRate:
    """Set one channel's sampling rate (0 to 1); its history keeps the earlier rates."""
    sampling, _created = SamplingRate.objects.get_or_create(
        channel=channel, defaults={"rate": rate, "updated_by": user}
    )
    sampling.rate = rate
    sampling.updated_by = user
    sampling.full_clean()
    sampling.save()
    return sampling


@transaction.atomic
def action_create(
    *,
    finding: str,
    action: str,
    owner: str,
    action_date: datetime.date,
    status: str,
    evidence_url: str = "",
    user,
) -> SurveyAction:
    """Log an action taken because of survey results."""
    record = SurveyAction(
        finding=finding,
        action=action,
        owner=owner,
        action_date=action_date,
        status=status,
        evidence_url=evidence_url,
        recorded_by=user,
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def value_review_build(
    *, title: str, period_start: datetime.date, period_end: datetime.date, hourly_rate, user
) -> ValueReview:
    """Build a value review: its figures are computed now and kept with it."""
    from .selectors import value_review_figures

    review = ValueReview(
        title=title,
        period_start=period_start,
        period_end=period_end,
        hourly_rate=hourly_rate,
        built_by=user,
    )
    review.full_clean()
    review.figures = value_review_figures(
        start=period_start, end=period_end, hourly_rate=float(hourly_rate)
    )
    review.save()
    return review


@transaction.atomic
def value_review_decide(*, review: ValueReview, recommendation: str, reasoning: str, user):
    """Record the quality lead's recommendation (continue, change or stop) and why."""
    review.recommendation = recommendation
    review.reasoning = reasoning.strip()
    if not review.reasoning:
        raise ValidationError({"reasoning": _("Enter the reasoning for the recommendation")})
    review.decided_by = user
    review.decided_at = timezone.now()
    review.full_clean()
    review.save()
    return review
