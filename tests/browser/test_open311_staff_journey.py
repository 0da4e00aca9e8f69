"""Open311 staff pages: an administrator issues and revokes a key; a team manager moderates."""

import pytest
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.open311.models import ApiKey

pytestmark = pytest.mark.django_db(transaction=True)


def test_administrator_issues_and_revokes_a_key_and_a_manager_sees_the_moderation_queue(journey):
    UserFactory(email="admin@council.example", roles=[Role.ADMINISTRATOR])
    UserFactory(email="manager@council.example", roles=[Role.TEAM_MANAGER])
    page = journey.page

    journey.sign_in("admin@council.example")
    journey.click(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Open311 keys")
    )
    journey.click(page.get_by_role("button", name="Issue a key"))
    journey.click(page.get_by_role("button", name="Issue the key"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Client name").fill("FixMyStreet")
    journey.click(page.get_by_role("button", name="Issue the key"))
    key = ApiKey.objects.get()
    expect(page.locator("body")).to_contain_text(key.prefix)
    journey.goto("/open311/v2/manage/keys/")
    journey.click(page.get_by_role("link", name="Revoke"))
    journey.click(page.get_by_role("button", name="Revoke the key"))
    key.refresh_from_db()
    assert key.revoked_at is not None

    journey.sign_in("manager@council.example")
    journey.click(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Open311 reports")
    )
    expect(page.get_by_role("heading", level=1)).to_be_visible()
