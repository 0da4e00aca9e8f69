"""A disabled mystery shopper records a face-to-face visit through their one-time link, with
the disabled access check, saving and coming back part way, without signing in; the quality
lead then sees the result. Every page is checked by axe-core at WCAG 2.2 AA."""

import datetime

import pytest
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.mystery import services
from apps.mystery.models import Channel, Shopper, Visit
from apps.mystery.tests.factories import (
    CriterionFactory,
    ProgrammeFactory,
    ScenarioFactory,
    ShopperFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def visit_link():
    programme = ProgrammeFactory(name="Winter mystery shopping")
    scenario = ScenarioFactory(
        programme=programme,
        channel=Channel.FACE_TO_FACE,
        title="Council tax discount at the centre",
        brief="Ask how to apply for a single person discount.",
    )
    CriterionFactory(scenario=scenario, text="You were greeted promptly", weight=3)
    CriterionFactory(scenario=scenario, text="You were told what happens next", weight=1)
    TargetFactory(programme=programme, site=SiteFactory(name="Borchester Central"), visits=1)
    ShopperFactory(name="Priya Shah", kind=Shopper.Kind.DISABLED, access_needs="Wheelchair")
    _run, links = services.allocation_run(programme=programme, seed=11)
    return next(iter(links.values()))


def test_disabled_shopper_records_a_visit_and_the_quality_lead_sees_it(journey, visit_link):
    page = journey.page
    journey.goto(f"/mystery-shopping/shop/{visit_link}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record your mystery shopping visit")
    journey.click(page.get_by_role("link", name="About your visit"))
    journey.click(page.get_by_role("button", name="Save and continue"))
    expect(page.get_by_text("There is a problem")).to_be_visible()
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("What happened?").fill("The advisor came round the counter to help me.")
    journey.click(page.get_by_role("button", name="Save and come back later"))
    expect(page.get_by_text("Your answers have been saved")).to_be_visible()

    # Coming back later with the same link: the first part is kept.
    journey.goto(f"/mystery-shopping/shop/{visit_link}/")
    journey.click(page.get_by_role("link", name="About your visit"))
    expect(page.get_by_label("What happened?")).to_have_value(
        "The advisor came round the counter to help me."
    )
    journey.click(page.get_by_role("button", name="Save and continue"))
    page.get_by_role("group", name="You were greeted promptly").get_by_label("Yes").check()
    page.get_by_role("group", name="You were told what happens next").get_by_label("No").check()
    journey.click(page.get_by_role("button", name="Save and continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Disabled access check")
    page.get_by_label("Accessible parking bays").fill("2")
    page.get_by_label("Distance from the bays").fill("30")
    for group in (
        "Bays clearly signed",
        "Step-free entrance",
        "Doors easy to open or automatic",
        "Seating available while waiting",
        "Accessible toilet available",
        "Staff aware of disabled customers' needs",
    ):
        page.get_by_role("group", name=group).get_by_label("Yes", exact=True).check()
    page.get_by_role("group", name="Hearing loop working and signed").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_role("group", name="Signs and printed information").get_by_label(
        "No", exact=True
    ).check()
    page.screenshot(path="/tmp/mystery_access.png", full_page=True)
    journey.click(page.get_by_role("button", name="Save and continue"))
    page.screenshot(path="/tmp/mystery_start.png", full_page=True)
    journey.click(page.get_by_role("button", name="Submit your visit"))
    expect(page.get_by_role("heading", name="Visit submitted")).to_be_visible()

    # The link cannot be used again.
    journey.goto(f"/mystery-shopping/shop/{visit_link}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer works")

    visit = Visit.objects.get()
    assert visit.score == 75 and visit.access_check.hearing_loop == "no"

    UserFactory(email="lead@council.example", roles=[Role.QUALITY_LEAD])
    journey.sign_in("lead@council.example")
    journey.goto("/mystery-shopping/results/")
    expect(page.get_by_role("table", name="By site")).to_contain_text("75.0%")
    page.screenshot(path="/tmp/mystery_results.png", full_page=True)
    journey.goto(f"/mystery-shopping/visits/{visit.pk}/")
    expect(page.get_by_text("Hearing loop working and signed")).to_be_visible()
    page.screenshot(path="/tmp/mystery_visit.png", full_page=True)
    assert visit.visited_on == datetime.date(2026, 1, 14)
