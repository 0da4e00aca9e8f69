"""Reads for Open311: the services clients may report, public request data, keys and tokens.

service_code is the catalogue Service.slug: stable, readable and already unique.
service_request_id is the request's reference (FP-2026-000123).
"""

import datetime
import uuid

from django.db import NotSupportedError
from django.db.models import CharField, F, FloatField, Func, QuerySet
from django.db.models.functions import Cast
from django.db.models.lookups import In

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
    # Only requests of services Open311 lists.
    return ServiceRequest.objects.filter(service__reportable=True, service__is_active=True)


class UTCSeconds(Func):
    """A timestamp as text in UTC to the second, 'YYYY-MM-DD HH:MM:SS', its fraction cut off
    as isoformat(timespec="seconds") cuts it. The database writes it, so no row goes through
    the driver's and Django's datetime conversion (in Python, for each timestamp)."""

    output_field = CharField()
    templates = {
        # to_char, unlike a cast to text, does not follow the server's DateStyle.
        "postgresql": "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
        # Django keeps an aware datetime in SQLite as this text, then any fraction, in the
        # database's time zone: UTC unless DATABASES sets another.
        "sqlite": "substr(%(expressions)s, 1, 19)",
    }

    def as_sql(self, compiler, connection, **extra):
        template = self.templates.get(connection.vendor)
        if template is None or (
            connection.vendor == "sqlite" and connection.timezone_name != "UTC"
        ):
            raise NotSupportedError(f"UTCSeconds is not written for this {connection.vendor}")
        return super().as_sql(compiler, connection, template=template, **extra)


class IdIn(In):
    """`In` a list of integer ids, given to PostgreSQL as one array ('{1,2,3}'): the driver
    quotes a thousand parameters, or a list, one value at a time, for longer than the
    database takes to run the query. Other databases get the plain `IN (...)`."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        array = "{%s}" % ",".join(str(int(value)) for value in self.rhs)
        db_type = self.lhs.output_field.db_type(connection)
        return f"{lhs} = ANY(%s::{db_type}[])", (*lhs_params, array)


# What a GeoReport v2 entry is made from (with _entry_expressions), and nothing more: never
# the customer, contact, assignee, internal notes or answers to the service's questions.
ENTRY_COLUMNS = (
    "pk",
    "reference",
    "status",
    "public_status_text",
    "source",
    "description",
    "service_id",
    "service__name",
    "service__slug",
    "service__sla_working_days",
    "department__name",
    "sla_due",
    "address",
    "uprn",
    "postcode",
)


def _entry_expressions() -> dict:
    # The times as UTC text and the coordinates as floats, written by the database: turning
    # each row's two datetimes and two Decimals into Python objects cost more than the rest
    # of the row, and the entry wants text and floats.
    return {
        "created": UTCSeconds("created_at"),
        "updated": UTCSeconds("updated_at"),
        "lat": Cast("latitude", FloatField()),
        "long": Cast("longitude", FloatField()),
    }


def _entry_rows(requests: QuerySet[ServiceRequest]) -> list[dict]:
    """The requests' ENTRY_COLUMNS as dicts, in the queryset's order, with `created` and
    `updated` (created_at and updated_at as UTC text, see UTCSeconds), `lat` and `long` (the
    coordinates as floats) and `photo`: the first photo approved for publication as
    (pk, content_type), or None. Two queries, however many requests."""
    rows = list(requests.values(*ENTRY_COLUMNS, **_entry_expressions()))
    first_photos: dict[int, tuple[int, str]] = {}
    if rows:
        # By the requests' ids, which the database finds in the photos' index on request_id
        # however many photos there are. With the requests again as a subquery PostgreSQL
        # read every approved photo instead: 20 ms at 250,000 requests, and growing.
        ids = [row["pk"] for row in rows]
        photos = _approved_photos().filter(IdIn(F("request_id"), ids))
        for request_id, pk, content_type in photos.values_list("request_id", "pk", "content_type"):
            first_photos.setdefault(request_id, (pk, content_type))
    for row in rows:
        row["photo"] = first_photos.get(row["pk"])
    return rows


def open311_request(*, service_request_id: str) -> dict | None:
    """The public columns of one request Open311 lists (see `_entry_rows`), or None."""
    rows = _entry_rows(_public_requests().filter(reference=service_request_id)[:1])
    return rows[0] if rows else None


def open311_request_list(
    *,
    service_request_ids: list[str] | None = None,
    service_codes: list[str] | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    statuses: list[str] | None = None,
) -> list[dict]:
    """At most 1000 public requests, newest first, as rows of their public columns (see
    `_entry_rows`). Requests by id override every other filter; otherwise only those raised
    between start and end (the view supplies the 90-day window)."""
    requests = _public_requests().order_by("-created_at", "-pk")
    if service_request_ids:
        return _entry_rows(requests.filter(reference__in=service_request_ids)[:MAX_REQUESTS])
    if service_codes:
        requests = requests.filter(service__slug__in=service_codes)
    if start is not None:
        requests = requests.filter(created_at__gte=start)
    if end is not None:
        requests = requests.filter(created_at__lte=end)
    if statuses:
        wanted = [s for name in statuses for s in STATUS_MAP[name]]
        requests = requests.filter(status__in=wanted)
    return _entry_rows(requests[:MAX_REQUESTS])


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
