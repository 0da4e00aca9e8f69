"""Two-factor sign-in (TOTP) for the roles an administrator chooses, and NCSC password rules."""

import re
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import TwoFactorRequirement
from apps.accounts.roles import Role
from apps.accounts.selectors import two_factor_state
from apps.accounts.services import two_factor_requirement_set
from apps.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice, *, offset: int = 0) -> str:
    """The code an authenticator app would show now (as django-otp computes it)."""
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset)
    return f"{value:0{device.digits}d}"


def sign_in(client, user):
    response = client.post("/sign-in/", {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response


def test_a_role_with_no_requirement_signs_in_with_a_password_alone(client):
    user = UserFactory(roles=[Role.ADVISOR])
    two_factor_requirement_set(roles=[Role.ADMINISTRATOR])
    sign_in(client, user)
    assert client.get("/staff/").status_code == 200
    assert two_factor_state(user) == "none"


def test_a_required_role_sets_up_an_authenticator_then_gets_in(client):
    two_factor_requirement_set(roles=[Role.ADMINISTRATOR])
    user = UserFactory(roles=[Role.ADMINISTRATOR])
    sign_in(client, user)

    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.url.startswith("/two-factor/set-up/")
    assert client.get("/users/").url.startswith("/two-factor/set-up/")

    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # the QR code, inline
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', html).group(1)
    assert (
        secret.replace(" ", "").rstrip("=")
        in __import__("base64").b32encode(device.bin_key).decode()
    )

    wrong = client.post(
        response.url, {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()  # django-otp makes a person wait a second after a wrong code

    done = client.post(response.url, {"code": code_for(device), "next": "/users/"})
    assert done.status_code == 302
    assert done.url == "/users/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200


def test_with_an_authenticator_a_code_is_needed_after_the_password(client):
    user = UserFactory(roles=[Role.ADVISOR])
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    sign_in(client, user)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.url.startswith("/two-factor/")
    # The set-up page cannot be used to replace the authenticator without a code.
    assert client.get("/two-factor/set-up/").url.startswith("/two-factor/")

    blank = client.post("/two-factor/", {"code": ""})
    assert "Enter the code from your authenticator app" in blank.content.decode()
    assert client.get("/staff/").status_code == 302

    ok = client.post("/two-factor/?next=/staff/", {"code": code_for(device), "next": "/staff/"})
    assert ok.status_code == 302 and ok.url == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_the_next_address_must_be_on_this_site(client):
    user = UserFactory(roles=[Role.ADVISOR])
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    sign_in(client, user)
    response = client.post(
        "/two-factor/", {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response.url == "/staff/"


def test_sign_out_and_public_pages_work_before_the_code(client):
    two_factor_requirement_set(roles=[Role.ADVISOR])
    user = UserFactory(roles=[Role.ADVISOR])
    sign_in(client, user)
    assert client.get("/sign-out/").status_code == 200
    assert client.get("/health/").status_code == 200


def test_the_requirement_is_read_at_sign_in_and_two_factor_can_be_switched_off(client, settings):
    two_factor_requirement_set(roles=[Role.TEAM_MANAGER, Role.ADVISOR])
    assert set(TwoFactorRequirement.objects.values_list("role", flat=True)) == {
        Role.TEAM_MANAGER,
        Role.ADVISOR,
    }
    two_factor_requirement_set(roles=[Role.TEAM_MANAGER])
    assert list(TwoFactorRequirement.objects.values_list("role", flat=True)) == [Role.TEAM_MANAGER]
    manager = UserFactory(roles=[Role.TEAM_MANAGER])
    assert two_factor_state(manager) == "required"
    settings.TWO_FACTOR_ENABLED = False
    assert two_factor_state(manager) == "none"


def test_pages_cost_no_extra_queries_once_signed_in(client, django_assert_max_num_queries):
    """The state is kept in the session at sign-in: the middleware adds no query per page."""
    user = UserFactory(roles=[Role.ADVISOR])
    sign_in(client, user)
    client.get("/staff/")
    with django_assert_max_num_queries(3):  # session, user, and the page's own
        client.get("/health/")


def test_a_session_is_renewed_at_most_once_a_minute(client, settings):
    user = UserFactory(roles=[Role.ADVISOR])
    sign_in(client, user)
    session = client.session
    first = session["renewed_at"]
    expiry = session.get_expiry_date()
    client.get("/staff/")
    assert client.session["renewed_at"] == first
    settings.SESSION_RENEW_SECONDS = 0
    client.get("/staff/")
    assert client.session["renewed_at"] >= first
    assert client.session.get_expiry_date() >= expiry
    assert settings.SESSION_COOKIE_AGE == 30 * 60


def test_administrators_edit_the_roles_in_the_django_admin(client):
    admin = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/django-admin/accounts/twofactorrequirement/add/", {"role": Role.IT_SERVICES}
    )
    assert response.status_code == 302
    assert TwoFactorRequirement.objects.filter(role=Role.IT_SERVICES).exists()


def test_a_code_is_not_accepted_twice(client):
    user = UserFactory(roles=[Role.ADVISOR])
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    code = code_for(device)
    assert device.verify_token(code)
    device.refresh_from_db()
    assert not device.verify_token(code)  # replay within the same step is refused
    assert time.time()  # nothing timed: TOTP's own step decides


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("short-pass1", False),  # 11 characters
        ("password1234", False),  # on the common-password list
        ("correct horse battery", True),  # long, no composition rules
        ("aaaaaaaaaaaaaaaaaaaa", True),
    ],
)
def test_passwords_follow_ncsc_guidance(password, ok):
    if ok:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)
