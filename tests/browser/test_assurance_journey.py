"""The quality lead rates CSE elements and attaches evidence; the head of service issues the
Member Working Group report and its PDF renders. Every page checked with axe-core."""

import datetime
import io
from pathlib import Path

import pypdfium2
import pytest
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.assurance.models import ElementAssessment, Evidence, IssuedReport
from apps.assurance.tests.factories import AccreditationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_quality_lead_rates_elements_and_attaches_evidence(journey):
    UserFactory(email="quality@council.example", roles=[Role.QUALITY_LEAD])
    accreditation = AccreditationFactory(title="Customer Service Excellence 2027")
    page = journey.page

    journey.sign_in("quality@council.example")
    journey.click(page.get_by_role("link", name="Accreditation").first)
    journey.click(page.get_by_role("link", name="Customer Service Excellence 2027"))
    journey.click(page.get_by_role("link", name="1.3.1 We measure satisfaction robustly and often"))

    page.get_by_role("radio", name="Compliance plus").check()
    page.get_by_label("How we meet it (optional)").fill(
        "Surveys on every channel, independent sample."
    )
    journey.click(page.get_by_role("button", name="Save rating"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Rating saved")

    journey.click(page.get_by_role("link", name="Add evidence for this element"))
    journey.click(page.get_by_role("button", name="Add evidence"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    page.get_by_label("Title").fill("Accreditation overview")
    page.get_by_role("radio", name="A record or report in firstpoint").check()
    page.get_by_label("Address of the record or report in firstpoint").fill(
        f"/assurance/accreditations/{accreditation.pk}/"
    )
    expect(
        page.get_by_role("checkbox", name="1.3.1 We measure satisfaction robustly and often")
    ).to_be_checked()
    journey.click(page.get_by_role("button", name="Add evidence"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Evidence added")
    journey.click(page.get_by_role("link", name="Accreditation overview"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Customer Service Excellence 2027")

    assessment = ElementAssessment.objects.get(requirement__code="1.3.1")
    assert assessment.rating == "compliance_plus"
    assert Evidence.objects.get().requirements.get().code == "1.3.1"


def test_head_of_service_issues_the_member_working_group_report(journey, tmp_path):
    UserFactory(email="head@council.example", roles=[Role.HEAD_OF_SERVICE])
    page = journey.page
    journey.sign_in("head@council.example")
    journey.click(page.get_by_role("link", name="Reports", exact=True).first)
    journey.click(page.get_by_role("button", name="Start a report"))
    page.get_by_role("radio", name="Customer Services Member Working Group").check()
    page.get_by_label("Title").fill("Member Working Group, October 2026")
    for prefix, day in (("period_start", "1"), ("period_end", "31")):
        page.locator(f"#id_{prefix}_day").fill(day)
        page.locator(f"#id_{prefix}_month").fill("10")
        page.locator(f"#id_{prefix}_year").fill("2026")
    journey.click(page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Member Working Group, October 2026")
    expect(page.get_by_role("heading", name="Contacts and how they ended")).to_be_visible()

    journey.click(page.get_by_role("button", name="Issue this report"))
    expect(page.get_by_text("Version 1, issued on")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    pdf_bytes = Path(download_info.value.path()).read_bytes()
    assert pdf_bytes.startswith(b"%PDF")
    issued = IssuedReport.objects.get()
    assert bytes(issued.pdf) == pdf_bytes

    # The PDF renders: its first page, as an image, is an A4 page with text on it.
    document = pypdfium2.PdfDocument(io.BytesIO(pdf_bytes))
    image = document[0].render(scale=1).to_pil()
    image.save(tmp_path / "report-page-1.png")
    width, height = image.size
    assert 1.35 < height / width < 1.45  # A4 portrait
    greys = image.convert("L").getextrema()
    assert greys[0] < 80 and greys[1] > 240  # dark text on a white page
    text = document[0].get_textpage().get_text_range()
    assert "Member Working Group, October 2026" in text
    assert datetime.date.today().strftime("%-d %B %Y") in text
