"""Every write to the award scheme, the suggestion scheme and staff pulse surveys."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.notifications import notify

from .models import (
    AwardMonth,
    Nomination,
    PulseAnswer,
    PulseParticipation,
    PulseSurvey,
    Suggestion,
    YouSaidWeDid,
)

PULSE_MAX_STATEMENTS = 10


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def award_month_for(day: datetime.date | None = None) -> AwardMonth:
    month, _created = AwardMonth.objects.get_or_create(
        month=_first_of_month(day or timezone.localdate())
    )
    return month


# The monthly award ------------------------------------------------------------------------


@transaction.atomic
def nomination_create(
    *,
    nominee,
    source: str,
    reason: str,
    nominated_by=None,
    source_reference: str = "",
    on: datetime.date | None = None,
) -> Nomination | None:
    """Nominate someone for this month's award (next month's once this one is decided).

    A compliment or mystery-shopping finding nominates once: a second call with the same
    source reference returns None and adds nothing.
    """
    if nominated_by is not None and nominated_by.pk == nominee.pk:
        raise ValidationError({"nominee": _("You cannot nominate yourself")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why they deserve the award")})
    month = award_month_for(on)
    if month.status != AwardMonth.Status.OPEN:
        month = award_month_for(month.month + datetime.timedelta(days=32))
    nomination = Nomination(
        award_month=month,
        nominee=nominee,
        source=source,
        reason=reason.strip(),
        nominated_by=nominated_by,
        source_reference=source_reference,
    )
    nomination.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:
        return None
    return nomination


@transaction.atomic
def award_shortlist(*, award_month: AwardMonth, nomination_ids: list[int], user) -> AwardMonth:
    if award_month.status == AwardMonth.Status.DECIDED:
        raise ValidationError(_("This month's award has already been decided"))
    chosen = award_month.nominations.filter(pk__in=nomination_ids)
    if not chosen.exists():
        raise ValidationError({"nominations": _("Choose at least one nomination")})
    award_month.nominations.update(shortlisted=False)
    chosen.update(shortlisted=True)
    award_month.status = AwardMonth.Status.SHORTLISTED
    award_month.save()
    return award_month


@transaction.atomic
def award_decide(*, award_month: AwardMonth, winner: Nomination, reasons: str, panel: str, user):
    """Record the panel's decision with its reasons and tell the winner."""
    if award_month.status != AwardMonth.Status.SHORTLISTED:
        raise ValidationError(_("Make the shortlist before deciding"))
    if not award_month.nominations.filter(pk=winner.pk, shortlisted=True).exists():
        raise ValidationError({"winner": _("Choose a shortlisted nomination")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Record the panel's reasons")})
    award_month.winner = winner
    award_month.reasons = reasons.strip()
    award_month.panel = panel.strip()
    award_month.status = AwardMonth.Status.DECIDED
    award_month.decided_by = user
    award_month.decided_at = timezone.now()
    award_month.full_clean()
    award_month.save()
    notify(
        channel="email",
        to=winner.nominee.email,
        purpose="monthly_award",
        subject=_("You have won the customer service award for %(month)s") % {"month": award_month},
        body=_("Congratulations. The panel's reasons: %(reasons)s")
        % {"reasons": award_month.reasons},
    )
    return award_month


# The suggestion scheme --------------------------------------------------------------------


@transaction.atomic
def suggestion_submit(*, title: str, idea: str, user, anonymous: bool) -> Suggestion:
    suggestion = Suggestion(title=title, idea=idea, submitted_by=None if anonymous else user)
    suggestion.full_clean()
    suggestion.save()
    return suggestion


@transaction.atomic
def suggestion_respond(
    *,
    suggestion: Suggestion,
    status: str,
    response: str,
    user,
    hours_saved_a_month=None,
    money_saved_a_year=None,
    benefit: str = "",
) -> Suggestion:
    """Publish a response. Every status but "under review" needs a response saying why;
    an implemented suggestion records its benefit."""
    errors = {}
    if not response.strip():
        errors["response"] = _("Write the response staff will read")
    if status == Suggestion.Status.IMPLEMENTED and not (
        hours_saved_a_month or money_saved_a_year or benefit.strip()
    ):
        errors["benefit"] = _("Record the benefit: time or money saved, or what changed")
    if errors:
        raise ValidationError(errors)
    suggestion.status = status
    suggestion.response = response.strip()
    suggestion.responded_by = user
    suggestion.responded_at = timezone.now()
    suggestion.hours_saved_a_month = hours_saved_a_month
    suggestion.money_saved_a_year = money_saved_a_year
    suggestion.benefit = benefit.strip()
    suggestion.full_clean()
    suggestion.save()
    if suggestion.submitted_by_id:
        notify(
            channel="email",
            to=suggestion.submitted_by.email,
            purpose="suggestion_response",
            subject=_("A response to your suggestion: %(title)s") % {"title": suggestion.title},
            body=_("Status: %(status)s. %(response)s")
            % {"status": suggestion.get_status_display(), "response": suggestion.response},
        )
    return suggestion


# Staff pulse surveys ----------------------------------------------------------------------


@transaction.atomic
def pulse_create(*, title: str, statements: list[str], opens, closes, user) -> PulseSurvey:
    statements = [s.strip() for s in statements if s.strip()]
    if not statements:
        raise ValidationError({"statements": _("Write at least one statement")})
    if len(statements) > PULSE_MAX_STATEMENTS:
        raise ValidationError({"statements": _("A pulse survey has at most 10 statements")})
    if closes < opens:
        raise ValidationError(
            {"closes": _("The closing date must be on or after the opening date")}
        )
    survey = PulseSurvey(
        title=title, statements=statements, opens=opens, closes=closes, created_by=user
    )
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def pulse_answer(*, survey: PulseSurvey, user, scores: list[int], comment: str = "") -> None:
    """Record an answer without recording who gave it; each person answers once."""
    today = timezone.localdate()
    if not survey.opens <= today <= survey.closes:
        raise ValidationError(_("This survey is not open"))
    if len(scores) != len(survey.statements) or any(
        not isinstance(s, int) or not 1 <= s <= 5 for s in scores
    ):
        raise ValidationError(_("Give every statement a score from 1 to 5"))
    try:
        with transaction.atomic():
            PulseParticipation.objects.create(survey=survey, user=user)
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey")) from None
    PulseAnswer.objects.create(
        survey=survey, team_id=user.team_id, scores=scores, comment=comment.strip()
    )


@transaction.atomic
def you_said_we_did_publish(*, theme, you_said, we_did, status, user, survey=None) -> YouSaidWeDid:
    item = YouSaidWeDid(
        survey=survey,
        theme=theme,
        you_said=you_said,
        we_did=we_did,
        status=status,
        published_by=user,
    )
    item.full_clean()
    item.save()
    return item
