"""Shared set-up for the Open311 tests: a reportable service with questions, keys, requests."""

import json
from xml.etree import ElementTree as ET

from apps.cases.models import Source
from apps.cases.services import service_request_raise
from apps.catalogue.models import ServiceAttribute
from apps.catalogue.tests.factories import ServiceFactory
from apps.customers.tests.factories import CustomerFactory
from apps.open311 import services

D = ServiceAttribute.Datatype
ROOT = "/open311/v2/"


def reportable_service(**fields):
    service = ServiceFactory(reportable=True, slug="missed-bin", name="Missed bin", **fields)
    ServiceAttribute.objects.create(
        service=service,
        code="bin-type",
        description="Which bin was missed?",
        datatype=D.SINGLEVALUELIST,
        required=True,
        order=1,
        values=[
            {"key": "recycling", "name": "Recycling bin"},
            {"key": "general", "name": "Black bin"},
        ],
    )
    ServiceAttribute.objects.create(
        service=service,
        code="bags",
        description="How many bags?",
        datatype=D.NUMBER,
        datatype_description="A whole number",
        order=2,
    )
    return service


def public_request(service, *, customer=None, source=Source.OPEN311, **fields):
    return service_request_raise(
        service=service,
        customer=customer,
        contact=None,
        description=fields.pop("description", "Bin left on the pavement"),
        raised_by=None,
        source=source,
        address=fields.pop("address", "1 High Street"),
        attributes=fields.pop("attributes", {"bin-type": "recycling"}),
        **fields,
    )


def issue_key(user, **fields):
    return services.api_key_issue(
        name=fields.pop("name", "Fix my street"), created_by=user, **fields
    )


def parse(response, fmt):
    """The response body: JSON as Python data, XML as an ElementTree root."""
    if fmt == "json":
        assert response["Content-Type"].startswith("application/json")
        return json.loads(response.content)
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)


def customer(**fields):
    return CustomerFactory(**fields)


# Every field of a GeoReport v2 request entry, in the specification's order.
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
