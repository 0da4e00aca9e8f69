"""Surveys: an advisor records a survey at the end of a call, a resident answers an
independent survey by link (which then stops working), and the quality lead builds the
survey value review and downloads its PDF. Every page checked with axe-core."""

import datetime
import io
from pathlib import Path

import pypdfium2
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.contacts.tests.factories import ContactFactory
from apps.core.models import OutboxMessage
from apps.customers.tests.factories import CustomerFactory
from apps.surveys import services
from apps.surveys.models import Mode, Response
from apps.surveys.tests.factories import ResponseFactory, SurveyActionFactory

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOTS = Path("/tmp/surveys-screens")


def _shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_advisor_records_the_survey_at_the_end_of_a_call(journey):
    advisor = UserFactory(email="advisor@council.example", roles=[Role.ADVISOR])
    contact = ContactFactory(advisor=advisor, customer=CustomerFactory())
    page = journey.page
    journey.sign_in("advisor@council.example")
    journey.goto(f"/contacts/{contact.pk}/")
    journey.click(page.get_by_role("button", name="Record the customer's survey"))
    journey.click(page.get_by_role("button", name="Save the survey"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_role("radio", name="4 – satisfied").check()
    page.get_by_role("radio", name="5 – very easy").check()
    page.get_by_role("group", name="Was your query resolved?").get_by_label("Yes").check()
    page.get_by_role("group", name="Would you use this way").get_by_label("Yes").check()
    _shot(page, "record")
    journey.click(page.get_by_role("button", name="Save the survey"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Survey recorded")
    expect(page.get_by_text("Asking the survey took")).to_be_visible()
    response = Response.objects.get()
    assert response.mode == Mode.ADVISOR and response.satisfaction == 4
    assert response.started_at is not None and response.advisor == advisor
    journey.click(page.get_by_role("link", name="Surveys").first)
    journey.click(page.get_by_role("link", name="My results"))
    expect(page.get_by_text("Too few responses to show").first).to_be_visible()


def test_resident_answers_an_independent_survey_by_link_once(journey):
    contact = ContactFactory(customer=CustomerFactory())
    services.invitation_send_independent(contact=contact)
    body = OutboxMessage.objects.get().body
    path = "/surveys/answer/" + body.split("/surveys/answer/")[1].split("/")[0] + "/"
    page = journey.page
    journey.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us how we did")
    journey.click(page.get_by_role("button", name="Send your answers"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_role("radio", name="2 – dissatisfied").check()
    page.get_by_role("radio", name="3 – neither easy nor difficult").check()
    page.get_by_role("group", name="Was your query resolved?").get_by_label("No").check()
    page.get_by_role("group", name="Would you use this way").get_by_label("Yes").check()
    page.get_by_label("Is there anything we could have done better?").fill("Call me back sooner")
    _shot(page, "answer")
    journey.click(page.get_by_role("button", name="Send your answers"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answers")
    response = Response.objects.get()
    assert response.mode == Mode.INDEPENDENT and response.satisfaction == 2
    assert response.resolved is False
    journey.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("This survey link no longer works")


def test_quality_lead_builds_the_value_review_and_downloads_the_pdf(journey, tmp_path):
    UserFactory(email="quality@council.example", roles=[Role.QUALITY_LEAD])
    now = datetime.datetime.now(datetime.UTC)
    for score in (5, 5, 5, 4, 4, 5, 5, 4, 5, 5, 3, 5):
        ResponseFactory(
            mode=Mode.ADVISOR,
            satisfaction=score,
            finished_at=now,
            started_at=now - datetime.timedelta(minutes=3),
        )
    for score in (2, 3, 4, 5, 3, 4, 1, 4, 3, 5, 2, 4):
        ResponseFactory(mode=Mode.INDEPENDENT, satisfaction=score, finished_at=now)
    SurveyActionFactory()
    page = journey.page
    journey.sign_in("quality@council.example")
    journey.click(page.get_by_role("link", name="Surveys").first)
    journey.click(page.get_by_role("link", name="Results by channel"))
    _shot(page, "results")
    journey.click(page.get_by_role("link", name="Surveys").first)
    journey.click(page.get_by_role("link", name="Survey value reviews"))
    journey.click(page.get_by_role("button", name="Build the value review"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    today = datetime.date.today()
    start = today - datetime.timedelta(days=365)
    page.get_by_label("Title").fill("Survey value review 2026")
    for prefix, day in (("period_start", start), ("period_end", today)):
        page.locator(f"#id_{prefix}_day").fill(str(day.day))
        page.locator(f"#id_{prefix}_month").fill(str(day.month))
        page.locator(f"#id_{prefix}_year").fill(str(day.year))
    page.get_by_label("Advisor cost per hour, in pounds").fill("18.50")
    journey.click(page.get_by_role("button", name="Build the value review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Survey value review 2026")
    expect(page.get_by_text("Suggested from the figures")).to_be_visible()
    page.get_by_role("radio", name="Change").check()
    page.get_by_label("Reasoning").fill("Move to independent surveys only.")
    journey.click(page.get_by_role("button", name="Record the recommendation"))
    expect(page.get_by_role("heading", name="Recommendation: Change")).to_be_visible()
    _shot(page, "review")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    pdf_bytes = Path(download_info.value.path()).read_bytes()
    assert pdf_bytes.startswith(b"%PDF")
    (SCREENSHOTS / "review.pdf").write_bytes(pdf_bytes)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages)
    assert "Survey value review 2026" in text
    assert "Recommendation: Change" in text
    text = " ".join(text.split())
    assert "Advisor time spent asking" in text and "Whitney U" in text
    document = pypdfium2.PdfDocument(io.BytesIO(pdf_bytes))
    image = document[0].render(scale=1).to_pil()
    image.save(tmp_path / "review-page-1.png")
    image.save(SCREENSHOTS / "review-pdf-page-1.png")
    width, height = image.size
    assert 1.35 < height / width < 1.45


def test_quality_lead_rewords_a_question_and_sees_the_new_version(journey):
    UserFactory(email="quality@council.example", roles=[Role.QUALITY_LEAD])
    services.standard_survey()
    page = journey.page
    journey.sign_in("quality@council.example")
    journey.click(page.get_by_role("link", name="Surveys").first)
    journey.click(page.get_by_role("link", name="Survey questions"))
    _shot(page, "questions")
    journey.click(page.get_by_role("link", name="Reword question: Is there anything we could"))
    page.get_by_label("Question").fill("")
    journey.click(page.get_by_role("button", name="Save the new wording"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the question")
    page.get_by_label("Question").fill("What could we have done better?")
    _shot(page, "reword")
    journey.click(page.get_by_role("button", name="Save the new wording"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("version 2")
    row = page.get_by_role("row").filter(has_text="What could we have done better?")
    expect(row.get_by_role("cell").nth(2)).to_have_text("2")
    expect(page.get_by_text("Is there anything we could have done better?")).to_have_count(0)
    journey.click(page.get_by_role("link", name="Reword question: What could we have done better?"))
    expect(page.get_by_role("row").filter(has_text="Is there anything")).to_be_visible()


def test_advisor_stops_survey_invitations_for_a_customer(journey):
    UserFactory(email="advisor@council.example", roles=[Role.ADVISOR])
    customer = CustomerFactory()
    page = journey.page
    journey.sign_in("advisor@council.example")
    journey.goto(f"/customers/{customer.pk}/")
    journey.click(page.get_by_role("button", name="Stop sending survey invitations"))
    expect(page.get_by_text("they have opted out")).to_be_visible()
    _shot(page, "customer-opted-out")
    journey.click(page.get_by_role("button", name="Start sending survey invitations again"))
    expect(page.get_by_role("button", name="Stop sending survey invitations")).to_be_visible()
