"""The GeoReport v2 request entries, pinned field by field in JSON and XML.

The expected entries are written out by hand from the specification and our rules (local
W3C dates, nulls for blanks, the first photo approved for publication as media_url, the
description only for reports residents or apps made), so a faster way of building the list
or a single request cannot change a byte of what clients read.
"""

import datetime
import itertools
from xml.sax.saxutils import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.factories import DepartmentFactory, UserFactory
from apps.cases.models import ServiceRequest, ServiceRequestPhoto, Source, Status
from apps.catalogue.tests.factories import ServiceFactory
from apps.customers.tests.factories import CustomerFactory

from .helpers import REQUEST_FIELDS, ROOT, parse

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
WINDOW = {"start_date": "2026-10-01T00:00:00Z", "end_date": "2026-12-01T00:00:00Z"}
M = ServiceRequestPhoto.Moderation
_numbers = itertools.count(101)


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def make_request(service, *, created_at, updated_at=None, department=None, **fields):
    request = ServiceRequest.objects.create(
        reference=f"FP-2026-{next(_numbers):06d}",
        service=service,
        department=department or service.department,
        created_at=created_at,
        **fields,
    )
    # updated_at is auto_now: set it afterwards, as a later save would have left it.
    ServiceRequest.objects.filter(pk=request.pk).update(updated_at=updated_at or created_at)
    return request


def add_photo(request, moderation, *, uploaded_at, content_type="image/jpeg", moderator=None):
    decided = moderation != M.AWAITING
    photo = ServiceRequestPhoto.objects.create(
        request=request,
        image=f"request-photos/2026/11/{request.reference}.jpg",
        content_type=content_type,
        width=1,
        height=1,
        moderation=moderation,
        moderated_by=moderator if decided else None,
        moderated_at=uploaded_at if decided else None,
    )
    ServiceRequestPhoto.objects.filter(pk=photo.pk).update(uploaded_at=uploaded_at)
    return photo


def media(photo) -> str:
    return f"http://testserver/open311/v2/media/{photo.pk}.{photo.extension}"


def entry(**fields) -> dict:
    """A GeoReport v2 request entry: every field, in the specification's order."""
    keys = REQUEST_FIELDS
    assert set(fields) == set(keys)
    return {key: fields[key] for key in keys}


def xml_document(entries: list[dict]) -> bytes:
    """The XML a GeoReport v2 client reads for these entries: one <request> each, an empty
    element for a null or empty text, numbers as Python writes floats, text escaped, characters XML 1.0
    cannot hold left out."""
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    if not entries:
        return head + b"<service_requests />"
    out = ["<service_requests>"]
    for e in entries:
        out.append("<request>")
        for key, value in e.items():
            if value is None or value == "":
                out.append(f"<{key} />")
            else:
                text = escape(str(value).replace("\x0b", ""))
                out.append(f"<{key}>{text}</{key}>")
        out.append("</request>")
    out.append("</service_requests>")
    return head + "".join(out).encode("utf-8")


