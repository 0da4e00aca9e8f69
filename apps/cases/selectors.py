"""Reads of service requests: department queues, SLA lists, the resident's view, compliance."""

import datetime

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from apps.core.calendar import add_working_days

from .models import (
    OPEN_STATUSES,
    ServiceRequest,
    ServiceRequestPhoto,
    ServiceRequestUpdate,
    Status,
)
from .services import user_department_id

DUE_SOON_WORKING_DAYS = 2


def _nation() -> str:
    return getattr(settings, "COUNCIL_NATION", "england-and-wales")


def _listed() -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.select_related("service", "department", "customer", "assignee")


def _search(requests: QuerySet[ServiceRequest], search: str) -> QuerySet[ServiceRequest]:
    search = (search or "").strip()
    if not search:
        return requests
    match = (
        Q(reference__iexact=search)
        | Q(reference__icontains=search)
        | Q(description__icontains=search)
        | Q(address__icontains=search)
        | Q(uprn=search)
        | Q(customer__last_name__icontains=search)
        | Q(customer__business_name__icontains=search)
        | Q(service__name__icontains=search)
    )
    return requests.filter(match)


def queue_department(*, user, department=None):
    """The department a user's lists show: an officer's own, else the one they filtered on."""
    own = user_department_id(user)
    if own is not None:
        return own
    return department.pk if department is not None else None


def department_queue(*, user, department=None, status=None, search: str = ""):
    """The requests a user works: a client service officer sees their team's department only;
    others (managers) see every department, optionally filtered. Open ones unless a status
    is chosen; soonest due first."""
    requests = _listed()
    department_id = queue_department(user=user, department=department)
    if department_id is not None:
        requests = requests.filter(department_id=department_id)
    if status:
        requests = requests.filter(status=status)
    else:
        requests = requests.filter(status__in=OPEN_STATUSES)
    return _search(requests, search).order_by(F("sla_due").asc(nulls_last=True), "created_at")


def due_soon(*, department=None, today: datetime.date | None = None):
    """Open requests not yet overdue but due within the next two working days."""
    today = today or timezone.localdate()
    horizon = add_working_days(today, DUE_SOON_WORKING_DAYS, _nation())
    requests = _listed().filter(
        status__in=OPEN_STATUSES,
        sla_due__gte=today,
        sla_due__lte=horizon,
        breached_at__isnull=True,
    )
    if department is not None:
        requests = requests.filter(department=department)
    return requests.order_by("sla_due", "created_at")


def breached(*, department=None, today: datetime.date | None = None):
    """Open requests past their due date, or already marked as breached."""
    today = today or timezone.localdate()
    requests = (
        _listed()
        .filter(status__in=OPEN_STATUSES)
        .filter(Q(sla_due__lt=today) | Q(breached_at__isnull=False))
    )
    if department is not None:
        requests = requests.filter(department=department)
    return requests.order_by("sla_due", "created_at")


def open_requests_for_customer(*, customer):
    """A customer's requests that are still being worked, newest first."""
    return _listed().filter(customer=customer, status__in=OPEN_STATUSES).order_by("-created_at")


def _postcode_key(value: str) -> str:
    return "".join((value or "").split()).upper()


def request_for_resident(*, reference: str, email_or_postcode: str) -> ServiceRequest | None:
    """The request a resident may track: only when the reference is theirs, proved by the
    customer's email (any case) or postcode (ignoring spaces and case); else None."""
    reference = (reference or "").strip().upper()
    proof = (email_or_postcode or "").strip()
    if not reference or not proof:
        return None
    request = (
        ServiceRequest.objects.select_related("service", "customer", "department")
        .filter(reference=reference)
        .first()
    )
    if request is None or request.customer is None:
        return None
    customer = request.customer
    if customer.email and customer.email.strip().lower() == proof.lower():
        return request
    if customer.postcode and _postcode_key(customer.postcode) == _postcode_key(proof):
        return request
    return None


def public_updates(*, request: ServiceRequest) -> QuerySet[ServiceRequestUpdate]:
    """The updates a resident may read; internal notes are never among them."""
    return ServiceRequestUpdate.objects.filter(request=request, is_public=True).order_by(
        "created_at", "pk"
    )


def request_detail(*, reference: str) -> ServiceRequest | None:
    """One request for its staff page, with everything the page shows loaded."""
    return (
        ServiceRequest.objects.select_related(
            "service", "department", "customer", "assignee", "raised_by", "contact"
        )
        .prefetch_related(
            "updates__author",
            Prefetch("photos", queryset=ServiceRequestPhoto.objects.select_related("moderated_by")),
        )
        .filter(reference=reference)
        .first()
    )


def request_photo(*, reference: str, pk: int) -> ServiceRequestPhoto | None:
    """One photo of the request with this reference (None if the photo belongs to another
    request, so a reference someone may see never opens another request's photo)."""
    return ServiceRequestPhoto.objects.filter(request__reference=reference, pk=pk).first()


def _compliance_counts(today: datetime.date) -> dict:
    met = Q(resolved_at__isnull=False, resolved_on__lte=F("sla_due"))
    missed = Q(resolved_at__isnull=False, resolved_on__gt=F("sla_due")) | Q(
        resolved_at__isnull=True, status__in=OPEN_STATUSES, sla_due__lt=today
    )
    return {
        "total": Count("pk"),
        "met": Count("pk", filter=met),
        "missed": Count("pk", filter=missed),
        "open": Count("pk", filter=Q(status__in=OPEN_STATUSES)),
    }


def _percent(met: int, missed: int) -> float | None:
    return round(100 * met / (met + missed), 1) if met + missed else None


def sla_compliance(*, date_from: datetime.date, date_to: datetime.date) -> dict:
    """How many requests raised between two local dates (inclusive) that have an SLA were
    resolved by their due date, overall and per department. Rejected requests are not
    measured; open ones count as missed once they are overdue."""
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.datetime.combine(date_from, datetime.time.min), tz)
    end = timezone.make_aware(
        datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min), tz
    )
    measured = (
        ServiceRequest.objects.filter(created_at__gte=start, created_at__lt=end)
        .exclude(sla_due__isnull=True)
        .exclude(status=Status.REJECTED)
        .annotate(resolved_on=TruncDate("resolved_at", tzinfo=tz))
    )
    counts = _compliance_counts(today)
    overall = measured.aggregate(**counts)
    rows = []
    for row in measured.values("department__name").annotate(**counts).order_by("department__name"):
        rows.append(
            {
                "department": row["department__name"],
                "total": row["total"],
                "met": row["met"],
                "missed": row["missed"],
                "open": row["open"],
                "percent": _percent(row["met"], row["missed"]),
            }
        )
    return {
        "date_from": date_from,
        "date_to": date_to,
        **overall,
        "percent": _percent(overall["met"], overall["missed"]),
        "by_department": rows,
    }


# Complaints figures other areas read (the performance dashboard).
from .complaint_selectors import complaints_timeliness_percent  # noqa: E402, F401
