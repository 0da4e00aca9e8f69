"""The quality lead sets up a mystery shopping programme on the staff pages: the programme,
a target, a scenario and its two-item checklist, then allocates the visits and sees them.
Every page is checked by axe-core at WCAG 2.2 AA."""

import pytest
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.catalogue.tests.factories import ServiceFactory
from apps.mystery.models import Programme, Visit
from apps.mystery.tests.factories import ShopperFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_quality_lead_sets_up_a_programme_and_allocates_its_visits(journey):
    SiteFactory(name="Borchester Central")
    ServiceFactory(name="Council tax discounts")
    ShopperFactory(name="Priya Shah")
    ShopperFactory(name="Tom Ellis")
    UserFactory(email="lead@council.example", roles=[Role.QUALITY_LEAD])
    page = journey.page
    journey.sign_in("lead@council.example")

    journey.goto("/mystery-shopping/")
    journey.click(page.get_by_role("button", name="Set up a programme"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a programme")
    page.get_by_label("Name", exact=True).fill("Spring mystery shopping")
    start = page.get_by_role("group", name="Start")
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("4")
    start.get_by_label("Year").fill("2026")
    end = page.get_by_role("group", name="End")
    end.get_by_label("Day").fill("30")
    end.get_by_label("Month").fill("3")
    end.get_by_label("Year").fill("2026")
    journey.click(page.get_by_role("button", name="Create programme"))
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="The end must be the same as or after the start")
    ).to_be_visible()
    assert not Programme.objects.exists()
    end.get_by_label("Month").fill("6")
    page.get_by_label("Description (optional)").fill("Council tax at the centre.")
    journey.click(page.get_by_role("button", name="Create programme"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring mystery shopping")

    journey.click(page.get_by_role("link", name="Add a target"))
    page.get_by_label("Face to face").check()
    page.get_by_label("Site (optional)").select_option(label="Borchester Central")
    page.get_by_label("Number of visits").fill("0")
    journey.click(page.get_by_role("button", name="Add target"))
    expect(page.get_by_text("The number of visits must be 1 or more").first).to_be_visible()
    page.get_by_label("Number of visits").fill("3")
    journey.click(page.get_by_role("button", name="Add target"))
    expect(page.get_by_role("table", name="Targets")).to_contain_text("Borchester Central")

    journey.click(page.get_by_role("link", name="Add a scenario"))
    page.get_by_label("Title", exact=True).fill("Single person discount at the centre")
    page.get_by_label("Face to face").check()
    page.get_by_label("Service", exact=True).select_option(label="Council tax discounts")
    page.get_by_label("What the shopper asks or does").fill(
        "Ask how to apply for a single person discount."
    )
    page.get_by_label("Instructions for the shopper (optional)").fill(
        "Go in the morning and take a council tax bill."
    )
    journey.click(page.get_by_role("button", name="Add scenario"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Single person discount at the centre"
    )

    page.get_by_label("What the shopper checks").fill("You were greeted promptly")
    page.get_by_label("Customer Service Excellence criterion").select_option("5")
    page.get_by_label("CSE element (optional)").fill("3.2")
    page.get_by_label("Weight", exact=True).fill("3")
    journey.click(page.get_by_role("button", name="Add to the checklist"))
    expect(
        page.get_by_role("link", name="The element code must start with 5. for criterion 5")
    ).to_be_visible()
    page.get_by_label("CSE element (optional)").fill("5.2")
    journey.click(page.get_by_role("button", name="Add to the checklist"))
    page.get_by_label("What the shopper checks").fill("You were told what happens next")
    page.get_by_label("Customer Service Excellence criterion").select_option("4")
    page.get_by_label("CSE element (optional)").fill("4.3")
    page.get_by_label("Weight", exact=True).fill("1")
    journey.click(page.get_by_role("button", name="Add to the checklist"))
    checklist = page.get_by_role("table")
    expect(checklist).to_contain_text("You were greeted promptly")
    expect(checklist).to_contain_text("You were told what happens next")
    expect(checklist).to_contain_text("total weight 4")
    page.screenshot(path="/tmp/mystery_scenario.png", full_page=True)

    journey.click(page.get_by_role("link", name="Spring mystery shopping").first)
    journey.click(page.get_by_role("button", name="Allocate visits"))
    expect(page.get_by_text("3 visits allocated")).to_be_visible()
    page.screenshot(path="/tmp/mystery_programme_setup.png", full_page=True)
    journey.click(page.get_by_role("link", name="Visits in this programme"))
    expect(page.get_by_role("table")).to_contain_text("Single person discount at the centre")
    assert Visit.objects.filter(site__name="Borchester Central").count() == 3

    # Now that visits are allocated, the scenario and its checklist are fixed.
    journey.goto(f"/mystery-shopping/scenarios/{Visit.objects.first().scenario_id}/")
    expect(page.get_by_text("its checklist is fixed")).to_be_visible()
    expect(page.get_by_role("button", name="Delete the scenario")).to_have_count(0)
    page.screenshot(path="/tmp/mystery_scenario_allocated.png", full_page=True)
