"""An advisor makes a suggestion and reads the response; a manager runs the monthly award.
Every page checked with axe-core."""

import pytest
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.recognition.models import AwardMonth, Suggestion

pytestmark = pytest.mark.django_db(transaction=True)


def test_advisor_suggests_and_reads_the_response(journey):
    UserFactory(email="advisor@council.example", full_name="Ada Advisor", roles=[Role.ADVISOR])
    UserFactory(email="manager@council.example", roles=[Role.TEAM_MANAGER])
    page = journey.page

    journey.sign_in("advisor@council.example")
    journey.click(page.get_by_role("link", name="Staff voice").first)
    journey.click(page.get_by_role("link", name="Suggestion scheme"))
    journey.click(page.get_by_role("button", name="Make a suggestion"))
    journey.click(page.get_by_role("button", name="Submit suggestion"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give your idea a short title")
    page.get_by_label("Your idea in a few words").fill("Text reminders for bulky waste")
    page.get_by_label("Your idea", exact=True).fill(
        "Text residents the day before a bulky collection."
    )
    page.get_by_role("radio", name="Yes, use my name").check()
    journey.click(page.get_by_role("button", name="Submit suggestion"))
    expect(page.get_by_text("Not responded to yet")).to_be_visible()
    suggestion_path = page.url.replace(journey.base_url, "")

    journey.sign_in("manager@council.example")
    journey.goto(suggestion_path)
    page.get_by_role("radio", name="Implemented").check()
    page.get_by_label("Response (published to all staff)").fill("Live from next month.")
    journey.click(page.get_by_role("button", name="Publish response"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Record the benefit")
    page.get_by_label("Hours saved a month (optional)").fill("20")
    journey.click(page.get_by_role("button", name="Publish response"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Response published")

    journey.sign_in("advisor@council.example")
    journey.goto("/recognition/suggestions/")
    expect(page.get_by_role("cell", name="Live from next month.")).to_be_visible()
    journey.click(page.get_by_role("link", name="Text reminders for bulky waste"))
    expect(page.get_by_text("20.0 hours saved a month")).to_be_visible()
    assert Suggestion.objects.get().status == "implemented"


def test_manager_runs_the_monthly_award(journey):
    UserFactory(email="manager@council.example", roles=[Role.TEAM_MANAGER])
    UserFactory(email="a@council.example", full_name="Ali Khan", roles=[Role.ADVISOR])
    UserFactory(email="b@council.example", full_name="Beth Jones", roles=[Role.ADVISOR])
    page = journey.page

    journey.sign_in("a@council.example")
    journey.goto("/recognition/award/")
    page.get_by_label("Who are you nominating?").select_option(label="Beth Jones")
    page.get_by_label("Why do they deserve the award?").fill("Calmed a distressed caller.")
    journey.click(page.get_by_role("button", name="Nominate"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("your nomination is in")

    journey.sign_in("manager@council.example")
    journey.goto("/recognition/award/")
    page.get_by_label("Who are you nominating?").select_option(label="Ali Khan")
    page.get_by_label("Why do they deserve the award?").fill("Cleared the email backlog.")
    journey.click(page.get_by_role("button", name="Nominate"))
    journey.click(page.get_by_role("link", name="Run the award for"))
    page.get_by_role("checkbox", name="Beth Jones").check()
    page.get_by_role("checkbox", name="Ali Khan").check()
    journey.click(page.get_by_role("button", name="Save shortlist"))
    journey.click(page.get_by_role("button", name="Record the decision"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the winner")
    page.get_by_role("radio", name="Beth Jones").check()
    page.get_by_label("The panel's reasons").fill("A difficult call handled with real care.")
    journey.click(page.get_by_role("button", name="Record the decision"))
    expect(page.get_by_text("A difficult call handled with real care.")).to_be_visible()
    assert AwardMonth.objects.get().winner.nominee.full_name == "Beth Jones"
