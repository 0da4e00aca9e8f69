"""The front office end to end: an advisor on the phones, a team manager and a client
service officer, with every page checked by axe-core at WCAG 2.2 AA."""

import datetime

import pytest
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory, UserFactory
from apps.cases import selectors as case_selectors
from apps.cases.models import ServiceRequest, Status
from apps.catalogue.models import ReferralRoute
from apps.catalogue.tests.factories import ServiceFactory
from apps.contacts import selectors as contact_selectors
from apps.contacts.models import Contact, Outcome, ReferralAuthorisation
from apps.customers.tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_advisor_manager_and_officer_work_a_day_of_contacts(journey):
    waste = DepartmentFactory(name="Waste and recycling", slug="waste")
    env_health = DepartmentFactory(name="Environmental health", slug="environmental-health")
    revenues = DepartmentFactory(name="Revenues and benefits", slug="revenues")
    ServiceFactory(
        name="Pay your Council Tax",
        department=revenues,
        referral_route=ReferralRoute.RESOLVE,
        sla_working_days=None,
        script="Take the payment.",
    )
    ServiceFactory(
        name="Report a missed bin collection",
        department=waste,
        referral_route=ReferralRoute.SERVICE_REQUEST,
        sla_working_days=2,
        script="Check the **collection day** first.",
    )
    ServiceFactory(
        name="Report a noise problem",
        department=env_health,
        referral_route=ReferralRoute.EMAIL_REFERRAL,
        sla_working_days=10,
    )
    phones = TeamFactory(name="Phones team A")
    UserFactory(
        email="advisor@council.example", full_name="Amira Khan", team=phones, roles=[Role.ADVISOR]
    )
    UserFactory(
        email="manager@council.example",
        full_name="Tom Baker",
        team=phones,
        roles=[Role.TEAM_MANAGER],
    )
    UserFactory(
        email="officer@council.example",
        full_name="Owen Price",
        team=TeamFactory(name="Waste team", department=waste),
        roles=[Role.CLIENT_SERVICE_OFFICER],
    )
    customer = CustomerFactory(
        first_name="Arthur", last_name="Smith", postcode="BC7 9JF", email="arthur@example.com"
    )
    page = journey.page

    # The advisor finds the caller.
    journey.sign_in("advisor@council.example")
    journey.click(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Customers"))
    page.get_by_label("Search for a customer").fill("bc79jf")
    journey.click(page.get_by_role("button", name="Search"))
    journey.click(page.get_by_role("link", name="Arthur Smith"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Arthur Smith")

    # 1. Resolved at the first point of contact.
    journey.click(page.get_by_role("button", name="Log a contact"))
    page.get_by_role("checkbox", name="Pay your Council Tax").check()
    page.get_by_label("Reason for contact").fill("Wanted to pay this month's instalment")
    page.get_by_role("radio", name="Resolved at first point of contact").check()
    journey.click(page.get_by_role("button", name="Save contact"))
    expect(page.locator("body")).to_contain_text("Resolved at first point of contact")

    # 2. A missed bin: the script shows, and a service request is raised by the agreed route.
    journey.click(page.get_by_role("link", name="Log another contact"))
    page.get_by_role("checkbox", name="Report a missed bin collection").check()
    journey.click(page.get_by_role("button", name="Show scripts"))
    expect(page.locator("#contact-scripts")).to_contain_text("collection day")
    expect(page.locator("#contact-scripts")).to_contain_text("Raise a service request")
    page.get_by_label("Reason for contact").fill("Bin not emptied on Tuesday")
    page.get_by_role("radio", name="Referred to a client service by the agreed route").check()
    page.get_by_role("checkbox", name="Raise a service request").check()
    page.get_by_label("What the request is about").fill("Grey bin missed, left at the kerb")
    page.get_by_label("Location address").fill("160 Canal Walk, Northfield")
    journey.click(page.get_by_role("button", name="Save contact"))
    service_request = ServiceRequest.objects.get()
    expect(page.get_by_role("link", name=service_request.reference)).to_be_visible()
    assert service_request.reference.startswith(f"FP-{datetime.date.today().year}-")
    assert service_request.department == waste and service_request.sla_due is not None

    # 3. A noise complaint referred outside the agreed route, which needs authorising.
    journey.click(page.get_by_role("link", name="Log another contact"))
    page.get_by_role("checkbox", name="Report a noise problem").check()
    page.get_by_label("Reason for contact").fill("Loud generator at a building site at night")
    page.get_by_role("radio", name="Referred outside the agreed route").check()
    page.get_by_label("Why it needs to go outside the agreed route").fill(
        "Happening now; the caller has a newborn and cannot wait for email"
    )
    journey.click(page.get_by_role("button", name="Save contact"))
    expect(page.locator("body")).to_contain_text("Waiting for a team manager")
    referral_contact = Contact.objects.get(outcome=Outcome.REFERRED_OUTSIDE)

    # The team manager approves it, with a reason.
    journey.sign_in("manager@council.example")
    journey.click(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Authorisations")
    )
    journey.click(page.get_by_role("link", name="Decide"))
    page.get_by_role("radio", name="Approve").check()
    page.get_by_label("Reason for your decision").fill(
        "Night-time noise affecting a baby: call the duty officer"
    )
    journey.click(page.get_by_role("button", name="Save decision"))
    authorisation = ReferralAuthorisation.objects.get(contact=referral_contact)
    assert authorisation.status == ReferralAuthorisation.Status.APPROVED

    # The advisor sees the decision and who made it.
    journey.sign_in("advisor@council.example")
    journey.goto("/contacts/my-referrals/")
    expect(page.locator("table")).to_contain_text("Approved")
    expect(page.locator("table")).to_contain_text("Tom Baker")

    # The waste officer works the request to resolved, telling the resident.
    journey.sign_in("officer@council.example")
    journey.click(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Requests"))
    journey.click(page.get_by_role("link", name=service_request.reference))
    page.get_by_role("radio", name="In progress").check()
    page.get_by_label("What the resident is told (optional)").fill("A crew is on its way")
    journey.click(page.get_by_role("button", name="Change status"))
    page.get_by_role("radio", name="Resolved").check()
    page.get_by_label("What the resident is told (optional)").fill(
        "We emptied your bin on Wednesday"
    )
    page.get_by_label("Internal note (optional)").fill("Crew missed the street: route sheet fixed")
    journey.click(page.get_by_role("button", name="Change status"))
    expect(page.locator("body")).to_contain_text("We emptied your bin on Wednesday")
    service_request.refresh_from_db()
    assert service_request.status == Status.RESOLVED

    # What the resident can see: public updates only, and only with the right proof.
    found = case_selectors.request_for_resident(
        reference=service_request.reference, email_or_postcode="ARTHUR@example.com"
    )
    public = [u.text for u in case_selectors.public_updates(request=found)]
    assert "We emptied your bin on Wednesday" in public
    assert not any("route sheet" in text for text in public)
    assert (
        case_selectors.request_for_resident(
            reference=service_request.reference, email_or_postcode="someone@else.example"
        )
        is None
    )

    # The liaison meeting report counts both referrals, one of them out of process.
    journey.sign_in("manager@council.example")
    journey.click(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Liaison report")
    )
    table = page.locator("table").first
    expect(table).to_contain_text("Waste and recycling")
    expect(table).to_contain_text("Environmental health")
    today = datetime.date.today()
    rows = contact_selectors.liaison_report_rows(
        date_from=today - datetime.timedelta(days=1), date_to=today
    )
    assert sum(r["calls"] for r in rows) == 2
    assert sum(r["outside"] for r in rows) == 1
    assert customer.contacts.count() == 3
    assert len(journey.checked) >= 20
