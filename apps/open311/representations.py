"""The GeoReport v2 shape of our records: only what the public may read leaves here."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from apps.cases.models import ServiceRequest, ServiceRequestPhoto, Source
from apps.catalogue.attributes import service_questions
from apps.catalogue.models import Service
from apps.catalogue.selectors import lgsl_label

from .selectors import open311_status
from .services import service_notice

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-23T00:00:00+00:00"
FORMATS = ["text/xml", "application/json"]


def w3_datetime(value: datetime.datetime | None) -> str | None:
    """ISO 8601 with its offset, in Europe/London: 2026-11-23T14:05:00+00:00."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


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


def _expected(request: ServiceRequest) -> str | None:
    if request.sla_due is None:
        return None
    end_of_day = datetime.datetime.combine(request.sla_due, datetime.time(23, 59, 59))
    return w3_datetime(timezone.make_aware(end_of_day))


def media_path(photo: ServiceRequestPhoto) -> str:
    """Where anyone may fetch a photo approved for publication (the request's `media_url`)."""
    return reverse("open311:media", args=[photo.pk, photo.extension])


def request_entry(request: ServiceRequest, *, absolute) -> dict:
    """A request as the public may read it: no customer, officer or internal note. The
    description is given only for reports residents or apps made themselves (an advisor's
    note may name the caller)."""
    # The selector loads only photos approved for publication; the others stay with staff.
    photos = request.approved_photos
    return {
        "service_request_id": request.reference,
        "status": open311_status(request.status),
        "status_notes": request.public_status_text or None,
        "service_name": request.service.name,
        "service_code": request.service.slug,
        "description": request.description
        if request.source in (Source.PORTAL, Source.OPEN311)
        else None,
        "agency_responsible": request.department.name,
        "service_notice": service_notice(request.service) or None,
        "requested_datetime": w3_datetime(request.created_at),
        "updated_datetime": w3_datetime(request.updated_at),
        "expected_datetime": _expected(request),
        "address": request.address or None,
        "address_id": request.uprn or None,
        "zipcode": request.postcode or None,
        "lat": None if request.latitude is None else float(request.latitude),
        "long": None if request.longitude is None else float(request.longitude),
        "media_url": absolute(media_path(photos[0])) if photos else None,
    }