@pytest.fixture
def council():
    """Requests of every kind the list must show, and some it must not, with their entries."""
    moderator = UserFactory()
    waste = DepartmentFactory(name="Waste & Recycling", slug="waste")
    highways = DepartmentFactory(name="Highways", slug="highways")
    bins = ServiceFactory(
        reportable=True, slug="missed-bin", name="Missed bin", department=waste, sla_working_days=5
    )
    potholes = ServiceFactory(
        reportable=True,
        slug="pothole",
        name="Pothole <deep>",
        department=highways,
        sla_working_days=None,
    )
    council_tax = ServiceFactory(reportable=False, slug="council-tax", department=waste)
    withdrawn = ServiceFactory(reportable=True, is_active=False, slug="withdrawn")
    resident = CustomerFactory(first_name="Wilhelmina", last_name="Zebedee")

    # Open, from an app, with a location, an awaiting photo and two approved ones.
    bin_bst = make_request(
        bins,
        created_at=utc(2026, 10, 20, 13, 5),
        updated_at=utc(2026, 10, 21, 8, 0, 30),
        source=Source.OPEN311,
        status=Status.OPEN,
        description="Bin left on the pavement",
        address="1 High Street",
        uprn="100023336956",
        postcode="SW1A 1AA",
        latitude="51.500000",
        longitude="-0.120000",
        sla_due=datetime.date(2026, 10, 23),
        customer=resident,
        assignee=moderator,
        attributes={"bin-type": "Zebedee's bin"},
    )
    add_photo(bin_bst, M.AWAITING, uploaded_at=utc(2026, 10, 20, 13, 6))
    first_approved = add_photo(
        bin_bst, M.APPROVED, uploaded_at=utc(2026, 10, 20, 13, 7), moderator=moderator
    )
    add_photo(
        bin_bst,
        M.APPROVED,
        uploaded_at=utc(2026, 10, 20, 13, 8),
        content_type="image/png",
        moderator=moderator,
    )

    # In progress, reported online, no location; two photos approved at the same moment
    # (the lower pk wins), a rejected one before them.
    bin_gmt = make_request(
        bins,
        created_at=utc(2026, 11, 1, 0, 30),
        source=Source.PORTAL,
        status=Status.IN_PROGRESS,
        description="Bags\x0b split & scattered",
        public_status_text="Crew on the way",
        sla_due=datetime.date(2026, 11, 6),
    )
    add_photo(bin_gmt, M.REJECTED, uploaded_at=utc(2026, 11, 1, 0, 31), moderator=moderator)
    same_moment = utc(2026, 11, 1, 0, 32)
    png = add_photo(
        bin_gmt, M.APPROVED, uploaded_at=same_moment, content_type="image/png", moderator=moderator
    )
    add_photo(bin_gmt, M.APPROVED, uploaded_at=same_moment, moderator=moderator)

    # Resolved, raised by an advisor (the description may name the caller), the hour the
    # clocks went back, only a rejected photo, no due date.
    pothole_advisor = make_request(
        potholes,
        created_at=utc(2026, 10, 25, 0, 30),
        updated_at=utc(2026, 10, 25, 1, 30),
        source=Source.ADVISOR,
        status=Status.RESOLVED,
        description="Mrs Zebedee rang about it",
        public_status_text="Filled on Tuesday",
        address="Junction of Mill Lane",
        latitude="53.123456",
        longitude="-1.500000",
        customer=resident,
    )
    add_photo(
        pothole_advisor, M.REJECTED, uploaded_at=utc(2026, 10, 25, 0, 31), moderator=moderator
    )

    # Closed, from an app, handed to another department than the service's own.
    pothole_moved = make_request(
        potholes,
        department=waste,
        created_at=utc(2026, 11, 20, 10, 0),
        source=Source.OPEN311,
        status=Status.CLOSED,
        description="Hole by the bins",
        postcode="LS1 1UR",
    )

    # Rejected and assigned ones, one with an approved photo.
    bin_rejected = make_request(
        bins,
        created_at=utc(2026, 11, 15, 9, 0),
        source=Source.OPEN311,
        status=Status.REJECTED,
        description="Not ours",
        sla_due=datetime.date(2026, 11, 20),
    )
    rejected_photo = add_photo(
        bin_rejected, M.APPROVED, uploaded_at=utc(2026, 11, 15, 9, 1), moderator=moderator
    )
    bin_assigned = make_request(
        bins,
        created_at=utc(2026, 11, 15, 9, 0),  # same moment as the rejected one: pk breaks the tie
        source=Source.PORTAL,
        status=Status.ASSIGNED,
        description="",
        sla_due=datetime.date(2026, 11, 20),
    )

    # Never listed: an unreportable and a withdrawn service, even with approved photos.
    for hidden in (council_tax, withdrawn):
        secret = make_request(
            hidden,
            created_at=utc(2026, 11, 2, 12, 0),
            source=Source.OPEN311,
            description="Hidden",
        )
        add_photo(secret, M.APPROVED, uploaded_at=utc(2026, 11, 2, 12, 1), moderator=moderator)
    # Outside the window: found only by its id.
    old = make_request(
        bins,
        created_at=utc(2026, 9, 1, 12, 0),
        source=Source.OPEN311,
        description="Old one",
        sla_due=datetime.date(2026, 9, 8),
    )

    notice = "We aim to deal with this within 5 working days."
    expected = {
        "bin_bst": entry(
            service_request_id=bin_bst.reference,
            status="open",
            status_notes=None,
            service_name="Missed bin",
            service_code="missed-bin",
            description="Bin left on the pavement",
            agency_responsible="Waste & Recycling",
            service_notice=notice,
            requested_datetime="2026-10-20T14:05:00+01:00",
            updated_datetime="2026-10-21T09:00:30+01:00",
            expected_datetime="2026-10-23T23:59:59+01:00",
            address="1 High Street",
            address_id="100023336956",
            zipcode="SW1A 1AA",
            lat=51.5,
            long=-0.12,
            media_url=media(first_approved),
        ),
        "bin_gmt": entry(
            service_request_id=bin_gmt.reference,
            status="open",
            status_notes="Crew on the way",
            service_name="Missed bin",
            service_code="missed-bin",
            description="Bags\x0b split & scattered",
            agency_responsible="Waste & Recycling",
            service_notice=notice,
            requested_datetime="2026-11-01T00:30:00+00:00",
            updated_datetime="2026-11-01T00:30:00+00:00",
            expected_datetime="2026-11-06T23:59:59+00:00",
            address=None,
            address_id=None,
            zipcode=None,
            lat=None,
            long=None,
            media_url=media(png),
        ),
        "pothole_advisor": entry(
            service_request_id=pothole_advisor.reference,
            status="closed",
            status_notes="Filled on Tuesday",
            service_name="Pothole <deep>",
            service_code="pothole",
            description=None,
            agency_responsible="Highways",
            service_notice=None,
            requested_datetime="2026-10-25T01:30:00+01:00",
            updated_datetime="2026-10-25T01:30:00+00:00",
            expected_datetime=None,
            address="Junction of Mill Lane",
            address_id=None,
            zipcode=None,
            lat=53.123456,
            long=-1.5,
            media_url=None,
        ),
        "pothole_moved": entry(
            service_request_id=pothole_moved.reference,
            status="closed",
            status_notes=None,
            service_name="Pothole <deep>",
            service_code="pothole",
            description="Hole by the bins",
            agency_responsible="Waste & Recycling",
            service_notice=None,
            requested_datetime="2026-11-20T10:00:00+00:00",
            updated_datetime="2026-11-20T10:00:00+00:00",
            expected_datetime=None,
            address=None,
            address_id=None,
            zipcode="LS1 1UR",
            lat=None,
            long=None,
            media_url=None,
        ),
        "bin_rejected": entry(
            service_request_id=bin_rejected.reference,
            status="closed",
            status_notes=None,
            service_name="Missed bin",
            service_code="missed-bin",
            description="Not ours",
            agency_responsible="Waste & Recycling",
            service_notice=notice,
            requested_datetime="2026-11-15T09:00:00+00:00",
            updated_datetime="2026-11-15T09:00:00+00:00",
            expected_datetime="2026-11-20T23:59:59+00:00",
            address=None,
            address_id=None,
            zipcode=None,
            lat=None,
            long=None,
            media_url=media(rejected_photo),
        ),
        "bin_assigned": entry(
            service_request_id=bin_assigned.reference,
            status="open",
            status_notes=None,
            service_name="Missed bin",
            service_code="missed-bin",
            description="",
            agency_responsible="Waste & Recycling",
            service_notice=notice,
            requested_datetime="2026-11-15T09:00:00+00:00",
            updated_datetime="2026-11-15T09:00:00+00:00",
            expected_datetime="2026-11-20T23:59:59+00:00",
            address=None,
            address_id=None,
            zipcode=None,
            lat=None,
            long=None,
            media_url=None,
        ),
        "old": entry(
            service_request_id=old.reference,
            status="open",
            status_notes=None,
            service_name="Missed bin",
            service_code="missed-bin",
            description="Old one",
            agency_responsible="Waste & Recycling",
            service_notice=notice,
            requested_datetime="2026-09-01T13:00:00+01:00",
            updated_datetime="2026-09-01T13:00:00+01:00",
            expected_datetime="2026-09-08T23:59:59+01:00",
            address=None,
            address_id=None,
            zipcode=None,
            lat=None,
            long=None,
            media_url=None,
        ),
    }
    return expected


