"""Staff pages for keys and moderation; the staff API and the OpenAPI document."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.cases.models import ServiceRequest
from apps.open311 import services
from apps.open311.models import ApiKey, Token

from .helpers import ROOT, customer, issue_key, public_request, reportable_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, db):
    # An administrator (issues keys) who is also a team manager (moderates reports).
    user = UserFactory(roles=[Role.ADMINISTRATOR, Role.TEAM_MANAGER])
    client.force_login(user)
    client.user = user
    return client


def test_administrators_manage_keys_and_team_managers_moderate(client_as):
    admin = client_as(Role.ADMINISTRATOR)
    assert admin.get(reverse("open311:key-list")).status_code == 200
    assert admin.get(reverse("open311:token-list")).status_code == 403
    manager = client_as(Role.TEAM_MANAGER)
    assert manager.get(reverse("open311:token-list")).status_code == 200
    assert manager.get(reverse("open311:key-list")).status_code == 403


def test_pages_need_the_permission(client_as):
    client = client_as(Role.ADVISOR)
    for name in ("open311:key-list", "open311:key-issue", "open311:token-list"):
        assert client.get(reverse(name)).status_code == 403


def test_nav_shows_the_entry_to_key_managers(manager):
    assert "Open311 keys" in manager.get(reverse("open311:key-list")).content.decode()


def test_issue_shows_the_key_once(manager):
    response = manager.post(
        reverse("open311:key-issue"), {"name": "Fix my street", "rate_limit_per_hour": "50"}
    )
    api_key = ApiKey.objects.get()
    assert response.url == reverse("open311:key-issued", args=[api_key.pk])
    page = manager.get(response.url).content.decode()
    assert api_key.prefix in page
    plain = page.split('id="api-key">')[1].split("<")[0]
    assert services.api_key_use(key=plain) == api_key
    assert api_key.rate_limit_per_hour == 50 and api_key.created_by == manager.user
    again = manager.get(response.url)
    assert again.status_code == 302 and plain not in manager.get(again.url).content.decode()


@pytest.mark.parametrize("data", [{"name": "", "rate_limit_per_hour": "10"}, {"name": "A"}])
def test_bad_input_shows_the_error_summary_and_writes_nothing(manager, data):
    data.setdefault("rate_limit_per_hour", "0")
    response = manager.post(reverse("open311:key-issue"), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert ApiKey.objects.count() == 0


def test_list_and_revoke(manager, django_assert_max_num_queries):
    for n in range(5):
        issue_key(manager.user, name=f"Client {n}")
    with django_assert_max_num_queries(8):
        page = manager.get(reverse("open311:key-list")).content.decode()
    assert "Client 4" in page
    api_key = ApiKey.objects.get(name="Client 2")
    assert manager.get(reverse("open311:key-revoke", args=[api_key.pk])).status_code == 200
    manager.post(reverse("open311:key-revoke", args=[api_key.pk]))
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    revoked = manager.get(reverse("open311:key-list"), {"state": "revoked"}).content.decode()
    assert "Client 2" in revoked and "Client 3" not in revoked
    response = manager.get(reverse("open311:key-list"), {"format": "csv"})
    csv = b"".join(response.streaming_content).decode()
    assert "Client 4" in csv and api_key.key_hash not in csv


def _pending_token(client, user, **extra):
    reportable_service()
    _, plain = issue_key(user, name="Moderated app", moderated=True)
    data = {
        "api_key": plain,
        "service_code": "missed-bin",
        "address_string": "2 Low Road",
        "attribute[bin-type]": "general",
        **extra,
    }
    token_id = client.post(f"{ROOT}requests.json", data).json()[0]["token"]
    return Token.objects.get(token=token_id)


def test_moderation_accepts_a_pending_report(manager):
    token = _pending_token(manager, manager.user, last_name="Smith")
    listing = manager.get(reverse("open311:token-list")).content.decode()
    assert "Moderated app" in listing
    detail = reverse("open311:token-detail", args=[token.pk])
    assert "2 Low Road" in manager.get(detail).content.decode()
    response = manager.post(detail, {"decision": "accept"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.status == Token.Status.ACCEPTED
    assert token.service_request.address == "2 Low Road"
    assert "Moderated app" not in manager.get(reverse("open311:token-list")).content.decode()


def test_moderation_rejects_and_bad_decisions_write_nothing(manager):
    token = _pending_token(manager, manager.user)
    detail = reverse("open311:token-detail", args=[token.pk])
    response = manager.post(detail, {"decision": "maybe"})
    assert "There is a problem" in response.content.decode()
    manager.post(detail, {"decision": "reject"})
    token.refresh_from_db()
    assert token.status == Token.Status.REJECTED and ServiceRequest.objects.count() == 0


def test_accepting_when_the_service_was_withdrawn_shows_an_error(manager):
    token = _pending_token(manager, manager.user)
    from apps.catalogue.models import Service

    Service.objects.update(is_active=False)
    response = manager.post(
        reverse("open311:token-detail", args=[token.pk]), {"decision": "accept"}
    )
    assert "There is a problem" in response.content.decode()
    token.refresh_from_db()
    assert token.status == Token.Status.PENDING


# The staff API and the schema.


def test_schema_is_public_and_lists_open311_and_the_staff_api(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/open311/v2/requests.{response_format}" in paths
    assert "post" in paths["/open311/v2/requests.{response_format}"]
    assert "/api/services/" in paths and "/api/requests/{reference}/" in paths


def test_staff_api_needs_a_session_and_the_view_permission(client, client_as):
    assert client.get("/api/services/").status_code == 403
    no_perm = client_as(Role.ADVISOR)
    no_perm.user.user_permissions.clear()
    no_perm.user.groups.clear()
    assert no_perm.get("/api/requests/").status_code == 403


def _viewer(client, make_user, *codenames):
    user = make_user()
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


def test_staff_api_services(client, make_user):
    service = reportable_service()
    client = _viewer(client, make_user, "view_service")
    body = client.get("/api/services/").json()
    assert body["results"][0]["slug"] == "missed-bin"
    assert client.get(f"/api/services/{service.slug}/").json()["department"] == (
        service.department.name
    )
    assert client.get("/api/services/nothing/").status_code == 404


def test_staff_api_requests_filter_and_hide_personal_data(
    client, make_user, django_assert_max_num_queries
):
    service = reportable_service()
    resident = customer(first_name="Wilhelmina", last_name="Zebedee", email="wz@example.com")
    requests = [public_request(service, customer=resident) for _ in range(3)]
    ServiceRequest.objects.filter(pk=requests[0].pk).update(status="closed")
    client = _viewer(client, make_user, "view_servicerequest")
    with django_assert_max_num_queries(6):
        body = client.get("/api/requests/").json()
    assert body["count"] == 3
    content = str(body)
    assert "Zebedee" not in content and "wz@example.com" not in content
    assert body["results"][0]["customer_reference"] == resident.reference
    assert client.get("/api/requests/", {"status": "closed"}).json()["count"] == 1
    assert client.get("/api/requests/", {"department": service.department_id}).json()["count"] == 3
    assert client.get("/api/requests/", {"status": "nope"}).status_code == 400
    assert client.get("/api/requests/", {"department": "x"}).status_code == 400
    detail = client.get(f"/api/requests/{requests[1].reference}/").json()
    assert detail["reference"] == requests[1].reference
