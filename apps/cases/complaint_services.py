"""Every write to complaints, compliments and comments: recording, the two-stage procedure,
remedies, learning actions and referral to the Ombudsman."""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.core.calendar import add_working_days
from apps.core.notifications import notify

from .complaints_models import (
    Complaint,
    ComplaintStatus,
    FeedbackKind,
    LearningAction,
    ReceivedChannel,
    Remedy,
    Theme,
)
from .services import works_for_department
from .signals import compliment_recorded

DEFAULT_DEADLINES = {"acknowledge": 5, "stage_1": 10, "stage_2": 20}
COMPLIMENT_PURPOSE = "compliment"


class StaleEdit(ValidationError):
    """Somebody else changed the complaint after this officer opened it."""


def complaint_deadlines() -> dict[str, int]:
    """Working days to acknowledge and to respond at each stage (settings may override)."""
    return {**DEFAULT_DEADLINES, **getattr(settings, "COMPLAINT_DEADLINES", {})}


def _nation() -> str:
    return getattr(settings, "COUNCIL_NATION", "england-and-wales")


def stage_deadlines(
    *, stage: int, started_on: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """(acknowledge by, respond by) for a stage whose clock starts on `started_on`, counted
    in working days of the council's nation so bank holidays never count."""
    days = complaint_deadlines()
    return (
        add_working_days(started_on, days["acknowledge"], _nation()),
        add_working_days(started_on, days[f"stage_{stage}"], _nation()),
    )


def _reference(complaint: Complaint) -> str:
    prefix = {"complaint": "CMP", "compliment": "CPL", "comment": "CMT"}[complaint.kind]
    return f"{prefix}-{complaint.received_on.year}-{complaint.pk:06d}"


def _ensure_may_respond(*, user, complaint: Complaint) -> None:
    # Client service officers respond only to their own department's complaints.
    if not works_for_department(user, complaint.department_id):
        raise PermissionDenied(_("This complaint belongs to another department."))


def _lock(*, complaint: Complaint, expected_version: int | None) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit(
            _("Someone else changed %(ref)s after you opened it. Check it and try again.")
            % {"ref": locked.reference}
        )
    return locked


def _save(complaint: Complaint) -> Complaint:
    complaint.version += 1
    complaint.full_clean()
    complaint.save()
    return complaint


@transaction.atomic
def complaint_record(
    *,
    kind: str,
    channel: str,
    received_on: datetime.date,
    summary: str,
    recorded_by: User | None,
    service=None,
    department=None,
    customer=None,
    contact=None,
    staff_named: User | None = None,
    themes: list[str] | None = None,
    feedback=None,
) -> Complaint:
    """Record a complaint, compliment or comment. A complaint starts stage 1 with its
    acknowledgement and response deadlines counted from the date received; a compliment
    naming a member of staff tells them and their team managers."""
    themes = list(themes or [])
    unknown = set(themes) - set(Theme.values)
    if unknown:
        raise ValidationError({"themes": _("Unknown theme: %s") % ", ".join(sorted(unknown))})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date received cannot be in the future")})
    if feedback is not None and Complaint.objects.filter(feedback=feedback).exists():
        raise ValidationError(_("This feedback has already been recorded."))
    if department is None and service is not None:
        department = service.department
    complaint = Complaint(
        reference=f"new-{uuid.uuid4().hex[:16]}",  # replaced once the id is known
        kind=kind,
        channel=channel,
        received_on=received_on,
        summary=summary,
        recorded_by=recorded_by,
        service=service,
        department=department,
        customer=customer,
        contact=contact,
        staff_named=staff_named,
        themes=themes,
        feedback=feedback,
    )
    if kind == FeedbackKind.COMPLAINT:
        complaint.stage = 1
        complaint.status = ComplaintStatus.OPEN
        complaint.stage_1_acknowledge_due, complaint.stage_1_due = stage_deadlines(
            stage=1, started_on=received_on
        )
    else:
        # Compliments and comments are recorded, passed on, and need no procedure.
        complaint.status = ComplaintStatus.CLOSED
        complaint.closed_on = received_on
    complaint.full_clean(exclude=["reference"])
    complaint.save()
    complaint.reference = _reference(complaint)
    complaint.save(update_fields=["reference"])
    if kind == FeedbackKind.COMPLIMENT and staff_named is not None:
        _compliment_pass_on(complaint)
    return complaint


def _compliment_pass_on(complaint: Complaint) -> None:
    staff = complaint.staff_named
    subject = _("A compliment about you (%(ref)s)") % {"ref": complaint.reference}
    body = _("%(name)s, a customer has complimented you.\n\n%(summary)s\n\nReceived %(date)s.") % {
        "name": staff.get_short_name(),
        "summary": complaint.summary,
        "date": date_format(complaint.received_on, "j F Y"),
    }
    notify(channel="email", to=staff.email, subject=subject, body=body, purpose=COMPLIMENT_PURPOSE)
    if staff.team_id is not None:
        managers = User.objects.filter(
            team_id=staff.team_id, groups__name=str(Role.TEAM_MANAGER.label), is_active=True
        ).exclude(pk=staff.pk)
        for manager in managers.distinct():
            notify(
                channel="email",
                to=manager.email,
                subject=_("A compliment about %(name)s (%(ref)s)")
                % {"name": staff, "ref": complaint.reference},
                body=_("A customer has complimented %(name)s of your team.\n\n%(summary)s")
                % {"name": staff, "summary": complaint.summary},
                purpose=COMPLIMENT_PURPOSE,
            )
    # Sent inside the transaction, so a listener's writes stand or fall with the compliment.
    compliment_recorded.send(sender=Complaint, compliment=complaint)


def complaint_record_from_feedback(*, feedback, recorded_by: User, **fields) -> Complaint:
    """Turn a resident's portal feedback into a complaint, compliment or comment, once.

    The kind, service, date and words come from the feedback unless the officer changed them."""
    fields.setdefault("kind", feedback.kind)
    fields.setdefault("service", feedback.service)
    fields.setdefault("received_on", timezone.localdate(feedback.created_at))
    fields.setdefault("summary", feedback.message)
    return complaint_record(
        channel=ReceivedChannel.PORTAL, feedback=feedback, recorded_by=recorded_by, **fields
    )


def _ensure_complaint(complaint: Complaint) -> None:
    if not complaint.is_complaint:
        raise ValidationError(_("Only complaints go through the complaints procedure."))


@transaction.atomic
def complaint_acknowledge(
    *, complaint: Complaint, by: User, on: datetime.date, expected_version: int | None = None
) -> Complaint:
    """Record that the customer was told the complaint was received, once per stage."""
    _ensure_may_respond(user=by, complaint=complaint)
    _ensure_complaint(complaint)
    complaint = _lock(complaint=complaint, expected_version=expected_version)
    if complaint.status != ComplaintStatus.OPEN:
        raise ValidationError(_("Only a complaint awaiting a response can be acknowledged."))
    if complaint.acknowledged_on is not None:
        raise ValidationError(_("This stage has already been acknowledged."))
    start = complaint.escalated_on if complaint.stage == 2 else complaint.received_on
    if on < start or on > timezone.localdate():
        raise ValidationError(
            {"on": _("The date must be between the start of the stage and today")}
        )
    setattr(complaint, f"stage_{complaint.stage}_acknowledged_on", on)
    return _save(complaint)


@transaction.atomic
def complaint_respond(
    *,
    complaint: Complaint,
    by: User,
    on: datetime.date,
    outcome: str,
    response: str,
    expected_version: int | None = None,
) -> Complaint:
    """Record the council's response at the current stage and its outcome. A response is
    also an acknowledgement if none was recorded."""
    _ensure_may_respond(user=by, complaint=complaint)
    _ensure_complaint(complaint)
    complaint = _lock(complaint=complaint, expected_version=expected_version)
    if complaint.status != ComplaintStatus.OPEN:
        raise ValidationError(_("This stage has already been responded to."))
    start = complaint.escalated_on if complaint.stage == 2 else complaint.received_on
    if on < start or on > timezone.localdate():
        raise ValidationError(
            {"on": _("The date must be between the start of the stage and today")}
        )
    stage = complaint.stage
    if complaint.acknowledged_on is None:
        setattr(complaint, f"stage_{stage}_acknowledged_on", on)
    setattr(complaint, f"stage_{stage}_responded_on", on)
    setattr(complaint, f"stage_{stage}_outcome", outcome)
    setattr(complaint, f"stage_{stage}_response", response)
    complaint.outcome = outcome
    complaint.status = ComplaintStatus.RESPONDED
    return _save(complaint)


@transaction.atomic
def complaint_escalate(
    *,
    complaint: Complaint,
    by: User,
    on: datetime.date,
    reason: str,
    expected_version: int | None = None,
) -> Complaint:
    """Move a complaint answered at stage 1 to stage 2; the stage 2 clock starts on the
    escalation date, not the date first received."""
    _ensure_complaint(complaint)
    complaint = _lock(complaint=complaint, expected_version=expected_version)
    if complaint.stage != 1 or complaint.stage_1_responded_on is None:
        raise ValidationError(_("Only a complaint answered at stage 1 can go to stage 2."))
    if on < complaint.stage_1_responded_on or on > timezone.localdate():
        raise ValidationError(
            {"on": _("The escalation date must be between the stage 1 response and today")}
        )
    complaint.stage = 2
    complaint.status = ComplaintStatus.OPEN
    complaint.escalated_on = on
    complaint.escalation_reason = reason
    complaint.closed_on = None
    complaint.outcome = ""
    complaint.stage_2_acknowledge_due, complaint.stage_2_due = stage_deadlines(
        stage=2, started_on=on
    )
    return _save(complaint)


@transaction.atomic
def complaint_close(
    *, complaint: Complaint, by: User, on: datetime.date, expected_version: int | None = None
) -> Complaint:
    """Close a complaint that has been responded to; its outcome is the last stage's."""
    _ensure_complaint(complaint)
    complaint = _lock(complaint=complaint, expected_version=expected_version)
    if complaint.status != ComplaintStatus.RESPONDED:
        raise ValidationError(_("Only a complaint that has been responded to can be closed."))
    if on < complaint.stage_value("responded_on"):
        raise ValidationError({"on": _("A complaint cannot close before its response")})
    complaint.status = ComplaintStatus.CLOSED
    complaint.closed_on = on
    return _save(complaint)


@transaction.atomic
def complaint_refer_to_ombudsman(
    *,
    complaint: Complaint,
    by: User,
    on: datetime.date,
    ombudsman_reference: str,
    expected_version: int | None = None,
) -> Complaint:
    """Record that the customer took the complaint to the Local Government and Social Care
    Ombudsman; only after the council's stage 2 response."""
    _ensure_complaint(complaint)
    complaint = _lock(complaint=complaint, expected_version=expected_version)
    if complaint.stage != 2 or complaint.stage_2_responded_on is None:
        raise ValidationError(
            _("A complaint goes to the Ombudsman only after the stage 2 response.")
        )
    if complaint.ombudsman_referred_on is not None:
        raise ValidationError(_("This complaint has already been referred to the Ombudsman."))
    if on < complaint.stage_2_responded_on:
        raise ValidationError({"on": _("The referral cannot be before the stage 2 response")})
    complaint.ombudsman_referred_on = on
    complaint.ombudsman_reference = ombudsman_reference
    return _save(complaint)


@transaction.atomic
def complaint_record_ombudsman_decision(
    *,
    complaint: Complaint,
    by: User,
    decision: str,
    on: datetime.date,
    expected_version: int | None = None,
) -> Complaint:
    """Record the Ombudsman's decision on a complaint referred to it."""
    complaint = _lock(complaint=complaint, expected_version=expected_version)
    if complaint.ombudsman_referred_on is None:
        raise ValidationError(_("This complaint has not been referred to the Ombudsman."))
    if on < complaint.ombudsman_referred_on:
        raise ValidationError({"on": _("The decision cannot be before the referral")})
    complaint.ombudsman_decision = decision
    complaint.ombudsman_decided_on = on
    return _save(complaint)


@transaction.atomic
def remedy_add(
    *, complaint: Complaint, by: User, kind: str, amount: Decimal | None = None, details: str = ""
) -> Remedy:
    """Record a remedy; a financial remedy needs its amount."""
    _ensure_may_respond(user=by, complaint=complaint)
    _ensure_complaint(complaint)
    if kind == Remedy.Kind.FINANCIAL and amount is None:
        raise ValidationError({"amount": _("Enter the amount of the financial remedy")})
    remedy = Remedy(complaint=complaint, kind=kind, amount=amount, details=details, recorded_by=by)
    remedy.full_clean()
    remedy.save()
    return remedy


@transaction.atomic
def learning_action_add(
    *, complaint: Complaint, by: User, text: str, owner: User, due_on: datetime.date
) -> LearningAction:
    """Record what the council will change because of a complaint."""
    _ensure_may_respond(user=by, complaint=complaint)
    action = LearningAction(complaint=complaint, text=text, owner=owner, due_on=due_on)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def learning_action_close(*, action: LearningAction, by: User, on: datetime.date) -> LearningAction:
    """Close a learning action that has been done."""
    _ensure_may_respond(user=by, complaint=action.complaint)
    if action.status == LearningAction.Status.CLOSED:
        raise ValidationError(_("This learning action is already closed."))
    action.status = LearningAction.Status.CLOSED
    action.closed_on = on
    action.full_clean()
    action.save()
    return action
