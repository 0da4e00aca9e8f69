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
