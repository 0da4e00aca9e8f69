"""Reads for Open311: the services clients may report, public request data, keys and tokens.

service_code is the catalogue Service.slug: stable, readable and already unique.
service_request_id is the request's reference (FP-2026-000123).
"""

import datetime
import uuid

from django.db.models import Prefetch, QuerySet

from apps.cases.models import OPEN_STATUSES, ServiceRequest, ServiceRequestPhoto, Status
from apps.catalogue.models import Service
from apps.catalogue.selectors import public_service_list

from .models import ApiKey, Token

MAX_REQUESTS = 1000
DEFAULT_WINDOW = datetime.timedelta(days=90)

# Our statuses as Open311's two.
CLOSED_STATUSES = (Status.RESOLVED, Status.CLOSED, Status.REJECTED)
STATUS_MAP = {"open": tuple(OPEN_STATUSES), "closed": CLOSED_STATUSES}


def open311_status(status: str) -> str:
    return "open" if status in OPEN_STATUSES else "closed"


def open311_services() -> QuerySet[Service]:
    """Services an Open311 client may report: offered and reportable, with their questions."""
    return public_service_list(reportable_only=True).prefetch_related("attributes")


def open311_service(*, service_code: str) -> Service | None:
    return open311_services().filter(slug=service_code).first()


def _approved_photos() -> QuerySet[ServiceRequestPhoto]:
    # Only photos approved for publication; the others are for staff alone.
    return ServiceRequestPhoto.objects.filter(
        moderation=ServiceRequestPhoto.Moderation.APPROVED
    ).order_by("uploaded_at", "pk")


def _public_requests() -> QuerySet[ServiceRequest]:
    # Only requests of services Open311 lists; never the customer, assignee or notes.
    return (
        ServiceRequest.objects.filter(service__reportable=True, service__is_active=True)
        .select_related("service", "department")
        .prefetch_related(
            Prefetch("photos", queryset=_approved_photos(), to_attr="approved_photos")
        )
        .defer("customer", "contact", "assignee", "raised_by", "attributes")
    )


def open311_request(*, service_request_id: str) -> ServiceRequest | None:
    return _public_requests().filter(reference=service_request_id).first()


def open311_request_list(
    *,
    service_request_ids: list[str] | None = None,
    service_codes: list[str] | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    statuses: list[str] | None = None,
) -> list[ServiceRequest]:
    """At most 1000 public requests, newest first. Requests by id override every other filter;
    otherwise only those raised between start and end (the view supplies the 90-day window)."""
    requests = _public_requests().order_by("-created_at", "-pk")
    if service_request_ids:
        return list(requests.filter(reference__in=service_request_ids)[:MAX_REQUESTS])
    if service_codes:
        requests = requests.filter(service__slug__in=service_codes)
    if start is not None:
        requests = requests.filter(created_at__gte=start)
    if end is not None:
        requests = requests.filter(created_at__lte=end)
    if statuses:
        wanted = [s for name in statuses for s in STATUS_MAP[name]]
        requests = requests.filter(status__in=wanted)
    return list(requests[:MAX_REQUESTS])


def api_key_list() -> QuerySet[ApiKey]:
    return ApiKey.objects.select_related("created_by").order_by("revoked_at", "name", "pk")


def api_key_by_prefix(*, prefix: str) -> ApiKey | None:
    return ApiKey.objects.filter(prefix=prefix).first()


def pending_tokens() -> QuerySet[Token]:
    return Token.objects.filter(status=Token.Status.PENDING).select_related("api_key")


def token_get(*, token: str) -> Token | None:
    try:
        value = uuid.UUID(str(token))
    except ValueError:
        return None
    return Token.objects.select_related("service_request").filter(token=value).first()


def approved_photo(*, pk: int) -> ServiceRequestPhoto | None:
    """A photo approved for publication, of a request Open311 lists; None for any other
    (awaiting moderation, rejected, or of a request Open311 does not show)."""
    return (
        _approved_photos()
        .filter(pk=pk, request__in=_public_requests().values("pk"))
        .only("image", "content_type")
        .first()
    )
