from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .roles import Role


class SignInForm(AuthenticationForm):
    """Email and password, with messages that say what to do."""

    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
        error_messages={"required": _("Enter your email address")},
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )
    error_messages = {
        "invalid_login": _("Enter a correct email address and password"),
        "inactive": _("This account has been closed. Ask an administrator to reopen it."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].lower()


class UserFilterForm(forms.Form):
    search = forms.CharField(label=_("Name or email"), required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("Any role"))] + [(r.label, r.label) for r in Role],
    )


class TwoFactorCodeForm(forms.Form):
    """The six-digit code an authenticator app shows."""

    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        help_text=_("Six digits, for example 123456"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": False}
        ),
        error_messages={
            "required": _("Enter the code from your authenticator app"),
            "invalid": _("Enter the 6-digit code from your authenticator app"),
        },
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if self.device is None or not self.check(code):
            raise forms.ValidationError(
                _("The code is not right: enter the code your authenticator app shows now")
            )
        return code

    def check(self, code: str) -> bool:
        return bool(self.device.verify_token(code))


class TwoFactorSetUpForm(TwoFactorCodeForm):
    """Confirms a new authenticator by a code it shows."""

    def check(self, code: str) -> bool:
        from .services import two_factor_device_confirm

        return two_factor_device_confirm(device=self.device, token=code)
