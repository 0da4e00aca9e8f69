"""Every write to service requests: raising, status changes, assignment, updates, breaches,
photos and their moderation."""

import datetime
import pathlib
import uuid
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.catalogue.attributes import attribute_answers_clean
from apps.core.calendar import add_working_days
from apps.core.images import NotAnImage, image_reencode
from apps.core.notifications import notify

from .models import (
    OPEN_STATUSES,
    ReferenceCounter,
    ServiceRequest,
    ServiceRequestPhoto,
    ServiceRequestUpdate,
    Source,
    Status,
)
from .signals import service_request_closed

# Where a request may go next from each status. Closed and rejected are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.OPEN: frozenset({Status.ASSIGNED, Status.IN_PROGRESS, Status.REJECTED}),
    Status.ASSIGNED: frozenset({Status.IN_PROGRESS, Status.RESOLVED, Status.REJECTED}),
    Status.IN_PROGRESS: frozenset({Status.RESOLVED, Status.REJECTED}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset(),
    Status.REJECTED: frozenset(),
}

BREACH_PURPOSE = "sla_breach"


class StaleEdit(ValidationError):
    """Somebody else changed the request after this officer opened it."""


def reference_format(year: int, number: int) -> str:
    return f"FP-{year}-{number:06d}"


def reference_numbers_reserve(*, year: int, count: int = 1) -> list[str]:
    """Issue `count` consecutive references for a year; the counter row is locked while
    issuing, so two requests never share a reference. Call inside a transaction."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    first = counter.last_number + 1
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    return [reference_format(year, n) for n in range(first, first + count)]


def sla_due_date(*, service, created_at: datetime.datetime) -> datetime.date | None:
    """The date a request is due: the service's SLA in working days after the local date it
    was raised, in the council's nation (None when the service has no SLA)."""
    if service.sla_working_days is None:
        return None
    nation = getattr(settings, "COUNCIL_NATION", "england-and-wales")
    return add_working_days(timezone.localdate(created_at), service.sla_working_days, nation)


def user_department_id(user) -> int | None:
    """The department a client service officer works for (through their team), if any."""
    if user is None or user.team_id is None:
        return None
    return user.team.department_id


def works_for_department(user, department_id: int | None) -> bool:
    """Whether someone may act on a department's work: they belong to no department (the
    front office and managers act for every one) or to this one."""
    own = user_department_id(user)
    return own is None or own == department_id


def _ensure_may_change(*, user, request: ServiceRequest) -> None:
    # Officers may read any request, but change only their own department's.
    if not works_for_department(user, request.department_id):
        raise PermissionDenied(
            _("Only %(department)s can change this request.") % {"department": request.department}
        )


def _lock(*, request: ServiceRequest, expected_version: int) -> ServiceRequest:
    locked = (
        ServiceRequest.objects.select_for_update().select_related("department").get(pk=request.pk)
    )
    if locked.version != expected_version:
        raise StaleEdit(
            _(
                "Somebody else changed this request while you were looking at it. "
                "Check what they did, then make your change again."
            ),
            code="stale",
        )
    return locked


def _write_update(**fields) -> ServiceRequestUpdate:
    update = ServiceRequestUpdate(**fields)
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def service_request_raise(
    *,
    service,
    customer,
    contact,
    description: str,
    raised_by: User | None,
    address: str = "",
    uprn: str = "",
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
    source: str = Source.ADVISOR,
    created_at: datetime.datetime | None = None,
    postcode: str = "",
    attributes: dict | None = None,
) -> ServiceRequest:
    """Raise a request for the service's department with a new unique reference and its SLA
    due date counted in working days from the local date it was raised.

    Answers to the service's own questions are checked against their definitions
    (catalogue.attributes), so every way in holds reports to the same rules.
    """
    if (latitude is None) != (longitude is None):
        raise ValidationError(
            _("Enter both latitude and longitude, or neither"), code="coordinates"
        )
    # Residents and apps must answer the required questions; the log-a-contact page does
    # not ask them yet, so an advisor's request is checked only for what it does answer.
    answers = attribute_answers_clean(
        service=service, answers=attributes or {}, require=source != Source.ADVISOR
    )
    created_at = created_at or timezone.now()
    request = ServiceRequest(
        service=service,
        customer=customer,
        contact=contact,
        description=(description or "").strip(),
        raised_by=raised_by,
        address=address,
        uprn=uprn,
        postcode=postcode,
        attributes=answers,
        latitude=None if latitude is None else Decimal(str(latitude)).quantize(Decimal("0.000001")),
        longitude=(
            None if longitude is None else Decimal(str(longitude)).quantize(Decimal("0.000001"))
        ),
        source=source,
        status=Status.OPEN,
        department_id=service.department_id,
        sla_due=sla_due_date(service=service, created_at=created_at),
        created_at=created_at,
        version=1,
    )
    request.reference = "pending"
    request.full_clean(exclude=["reference"])
    (request.reference,) = reference_numbers_reserve(
        year=timezone.localdate(created_at).year, count=1
    )
    request.save()
    _write_update(
        request=request,
        author=raised_by,
        text=_("We have received your request."),
        is_public=True,
        status_to=Status.OPEN,
    )
    return request


