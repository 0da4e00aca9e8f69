from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View
from django_otp import login as otp_login

from apps.core.views import Column, StaffListView

from . import selectors, services
from .forms import SignInForm, TwoFactorCodeForm, TwoFactorSetUpForm, UserFilterForm
from .middleware import SESSION_KEY


@method_decorator(login_not_required, name="dispatch")
class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(View):
    """GET asks, POST signs out: signing out changes state, so it is never a link."""

    def get(self, request):
        return render(request, "accounts/sign_out.html")

    def post(self, request):
        logout(request)
        return redirect("accounts:sign-in")


class UserListView(StaffListView):
    permission_required = "accounts.view_user"
    template_name = "accounts/user_list.html"
    filter_form_class = UserFilterForm
    csv_filename = "users.csv"
    caption = _("Users")
    columns = [
        Column(_("Name"), lambda u: u.full_name),
        Column(_("Email"), lambda u: u.email),
        Column(_("Team"), lambda u: u.team.name if u.team else ""),
        Column(_("Site"), lambda u: u.team.site.name if u.team else ""),
        Column(_("Roles"), lambda u: "; ".join(u.role_names)),
        Column(_("Active"), lambda u: _("Yes") if u.is_active else _("No")),
    ]

    def select(self, **filters):
        return selectors.user_list(**filters)


def _next_url(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("core:home")


def _qr_svg(uri: str) -> str:
    """The setup address as a QR code, an inline SVG (no image request, no JavaScript)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=16)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


class TwoFactorView(View):
    """After the password: the code from the authenticator app."""

    template_name = "accounts/two_factor.html"

    def dispatch(self, request, *args, **kwargs):
        self.device = selectors.two_factor_device(request.user)
        if self.device is None:
            return redirect(f"{reverse('accounts:two-factor-set-up')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(TwoFactorCodeForm(device=self.device))

    def post(self, request):
        form = TwoFactorCodeForm(request.POST, device=self.device)
        if not form.is_valid():
            return self.render(form)
        otp_login(request, self.device)
        request.session[SESSION_KEY] = "device"
        return redirect(_next_url(request))

    def render(self, form):
        return render(
            self.request, self.template_name, {"form": form, "next": _next_url(self.request)}
        )


class TwoFactorSetUpView(View):
    """Set up an authenticator app: scan the QR code (or type the key), then enter a code."""

    template_name = "accounts/two_factor_set_up.html"

    def dispatch(self, request, *args, **kwargs):
        if selectors.two_factor_device(request.user) is not None and not request.user.is_verified():
            # Replacing an authenticator needs the current one first.
            return redirect(f"{reverse('accounts:two-factor')}?{request.GET.urlencode()}")
        self.device = services.two_factor_device_start(user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(TwoFactorSetUpForm(device=self.device))

    def post(self, request):
        form = TwoFactorSetUpForm(request.POST, device=self.device)
        if not form.is_valid():
            return self.render(form)
        otp_login(request, self.device)
        request.session[SESSION_KEY] = "device"
        messages.success(request, _("Two-factor sign-in is set up"))
        return redirect(_next_url(request))

    def render(self, form):
        secret = b32encode(self.device.bin_key).decode()
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "next": _next_url(self.request),
                "qr_svg": mark_safe(_qr_svg(self.device.config_url)),  # noqa: S308 - our own SVG
                "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            },
        )
