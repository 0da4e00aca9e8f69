"""Residents use the public portal, with and without JavaScript: they report a missed bin,
track it, and leave a compliment; the waste department sees the report in its queue.
Every page the JavaScript journey visits is checked by axe-core at WCAG 2.2 AA."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory, UserFactory
from apps.cases.models import ServiceRequest, Source
from apps.catalogue.models import ServiceAttribute
from apps.catalogue.tests.factories import ServiceFactory
from apps.portal.models import Feedback

pytestmark = pytest.mark.django_db(transaction=True)

D = ServiceAttribute.Datatype


@pytest.fixture
def missed_bin(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    waste = DepartmentFactory(name="Waste and recycling", slug="waste", phone="01632 960 222")
    service = ServiceFactory(
        name="Report a missed bin collection",
        slug="report-a-missed-bin-collection",
        summary="Tell us if we did not empty your bin on collection day.",
        department=waste,
        reportable=True,
        sla_working_days=2,
    )
    ServiceAttribute.objects.create(
        service=service,
        code="bin_type",
        description="Which bin was missed?",
        datatype=D.SINGLEVALUELIST,
        required=True,
        values=[
            {"key": "general", "name": "General waste"},
            {"key": "recycling", "name": "Recycling"},
        ],
    )
    ServiceAttribute.objects.create(
        service=service,
        code="bin_out_by_7am",
        description="Was the bin out by 7am?",
        datatype=D.SINGLEVALUELIST,
        required=True,
        order=2,
        values=[{"key": "yes", "name": "Yes"}, {"key": "no", "name": "No"}],
    )
    UserFactory(
        email="waste.officer@council.example",
        full_name="Olu Adams",
        team=TeamFactory(name="Waste team", department=waste),
        roles=[Role.CLIENT_SERVICE_OFFICER],
    )
    return service


def _photo(tmp_path) -> str:
    path = tmp_path / "bin.jpg"
    output = io.BytesIO()
    Image.new("RGB", (120, 90), (20, 120, 20)).save(output, format="JPEG")
    path.write_bytes(output.getvalue())
    return str(path)


def _report(page, click, tmp_path, *, email: str, postcode: str) -> str:
    """Go through the report journey from the service page; returns the reference shown."""
    click(page.get_by_role("button", name="Report it"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about the problem")
    click(page.get_by_role("button", name="Continue"))
    expect(page.get_by_text("There is a problem")).to_be_visible()
    page.get_by_role("group", name="Which bin was missed?").get_by_label("Recycling").check()
    page.get_by_role("group", name="Was the bin out by 7am?").get_by_label("Yes").check()
    page.get_by_label("Describe the problem").fill("The blue bin was left full.")
    click(page.get_by_role("button", name="Continue"))

    page.get_by_label("Postcode", exact=True).fill(postcode)
    page.get_by_label("Address or description of the place").fill("12 High Street")
    click(page.get_by_role("button", name="Continue"))

    page.get_by_label("Upload a photo (optional)").set_input_files(_photo(tmp_path))
    click(page.get_by_role("button", name="Continue"))

    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Email address").fill(email)
    click(page.get_by_role("button", name="Continue"))

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending your report"
    )
    expect(page.get_by_text("Recycling")).to_be_visible()
    click(page.get_by_role("button", name="Send report"))
    expect(page.get_by_role("heading", name="Report sent")).to_be_visible()
    return page.locator(".govuk-panel__body strong").inner_text()


def test_a_resident_reports_a_missed_bin_without_javascript(
    journey_without_js, missed_bin, tmp_path
):
    page = journey_without_js

    def click(locator):
        with page.expect_navigation():
            locator.click()

    page.goto("/")
    click(page.get_by_role("link", name="Find a service"))
    page.get_by_label("Search for a service").fill("missed bin")
    click(page.get_by_role("button", name="Search"))
    click(page.get_by_role("link", name="Report a missed bin collection"))
    reference = _report(page, click, tmp_path, email="ada@example.com", postcode="bc1 2ab")

    request = ServiceRequest.objects.get(reference=reference)
    assert request.source == Source.PORTAL
    assert request.photos.count() == 1

    # Tracking it with the postcode, still without JavaScript.
    page.goto("/track/")
    page.get_by_label("Reference number").fill(reference)
    page.get_by_label("Email address or postcode").fill("BC1 2AB")
    click(page.get_by_role("button", name="Find my request"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {reference}")
    expect(page.get_by_text("We have received your request.")).to_be_visible()


def test_a_resident_reports_tracks_and_the_waste_team_sees_it(journey, missed_bin, tmp_path):
    page = journey.page
    journey.goto("/")
    journey.click(page.get_by_role("link", name="Report a missed bin collection"))
    reference = _report(
        page, journey.click, tmp_path, email="grace@example.com", postcode="BC7 9JF"
    )

    journey.click(page.get_by_role("link", name="track your request"))
    page.get_by_label("Reference number").fill(reference)
    page.get_by_label("Email address or postcode").fill("someone@else.example")
    journey.click(page.get_by_role("button", name="Find my request"))
    expect(page.get_by_text("We could not find a request with those details").first).to_be_visible()
    page.get_by_label("Email address or postcode").fill("grace@example.com")
    journey.click(page.get_by_role("button", name="Find my request"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {reference}")

    journey.sign_in("waste.officer@council.example")
    journey.goto("/requests/")
    expect(page.get_by_role("link", name=reference)).to_be_visible()


def test_a_resident_leaves_a_compliment(journey, missed_bin):
    page = journey.page
    journey.goto("/")
    journey.click(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Give feedback")
    )
    journey.click(page.get_by_role("button", name="Send feedback"))
    expect(page.get_by_text("There is a problem")).to_be_visible()
    page.get_by_label("Compliment").check()
    page.get_by_label("Which service is it about? (optional)").select_option(
        label="Report a missed bin collection"
    )
    page.get_by_label("Your feedback").fill("The crew came back the same afternoon. Thank you!")
    page.get_by_label("Email address (optional)").fill("sam@example.com")
    page.get_by_role("group", name="Do you want a reply?").get_by_label("No").check()
    journey.click(page.get_by_role("button", name="Send feedback"))
    expect(page.get_by_role("heading", name="Feedback sent")).to_be_visible()
    feedback = Feedback.objects.get()
    assert feedback.kind == Feedback.Kind.COMPLIMENT and feedback.service == missed_bin
    expect(page.get_by_text(feedback.reference)).to_be_visible()
    for path in ("/accessibility/", "/cookies/", "/privacy/", "/find-a-service/"):
        journey.goto(path)
