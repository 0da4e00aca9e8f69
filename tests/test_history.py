import pytest

from apps.accounts.roles import Role
from apps.cases.models import Status
from apps.cases.services import service_request_change_status
from apps.cases.tests.factories import raise_request
from apps.catalogue.tests.factories import ServiceFactory
from apps.contacts.models import Outcome
from apps.contacts.services import contact_log, referral_decide
from apps.core.history import history_entries

pytestmark = pytest.mark.django_db


def test_history_lists_each_saved_version_with_what_changed(make_user):
    officer = make_user(Role.CLIENT_SERVICE_OFFICER)
    request = raise_request()
    service_request_change_status(
        request=request,
        expected_version=request.version,
        changed_by=officer,
        status=Status.IN_PROGRESS,
        public_text="On our way",
    )
    entries = history_entries(instance=request)
    newest = entries[0]
    assert ("status", Status.OPEN, Status.IN_PROGRESS) in newest["changes"]
    assert all(field != "version" for field, _, _ in newest["changes"])
    assert entries[-1]["changes"] == []  # the first version has nothing to compare with


def test_request_history_page_is_for_permitted_roles(client_as):
    request = raise_request()
    assert client_as(Role.ADVISOR).get(f"/requests/{request.reference}/history/").status_code == 403
    response = client_as(Role.CLIENT_SERVICE_OFFICER).get(f"/requests/{request.reference}/history/")
    assert response.status_code == 200
    assert "Change history" in response.content.decode()


def test_contact_history_shows_the_authorisation_decision(client_as, make_user):
    advisor = make_user(Role.ADVISOR)
    contact = contact_log(
        advisor=advisor,
        channel="phone",
        services=[ServiceFactory()],
        reason="Noise",
        outcome=Outcome.REFERRED_OUTSIDE,
        referral_reason="Urgent tonight",
    )
    manager_client = client_as(Role.TEAM_MANAGER)
    referral_decide(
        authorisation=contact.authorisation,
        decided_by=manager_client.user,
        approve=True,
        reason="Duty officer to call back",
    )
    body = manager_client.get(f"/contacts/{contact.pk}/history/").content.decode()
    assert "Referral authorisation" in body
    assert "Duty officer to call back" in body
    assert (
        client_as(Role.CLIENT_SERVICE_OFFICER).get(f"/contacts/{contact.pk}/history/").status_code
        == 403
    )
