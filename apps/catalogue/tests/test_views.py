import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory
from apps.catalogue.models import Service
from apps.catalogue.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _post_data(dept, **overrides):
    data = {
        "name": "Report graffiti",
        "summary": "Report graffiti on public buildings.",
        "lgsl_code": "238",
        "department": str(dept.pk),
        "channels": ["phone", "online"],
        "online_url": "https://www.council.example/graffiti",
        "reportable": "on",
        "sla_working_days": "10",
        "referral_route": "service_request",
        "script": "Ask **where** it is.",
        "is_active": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_list_is_bounded_in_queries_and_exports_what_it_shows(
    client_as, django_assert_max_num_queries
):
    client = client_as(Role.ADVISOR)
    waste = DepartmentFactory(name="Waste", slug="waste")
    for n in range(40):
        ServiceFactory(name=f"Waste service {n}", department=waste)
    ServiceFactory(name="Something else")
    with django_assert_max_num_queries(10):
        response = client.get("/services/", {"department": waste.pk})
    assert response.status_code == 200
    csv_body = b"".join(
        client.get(f"/services/?department={waste.pk}&format=csv").streaming_content
    ).decode()
    assert csv_body.count("Waste service") == 40
    assert "Something else" not in csv_body


def test_bad_filter_input_is_an_error_message_not_a_500(client_as):
    response = client_as(Role.ADVISOR).get(
        "/services/", {"department": "not-a-number", "channel": "x"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_add_a_service_then_change_it(client_as):
    client = client_as(Role.ADMINISTRATOR)
    department = DepartmentFactory()
    response = client.post("/services/add/", _post_data(department))
    assert response.status_code == 302, response.content.decode()
    service = Service.objects.get(name="Report graffiti")
    assert service.channels == ["phone", "online"]
    detail = client.get(response["Location"]).content.decode()
    assert "<strong>where</strong>" in detail

    edit = _post_data(
        department,
        sla_working_days="5",
        change_type="legislation_change",
        change_summary="New enforcement powers",
        version="1",
    )
    response = client.post(f"/services/{service.slug}/edit/", edit)
    assert response.status_code == 302
    history = client.get(f"/services/{service.slug}/history/").content.decode()
    assert "Version 2: Legislation change" in history
    assert "New enforcement powers" in history


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the name of the service"),
        ({"lgsl_code": "99999"}, "Select a valid choice"),
        ({"channels": None}, "Select at least one channel"),
        ({"online_url": ""}, "Enter the online link"),
        ({"online_url": "not a url"}, "Enter a web address"),
        ({"sla_working_days": "-1"}, "SLA must be 0 working days or more"),
        ({"sla_working_days": "400"}, "SLA must be 365 working days or fewer"),
        ({"sla_working_days": "two"}, "SLA must be a whole number"),
        ({"referral_route": "teleport"}, "Select a valid choice"),
        ({"department": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_input_shows_the_error_summary_and_writes_nothing(client_as, overrides, message):
    client = client_as(Role.ADMINISTRATOR)
    response = client.post("/services/add/", _post_data(DepartmentFactory(), **overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert body.count("<title>Error:") == 1
    assert not Service.objects.exists()


def test_a_duplicate_name_is_refused(client_as):
    client = client_as(Role.ADMINISTRATOR)
    ServiceFactory(name="Report graffiti")
    body = client.post("/services/add/", _post_data(DepartmentFactory())).content.decode()
    assert "A service with this name already exists" in body


def test_a_stale_edit_is_shown_not_saved(client_as):
    client = client_as(Role.ADMINISTRATOR)
    service = ServiceFactory(version=3)
    data = _post_data(
        service.department,
        name=service.name,
        change_type="routine",
        change_summary="x",
        version="2",
    )
    body = client.post(f"/services/{service.slug}/edit/", data).content.decode()
    assert "Somebody else changed this service" in body
    service.refresh_from_db()
    assert service.version == 3


def test_an_edit_without_a_reason_is_refused(client_as):
    client = client_as(Role.ADMINISTRATOR)
    service = ServiceFactory()
    data = _post_data(service.department, name=service.name, version="1")
    body = client.post(f"/services/{service.slug}/edit/", data).content.decode()
    assert "Select what kind of change this is" in body
    assert "Say what changed and why" in body


def test_advisors_cannot_add_or_change_services(client_as):
    client = client_as(Role.ADVISOR)
    service = ServiceFactory()
    assert client.get("/services/add/").status_code == 403
    assert client.post(f"/services/{service.slug}/edit/", {}).status_code == 403
    assert client.get(f"/services/{service.slug}/").status_code == 200


def test_an_unknown_service_is_a_404(client_as):
    assert client_as(Role.ADVISOR).get("/services/no-such-thing/").status_code == 404
