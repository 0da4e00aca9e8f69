"""The GeoReport v2 shape of our records: only what the public may read leaves here."""

import datetime
import functools

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.cases.models import ServiceRequestPhoto, Source
from apps.catalogue.attributes import service_questions
from apps.catalogue.models import Service
from apps.catalogue.selectors import lgsl_label

from .selectors import open311_status
from .services import service_notice

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-23T00:00:00+00:00"
FORMATS = ["text/xml", "application/json"]


def w3_datetime(value: datetime.datetime | None, tz: datetime.tzinfo | None = None) -> str | None:
    """ISO 8601 with its offset, in Europe/London (or tz): 2026-11-23T14:05:00+00:00."""
    if value is None:
        return None
    return timezone.localtime(value, tz).isoformat(timespec="seconds")


@functools.lru_cache(maxsize=4096)
def _utc_hour(hour: str, tz: datetime.tzinfo) -> tuple[str, str] | None:
    """What w3_datetime writes in tz for an hour in UTC ('YYYY-MM-DD HH'), less the minutes
    and seconds: the date and hour ('YYYY-MM-DDTHH') and the offset ('+01:00'). None unless
    tz is the same whole number of hours off UTC at the hour's first and last microsecond (no
    zone changes its offset twice in an hour), when every time in the hour has the same
    minutes and seconds in tz as in UTC."""
    start = datetime.datetime.fromisoformat(hour).replace(tzinfo=datetime.UTC)
    offset = start.astimezone(tz).utcoffset()
    end = start + datetime.timedelta(hours=1, microseconds=-1)
    if offset % datetime.timedelta(hours=1) or end.astimezone(tz).utcoffset() != offset:
        return None
    local = w3_datetime(start, tz)
    return local[:13], local[19:]


def w3_from_utc_text(text: str | None, tz: datetime.tzinfo) -> str | None:
    """w3_datetime in tz of a time written in UTC to the second ('YYYY-MM-DD HH:MM:SS', as
    the selectors' UTCSeconds writes it): worked out once an hour, not once a time."""
    if text is None:
        return None
    hour = _utc_hour(text[:13], tz)
    if hour is None:
        return w3_datetime(datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC), tz)
    return f"{hour[0]}{text[13:19]}{hour[1]}"


def discovery(*, url: str) -> dict:
    return {
        "changeset": CHANGESET,
        "contact": getattr(settings, "OPEN311_CONTACT", "")
        or getattr(settings, "DEFAULT_FROM_EMAIL", ""),
        "key_service": getattr(settings, "OPEN311_KEY_SERVICE", "")
        or "Ask the council's customer services for an api_key.",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": FORMATS,
            }
        ],
    }


def service_entry(service: Service) -> dict:
    return {
        "service_code": service.slug,
        "service_name": service.name,
        "description": service.summary,
        # The attributes are prefetched by the selector: no query per service.
        "metadata": bool(list(service.attributes.all())),
        "type": "realtime",
        "keywords": lgsl_label(service.lgsl_code),
        "group": service.department.name,
    }


def service_definition(service: Service) -> dict:
    return {
        "service_code": service.slug,
        "attributes": [
            {
                "variable": True,
                "code": question.code,
                "datatype": question.datatype,
                "required": question.required,
                "datatype_description": question.datatype_description or None,
                "order": question.order,
                "description": question.description,
                "values": [
                    {"key": str(value.get("key", "")), "name": str(value.get("name", ""))}
                    for value in (question.values or [])
                    if isinstance(value, dict)
                ]
                if question.is_list
                else [],
            }
            for question in service_questions(service=service)
        ],
    }


# Reports residents or apps made themselves; an advisor's note may name the caller.
PUBLIC_DESCRIPTION_SOURCES = (Source.PORTAL, Source.OPEN311)


def _expected(sla_due: datetime.date | None, tz: datetime.tzinfo) -> str | None:
    """The end of the day a request is due, in tz, as a W3C date and time."""
    if sla_due is None:
        return None
    return w3_datetime(datetime.datetime.combine(sla_due, datetime.time(23, 59, 59), tz), tz)


def media_path(photo: ServiceRequestPhoto) -> str:
    """Where anyone may fetch a photo approved for publication (the request's `media_url`)."""
    return reverse("open311:media", args=[photo.pk, photo.extension])


class _MediaUrls:
    """Absolute `media_url`s for many photos: the address is worked out once, as is each
    content type's extension, rather than once a photo."""

    def __init__(self, absolute):
        sample = ServiceRequestPhoto(pk=0, content_type="image/jpeg")
        address = absolute(media_path(sample))
        self.prefix = address.removesuffix(f"0.{sample.extension}")
        self.extensions: dict[str, str] = {}

    def __call__(self, pk: int, content_type: str) -> str:
        extension = self.extensions.get(content_type)
        if extension is None:
            extension = ServiceRequestPhoto(content_type=content_type).extension
            self.extensions[content_type] = extension
        return f"{self.prefix}{pk}.{extension}"


def request_entries(rows: list[dict], *, absolute) -> list[dict]:
    """Requests as the public may read them, from the selector's rows of public columns: no
    customer, officer or internal note. The description is given only for reports residents
    or apps made themselves (an advisor's note may name the caller).

    What is the same for every request of a service (name, code, notice) or every request
    due the same day is worked out once, and the local date and hour once an hour (see
    w3_from_utc_text)."""
    tz = timezone.get_current_timezone()
    media_url = _MediaUrls(absolute)
    services: dict[int, tuple[str, str, str | None]] = {}
    expected: dict[datetime.date | None, str | None] = {}
    entries = []
    for row in rows:
        service = services.get(row["service_id"])
        if service is None:
            # service_notice reads only the service's working days.
            days = Service(sla_working_days=row["service__sla_working_days"])
            service = (row["service__name"], row["service__slug"], service_notice(days) or None)
            services[row["service_id"]] = service
        due = row["sla_due"]
        if due not in expected:
            expected[due] = _expected(due, tz)
        photo = row["photo"]
        entries.append(
            {
                "service_request_id": row["reference"],
                "status": open311_status(row["status"]),
                "status_notes": row["public_status_text"] or None,
                "service_name": service[0],
                "service_code": service[1],
                "description": row["description"]
                if row["source"] in PUBLIC_DESCRIPTION_SOURCES
                else None,
                "agency_responsible": row["department__name"],
                "service_notice": service[2],
                "requested_datetime": w3_from_utc_text(row["created"], tz),
                "updated_datetime": w3_from_utc_text(row["updated"], tz),
                "expected_datetime": expected[due],
                "address": row["address"] or None,
                "address_id": row["uprn"] or None,
                "zipcode": row["postcode"] or None,
                "lat": row["lat"],
                "long": row["long"],
                "media_url": None if photo is None else media_url(*photo),
            }
        )
    return entries
