"""Every write of the operations app: one transaction each, validated before it is saved."""

import io
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    DowntimeIncident,
    IncidentAction,
    ITRecommendation,
    ITReview,
    Publication,
    PublicationVersion,
    RemovalTask,
    SafetyWarning,
    SafetyWarningAccess,
    SecurityAssessment,
    SecurityIncident,
    System,
    SystemAlias,
    VisitorCount,
)

PDF_MAX_BYTES = getattr(settings, "PUBLICATION_MAX_BYTES", 10 * 1024 * 1024)


# --- System downtime ---------------------------------------------------------------------------


def _set_aliases(system: System, aliases: list[str]) -> None:
    names = {a.strip().lower() for a in [system.name, *aliases] if a.strip()}
    taken = SystemAlias.objects.filter(alias__in=names).exclude(system=system)
    if taken.exists():
        raise ValidationError(
            {"aliases": _("%(alias)s is already a name of another system") % {"alias": taken[0]}}
        )
    system.aliases.exclude(alias__in=names).delete()
    existing = set(system.aliases.values_list("alias", flat=True))
    SystemAlias.objects.bulk_create(
        [SystemAlias(system=system, alias=a) for a in sorted(names - existing)]
    )


@transaction.atomic
def system_save(
    *,
    system: System | None = None,
    name: str,
    category: str,
    owner: str,
    is_active=True,
    aliases: list[str] = (),
) -> System:
    """Add or change a system; its name and aliases (any case) are what advisors flag."""
    system = system or System()
    system.name, system.category, system.owner, system.is_active = name, category, owner, is_active
    system.full_clean()
    system.save()
    _set_aliases(system, list(aliases))
    return system


@transaction.atomic
def incident_save(
    *,
    incident: DowntimeIncident | None = None,
    recorded_by,
    system: System,
    summary: str,
    started_at: datetime,
    ended_at: datetime | None,
    planned: bool,
    channels: list[str] = (),
    sites=(),
    root_cause: str,
    root_cause_analysis: str = "",
) -> DowntimeIncident:
    """Log or change a downtime incident; it cannot end before it starts."""
    if ended_at is not None and ended_at < started_at:
        raise ValidationError({"ended_at": _("The end must be after the start")})
    incident = incident or DowntimeIncident(recorded_by=recorded_by)
    incident.system = system
    incident.summary = summary
    incident.started_at = started_at
    incident.ended_at = ended_at
    incident.planned = planned
    incident.channels = list(channels)
    incident.root_cause = root_cause
    incident.root_cause_analysis = root_cause_analysis
    incident.full_clean()
    incident.save()
    incident.sites.set(sites)
    return incident


@transaction.atomic
def incident_action_add(
    *, incident: DowntimeIncident, description: str, owner: str, due_on: date
) -> IncidentAction:
    action = IncidentAction(incident=incident, description=description, owner=owner, due_on=due_on)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def incident_action_complete(*, action: IncidentAction, completed_on: date) -> IncidentAction:
    action.completed_on = completed_on
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def it_review_create(*, title: str, reviewer: str, reported_on: date) -> ITReview:
    review = ITReview(title=title, reviewer=reviewer, reported_on=reported_on)
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def it_recommendation_add(
    *, review: ITReview, text: str, owner: str, due_on: date
) -> ITRecommendation:
    """Add a recommendation numbered after the review's last one."""
    last = review.recommendations.order_by("-number").values_list("number", flat=True).first()
    recommendation = ITRecommendation(
        review=review, number=(last or 0) + 1, text=text, owner=owner, due_on=due_on
    )
    recommendation.full_clean()
    recommendation.save()
    return recommendation


@transaction.atomic
def it_recommendation_update(
    *, recommendation: ITRecommendation, status: str, note: str, by, on: date | None = None
) -> ITRecommendation:
    """Change a recommendation's status; the note is added, dated and signed, never replaced."""
    if not note.strip():
        raise ValidationError({"note": _("Enter what has happened")})
    on = on or timezone.localdate()
    entry = f"{on:%d/%m/%Y} {by}: {note.strip()}"
    recommendation.status = status
    recommendation.update_notes = (
        f"{recommendation.update_notes}\n{entry}" if recommendation.update_notes else entry
    )
    recommendation.full_clean()
    recommendation.save()
    return recommendation


