"""POSTing a report: keys, rate limits, locations, answers, contacts and moderated tokens."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from apps.cases.models import ServiceRequest, Source
from apps.customers.models import Customer
from apps.open311 import services
from apps.open311.models import ApiKey, Token

from .helpers import ROOT, issue_key, parse, reportable_service

pytestmark = pytest.mark.django_db
FORMATS = ["json", "xml"]


@pytest.fixture
def service():
    return reportable_service(sla_working_days=5)


@pytest.fixture
def key(make_user):
    return issue_key(make_user())


def report(plain_key, **extra):
    return {
        "api_key": plain_key,
        "service_code": "missed-bin",
        "lat": "51.501",
        "long": "-0.141",
        "attribute[bin-type]": "recycling",
        "description": "Missed again",
        **extra,
    }


def error_text(response, fmt):
    body = parse(response, fmt)
    if fmt == "json":
        return " ".join(e["description"] for e in body), [e["code"] for e in body]
    errors = body.findall("error")
    assert body.tag == "errors" and errors
    return " ".join(e.findtext("description") for e in errors), [
        int(e.findtext("code")) for e in errors
    ]


def test_a_key_is_stored_only_as_a_hash(key):
    api_key, plain = key
    assert plain.startswith(api_key.prefix)
    assert plain not in api_key.key_hash and len(api_key.key_hash) == 64
    assert services.api_key_use(key=plain) == api_key


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_raises_a_request(client, service, key, fmt):
    api_key, plain = key
    response = client.post(f"{ROOT}requests.{fmt}", report(plain, **{"attribute[bags]": "3"}))
    assert response.status_code == 200, response.content
    request = ServiceRequest.objects.get()
    body = parse(response, fmt)
    if fmt == "json":
        assert body == [
            {
                "service_request_id": request.reference,
                "service_notice": "We aim to deal with this within 5 working days.",
                "account_id": None,
            }
        ]
    else:
        assert body.tag == "service_requests"
        entry = body.find("request")
        assert [c.tag for c in entry] == ["service_request_id", "service_notice", "account_id"]
        assert entry.findtext("service_request_id") == request.reference
    assert request.source == Source.OPEN311
    assert request.attributes == {"bin-type": "recycling", "bags": "3"}
    assert str(request.latitude) == "51.501000"
    assert request.customer is None and request.raised_by is None
    api_key.refresh_from_db()
    assert api_key.usage_count == 1 and api_key.last_used_at is not None
    # And it reads back.
    read = client.get(f"{ROOT}requests/{request.reference}.json").json()[0]
    assert read["description"] == "Missed again" and read["status"] == "open"


def test_address_string_or_address_id_is_a_location(client, service, key):
    _, plain = key
    for extra in ({"address_string": "1 High Street"}, {"address_id": "100023336956"}):
        data = report(plain, **extra)
        del data["lat"], data["long"]
        assert client.post(f"{ROOT}requests.json", data).status_code == 200
    assert set(ServiceRequest.objects.values_list("address", "uprn")) == {
        ("1 High Street", ""),
        ("", "100023336956"),
    }


def test_contact_details_make_a_customer_only_with_a_last_name_or_email(client, service, key):
    _, plain = key
    client.post(f"{ROOT}requests.json", report(plain, first_name="Ann", phone="07700900000"))
    assert Customer.objects.count() == 0
    client.post(f"{ROOT}requests.json", report(plain, first_name="Ann", last_name="Smith"))
    client.post(f"{ROOT}requests.json", report(plain, last_name="Jones", email="JONES@example.com"))
    client.post(f"{ROOT}requests.json", report(plain, last_name="jones", email="jones@example.com"))
    assert sorted(Customer.objects.values_list("last_name", "email")) == [
        ("Jones", "jones@example.com"),
        ("Smith", ""),
    ]
    assert ServiceRequest.objects.filter(customer__last_name="Jones").count() == 2


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "change, expected",
    [
        ({"attribute[bin-type]": "purple"}, "attribute[bin-type]"),
        ({"attribute[bin-type]": ""}, "attribute[bin-type]"),
        ({"attribute[bags]": "lots"}, "attribute[bags]"),
        ({"attribute[colour]": "red"}, "attribute[colour]"),
        ({"lat": "", "long": ""}, "location"),
        ({"lat": "north", "long": "1"}, "lat"),
        ({"lat": "91", "long": "1"}, "lat"),
        ({"long": ""}, "lat"),
        ({"email": "not-an-email", "last_name": "X"}, "email"),
        ({"email": "a@example.com"}, "last_name"),
        ({"description": "x" * 4001}, "description"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"service_code": ""}, "service_code"),
    ],
)
def test_bad_arguments_are_a_400_and_write_nothing(client, service, key, fmt, change, expected):
    _, plain = key
    response = client.post(f"{ROOT}requests.{fmt}", report(plain, **change))
    assert response.status_code == 400, response.content
    text, codes = error_text(response, fmt)
    assert expected in text and set(codes) == {400}
    assert ServiceRequest.objects.count() == 0 and Customer.objects.count() == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_service_is_a_404(client, service, key, fmt):
    response = client.post(f"{ROOT}requests.{fmt}", report(key[1], service_code="nope"))
    assert response.status_code == 404
    assert "service_code not found" in error_text(response, fmt)[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_wrong_or_revoked_key_is_a_403(client, service, key, fmt):
    api_key, plain = key
    for bad in ("", "nonsense", plain[:-1] + ("A" if plain[-1] != "A" else "B")):
        response = client.post(f"{ROOT}requests.{fmt}", report(bad))
        assert response.status_code == 403, bad
        assert error_text(response, fmt)[1] == [403]
    services.api_key_revoke(api_key=api_key)
    response = client.post(f"{ROOT}requests.{fmt}", report(plain))
    assert response.status_code == 403
    assert "revoked" in error_text(response, fmt)[0]
    assert ServiceRequest.objects.count() == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_key_has_its_own_hourly_limit(client, service, make_user, settings, fmt):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    _, slow = issue_key(make_user(), name="Slow", rate_limit_per_hour=2)
    _, fast = issue_key(make_user(), name="Fast", rate_limit_per_hour=100)
    statuses = [client.post(f"{ROOT}requests.{fmt}", report(slow)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.post(f"{ROOT}requests.{fmt}", report(slow))
    assert error_text(response, fmt)[1] == [429]
    assert client.post(f"{ROOT}requests.{fmt}", report(fast)).status_code == 200
    cache.clear()


def test_a_json_body_is_accepted_too(client, service, key):
    data = report(key[1])
    del data["attribute[bin-type]"]
    data["attribute"] = {"bin-type": "general"}
    response = client.post(f"{ROOT}requests.json", data, content_type="application/json")
    assert response.status_code == 200, response.content
    assert ServiceRequest.objects.get().attributes == {"bin-type": "general"}


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("[1, 2]", "application/json"),
        ("{not json", "application/json"),
        ('{"api_key": {"a": 1}}', "application/json"),
        ("<xml/>", "application/xml"),
        ("api_key=%00", "application/x-www-form-urlencoded"),
    ],
)
def test_junk_bodies_are_a_400_never_a_500(client, service, key, body, content_type):
    response = client.post(f"{ROOT}requests.json", body, content_type=content_type)
    assert response.status_code in (400, 403), response.content
    assert response.json()[0]["code"] == response.status_code


def test_a_multivaluelist_takes_several_values(client, key):
    service = reportable_service()
    service.attributes.create(
        code="what",
        description="What is there?",
        datatype="multivaluelist",
        values=[{"key": "glass", "name": "Glass"}, {"key": "paper", "name": "Paper"}],
    )
    data = report(key[1])
    data["attribute[what][]"] = ["glass", "paper"]
    assert client.post(f"{ROOT}requests.json", data).status_code == 200
    assert ServiceRequest.objects.get().attributes["what"] == ["glass", "paper"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_moderated_key_gets_a_token_until_staff_accept(client, service, make_user, fmt):
    _, plain = issue_key(make_user(), moderated=True)
    response = client.post(f"{ROOT}requests.{fmt}", report(plain, last_name="Smith"))
    assert response.status_code == 200
    body = parse(response, fmt)
    token_id = body[0]["token"] if fmt == "json" else body.find("request").findtext("token")
    assert ServiceRequest.objects.count() == 0 and Customer.objects.count() == 0
    token = Token.objects.get(token=token_id)

    pending = parse(client.get(f"{ROOT}tokens/{token_id}.{fmt}"), fmt)
    if fmt == "json":
        assert pending == [{"service_request_id": None, "token": token_id}]
    else:
        assert pending.tag == "service_requests"
        assert pending.find("request/service_request_id").text is None
        assert pending.find("request/token").text == token_id

    request = services.token_accept(token=token, accepted_by=make_user())
    assert request.customer.last_name == "Smith" and request.source == Source.OPEN311
    accepted = parse(client.get(f"{ROOT}tokens/{token_id}.{fmt}"), fmt)
    if fmt == "json":
        assert accepted == [{"service_request_id": request.reference, "token": token_id}]
    else:
        assert accepted.find("request/service_request_id").text == request.reference
    with pytest.raises(Exception, match="already"):
        services.token_accept(token=token, accepted_by=make_user())


def test_a_rejected_token_raises_nothing(client, service, make_user):
    _, plain = issue_key(make_user(), moderated=True)
    token_id = client.post(f"{ROOT}requests.json", report(plain)).json()[0]["token"]
    token = services.token_reject(token=Token.objects.get(token=token_id))
    assert token.status == Token.Status.REJECTED and token.decided_at <= timezone.now()
    assert ServiceRequest.objects.count() == 0
    assert client.get(f"{ROOT}tokens/{token_id}.json").json()[0]["service_request_id"] is None


@pytest.mark.parametrize("token_id", ["nope", "8a0f7f2e-5b1c-4d2a-9a3b-1c2d3e4f5a6b"])
def test_unknown_token_is_a_404(client, token_id):
    response = client.get(f"{ROOT}tokens/{token_id}.xml")
    assert response.status_code == 404
    assert parse(response, "xml").find("error/code").text == "404"


def test_revoking_twice_keeps_the_first_time(key):
    api_key, _ = key
    first = services.api_key_revoke(api_key=api_key).revoked_at
    assert services.api_key_revoke(api_key=api_key).revoked_at == first
    assert ApiKey.objects.get().revoked_at == first