def listed(client, fmt, **params):
    response = client.get(f"{ROOT}requests.{fmt}", {**WINDOW, **params})
    assert response.status_code == 200
    return response


def test_the_list_in_json_is_exactly_the_georeport_entries(client, council):
    e = council
    newest_first = [
        e["pothole_moved"],
        e["bin_assigned"],
        e["bin_rejected"],
        e["bin_gmt"],
        e["pothole_advisor"],
        e["bin_bst"],
    ]
    body = parse(listed(client, "json"), "json")
    assert len(body) == len(newest_first)
    for got, want in zip(body, newest_first, strict=True):
        assert list(got) == list(want)
        for key, value in want.items():
            assert got[key] == value, (want["service_request_id"], key)
            assert type(got[key]) is type(value), (want["service_request_id"], key)


def test_the_list_in_xml_is_exactly_the_georeport_document(client, council):
    e = council
    newest_first = [
        e["pothole_moved"],
        e["bin_assigned"],
        e["bin_rejected"],
        e["bin_gmt"],
        e["pothole_advisor"],
        e["bin_bst"],
    ]
    response = listed(client, "xml")
    assert parse(response, "xml").tag == "service_requests"
    assert response.content == xml_document(newest_first)


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"service_code": "missed-bin", "status": "open"}, ["bin_assigned", "bin_gmt", "bin_bst"]),
        ({"status": "closed"}, ["pothole_moved", "bin_rejected", "pothole_advisor"]),
        ({"service_code": "pothole,council-tax"}, ["pothole_moved", "pothole_advisor"]),
        ({"service_code": "council-tax"}, []),
        ({"start_date": "2026-11-15T09:00:00Z"}, ["pothole_moved", "bin_assigned", "bin_rejected"]),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_filters_give_the_same_entries(client, council, params, names, fmt):
    if "start_date" in params:
        params = {**params, "end_date": "2026-12-01T00:00:00Z"}
    response = listed(client, fmt, **params)
    want = [council[name] for name in names]
    if fmt == "json":
        assert parse(response, fmt) == want
    else:
        assert response.content == xml_document(want)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_ids_override_the_window_and_skip_what_is_not_public(client, council, fmt):
    ids = ",".join([council["old"]["service_request_id"], council["bin_gmt"]["service_request_id"]])
    hidden = ServiceRequest.objects.filter(description="Hidden").values_list("reference", flat=True)
    response = client.get(f"{ROOT}requests.{fmt}", {"service_request_id": ",".join([ids, *hidden])})
    want = [council["bin_gmt"], council["old"]]
    if fmt == "json":
        assert parse(response, fmt) == want
    else:
        assert response.content == xml_document(want)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_each_request_on_its_own_is_the_same_entry(client, council, fmt):
    for name, want in council.items():
        response = client.get(f"{ROOT}requests/{want['service_request_id']}.{fmt}")
        assert response.status_code == 200, name
        if fmt == "json":
            assert parse(response, fmt) == [want], name
        else:
            assert response.content == xml_document([want]), name
    for hidden in ServiceRequest.objects.filter(description="Hidden"):
        assert client.get(f"{ROOT}requests/{hidden.reference}.{fmt}").status_code == 404


def test_the_list_costs_the_same_queries_for_3_requests_as_for_30(client):
    moderator = UserFactory()
    services = [ServiceFactory(reportable=True) for _ in range(3)]

    def add(n):
        for i in range(n):
            request = make_request(
                services[i % 3],
                created_at=utc(2026, 11, 1, 0, 0) + datetime.timedelta(minutes=i),
                source=Source.OPEN311,
                description="Bulk",
                sla_due=datetime.date(2026, 11, 6),
            )
            add_photo(request, M.APPROVED, uploaded_at=utc(2026, 11, 1, 1, 0), moderator=moderator)

    counts = []
    for n in (3, 27):
        add(n)
        with CaptureQueriesContext(connection) as captured:
            body = listed(client, "json").json()
        counts.append(len(captured.captured_queries))
        assert all(e["media_url"] for e in body)
    assert len(body) == 30
    assert counts[0] == counts[1]
    assert counts[1] <= 2  # the requests, then their first approved photos
