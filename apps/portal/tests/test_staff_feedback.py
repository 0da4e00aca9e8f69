import pytest

from apps.accounts.roles import Role
from apps.portal.services import feedback_submit

pytestmark = pytest.mark.django_db


def _feedback(kind, message):
    return feedback_submit(
        kind=kind,
        message=message,
        service=None,
        about_reference="",
        name="",
        email="",
        phone="",
        wants_reply=False,
    )


def test_managers_read_feedback_filtered_and_as_csv(client_as, django_assert_max_num_queries):
    for n in range(30):
        _feedback("compliment", f"Thank you to the advisor, number {n}")
    _feedback("complaint", "Nobody called me back")
    client = client_as(Role.TEAM_MANAGER)
    with django_assert_max_num_queries(10):
        body = client.get("/staff/feedback/", {"kind": "complaint"}).content.decode()
    assert "Nobody called me back" in body
    assert "Thank you to the advisor" not in body
    csv_body = b"".join(client.get("/staff/feedback/?format=csv").streaming_content).decode()
    assert csv_body.count("Thank you to the advisor") == 30


def test_feedback_is_not_for_advisors(client_as):
    assert client_as(Role.ADVISOR).get("/staff/feedback/").status_code == 403
