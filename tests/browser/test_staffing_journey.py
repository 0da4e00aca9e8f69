"""The head of service imports a roster, sees the week's staffing gap, builds a savings
scenario, compares it with another and downloads the PDF. Every page is checked by axe."""

import datetime
from pathlib import Path

import pytest
from django.utils.timezone import localdate
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.staffing.models import RosterShift, SavingsScenario
from apps.staffing.tests.factories import SavingsScenarioFactory

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOTS = Path("var/screenshots")


def test_head_of_service_plans_staffing_and_savings(journey):
    UserFactory(email="head@council.example", roles=[Role.HEAD_OF_SERVICE])
    SavingsScenarioFactory(name="Cautious: one post a year", saving_year_2=1, saving_year_3=1)
    page = journey.page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    monday = localdate() - datetime.timedelta(days=localdate().weekday())
    roster = "date,start time,end time,advisor,queue\n" + "".join(
        f"{monday + datetime.timedelta(days=d)},09:00,17:00,{12 - d},\n" for d in range(5)
    )

    journey.sign_in("head@council.example")
    journey.click(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Staffing"))
    journey.click(page.get_by_role("link", name="Import a roster"))

    # A bad file is refused whole, with the line and column of each fault.
    page.get_by_label("Roster file (CSV)").set_input_files(
        files=[
            {
                "name": "bad.csv",
                "mimeType": "text/csv",
                "buffer": b"date,start time,end time,advisor,queue\n2026-11-23,17:00,09:00,4,\n",
            }
        ]
    )
    journey.click(page.get_by_role("button", name="Import the roster"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Line 2, column ‘end time’")
    assert not RosterShift.objects.exists()

    page.get_by_label("Roster file (CSV)").set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": roster.encode()}]
    )
    journey.click(page.get_by_role("button", name="Import the roster"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Roster imported: 5 shifts")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Staffing gap")
    expect(page.locator("table")).to_contain_text("Advisors rostered")
    page.screenshot(path=str(SCREENSHOTS / "staffing-week.png"), full_page=False)

    journey.goto("/staffing/scenarios/")
    journey.click(page.get_by_role("button", name="Create a scenario"))
    page.get_by_label("Name", exact=True).fill("Deep cuts: five posts a year")
    page.get_by_label("Advisor posts today (FTE)").fill("43")
    page.get_by_label("Calls a year").fill("520000")
    page.get_by_label("Average handle time in seconds").fill("300")
    page.get_by_role("radio", name="Full-time equivalent posts (FTE)").check()
    page.get_by_label("Saving in year 1").fill("5")
    page.get_by_label("Saving in year 2").fill("5")
    page.get_by_label("Saving in year 3").fill("5")
    page.get_by_label("Calls moving online in year 1 (%)").fill("5")
    journey.click(page.get_by_role("button", name="Save the scenario"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Deep cuts: five posts a year")
    expect(page.locator("main")).to_contain_text("the target would not hold")
    page.screenshot(path=str(SCREENSHOTS / "staffing-scenario.png"), full_page=True)

    journey.click(page.get_by_role("link", name="Savings scenarios"))
    page.get_by_role("checkbox", name="Cautious: one post a year").check()
    page.get_by_role("checkbox", name="Deep cuts: five posts a year").check()
    journey.click(page.get_by_role("button", name="Compare"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare savings scenarios")
    expect(page.locator("main")).to_contain_text("Cautious: one post a year")
    page.screenshot(path=str(SCREENSHOTS / "staffing-compare.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    path = download.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == "savings-scenarios-compared.pdf"
    assert SavingsScenario.objects.count() == 2
    assert len(journey.checked) >= 7
