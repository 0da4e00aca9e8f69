"""Every write in mystery shopping."""

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.notifications import notify
from apps.core.tokens import new_token, token_digest

from . import allocation
from .models import (
    AccessCheck,
    AllocationRun,
    Answer,
    Criterion,
    Finding,
    FollowUpAction,
    Programme,
    Scenario,
    Shopper,
    Target,
    Visit,
)
from .signals import positive_finding_shared

LINK_PURPOSE = "mystery_visit_link"
FINDING_PURPOSE = "mystery_positive_finding"


def link_days() -> int:
    return getattr(settings, "MYSTERY_LINK_DAYS", 60)


def visit_url(plain: str) -> str:
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    return base + reverse("mystery:visit-start", args=[plain])


def _send_link(visit: Visit, plain: str) -> None:
    council = getattr(settings, "COUNCIL_NAME", "The council")
    body = _(
        "Thank you for being one of %(council)s's mystery shoppers.\n\n"
        "Your visit: %(scenario)s (%(channel)s) on or around %(day)s.\n\n"
        "Record it here: %(url)s\n\nYou can save and come back to the form. The link works "
        "until you submit it, or until %(expires)s."
    ) % {
        "council": council,
        "scenario": visit.scenario.title,
        "channel": visit.get_channel_display(),
        "day": visit.day.strftime("%-d %B %Y"),
        "url": visit_url(plain),
        "expires": timezone.localtime(visit.link_expires_at).strftime("%-d %B %Y"),
    }
    notify(
        channel="email",
        to=visit.shopper.email,
        subject=_("Your mystery shopping visit"),
        body=body,
        purpose=LINK_PURPOSE,
    )


@transaction.atomic
def allocation_run(*, programme, by=None, seed: int | None = None) -> tuple[AllocationRun, dict]:
    """Allocate the programme's visits at random from a seed that is kept on the run, and send
    each shopper their one-time link. Returns the run and {visit pk: plain token}."""
    if seed is None:
        seed = secrets.randbits(48)
    run = AllocationRun(programme=programme, seed=seed, method=allocation.METHOD, created_by=by)
    run.full_clean()
    run.save()
    # Links last a while past the programme's end (or past today, for a late run).
    last_day = max(programme.end, timezone.localdate())
    expires = timezone.make_aware(
        datetime.datetime.combine(last_day, datetime.time(23, 59))
    ) + datetime.timedelta(days=link_days())
    links = {}
    for planned in allocation.plan(programme, seed):
        plain, digest = new_token()
        visit = Visit(
            programme=programme,
            run=run,
            scenario_id=planned.scenario_id,
            shopper_id=planned.shopper_id,
            channel=planned.channel,
            site_id=planned.site_id,
            team_id=planned.team_id,
            day=planned.day,
            time_of_day=planned.time_of_day,
            token_digest=digest,
            link_expires_at=expires,
        )
        visit.full_clean()
        visit.save()
        _send_link(visit, plain)
        links[visit.pk] = plain
    return run, links


@transaction.atomic
def visit_new_link(*, visit: Visit) -> str:
    """Replace a visit's link (the old one stops working) and send the new one."""
    if visit.status == Visit.Status.SUBMITTED:
        raise ValidationError(_("This visit has been submitted."))
    plain, visit.token_digest = new_token()
    visit.save(update_fields=["token_digest"])
    _send_link(visit, plain)
    return plain


def visit_by_token(plain: str, *, now: datetime.datetime | None = None) -> Visit | None:
    """The visit a link names, while it is not submitted and not expired."""
    now = now or timezone.now()
    if not plain or len(plain) > 100:
        return None
    return (
        Visit.objects.select_related("scenario__service", "site", "shopper")
        .filter(
            token_digest=token_digest(plain),
            status=Visit.Status.ASSIGNED,
            link_expires_at__gt=now,
        )
        .first()
    )


@transaction.atomic
def visit_save_details(
    *, visit: Visit, visited_on: datetime.date, staff_description: str, summary: str
) -> Visit:
    """Save the first page of the shopper's form (the form can be returned to)."""
    visit.visited_on = visited_on
    visit.staff_description = staff_description
    visit.summary = summary
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def visit_save_answers(*, visit: Visit, answers: dict[int, tuple[bool, str]]) -> None:
    """Save the checklist: {criterion pk: (met, comment)}, for this visit's scenario only."""
    criteria = {c.pk: c for c in visit.scenario.criteria.all()}
    for pk, (met, comment) in answers.items():
        if pk not in criteria:
            raise ValidationError(_("That checklist item is not part of this visit."))
        Answer.objects.update_or_create(
            visit=visit, criterion=criteria[pk], defaults={"met": met, "comment": comment}
        )


