"""An administrator whose role must use two-factor sign-in sets up an authenticator app from
the key on the page, then signs in again with a code. Every page is checked by axe-core."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.services import two_factor_requirement_set
from apps.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def code_from_key(key: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app given this key shows (30-second steps, 6 digits).

    A code is accepted once, and django-otp allows one step either side, so a later sign-in
    uses the next step's code rather than waiting for the clock."""
    key = key.replace(" ", "")
    value = totp(b32decode(key + "=" * (-len(key) % 8)), step=30, t0=0, digits=6, drift=steps_ahead)
    return f"{value:06d}"


def test_an_administrator_sets_up_two_factor_then_signs_in_with_a_code(journey, tmp_path):
    two_factor_requirement_set(roles=[Role.ADMINISTRATOR])
    admin = UserFactory(
        email="admin@council.example", full_name="Priya Shah", roles=[Role.ADMINISTRATOR]
    )
    page = journey.page

    journey.sign_in("admin@council.example")
    assert "/two-factor/set-up/" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    page.screenshot(path=str(tmp_path / "two-factor-set-up.png"), full_page=True)
    page.screenshot(path="/tmp/two-factor-set-up.png", full_page=True)
    key = page.locator("#two-factor-secret").inner_text()

    page.get_by_label("Code from your authenticator app").fill("12345")
    journey.click(page.get_by_role("button", name="Confirm and continue"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the 6-digit code from your authenticator app"
    )
    assert not TOTPDevice.objects.filter(user=admin, confirmed=True).exists()

    page.get_by_label("Code from your authenticator app").fill(code_from_key(key))
    journey.click(page.get_by_role("button", name="Confirm and continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Priya")
    expect(page.get_by_text("Two-factor sign-in is set up")).to_be_visible()
    assert TOTPDevice.objects.get(user=admin).confirmed

    journey.goto("/sign-out/")
    journey.click(page.get_by_role("button", name="Sign out"))

    journey.sign_in("admin@council.example")
    assert "/two-factor/" in page.url and "set-up" not in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    journey.goto("/users/")  # nothing else until the code is entered
    assert "/two-factor/" in page.url

    right = code_from_key(key, steps_ahead=1)
    page.get_by_label("Code from your authenticator app").fill(
        "000000" if right != "000000" else "111111"
    )
    journey.click(page.get_by_role("button", name="Continue"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The code is not right")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_code")
    # django-otp makes a person wait after a wrong code; the test does not wait.
    TOTPDevice.objects.get(user=admin).throttle_reset()

    page.get_by_label("Code from your authenticator app").fill(right)
    journey.click(page.get_by_role("button", name="Continue"))
    assert page.url.endswith("/users/")
    journey.goto("/staff/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Priya")
    assert len(journey.checked) >= 8
