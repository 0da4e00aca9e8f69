import csv
import io

from apps.core.exports import csv_response


def test_health_answers_without_signing_in(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_pages_need_a_signed_in_user(client, db):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_home_shows_the_council_and_the_user_s_navigation(advisor_client):
    response = advisor_client.get("/staff/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Borchester Borough Council" in body
    assert 'href="/services/"' in body
    assert 'href="/users/"' not in body  # advisors do not manage users


def test_csv_cells_that_would_run_as_formulas_are_quoted():
    response = csv_response(
        filename="x.csv", header=["a"], rows=["=HYPERLINK(1)", "plain"], row=lambda r: [r]
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [["a"], ["'=HYPERLINK(1)"], ["plain"]]


def test_the_outbox_shows_kept_messages_to_administrators_only(client_as, db):
    from apps.accounts.roles import Role
    from apps.core.notifications import notify

    notify(
        channel="email",
        to="waste@council.example",
        subject="Overdue requests",
        body="FP-2026-000001",
        purpose="sla_breach",
    )
    notify(
        channel="sms", to="07700900123", body="Your request is resolved", purpose="request_update"
    )
    admin = client_as(Role.ADMINISTRATOR)
    body = admin.get("/staff/outbox/", {"purpose": "sla_breach"}).content.decode()
    assert "waste@council.example" in body
    assert "07700900123" not in body
    csv_body = b"".join(admin.get("/staff/outbox/?format=csv").streaming_content).decode()
    assert csv_body.count("\n") == 3
    assert client_as(Role.ADVISOR).get("/staff/outbox/").status_code == 403