# --- Publications register ---------------------------------------------------------------------


def pdf_check(upload) -> bytes:
    """The upload's bytes if it is a readable PDF within the size limit, else ValidationError."""
    size = getattr(upload, "size", None)
    if size is not None and size > PDF_MAX_BYTES:
        raise ValidationError(_("The file must be smaller than %(mb)s MB") % _mb())
    data = upload.read(PDF_MAX_BYTES + 1)
    if len(data) > PDF_MAX_BYTES:
        raise ValidationError(_("The file must be smaller than %(mb)s MB") % _mb())
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("The electronic copy must be a PDF"))
    from pypdf import PdfReader

    try:
        pages = len(PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of error on a broken file
        raise ValidationError(_("The PDF could not be read: it may be damaged")) from None
    if pages == 0:
        raise ValidationError(_("The PDF has no pages"))
    return data


def _mb() -> dict:
    return {"mb": PDF_MAX_BYTES // (1024 * 1024)}


def _check_communications(user) -> None:
    if not user.has_perm("operations.issue_publication"):
        raise PermissionDenied(_("Only the communications unit issues and withdraws publications"))


@transaction.atomic
def publication_create(*, by, title: str, kind: str, service) -> Publication:
    _check_communications(by)
    publication = Publication(title=title, kind=kind, service=service)
    publication.full_clean()
    publication.save()
    return publication


def _withdraw(version: PublicationVersion, *, by) -> list[RemovalTask]:
    version.withdrawn_at = timezone.now()
    version.withdrawn_by = by
    version.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return RemovalTask.objects.bulk_create(
        [RemovalTask(version=version, site=site) for site in version.distribution_points.all()]
    )


@transaction.atomic
def publication_issue(
    *,
    by,
    publication: Publication,
    issued_on: date,
    review_on: date,
    formats: list[str],
    languages: str = "",
    document,
    distribution_points,
) -> PublicationVersion:
    """Issue a new version. The current one is withdrawn, with a removal task for each site
    that held its printed stock."""
    _check_communications(by)
    errors = {}
    if review_on <= issued_on:
        errors["review_on"] = _("The review date must be after the date of issue")
    if not formats:
        errors["formats"] = _("Select at least one format")
    if not distribution_points:
        errors["distribution_points"] = _("Select at least one distribution point")
    try:
        data = pdf_check(document)
    except ValidationError as error:
        errors["document"] = error.messages
    if errors:
        raise ValidationError(errors)
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    current = publication.versions.filter(withdrawn_at__isnull=True).first()
    if current is not None:
        _withdraw(current, by=by)
    last = publication.versions.order_by("-number").values_list("number", flat=True).first()
    version = PublicationVersion(
        publication=publication,
        number=(last or 0) + 1,
        issued_on=issued_on,
        review_on=review_on,
        formats=list(formats),
        languages=languages,
        issued_by=by,
        document_size=len(data),
    )
    version.document.save("copy.pdf", ContentFile(data), save=False)
    version.full_clean()
    version.save()
    version.distribution_points.set(distribution_points)
    return version


@transaction.atomic
def publication_withdraw(*, by, publication: Publication) -> list[RemovalTask]:
    """Withdraw the current version with no replacement; its stock is to be removed."""
    _check_communications(by)
    current = publication.versions.filter(withdrawn_at__isnull=True).first()
    if current is None:
        raise ValidationError(_("This publication has no current version"))
    return _withdraw(current, by=by)


def user_site(user):
    team = getattr(user, "team", None)
    return team.site if team is not None else None


@transaction.atomic
def removal_confirm(*, task: RemovalTask, by) -> RemovalTask:
    """A member of staff at the site confirms the obsolete stock has gone."""
    if not by.has_perm("operations.confirm_removal") or user_site(by) != task.site:
        raise PermissionDenied(_("Only staff at %(site)s can confirm this") % {"site": task.site})
    if task.confirmed_at is not None:
        raise ValidationError(_("This removal has already been confirmed"))
    task.confirmed_at = timezone.now()
    task.confirmed_by = by
    task.full_clean()
    task.save()
    return task


# --- Security at customer service centres ------------------------------------------------------


@transaction.atomic
def security_incident_record(
    *,
    recorded_by,
    site,
    occurred_at: datetime,
    kind: str,
    severity: str,
    staff_affected: int,
    police_involved: bool,
    description: str,
) -> SecurityIncident:
    if occurred_at > timezone.now():
        raise ValidationError({"occurred_at": _("The date and time must be in the past")})
    incident = SecurityIncident(
        recorded_by=recorded_by,
        site=site,
        occurred_at=occurred_at,
        kind=kind,
        severity=severity,
        staff_affected=staff_affected,
        police_involved=police_involved,
        description=description,
    )
    incident.full_clean()
    incident.save()
    return incident


@transaction.atomic
def visitor_count_record(*, site, month: date, visitors: int) -> VisitorCount:
    """Record (or correct) a centre's visitors for a month."""
    month = month.replace(day=1)
    count = VisitorCount.objects.filter(site=site, month=month).first() or VisitorCount(
        site=site, month=month
    )
    count.visitors = visitors
    count.full_clean()
    count.save()
    return count


@transaction.atomic
def security_assessment_record(
    *,
    assessed_by,
    site,
    period_start: date,
    period_end: date,
    risk: str,
    security_staff_needed: bool,
    recommendation: str,
    decision: str = "",
    decided_on: date | None = None,
) -> SecurityAssessment:
    """Record an assessment; the incident rate is computed from the records, never typed in."""
    from .selectors import incident_rate

    if period_end < period_start:
        raise ValidationError({"period_end": _("The end of the period must be after its start")})
    if decided_on and not decision.strip():
        raise ValidationError({"decision": _("Enter the decision")})
    rate = incident_rate(site=site, start=period_start, end=period_end)
    assessment = SecurityAssessment(
        assessed_by=assessed_by,
        site=site,
        period_start=period_start,
        period_end=period_end,
        incidents=rate["incidents"],
        visitors=rate["visitors"],
        incidents_per_thousand=rate["per_thousand"],
        risk=risk,
        security_staff_needed=security_staff_needed,
        recommendation=recommendation,
        decision=decision,
        decided_on=decided_on,
    )
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def security_assessment_decide(
    *, assessment: SecurityAssessment, decision: str, decided_on: date
) -> SecurityAssessment:
    if not decision.strip():
        raise ValidationError({"decision": _("Enter the decision")})
    assessment.decision, assessment.decided_on = decision, decided_on
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def safety_warning_add(*, customer, recorded_by, reason: str, review_on: date) -> SafetyWarning:
    """Warn staff about a customer until the review date."""
    if review_on <= timezone.localdate():
        raise ValidationError({"review_on": _("The review date must be in the future")})
    warning = SafetyWarning(
        customer=customer, recorded_by=recorded_by, reason=reason, review_on=review_on
    )
    warning.full_clean()
    warning.save()
    return warning


@transaction.atomic
def safety_warning_review(*, warning: SafetyWarning, reason: str, review_on: date) -> SafetyWarning:
    """Keep a warning for another period (reviving it if it had expired)."""
    if review_on <= timezone.localdate():
        raise ValidationError({"review_on": _("The review date must be in the future")})
    warning.reason, warning.review_on, warning.expired_at = reason, review_on, None
    warning.full_clean()
    warning.save()
    return warning


@transaction.atomic
def safety_warnings_expire(*, today: date | None = None) -> int:
    """Mark every warning whose review date has passed without review as expired."""
    today = today or timezone.localdate()
    expired = 0
    for warning in SafetyWarning.objects.filter(expired_at__isnull=True, review_on__lt=today):
        warning.expired_at = timezone.now()
        warning.save(update_fields=["expired_at"])  # one save each, so the history records it
        expired += 1
    return expired


def safety_warning_access_log(*, warnings, user) -> None:
    """Log that `user` saw each of `warnings`."""
    SafetyWarningAccess.objects.bulk_create(
        [SafetyWarningAccess(warning=w, viewed_by=user) for w in warnings]
    )
