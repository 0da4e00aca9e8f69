import datetime

import pytest
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory
from apps.cases import complaint_services as services
from apps.cases.complaints_models import Complaint
from apps.catalogue.tests.factories import ServiceFactory
from apps.portal.models import Feedback

pytestmark = pytest.mark.django_db
D = datetime.date
STAFF_FEEDBACK = "/staff/feedback/"


def record(**fields):
    fields.setdefault("kind", "complaint")
    fields.setdefault("channel", "letter")
    fields.setdefault("received_on", D(2026, 11, 2))
    fields.setdefault("summary", "The bin was missed again")
    fields.setdefault("recorded_by", None)
    return services.complaint_record(**fields)


def test_the_list_in_bounded_queries_with_csv(client_as, django_assert_max_num_queries):
    client = client_as(Role.TEAM_MANAGER)
    service = ServiceFactory()
    for n in range(30):
        record(service=service, received_on=D(2026, 10, 1) + datetime.timedelta(days=n))
    with django_assert_max_num_queries(15):
        response = client.get("/complaints/")
    body = response.content.decode()
    assert response.status_code == 200 and "30 results" in body and "Overdue" in body
    overdue = client.get("/complaints/", {"flag": "overdue", "stage": "1"}).content.decode()
    assert "CMP-2026-" in overdue
    csv_body = b"".join(client.get("/complaints/?format=csv").streaming_content).decode()
    assert csv_body.count("CMP-2026-") == 30


def test_the_report_in_bounded_queries_with_csv(client_as, django_assert_max_num_queries):
    client = client_as(Role.MEMBER)
    for n in range(10):
        record(received_on=D(2026, 10, 1) + datetime.timedelta(days=n), themes=["delay"])
    with django_assert_max_num_queries(12):
        response = client.get("/complaints/report/")
    body = response.content.decode()
    assert response.status_code == 200 and "<svg" in body and "Timeliness against deadlines" in body
    csv_body = b"".join(
        client.get("/complaints/report/", {"format": "csv"}).streaming_content
    ).decode()
    assert "Volumes,Complaint,10" in csv_body
    bad = client.get(
        "/complaints/report/",
        {"date_from_day": "99", "date_from_month": "1", "date_from_year": "2026"},
    )
    assert bad.status_code == 200 and "must be a real date" in bad.content.decode()
    assert client.get("/complaints/").status_code == 403  # a member reads the report only


def test_an_advisor_records_from_a_contact_and_cannot_see_the_list(client_as):
    from apps.contacts.tests.factories import ContactFactory

    client = client_as(Role.ADVISOR)
    contact = ContactFactory()
    page = client.get(f"/complaints/record/?contact={contact.pk}")
    assert page.status_code == 200
    assert client.get("/complaints/record/?contact=nope").status_code == 404
    today = timezone.localdate()
    response = client.post(
        "/complaints/record/",
        {
            "from_contact": contact.pk,
            "kind": "compliment",
            "channel": "contact",
            "received_on_day": today.day,
            "received_on_month": today.month,
            "received_on_year": today.year,
            "summary": "Lovely advisor",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    compliment = Complaint.objects.get()
    assert compliment.contact == contact and compliment.customer == contact.customer
    assert client.get("/complaints/").status_code == 403
    assert client.get(f"/complaints/{compliment.reference}/").status_code == 403


def test_bad_input_writes_nothing(client_as):
    client = client_as(Role.QUALITY_LEAD)
    response = client.post("/complaints/record/", {"kind": "complaint", "summary": ""})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not Complaint.objects.exists()
    assert client.get("/complaints/NOPE/").status_code == 404


def test_the_procedure_through_the_pages(client_as):
    client = client_as(Role.HEAD_OF_SERVICE)
    complaint = record()
    url = f"/complaints/{complaint.reference}/"
    assert "Acknowledge" in client.get(url).content.decode()
    response = client.post(
        url + "acknowledge/",
        {
            "acknowledge-version": 1,
            "acknowledge-on_day": 3,
            "acknowledge-on_month": 11,
            "acknowledge-on_year": 2026,
        },
    )
    assert response.status_code == 302
    stale = client.post(
        url + "respond/",
        {
            "respond-version": 1,
            "respond-on_day": 4,
            "respond-on_month": 11,
            "respond-on_year": 2026,
            "respond-outcome": "upheld",
            "respond-response": "Sorry",
        },
    )
    assert stale.status_code == 200 and "Someone else changed" in stale.content.decode()
    assert client.post(url + "nonsense/", {}).status_code == 404
    complaint.refresh_from_db()
    assert complaint.stage_1_acknowledged_on == D(2026, 11, 3)
    assert complaint.stage_1_responded_on is None


def test_an_officer_sees_only_their_department(client_as):
    waste = DepartmentFactory()
    client = client_as(Role.CLIENT_SERVICE_OFFICER, team=TeamFactory(department=waste))
    mine = record(department=waste)
    other = record(department=DepartmentFactory())
    body = client.get("/complaints/").content.decode()
    assert mine.reference in body and other.reference not in body
    assert client.get(f"/complaints/{other.reference}/").status_code == 404
    page = client.get(f"/complaints/{mine.reference}/").content.decode()
    assert "Record acknowledgement" in page and "Escalate" not in page


def test_portal_feedback_triage_links_to_recording(client_as):
    client = client_as(Role.QUALITY_LEAD)
    feedback = Feedback.objects.create(reference="FB-9", kind="compliment", message="Thanks")
    listing = client.get(STAFF_FEEDBACK, {"triage": "waiting"}).content.decode()
    assert "/complaints/record/?feedback=FB-9" in listing
    body = client.get("/complaints/record/?feedback=FB-9").content.decode()
    assert "From portal feedback FB-9" in body and "Thanks" in body
    complaint = services.complaint_record_from_feedback(feedback=feedback, recorded_by=client.user)
    assert client.get("/complaints/record/?feedback=FB-9").status_code == 404
    listing = client.get(STAFF_FEEDBACK, {"triage": "recorded"}).content.decode()
    assert f"/complaints/{complaint.reference}/" in listing
    assert "FB-9" not in client.get(STAFF_FEEDBACK, {"triage": "waiting"}).content.decode()


def test_a_contact_page_offers_to_record_a_complaint(client_as):
    from apps.contacts.tests.factories import ContactFactory

    client = client_as(Role.ADVISOR)
    contact = ContactFactory()
    body = client.get(f"/contacts/{contact.pk}/").content.decode()
    assert f"/complaints/record/?contact={contact.pk}" in body
    assert "Record a complaint or compliment" in body


def test_learning_actions_are_added_and_closed_on_the_page(client_as):
    client = client_as(Role.TEAM_MANAGER)
    complaint = record()
    url = f"/complaints/{complaint.reference}/"
    response = client.post(
        url + "learning/",
        {
            "learning-text": "Brief the crews",
            "learning-owner": client.user.pk,
            "learning-due_on_day": 1,
            "learning-due_on_month": 12,
            "learning-due_on_year": 2026,
        },
    )
    assert response.status_code == 302
    action = complaint.learning_actions.get()
    page = client.get(url).content.decode()
    assert 'name="learning_close-action"' in page
    assert (
        client.post(url + "learning-close/", {"learning_close-action": action.pk}).status_code
        == 302
    )
    action.refresh_from_db()
    assert action.status == "closed"
    response = client.post(url + "remedy/", {"remedy-kind": "financial"})
    assert response.status_code == 200 and "Enter the amount" in response.content.decode()
    assert not complaint.remedies.exists()