@transaction.atomic
def visit_save_access_check(*, visit: Visit, **fields) -> AccessCheck:
    """Save the disabled access check of a face-to-face visit."""
    if visit.channel != "face_to_face":
        raise ValidationError(_("Only face-to-face visits have an access check."))
    check = AccessCheck.objects.filter(visit=visit).first() or AccessCheck(visit=visit)
    for name, value in fields.items():
        setattr(check, name, value)
    check.full_clean()
    check.save()
    return check


def score(weighted: list[tuple[int, bool]]) -> Decimal | None:
    """Weighted percentage of criteria met, to one decimal place."""
    total = sum(weight for weight, _met in weighted)
    if not total:
        return None
    met = sum(weight for weight, was_met in weighted if was_met)
    return (Decimal(met * 100) / Decimal(total)).quantize(Decimal("0.1"))


def missing_parts(visit: Visit) -> list[str]:
    """What the shopper still has to fill in before the visit can be submitted."""
    missing = []
    if visit.visited_on is None:
        missing.append("details")
    answered = set(visit.answers.values_list("criterion_id", flat=True))
    if set(visit.scenario.criteria.values_list("pk", flat=True)) - answered:
        missing.append("checklist")
    if visit.channel == "face_to_face" and not AccessCheck.objects.filter(visit=visit).exists():
        missing.append("access")
    return missing


@transaction.atomic
def visit_submit(*, plain: str, now: datetime.datetime | None = None) -> Visit:
    """Submit a visit through its link: score it; the link stops working."""
    now = now or timezone.now()
    visit = visit_by_token(plain, now=now)
    if visit is None:
        raise ValidationError(_("This link no longer works."))
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.status != Visit.Status.ASSIGNED:
        raise ValidationError(_("This visit has already been submitted."))
    if missing_parts(visit):
        raise ValidationError(_("Fill in every part of the form before you submit it."))
    visit.score = score(
        [(a.criterion.weight, a.met) for a in visit.answers.select_related("criterion")]
    )
    visit.status = Visit.Status.SUBMITTED
    visit.submitted_at = now
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def finding_record(*, visit: Visit, kind: str, text: str, staff=None) -> Finding:
    """Record what a visit found, good or to improve, naming the staff member if known."""
    finding = Finding(visit=visit, kind=kind, text=text, staff=staff)
    finding.full_clean()
    finding.save()
    return finding


@transaction.atomic
def finding_share(*, finding: Finding, by) -> Finding:
    """Share a positive finding: tell the staff member and offer it to award nominations."""
    if finding.kind != Finding.Kind.POSITIVE:
        raise ValidationError(_("Only positive findings are shared."))
    if finding.shared_at is not None:
        raise ValidationError(_("This finding has already been shared."))
    finding.shared_at = timezone.now()
    finding.shared_by = by
    finding.save(update_fields=["shared_at", "shared_by"])
    if finding.staff is not None and finding.staff.email:
        notify(
            channel="email",
            to=finding.staff.email,
            subject=_("A mystery shopper noticed your good work"),
            body=_("A mystery shopper said: %(text)s\n\nThank you.") % {"text": finding.text},
            purpose=FINDING_PURPOSE,
        )
    positive_finding_shared.send(sender=Finding, finding=finding)
    return finding


@transaction.atomic
def action_create(*, visit: Visit, description: str, owner, due_on) -> FollowUpAction:
    """A follow-up action on a visit, with an owner and a due date."""
    action = FollowUpAction(visit=visit, description=description, owner=owner, due_on=due_on)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_complete(*, action: FollowUpAction, on: datetime.date | None = None) -> FollowUpAction:
    """Mark a follow-up action done."""
    action.status = FollowUpAction.Status.DONE
    action.completed_on = on or timezone.localdate()
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def shopper_add(
    *,
    name: str,
    email: str,
    kind: str,
    department=None,
    access_needs: str = "",
    consent_given_on=None,
) -> Shopper:
    """Add a shopper to the panel; an officer must name their department."""
    shopper = Shopper(
        name=name,
        email=email,
        kind=kind,
        department=department,
        access_needs=access_needs,
        consent_given_on=consent_given_on,
    )
    shopper.full_clean()
    shopper.save()
    return shopper


