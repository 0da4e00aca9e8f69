"""An administrator adds and changes a service; an advisor finds it. Checked with axe-core."""

import pytest
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, UserFactory
from apps.catalogue.models import Service

pytestmark = pytest.mark.django_db(transaction=True)


def test_administrator_adds_and_changes_a_service_and_an_advisor_finds_it(journey):
    DepartmentFactory(name="Highways", slug="highways")
    UserFactory(email="admin@council.example", roles=[Role.ADMINISTRATOR])
    UserFactory(email="advisor@council.example", roles=[Role.ADVISOR])
    page = journey.page

    journey.sign_in("admin@council.example")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    journey.click(page.get_by_role("link", name="Services").first)
    journey.click(page.get_by_role("button", name="Add a service"))

    # Submitting an empty form shows the error summary first.
    journey.click(page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the service")

    page.get_by_label("Name", exact=True).fill("Report a blocked drain")
    page.get_by_label("Summary for residents").fill("Tell us about a blocked road drain or gully.")
    page.get_by_label("LGSL code").select_option("455")
    page.get_by_label("Owning client department").select_option(label="Highways")
    page.get_by_role("checkbox", name="Phone").check()
    page.get_by_role("checkbox", name="Online").check()
    page.get_by_label("Online link").fill("https://www.council.example/drains")
    page.get_by_label("SLA in working days").fill("10")
    page.get_by_role("radio", name="Raise a service request").check()
    page.get_by_label("Advisor script").fill("Ask **where** the drain is.")
    journey.click(page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Report a blocked drain")
    expect(page.locator(".fp-script strong")).to_have_text("where")

    journey.click(page.get_by_role("button", name="Change this service"))
    page.get_by_label("SLA in working days").fill("5")
    page.get_by_role("radio", name="Legislation change").check()
    page.get_by_label("What changed and why").fill("Flood and Water Management Act duties")
    journey.click(page.get_by_role("button", name="Save"))
    journey.click(page.get_by_role("link", name="see the history"))
    expect(page.locator(".govuk-summary-card").first).to_contain_text(
        "Version 2: Legislation change"
    )
    expect(page.locator(".govuk-summary-card").first).to_contain_text("SLA in working days")
    expect(page.locator(".govuk-summary-card")).to_have_count(2)
    assert Service.objects.get().version == 2

    journey.sign_in("advisor@council.example")
    journey.goto("/services/")
    page.get_by_label("Search").fill("drain")
    journey.click(page.get_by_role("button", name="Filter"))
    journey.click(page.get_by_role("link", name="Report a blocked drain"))
    expect(page.get_by_text("5 working days")).to_be_visible()
    expect(page.get_by_role("button", name="Change this service")).to_have_count(0)
    assert len(journey.checked) >= 10


def test_forms_work_without_javascript(journey_without_js, live_server):
    UserFactory(email="admin@council.example", roles=[Role.ADMINISTRATOR])
    page = journey_without_js
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address").fill("admin@council.example")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct email address")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + "/services/add/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select at least one channel")