@transaction.atomic
def service_request_change_status(
    *,
    request: ServiceRequest,
    expected_version: int,
    changed_by: User | None,
    status: str,
    public_text: str = "",
    note: str = "",
) -> ServiceRequest:
    """Move a request along an allowed transition, recording who, from, to and (when given)
    what the resident is told; a rejection must tell the resident why."""
    _ensure_may_change(user=changed_by, request=request)
    locked = _lock(request=request, expected_version=expected_version)
    public_text, note = (public_text or "").strip(), (note or "").strip()
    previous = locked.status
    if status not in TRANSITIONS.get(previous, ()):
        raise ValidationError(
            _("A request that is %(from)s cannot be made %(to)s")
            % {
                "from": Status(previous).label.lower(),
                "to": Status(status).label.lower() if status in Status.values else status,
            },
            code="transition",
        )
    if status == Status.REJECTED and not public_text:
        raise ValidationError(
            {"public_text": _("Tell the resident why the request is rejected")}, code="required"
        )
    now = timezone.now()
    locked.status = status
    if public_text:
        locked.public_status_text = public_text
    if status == Status.RESOLVED:
        locked.resolved_at = now
    elif status == Status.IN_PROGRESS and previous == Status.RESOLVED:
        locked.resolved_at = None
    if status == Status.CLOSED:
        locked.closed_at = now
    locked.version += 1
    locked.full_clean()
    locked.save()
    _write_update(
        request=locked,
        author=changed_by,
        text=public_text
        or _("Status changed from %(from)s to %(to)s")
        % {"from": Status(previous).label, "to": Status(status).label},
        is_public=bool(public_text),
        status_from=previous,
        status_to=status,
    )
    if note:
        _write_update(request=locked, author=changed_by, text=note, is_public=False)
    if status == Status.CLOSED:
        service_request_closed.send(sender=ServiceRequest, request=locked)
    return locked


@transaction.atomic
def service_request_assign(
    *,
    request: ServiceRequest,
    expected_version: int,
    assignee: User,
    changed_by: User | None,
) -> ServiceRequest:
    """Give an open request to an active officer of its own department; an open request
    becomes assigned."""
    _ensure_may_change(user=changed_by, request=request)
    locked = _lock(request=request, expected_version=expected_version)
    if locked.status not in OPEN_STATUSES:
        raise ValidationError(
            _("A request that is %(status)s cannot be assigned")
            % {"status": Status(locked.status).label.lower()},
            code="not_open",
        )
    if (
        assignee is None
        or not assignee.is_active
        or user_department_id(assignee) != locked.department_id
    ):
        raise ValidationError(
            {"assignee": _("Choose someone in %(department)s") % {"department": locked.department}},
            code="wrong_department",
        )
    previous = locked.status
    locked.assignee = assignee
    if previous == Status.OPEN:
        locked.status = Status.ASSIGNED
    locked.version += 1
    locked.full_clean()
    locked.save()
    _write_update(
        request=locked,
        author=changed_by,
        text=_("Assigned to %(name)s") % {"name": assignee},
        is_public=False,
        status_from=previous if previous != locked.status else "",
        status_to=locked.status if previous != locked.status else "",
    )
    return locked


@transaction.atomic
def service_request_add_update(
    *, request: ServiceRequest, author: User | None, text: str, is_public: bool
) -> ServiceRequestUpdate:
    """Add a note to a request: public ones the resident sees, internal ones they never do."""
    _ensure_may_change(user=author, request=request)
    return _write_update(
        request=request, author=author, text=(text or "").strip(), is_public=is_public
    )


def _breach_message(department, requests: list[ServiceRequest]) -> tuple[str, str]:
    subject = _("%(count)s service requests have passed their due date") % {"count": len(requests)}
    if len(requests) == 1:
        subject = _("A service request has passed its due date")
    lines = [
        _("These requests for %(department)s have passed their SLA due date:")
        % {"department": department},
        "",
    ]
    for item in requests:
        lines.append(
            _("%(reference)s: %(service)s, due %(due)s (%(status)s)")
            % {
                "reference": item.reference,
                "service": item.service.name,
                "due": f"{item.sla_due.day} {item.sla_due:%B %Y}",
                "status": Status(item.status).label,
            }
        )
    return subject, "\n".join(lines)