# Setting up a programme: its period, targets, scenarios and their checklists. Once visits
# are allocated, nothing that a visit depends on may change under it.


@transaction.atomic
def programme_create(*, name: str, start: datetime.date, end: datetime.date, description: str = ""):
    """A new programme over a period (the end on or after the start), with a unique name."""
    programme = Programme(name=name, start=start, end=end, description=description)
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_update(
    *, programme: Programme, name: str, start: datetime.date, end: datetime.date, description: str
) -> Programme:
    """Change a programme; its period must still cover every visit already allocated."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    outside = programme.visits.exclude(day__gte=start, day__lte=end).count()
    if outside:
        raise ValidationError(
            _(
                "%(count)s allocated visits fall outside that period. The period must still "
                "cover every visit already allocated."
            )
            % {"count": outside}
        )
    programme.name = name
    programme.start = start
    programme.end = end
    programme.description = description
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def target_add(*, programme: Programme, channel: str, visits: int, site=None) -> Target:
    """A target of at least one visit; one target for each channel and site in a programme."""
    if visits is None or visits < 1:
        raise ValidationError({"visits": _("The number of visits must be 1 or more")})
    duplicate = Target.objects.filter(programme=programme, channel=channel, site=site)
    if duplicate.exists():
        raise ValidationError(
            _("This programme already has a target for that channel and site. Remove it first.")
        )
    target = Target(programme=programme, channel=channel, site=site, visits=visits)
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_remove(*, target: Target) -> None:
    """Remove a target. Visits already allocated keep their own channel and site, so only
    later allocation runs are affected."""
    target.delete()


def _refuse_if_allocated(scenario: Scenario, message: str) -> None:
    if Visit.objects.filter(scenario=scenario).exists():
        raise ValidationError(message)


@transaction.atomic
def scenario_create(
    *,
    programme: Programme,
    title: str,
    channel: str,
    service,
    brief: str,
    instructions: str = "",
) -> Scenario:
    """A scenario of a programme: a channel, a catalogue service and what the shopper asks."""
    scenario = Scenario(
        programme=programme,
        title=title,
        channel=channel,
        service=service,
        brief=brief,
        instructions=instructions,
    )
    scenario.full_clean()
    scenario.save()
    return scenario


@transaction.atomic
def scenario_update(
    *, scenario: Scenario, title: str, channel: str, service, brief: str, instructions: str = ""
) -> Scenario:
    """Change a scenario; once it has visits its channel and service are fixed, since the
    visits were allocated and scored for them."""
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if channel != scenario.channel or service.pk != scenario.service_id:
        _refuse_if_allocated(
            scenario,
            _(
                "Visits have been allocated to this scenario, so its channel and service "
                "cannot change. Add a new scenario instead."
            ),
        )
    scenario.title = title
    scenario.channel = channel
    scenario.service = service
    scenario.brief = brief
    scenario.instructions = instructions
    scenario.full_clean()
    scenario.save()
    return scenario


@transaction.atomic
def scenario_delete(*, scenario: Scenario) -> None:
    """Delete a scenario and its checklist, never one that visits have been allocated to."""
    _refuse_if_allocated(
        scenario,
        _("Visits have been allocated to this scenario, so it cannot be deleted."),
    )
    scenario.delete()


@transaction.atomic
def criterion_add(
    *, scenario: Scenario, text: str, cse_criterion: int, weight: int, cse_code: str = ""
) -> Criterion:
    """Add a weighted item (1 to 10) to a scenario's checklist, mapped to a CSE criterion and
    element; never once visits are allocated, as shoppers answer the checklist they were given."""
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    _refuse_if_allocated(
        scenario,
        _("Visits have been allocated to this scenario, so its checklist cannot change."),
    )
    last = scenario.criteria.order_by("-order").values_list("order", flat=True).first()
    criterion = Criterion(
        scenario=scenario,
        text=text,
        cse_criterion=cse_criterion,
        cse_code=cse_code,
        weight=weight,
        order=0 if last is None else last + 1,
    )
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_remove(*, criterion: Criterion) -> None:
    """Remove an item from a checklist, never once visits are allocated to its scenario."""
    _refuse_if_allocated(
        criterion.scenario,
        _("Visits have been allocated to this scenario, so its checklist cannot change."),
    )
    criterion.delete()
