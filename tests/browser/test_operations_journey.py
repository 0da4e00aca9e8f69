"""Operations end to end: IT logs an outage and the contacts flagged during it are counted;
communications issues version 2 of a leaflet, a site confirms version 1 removed, and the
public page lists version 2. Every page is checked by axe-core at WCAG 2.2 AA."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import SiteFactory, TeamFactory, UserFactory
from apps.contacts.tests.factories import ContactFactory
from apps.operations import services
from apps.operations.models import DowntimeIncident, RemovalTask
from apps.operations.tests.factories import PublicationFactory, SystemFactory, pdf_bytes, pdf_upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_logs_an_outage_and_flagged_contacts_are_counted(journey):
    UserFactory(email="it@council.example", roles=[Role.IT_SERVICES])
    SystemFactory(name="Waste CRM", aliases=["Bartec"])
    SystemFactory(name="Telephony")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    tz = timezone.get_current_timezone()

    def at(hour, minute=0):
        return datetime.datetime.combine(yesterday, datetime.time(hour, minute), tzinfo=tz)

    # Advisors flagged these contacts "system unavailable" in the front office.
    ContactFactory(system_unavailable=True, unavailable_system="Waste CRM", started_at=at(9, 30))
    ContactFactory(system_unavailable=True, unavailable_system="bartec", started_at=at(10, 15))
    ContactFactory(system_unavailable=True, unavailable_system="Telephony", started_at=at(10))
    ContactFactory(system_unavailable=True, unavailable_system="Waste CRM", started_at=at(12))
    page = journey.page

    journey.sign_in("it@council.example")
    journey.click(page.get_by_role("link", name="Operations").first)
    journey.click(page.get_by_role("link", name="Log a downtime incident"))
    journey.click(page.get_by_role("button", name="Save incident"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()

    page.get_by_label("System").select_option(label="Waste CRM")
    page.get_by_label("What happened").fill("Waste CRM not responding")
    page.locator("#id_start_date_day").fill(str(yesterday.day))
    page.locator("#id_start_date_month").fill(str(yesterday.month))
    page.locator("#id_start_date_year").fill(str(yesterday.year))
    page.get_by_label("Start time").fill("09:00")
    page.locator("#id_end_date_day").fill(str(yesterday.day))
    page.locator("#id_end_date_month").fill(str(yesterday.month))
    page.locator("#id_end_date_year").fill(str(yesterday.year))
    page.get_by_label("End time").fill("11:00")
    page.get_by_role("radio", name="No, unplanned").check()
    page.get_by_role("checkbox", name="Phone").check()
    page.get_by_label("Root cause", exact=True).select_option(label="Supplier or hosted service")
    page.get_by_label("Root cause analysis").fill("Supplier's database server ran out of disk.")
    journey.click(page.get_by_role("button", name="Save incident"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Waste CRM not responding")
    row = page.locator(".govuk-summary-list__row", has_text="Contacts affected")
    expect(row.locator(".govuk-summary-list__value")).to_have_text("2")
    assert DowntimeIncident.objects.get().recorded_by.email == "it@council.example"

    page.get_by_label("Action", exact=True).fill("Add disk space alerts")
    page.get_by_label("Owner").fill("Waste systems team")
    page.locator("#id_due_on_day").fill("1")
    page.locator("#id_due_on_month").fill("2")
    page.locator("#id_due_on_year").fill(str(yesterday.year + 1))
    journey.click(page.get_by_role("button", name="Add action"))
    expect(page.get_by_role("table")).to_contain_text("Add disk space alerts")

    journey.click(page.get_by_role("link", name="Downtime incidents"))
    expect(page.get_by_role("table")).to_contain_text("Waste CRM not responding")
    journey.goto("/operations/downtime/figures/")
    expect(page.locator("table").first).to_contain_text("Waste CRM")


def test_communications_issues_version_2_and_a_site_confirms_removal(journey, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    town_hall = SiteFactory(name="Town Hall Customer Service Centre")
    eastgate = SiteFactory(name="Eastgate Customer Service Centre")
    comms = UserFactory(email="comms@council.example", roles=[Role.COMMUNICATIONS])
    UserFactory(
        email="manager@council.example",
        roles=[Role.TEAM_MANAGER],
        team=TeamFactory(name="Face to face team", site=town_hall),
    )
    publication = PublicationFactory(title="Bins and recycling collections")
    services.publication_issue(
        by=comms,
        publication=publication,
        issued_on=datetime.date(2025, 4, 1),
        review_on=datetime.date(2026, 4, 1),
        formats=["standard"],
        document=pdf_upload(),
        distribution_points=[town_hall, eastgate],
    )
    leaflet = tmp_path / "bins-v2.pdf"
    leaflet.write_bytes(pdf_bytes("Bins version 2"))
    not_a_pdf = tmp_path / "bins.pdf"
    not_a_pdf.write_bytes(b"<html>this is not a PDF</html>")
    page = journey.page

    journey.sign_in("comms@council.example")
    journey.goto("/operations/publications/")
    expect(page.get_by_role("table")).to_contain_text("Review overdue")
    journey.click(page.get_by_role("link", name="Bins and recycling collections"))
    journey.click(page.get_by_role("button", name="Issue a new version"))
    expect(page.locator(".govuk-warning-text")).to_contain_text("Issuing withdraws version 1")
    page.locator("#id_review_on_day").fill("1")
    page.locator("#id_review_on_month").fill("4")
    page.locator("#id_review_on_year").fill(str(timezone.localdate().year + 1))
    page.get_by_role("checkbox", name="Large print").check()
    page.get_by_label("Electronic copy").set_input_files(str(not_a_pdf))
    journey.click(page.get_by_role("button", name="Issue this version"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The electronic copy must be a PDF"
    )

    page.get_by_label("Electronic copy").set_input_files(str(leaflet))
    page.get_by_role("checkbox", name="Eastgate Customer Service Centre").uncheck()
    journey.click(page.get_by_role("button", name="Issue this version"))
    expect(page.get_by_role("heading", name="Version 2")).to_contain_text("Current")
    expect(page.get_by_role("heading", name="Version 1")).to_contain_text("Withdrawn")
    assert {t.site for t in RemovalTask.objects.all()} == {town_hall, eastgate}

    journey.sign_in("manager@council.example")
    journey.goto("/operations/")
    journey.click(page.get_by_role("link", name="See what to remove"))
    expect(page.get_by_role("table")).to_contain_text("Eastgate Customer Service Centre")
    journey.click(page.get_by_role("button", name="Confirm removal of Bins and recycling"))
    expect(page.get_by_text("Nothing to remove at your site.")).to_be_visible()
    expect(page.get_by_role("table")).not_to_contain_text("Town Hall")
    assert RemovalTask.objects.get(site=town_hall).confirmed_at is not None
    assert RemovalTask.objects.get(site=eastgate).confirmed_at is None

    journey.page.context.clear_cookies()
    journey.goto("/publications/")
    expect(page.get_by_role("heading", name="Bins and recycling collections")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Version 2")
    expect(page.locator("main")).not_to_contain_text("Version 1")
    href = page.get_by_role("link", name="Download Bins and recycling collections").get_attribute(
        "href"
    )
    response = page.request.get(journey.base_url + href)
    assert response.ok and response.body().startswith(b"%PDF-")
