"""Two-factor sign-in: staff with an authenticator, or whose role needs one, enter a code
after their password before they can use anything else."""

import time

from django.conf import settings
from django.contrib.auth import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from . import selectors

SESSION_KEY = "two_factor_state"
RENEWED_KEY = "renewed_at"
# Pages a signed-in person can reach before entering their code.
_OPEN_URL_NAMES = ("accounts:two-factor", "accounts:two-factor-set-up", "accounts:sign-out")


@receiver(user_logged_in, dispatch_uid="accounts.two_factor_state")
def remember_two_factor_state(sender, request, user, **kwargs):
    """Work out at sign-in what two-factor asks of this person, so pages need no queries."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = selectors.two_factor_state(user)
        request.session[RENEWED_KEY] = int(time.time())


class SessionRenewalMiddleware:
    """Sessions expire after SESSION_COOKIE_AGE without a request: a signed-in person's
    session is saved again (pushing its expiry on) once it is SESSION_RENEW_SECONDS old."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            renewed = request.session.get(RENEWED_KEY, 0)
            if now - renewed >= getattr(settings, "SESSION_RENEW_SECONDS", 60):
                request.session[RENEWED_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or _verified(request):
            return self.get_response(request)
        state = request.session.get(SESSION_KEY)
        if state is None:
            state = request.session[SESSION_KEY] = selectors.two_factor_state(user)
        if state == "none":
            return self.get_response(request)
        open_paths = {reverse(name) for name in _OPEN_URL_NAMES}
        if request.path in open_paths or request.path.startswith(("/static/", "/health/")):
            return self.get_response(request)
        target = "accounts:two-factor" if state == "device" else "accounts:two-factor-set-up"
        next_url = request.get_full_path()
        if request.method != "GET" or not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        ):
            next_url = reverse("core:home")
        return redirect(f"{reverse(target)}?{urlencode({'next': next_url})}")


def awaiting_two_factor(request) -> bool:
    """Signed in with a password but still to enter (or set up) the code two-factor asks
    for: such a person sees no staff menu, only the code page and sign-out."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if session is None or user is None or not user.is_authenticated or _verified(request):
        return False  # no session: a page rendered for a request built in code, not a browser
    return session.get(SESSION_KEY, "none") != "none"


def _verified(request) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())
