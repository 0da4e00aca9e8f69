import datetime
import zoneinfo

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory, UserFactory
from apps.cases.models import ServiceRequest, ServiceRequestUpdate, Status
from apps.catalogue.tests.factories import ServiceFactory

from .factories import raise_request

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def waste():
    return DepartmentFactory(name="Waste", slug="waste")


@pytest.fixture
def officer_client(client_as, waste):
    return client_as(Role.CLIENT_SERVICE_OFFICER, team=TeamFactory(department=waste))


def test_the_queue_shows_the_officer_s_department_in_bounded_queries(
    officer_client, waste, django_assert_max_num_queries
):
    service = ServiceFactory(department=waste)
    assignee = UserFactory(team=TeamFactory(department=waste))
    for n in range(60):
        request = raise_request(service=service, description=f"Bin {n}")
        if n % 2:
            ServiceRequest.objects.filter(pk=request.pk).update(
                assignee=assignee, status=Status.ASSIGNED
            )
    elsewhere = raise_request(description="Pothole")
    with django_assert_max_num_queries(15):
        response = officer_client.get("/requests/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "60 results" in body
    assert elsewhere.reference not in body
    assert 'name="department"' not in body  # an officer's queue is their department's
    csv_body = b"".join(officer_client.get("/requests/?format=csv").streaming_content).decode()
    assert csv_body.count("FP-") == 60


def test_a_manager_sees_every_department_and_can_filter(client_as, waste):
    client = client_as(Role.TEAM_MANAGER)
    mine = raise_request(service=ServiceFactory(department=waste))
    other = raise_request()
    body = client.get("/requests/").content.decode()
    assert mine.reference in body and other.reference in body
    body = client.get("/requests/", {"department": waste.pk}).content.decode()
    assert mine.reference in body and other.reference not in body
    body = client.get("/requests/", {"search": other.reference}).content.decode()
    assert mine.reference not in body and other.reference in body


def test_bad_filter_input_is_an_error_message_not_a_500(client_as):
    response = client_as(Role.TEAM_MANAGER).get("/requests/", {"department": "x", "status": "lost"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_due_soon_and_overdue_pages_tag_requests(client_as):
    client = client_as(Role.TEAM_MANAGER)
    service = ServiceFactory(sla_working_days=1)
    overdue = raise_request(
        service=service, created_at=datetime.datetime(2020, 1, 6, 10, tzinfo=LONDON)
    )
    due = raise_request(service=service)
    body = client.get("/requests/overdue/").content.decode()
    assert overdue.reference in body and due.reference not in body
    assert "Overdue" in body
    body = client.get("/requests/due-soon/").content.decode()
    assert due.reference in body and overdue.reference not in body
    assert "Due soon" in body


def test_detail_shows_public_and_internal_updates_separately(officer_client, waste):
    request = raise_request(service=ServiceFactory(department=waste))
    ServiceRequestUpdate.objects.create(request=request, text="Crew booked", is_public=True)
    ServiceRequestUpdate.objects.create(request=request, text="Dog in garden", is_public=False)
    body = officer_client.get(f"/requests/{request.reference}/").content.decode()
    public_part, internal_part = body.split("Internal notes (staff only)")
    assert "Updates the resident can see" in public_part
    assert "Crew booked" in public_part and "Dog in garden" not in public_part
    assert "Dog in garden" in internal_part
    assert "Change the status" in body
    assert body.count("<h1") == 1


def test_an_officer_changes_status_assigns_and_adds_a_note(officer_client, waste):
    request = raise_request(service=ServiceFactory(department=waste))
    colleague = UserFactory(team=TeamFactory(department=waste), full_name="Colin Crew")
    url = f"/requests/{request.reference}/"
    response = officer_client.post(
        url + "assign/", {"assign-assignee": colleague.pk, "assign-version": 1}
    )
    assert response.status_code == 302
    response = officer_client.post(
        url + "status/",
        {"status-status": "in_progress", "status-public_text": "On its way", "status-version": 2},
    )
    assert response.status_code == 302
    response = officer_client.post(url + "notes/", {"update-text": "Gate locked"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.assignee, request.public_status_text) == (
        Status.IN_PROGRESS,
        colleague,
        "On its way",
    )
    assert request.updates.get(text="Gate locked").is_public is False
    body = officer_client.get(url).content.decode()
    assert "On its way" in body and "Colin Crew" in body


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("status/", {"status-status": "", "status-version": 1}, "Select the new status"),
        ("status/", {"status-status": "closed", "status-version": 1}, "Select one of the"),
        (
            "status/",
            {"status-status": "rejected", "status-version": 1},
            "Tell the resident why",
        ),
        ("assign/", {"assign-assignee": "", "assign-version": 1}, "Select who to assign"),
        ("assign/", {"assign-assignee": "999999", "assign-version": 1}, "Select someone"),
        ("notes/", {"update-text": "  "}, "Enter the note"),
    ],
)
def test_bad_input_shows_the_error_summary_and_writes_nothing(
    officer_client, waste, path, data, message
):
    request = raise_request(service=ServiceFactory(department=waste))
    updates = ServiceRequestUpdate.objects.count()
    response = officer_client.post(f"/requests/{request.reference}/{path}", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    request.refresh_from_db()
    assert (request.status, request.version) == (Status.OPEN, 1)
    assert ServiceRequestUpdate.objects.count() == updates


def test_a_stale_status_change_is_shown_not_saved(officer_client, waste):
    request = raise_request(service=ServiceFactory(department=waste))
    ServiceRequest.objects.filter(pk=request.pk).update(version=2)
    response = officer_client.post(
        f"/requests/{request.reference}/status/",
        {"status-status": "in_progress", "status-version": 1},
    )
    body = response.content.decode()
    assert "Somebody else changed this request" in body
    request.refresh_from_db()
    assert request.status == Status.OPEN


def test_an_officer_of_another_department_may_read_but_not_change(officer_client):
    request = raise_request()  # another department's
    url = f"/requests/{request.reference}/"
    body = officer_client.get(url).content.decode()
    assert "Change the status" not in body
    response = officer_client.post(
        url + "status/", {"status-status": "in_progress", "status-version": 1}
    )
    assert response.status_code == 403
    assert officer_client.post(url + "notes/", {"update-text": "x"}).status_code == 403
    request.refresh_from_db()
    assert request.status == Status.OPEN


def test_advisors_view_but_cannot_change(client_as):
    client = client_as(Role.ADVISOR)
    request = raise_request()
    url = f"/requests/{request.reference}/"
    assert client.get(url).status_code == 200
    assert "Change the status" not in client.get(url).content.decode()
    assert client.post(url + "status/", {"status-status": "in_progress"}).status_code == 403


def test_unknown_reference_is_a_404(advisor_client):
    assert advisor_client.get("/requests/FP-1999-000001/").status_code == 404


def test_navigation_shows_requests_to_those_who_may_see_them(client_as):
    assert 'href="/requests/"' in client_as(Role.ADVISOR).get("/staff/").content.decode()
