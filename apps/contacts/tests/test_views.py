import datetime

import pytest
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, SiteFactory
from apps.catalogue.models import ReferralRoute
from apps.catalogue.tests.factories import ServiceFactory
from apps.contacts import services
from apps.contacts.models import (
    ClientServiceCall,
    Contact,
    ContactChannel,
    Outcome,
    ReferralAuthorisation,
)
from apps.contacts.tests.factories import CallReasonFactory, ClientServiceCallFactory
from apps.customers.models import Customer
from apps.customers.tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

LOG = "/contacts/log/"


def _post(service, **overrides):
    data = {
        "channel": "phone",
        "customer": "anonymous",
        "services": [str(service.pk)],
        "reason": "Bin not collected",
        "outcome": "resolved",
        "duration_seconds": "120",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_log_page_is_bounded_in_queries_with_a_full_catalogue(
    client_as, django_assert_max_num_queries
):
    client = client_as(Role.ADVISOR)
    services_ = [ServiceFactory(script=f"Script **{n}**") for n in range(40)]
    customer = CustomerFactory(last_name="Hargreaves")
    CallReasonFactory()
    chosen = [str(s.pk) for s in services_[:3]]
    with django_assert_max_num_queries(16):
        response = client.get(LOG, {"customer": customer.pk, "services": chosen, "q": "Harg"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('name="services"') == 40
    assert "<strong>0</strong>" in page  # the first chosen script, as Markdown
    assert "Hargreaves" in page
    assert f'value="{customer.pk}" checked' in page
    assert "data-contact-timer" in page
    assert "contacts/contact-timer" in page
    assert 'hx-select="#contact-scripts"' in page
    assert "Raise a service request" in page


def test_show_scripts_and_search_keep_the_token_out_of_the_address(client_as):
    client = client_as(Role.ADVISOR)
    response = client.get(LOG, {"csrfmiddlewaretoken": "abc", "q": "Smith", "reason": "x"})
    assert response.status_code == 302
    assert "csrfmiddlewaretoken" not in response["Location"]
    assert "reason=x" in response["Location"]


def test_search_shows_customers_as_choices(client_as):
    client = client_as(Role.ADVISOR)
    CustomerFactory(last_name="Featherstonehaugh")
    response = client.get(LOG, {"q": "Featherstonehaugh"})
    assert "Featherstonehaugh" in response.content.decode()


def test_log_a_resolved_contact_for_a_found_customer(client_as):
    client = client_as(Role.ADVISOR)
    service = ServiceFactory()
    customer = CustomerFactory()
    response = client.post(LOG, _post(service, customer=str(customer.pk)))
    assert response.status_code == 302, response.content.decode()
    contact = Contact.objects.get()
    assert response["Location"] == f"/contacts/{contact.pk}/"
    assert contact.customer == customer
    assert contact.advisor == client.user
    assert contact.duration_seconds == 120
    page = client.get(response["Location"]).content.decode()
    assert f"Contact {contact.pk} logged" in page
    assert "Resolved at first point of contact" in page


def test_log_with_a_new_customer(client_as):
    client = client_as(Role.ADVISOR)
    service = ServiceFactory()
    data = _post(service, customer="new")
    data.update({"new-kind": "resident", "new-first_name": "Ada", "new-last_name": "Lovelace"})
    response = client.post(LOG, data)
    assert response.status_code == 302, response.content.decode()
    contact = Contact.objects.get()
    assert contact.customer.last_name == "Lovelace"


def test_new_customer_without_a_name_writes_nothing(client_as):
    client = client_as(Role.ADVISOR)
    data = _post(ServiceFactory(), customer="new")
    data.update({"new-kind": "resident"})
    response = client.post(LOG, data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert Contact.objects.count() == 0
    assert Customer.objects.count() == 0


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"reason": ""}, "Enter the reason for contact"),
        ({"outcome": "signposted"}, "Enter who you signposted the customer to"),
        ({"channel": "face_to_face"}, "Select the site where you saw the customer"),
        (
            {"outcome": "referred_outside"},
            "Enter why this referral needs to go outside the agreed route",
        ),
        ({"duration_seconds": "ten"}, "Duration must be a whole number of seconds"),
        ({"customer": "99999"}, "Select the customer, a new customer, or anonymous"),
        ({"services": None}, "Select at least one service"),
    ],
)
def test_bad_input_shows_the_error_summary_and_writes_nothing(client_as, overrides, message):
    client = client_as(Role.ADVISOR)
    response = client.post(LOG, _post(ServiceFactory(), **overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert Contact.objects.count() == 0
    assert ClientServiceCall.objects.count() == 0


def test_referral_raises_a_service_request_and_shows_its_reference(client_as):
    client = client_as(Role.ADVISOR)
    service = ServiceFactory(referral_route=ReferralRoute.SERVICE_REQUEST)
    response = client.post(
        LOG,
        _post(
            service,
            outcome="referred",
            raise_request="on",
            request_description="Bin missed twice",
            request_address="2 Mill Lane",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    contact = Contact.objects.get()
    reference = contact.requests.get().reference
    page = client.get(response["Location"]).content.decode()
    assert f"Service request {reference} raised" in page
    assert ClientServiceCall.objects.get().within_agreed_process is True


def test_face_to_face_at_a_site_and_a_system_down(client_as):
    client = client_as(Role.ADVISOR)
    site = SiteFactory()
    response = client.post(
        LOG,
        _post(
            ServiceFactory(),
            channel="face_to_face",
            site=str(site.pk),
            system_unavailable="on",
            unavailable_system="Revenues system",
        ),
    )
    assert response.status_code == 302, response.content.decode()
    contact = Contact.objects.get()
    assert contact.site == site
    assert contact.unavailable_system == "Revenues system"


def _outside_referral(advisor):
    return services.contact_log(
        advisor=advisor,
        channel=ContactChannel.PHONE,
        services=[ServiceFactory()],
        reason="Heating broken",
        outcome=Outcome.REFERRED_OUTSIDE,
        referral_department=DepartmentFactory(name="Housing", slug="housing"),
        referral_reason="Elderly resident with no heating",
    )


def test_authorisation_flow_through_the_pages(client_as, make_user):
    advisor = make_user(Role.ADVISOR)
    contact = _outside_referral(advisor)
    manager_client = client_as(Role.TEAM_MANAGER)
    queue = manager_client.get("/contacts/authorisations/").content.decode()
    assert "Elderly resident with no heating" in queue
    decide_url = f"/contacts/{contact.pk}/decide/"
    assert decide_url in queue

    bad = manager_client.post(decide_url, {"decision": "approve", "reason": ""})
    assert "There is a problem" in bad.content.decode()
    assert ReferralAuthorisation.objects.get().status == "pending"

    response = manager_client.post(decide_url, {"decision": "approve", "reason": "Urgent, agreed"})
    assert response.status_code == 302
    authorisation = ReferralAuthorisation.objects.get()
    assert authorisation.status == "approved"
    assert authorisation.decided_by == manager_client.user

    again = manager_client.post(decide_url, {"decision": "decline", "reason": "Changed my mind"})
    assert "There is a problem" in again.content.decode()
    assert ReferralAuthorisation.objects.get().status == "approved"

    manager_client.force_login(advisor)
    mine = manager_client.get("/contacts/my-referrals/").content.decode()
    assert "Approved" in mine and "Urgent, agreed" in mine
    detail = manager_client.get(f"/contacts/{contact.pk}/").content.decode()
    for text in (
        "Elderly resident with no heating",
        "Urgent, agreed",
        str(authorisation.decided_by),
    ):
        assert text in detail


def test_a_manager_cannot_decide_their_own_request_on_the_page(client_as):
    client = client_as(Role.TEAM_MANAGER)
    contact = _outside_referral(client.user)
    assert (
        f"/contacts/{contact.pk}/decide/"
        not in client.get("/contacts/authorisations/").content.decode()
    )
    response = client.post(
        f"/contacts/{contact.pk}/decide/", {"decision": "approve", "reason": "ok"}
    )
    assert response.status_code == 200
    assert ReferralAuthorisation.objects.get().status == "pending"


def test_advisors_cannot_open_the_queue(client_as):
    assert client_as(Role.ADVISOR).get("/contacts/authorisations/").status_code == 403


def test_log_a_call_to_a_client_service(client_as):
    client = client_as(Role.ADVISOR)
    reason = CallReasonFactory(name="Chase a repair")
    bad = client.post("/contacts/client-calls/log/", {"department": str(reason.department_id)})
    assert "There is a problem" in bad.content.decode()
    assert ClientServiceCall.objects.count() == 0
    response = client.post(
        "/contacts/client-calls/log/",
        {
            "department": str(reason.department_id),
            "call_reason": str(reason.pk),
            "within_agreed_process": "no",
        },
    )
    assert response.status_code == 302
    call = ClientServiceCall.objects.get()
    assert call.reason == reason and call.within_agreed_process is False


def test_liaison_report_page_and_csv(client_as, django_assert_max_num_queries):
    client = client_as(Role.TEAM_MANAGER)
    department = DepartmentFactory(name="Waste")
    reason = CallReasonFactory(department=department, name="Chase a missed bin")
    for n in range(4):
        ClientServiceCallFactory(
            department=department,
            reason=reason,
            reason_text=f"Example {n}",
            within_agreed_process=n > 0,
        )
    today = timezone.localdate()
    start = today - datetime.timedelta(days=3)
    query = {
        "date_from_day": start.day,
        "date_from_month": start.month,
        "date_from_year": start.year,
        "date_to_day": today.day,
        "date_to_month": today.month,
        "date_to_year": today.year,
    }
    with django_assert_max_num_queries(12):
        page = client.get("/contacts/liaison-report/", query).content.decode()
    assert "Chase a missed bin" in page and "25%" in page and "Example 3" in page
    body = b"".join(
        client.get("/contacts/liaison-report/", {**query, "format": "csv"}).streaming_content
    ).decode()
    assert "Waste,Chase a missed bin,4,1,25.0" in body
    assert client.get("/contacts/liaison-report/").status_code == 200
    bad = client.get("/contacts/liaison-report/", {"date_from_day": "40"}).content.decode()
    assert "There is a problem" in bad
    assert client_as(Role.ADVISOR).get("/contacts/liaison-report/").status_code == 403
