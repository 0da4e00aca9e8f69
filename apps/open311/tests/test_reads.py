"""GeoReport v2 reads in both formats: discovery, services, definitions, requests, errors."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.cases.models import ServiceRequest, ServiceRequestPhoto, Source, Status
from apps.catalogue.tests.factories import ServiceFactory
from apps.open311.selectors import MAX_REQUESTS

from .helpers import REQUEST_FIELDS, ROOT, customer, parse, public_request, reportable_service

pytestmark = pytest.mark.django_db
FORMATS = ["json", "xml"]


@pytest.fixture
def service():
    return reportable_service(sla_working_days=5)


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_lists_the_endpoint_and_its_formats(client, fmt):
    body = parse(client.get(f"{ROOT}discovery.{fmt}"), fmt)
    if fmt == "json":
        endpoint = body["endpoints"][0]
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint["url"] == "http://testserver/open311/v2"
        assert endpoint["formats"] == ["text/xml", "application/json"]
        assert {"changeset", "contact", "key_service"} <= set(body)
    else:
        assert body.tag == "discovery"
        endpoint = body.find("endpoints/endpoint")
        assert endpoint.findtext("type") == "production"
        assert [f.text for f in endpoint.findall("formats/format")] == [
            "text/xml",
            "application/json",
        ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_services_lists_only_offered_reportable_services(client, service, fmt):
    ServiceFactory(reportable=False, name="Council tax")
    ServiceFactory(reportable=True, is_active=False, name="Withdrawn")
    body = parse(client.get(f"{ROOT}services.{fmt}"), fmt)
    if fmt == "json":
        assert body == [
            {
                "service_code": "missed-bin",
                "service_name": "Missed bin",
                "description": service.summary,
                "metadata": True,
                "type": "realtime",
                "keywords": body[0]["keywords"],
                "group": service.department.name,
            }
        ]
    else:
        assert body.tag == "services"
        (entry,) = body.findall("service")
        assert [child.tag for child in entry] == [
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        ]
        assert entry.findtext("metadata") == "true"
        assert entry.findtext("group") == service.department.name


def test_services_list_is_not_n_plus_1(client, django_assert_max_num_queries):
    for n in range(5):
        reportable_service_n = ServiceFactory(reportable=True)
        reportable_service_n.attributes.create(code=f"q{n}", description="Q", datatype="string")
    with django_assert_max_num_queries(3):
        assert client.get(f"{ROOT}services.json").status_code == 200


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition_gives_attributes_and_values(client, service, fmt):
    body = parse(client.get(f"{ROOT}services/missed-bin.{fmt}"), fmt)
    if fmt == "json":
        assert body["service_code"] == "missed-bin"
        first, second = body["attributes"]
        assert first == {
            "variable": True,
            "code": "bin-type",
            "datatype": "singlevaluelist",
            "required": True,
            "datatype_description": None,
            "order": 1,
            "description": "Which bin was missed?",
            "values": [
                {"key": "recycling", "name": "Recycling bin"},
                {"key": "general", "name": "Black bin"},
            ],
        }
        assert second["datatype"] == "number" and second["required"] is False
    else:
        assert body.tag == "service_definition"
        assert body.findtext("service_code") == "missed-bin"
        attribute = body.find("attributes/attribute")
        assert attribute.findtext("code") == "bin-type"
        assert attribute.findtext("required") == "true"
        assert attribute.findtext("variable") == "true"
        values = attribute.findall("values/value")
        assert [(v.findtext("key"), v.findtext("name")) for v in values] == [
            ("recycling", "Recycling bin"),
            ("general", "Black bin"),
        ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_or_unreportable_service_is_a_404_in_the_spec_format(client, fmt):
    ServiceFactory(reportable=False, slug="council-tax")
    for code in ("nothing-here", "council-tax"):
        response = client.get(f"{ROOT}services/{code}.{fmt}")
        assert response.status_code == 404
        body = parse(response, fmt)
        if fmt == "json":
            assert body == [{"code": 404, "description": "service_code not found"}]
        else:
            assert body.tag == "errors"
            assert body.find("error").findtext("code") == "404"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_wrong_jurisdiction_is_refused_on_every_call(client, service, fmt, settings):
    public_request(service)
    token_url = f"{ROOT}tokens/8a0f7f2e-5b1c-4d2a-9a3b-1c2d3e4f5a6b.{fmt}"
    for url in (
        f"{ROOT}discovery.{fmt}",
        f"{ROOT}services.{fmt}",
        f"{ROOT}services/missed-bin.{fmt}",
        f"{ROOT}requests.{fmt}",
        f"{ROOT}requests/{ServiceRequest.objects.get().reference}.{fmt}",
        token_url,
    ):
        response = client.get(url, {"jurisdiction_id": "elsewhere.example"})
        assert response.status_code == 404, url
        body = parse(response, fmt)
        text = body[0]["description"] if fmt == "json" else body.find("error/description").text
        assert text == "jurisdiction_id not found"
    ok = client.get(f"{ROOT}services.{fmt}", {"jurisdiction_id": settings.OPEN311_JURISDICTION_ID})
    assert ok.status_code == 200
    posted = client.post(f"{ROOT}requests.{fmt}", {"jurisdiction_id": "elsewhere.example"})
    assert posted.status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_request_in_both_formats_with_local_dates(client, service, fmt, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    created = timezone.make_aware(datetime.datetime(2026, 7, 1, 14, 5))  # BST
    request = public_request(
        service,
        created_at=timezone.now() - datetime.timedelta(days=1),
        latitude=51.5,
        longitude=-0.12,
        uprn="100023336956",
        postcode="SW1A 1AA",
    )
    ServiceRequest.objects.filter(pk=request.pk).update(created_at=created)
    # Approved for publication: only such a photo becomes the request's media_url.
    photo = ServiceRequestPhoto(
        request=request,
        content_type="image/jpeg",
        width=1,
        height=1,
        moderation=ServiceRequestPhoto.Moderation.APPROVED,
        moderated_by=UserFactory(),
        moderated_at=timezone.now(),
    )
    photo.image.save("a.jpg", ContentFile(b"x"))
    body = parse(client.get(f"{ROOT}requests/{request.reference}.{fmt}"), fmt)
    if fmt == "json":
        (entry,) = body
        assert list(entry) == REQUEST_FIELDS
    else:
        assert body.tag == "service_requests"
        (element,) = body.findall("request")
        assert [child.tag for child in element] == REQUEST_FIELDS
        entry = {child.tag: child.text for child in element}
    assert entry["service_request_id"] == request.reference
    assert entry["status"] == "open"
    assert entry["requested_datetime"] == "2026-07-01T14:05:00+01:00"
    assert entry["agency_responsible"] == service.department.name
    assert entry["address_id"] == "100023336956"
    assert entry["zipcode"] == "SW1A 1AA"
    assert str(entry["lat"]) == "51.5" and str(entry["long"]) == "-0.12"
    assert entry["expected_datetime"].endswith("T23:59:59+01:00") or entry[
        "expected_datetime"
    ].endswith("T23:59:59+00:00")
    assert entry["media_url"] == f"http://testserver/open311/v2/media/{photo.pk}.jpg"
    assert entry["service_notice"] == "We aim to deal with this within 5 working days."


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_request_is_a_404(client, fmt):
    response = client.get(f"{ROOT}requests/FP-2026-999999.{fmt}")
    assert response.status_code == 404
    assert "service_request_id not found" in response.content.decode()


def test_status_maps_to_open_and_closed_and_filters(client, service):
    open_one = public_request(service)
    closed = public_request(service)
    ServiceRequest.objects.filter(pk=closed.pk).update(
        status=Status.REJECTED, public_status_text="Not our bin"
    )
    everything = client.get(f"{ROOT}requests.json").json()
    by_id = {e["service_request_id"]: e for e in everything}
    assert by_id[open_one.reference]["status"] == "open"
    assert by_id[closed.reference]["status"] == "closed"
    assert by_id[closed.reference]["status_notes"] == "Not our bin"
    only_closed = client.get(f"{ROOT}requests.json", {"status": "closed"}).json()
    assert [e["service_request_id"] for e in only_closed] == [closed.reference]
    both = client.get(f"{ROOT}requests.json", {"status": "open,closed"}).json()
    assert len(both) == 2
    assert client.get(f"{ROOT}requests.json", {"status": "pending"}).status_code == 400


def test_filters_by_ids_and_service_code(client, service):
    other = ServiceFactory(reportable=True, slug="graffiti")
    a, b = public_request(service), public_request(service)
    c = public_request(other, attributes={})
    ids = client.get(f"{ROOT}requests.json", {"service_request_id": f"{a.reference},{c.reference}"})
    assert {e["service_request_id"] for e in ids.json()} == {a.reference, c.reference}
    by_code = client.get(f"{ROOT}requests.json", {"service_code": "missed-bin"}).json()
    assert {e["service_request_id"] for e in by_code} == {a.reference, b.reference}


def test_the_default_window_is_the_last_90_days(client, service):
    recent = public_request(service)
    old = public_request(service)
    ServiceRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=91)
    )
    found = [e["service_request_id"] for e in client.get(f"{ROOT}requests.json").json()]
    assert found == [recent.reference]
    # An explicit window reaches the older one; an id always does.
    start = (timezone.now() - datetime.timedelta(days=100)).isoformat()
    end = (timezone.now() - datetime.timedelta(days=20)).isoformat()
    window = client.get(f"{ROOT}requests.json", {"start_date": start, "end_date": end}).json()
    assert [e["service_request_id"] for e in window] == [old.reference]
    by_id = client.get(f"{ROOT}requests.json", {"service_request_id": old.reference}).json()
    assert [e["service_request_id"] for e in by_id] == [old.reference]


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "yesterday"},
        {"end_date": "2026-13-45T99:00:00Z"},
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
        {"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"start_date": "9999-12-31T00:00:00Z"},
        {"end_date": "0001-01-01T00:00:00Z"},
    ],
)
def test_bad_dates_are_a_400(client, params):
    response = client.get(f"{ROOT}requests.xml", params)
    assert response.status_code == 400
    assert parse(response, "xml").find("error").findtext("code") == "400"


def test_an_unencoded_plus_in_a_date_is_understood(client, service):
    public_request(service)
    start = (timezone.localtime() - datetime.timedelta(days=1)).isoformat(timespec="seconds")
    response = client.get(f"{ROOT}requests.json?start_date={start}")  # '+' arrives as ' '
    assert response.status_code == 200 and len(response.json()) == 1


def test_at_most_1000_requests_are_returned(client, service, django_assert_max_num_queries):
    now = timezone.now()
    ServiceRequest.objects.bulk_create(
        ServiceRequest(
            reference=f"FP-2026-{n:06d}",
            service=service,
            department=service.department,
            description="Bulk",
            source=Source.OPEN311,
            created_at=now - datetime.timedelta(minutes=n),
        )
        for n in range(1, MAX_REQUESTS + 6)
    )
    with django_assert_max_num_queries(4):
        body = client.get(f"{ROOT}requests.json").json()
    assert len(body) == MAX_REQUESTS
    assert body[0]["service_request_id"] == "FP-2026-000001"  # newest first
    assert len(parse(client.get(f"{ROOT}requests.xml"), "xml").findall("request")) == MAX_REQUESTS


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_personal_data_leaves(client, service, fmt):
    resident = customer(
        first_name="Wilhelmina", last_name="Zebedee", email="wz@example.com", phone="07700900123"
    )
    request = public_request(service, customer=resident)
    from apps.cases.services import service_request_add_update

    service_request_add_update(request=request, author=None, text="Secret note", is_public=False)
    advisor_raised = public_request(
        service, customer=resident, source=Source.ADVISOR, description="Mrs Zebedee rang"
    )
    for url in (
        f"{ROOT}requests.{fmt}",
        f"{ROOT}requests/{request.reference}.{fmt}",
        f"{ROOT}requests/{advisor_raised.reference}.{fmt}",
    ):
        content = client.get(url).content.decode()
        for secret in ("Wilhelmina", "Zebedee", "wz@example.com", "07700900123", "Secret note"):
            assert secret not in content, (url, secret)
        assert resident.reference not in content


@pytest.mark.parametrize("url", ["services.html", "nothing", "requests/FP-1.csv"])
def test_other_addresses_answer_a_spec_404(client, url):
    response = client.get(f"{ROOT}{url}")
    assert response.status_code == 404
    assert parse(response, "xml").tag == "errors"


def test_a_post_to_an_unknown_address_is_a_spec_404_not_a_csrf_page(client):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(f"{ROOT}requests.html", {"api_key": "x"})
    assert response.status_code == 404
    assert parse(response, "xml").tag == "errors"


def test_method_not_allowed_is_in_the_spec_format(client):
    response = client.delete(f"{ROOT}services.json")
    assert response.status_code == 405
    assert response.json()[0]["code"] == 405
