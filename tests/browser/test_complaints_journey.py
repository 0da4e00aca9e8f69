"""A customer focus manager records a complaint received by letter, acknowledges it,
answers it at stage 1, escalates it to stage 2 when the customer is still unhappy, answers
and closes it; then reads the list and the report. Every page is checked by axe-core."""

import pytest
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, UserFactory
from apps.cases.complaints_models import Complaint
from apps.catalogue.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_complaint_goes_through_both_stages_and_closes(journey, tmp_path):
    waste = DepartmentFactory(name="Waste and recycling", slug="waste")
    ServiceFactory(name="Report a missed bin collection", department=waste)
    UserFactory(email="quality@council.example", roles=[Role.QUALITY_LEAD])
    page = journey.page

    journey.sign_in("quality@council.example")
    journey.goto("/complaints/record/")
    page.get_by_label("Complaint", exact=True).check()
    page.get_by_label("How was it received?").select_option(label="Letter")
    page.get_by_label("Service it is about (optional)").select_option(
        label="Report a missed bin collection"
    )
    page.get_by_label("Summary").fill("The bin was missed three weeks running.")
    page.get_by_label("Delay").check()
    journey.click(page.get_by_role("button", name="Record"))
    complaint = Complaint.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(complaint.reference)

    journey.click(page.get_by_role("button", name="Record acknowledgement"))
    expect(page.get_by_text("Acknowledgement recorded")).to_be_visible()

    page.get_by_label("Not upheld").check()
    page.get_by_label("Summary of the response").fill("The crew did collect; photos attached.")
    journey.click(page.get_by_role("button", name="Record response"))

    page.get_by_label("Why the customer is still unhappy").fill("The customer disputes the photos.")
    journey.click(page.get_by_role("button", name="Escalate to stage 2"))
    expect(page.get_by_text("Moved to stage 2")).to_be_visible()

    page.get_by_label("Partly upheld").check()
    page.get_by_label("Summary of the response").fill("The round was late twice; we apologise.")
    journey.click(page.get_by_role("button", name="Record response"))
    journey.click(page.get_by_role("button", name="Close complaint"))
    expect(page.get_by_text("Complaint closed")).to_be_visible()
    page.screenshot(path=str(tmp_path / "complaint.png"), full_page=True)

    complaint.refresh_from_db()
    assert complaint.stage == 2 and complaint.status == "closed"
    assert complaint.outcome == "partly_upheld" and complaint.stage_1_outcome == "not_upheld"

    journey.goto("/complaints/")
    expect(page.get_by_role("link", name=complaint.reference)).to_be_visible()
    journey.goto("/complaints/report/")
    expect(page.get_by_role("heading", name="Complaints and compliments report")).to_be_visible()
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    journey.goto(f"/complaints/{complaint.reference}/history/")