@transaction.atomic
def service_requests_mark_breaches(*, today: datetime.date | None = None) -> int:
    """Mark each open request past its due date as breached, once, and send each department
    one message listing its newly breached requests. Returns how many were marked."""
    today = today or timezone.localdate()
    newly = list(
        ServiceRequest.objects.select_for_update(of=("self",))
        .filter(status__in=OPEN_STATUSES, sla_due__lt=today, breached_at__isnull=True)
        .select_related("department", "service")
        .order_by("department_id", "sla_due", "reference")
    )
    if not newly:
        return 0
    now = timezone.now()
    ServiceRequest.objects.filter(pk__in=[r.pk for r in newly]).update(breached_at=now)
    by_department: dict[int, list[ServiceRequest]] = defaultdict(list)
    for item in newly:
        by_department[item.department_id].append(item)
    for items in by_department.values():
        department = items[0].department
        if not department.email:
            continue
        subject, body = _breach_message(department, items)
        notify(
            channel="email",
            to=department.email,
            subject=subject,
            body=body,
            purpose=BREACH_PURPOSE,
        )
    return len(newly)


@transaction.atomic
def service_request_photo_add(
    *, request: ServiceRequest, image_bytes: bytes, filename: str
) -> ServiceRequestPhoto:
    """Attach a photo to a request only if it really is a JPEG, PNG or WebP image within
    settings.PHOTO_MAX_BYTES; it is re-encoded (at most 2000 pixels a side) so no camera,
    location or other metadata is ever stored."""
    not_a_photo = ValidationError(
        _("The photo must be a JPG, PNG or WebP image"), code="not_an_image"
    )
    if len(image_bytes) > getattr(settings, "PHOTO_MAX_BYTES", 10 * 1024 * 1024):
        raise ValidationError(_("The photo is too big"), code="too_big")
    try:
        clean_bytes, content_type, width, height = image_reencode(image_bytes)
    except NotAnImage:
        raise not_a_photo from None
    # The stored name is ours; the resident's file name is never used as a path.
    stem = pathlib.PurePath(filename or "photo").stem[:40] or "photo"
    safe_stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)
    photo = ServiceRequestPhoto(
        request=request, content_type=content_type, width=width, height=height
    )
    photo.image.save(
        f"{request.reference}-{uuid.uuid4().hex[:8]}-{safe_stem}.{photo.extension}",
        ContentFile(clean_bytes),
        save=False,
    )
    photo.full_clean()
    photo.save()
    return photo


def may_moderate_photos(*, user, request: ServiceRequest) -> bool:
    """Whether someone may approve or reject a request's photos: they hold the permission
    and, if they work for a department, it is the request's own."""
    if user is None or not user.has_perm("cases.moderate_servicerequestphoto"):
        return False
    return works_for_department(user, request.department_id)


def _photo_moderate(
    *, photo: ServiceRequestPhoto, moderation: str, moderated_by: User, note: str
) -> ServiceRequestPhoto:
    if not may_moderate_photos(user=moderated_by, request=photo.request):
        raise PermissionDenied(
            _("Only someone who works this request can approve or reject its photos.")
        )
    locked = ServiceRequestPhoto.objects.select_for_update().get(pk=photo.pk)
    if locked.moderation == moderation:
        return locked  # somebody decided the same already: theirs is the decision on record
    locked.moderation = moderation
    locked.moderated_by = moderated_by
    locked.moderated_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=["moderation", "moderated_by", "moderated_at"])
    # The photo keeps only the latest decision; the request's notes keep every one.
    _write_update(request=photo.request, author=moderated_by, text=note, is_public=False)
    return locked


@transaction.atomic
def service_request_photo_approve(
    *, photo: ServiceRequestPhoto, approved_by: User
) -> ServiceRequestPhoto:
    """Approve a report's photo for publication, recording who and when: from then on Open311
    gives it as the request's `media_url` and serves it to anyone. Only someone who may
    moderate the request's photos may; a rejected photo may be approved later."""
    return _photo_moderate(
        photo=photo,
        moderation=ServiceRequestPhoto.Moderation.APPROVED,
        moderated_by=approved_by,
        note=_("Photo approved for publication: anyone can see it through Open311."),
    )


@transaction.atomic
def service_request_photo_reject(
    *, photo: ServiceRequestPhoto, rejected_by: User
) -> ServiceRequestPhoto:
    """Reject a report's photo for publication, recording who and when: only staff who may
    see the request see it, and Open311 stops serving it at once if it was approved."""
    return _photo_moderate(
        photo=photo,
        moderation=ServiceRequestPhoto.Moderation.REJECTED,
        moderated_by=rejected_by,
        note=_("Photo rejected for publication: only staff can see it."),
    )
