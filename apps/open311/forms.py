from django import forms
from django.utils.translation import gettext_lazy as _


class ApiKeyIssueForm(forms.Form):
    name = forms.CharField(
        label=_("Client name"),
        max_length=150,
        help_text=_("Who the key is for, such as the app or organisation."),
        error_messages={"required": _("Enter the client name")},
    )
    rate_limit_per_hour = forms.IntegerField(
        label=_("Requests an hour"),
        min_value=1,
        max_value=100000,
        initial=100,
        help_text=_("How many reports the client may post in an hour."),
        error_messages={
            "required": _("Enter how many requests an hour"),
            "invalid": _("Requests an hour must be a whole number"),
            "min_value": _("Requests an hour must be 1 or more"),
            "max_value": _("Requests an hour must be 100000 or fewer"),
        },
    )
    moderated = forms.BooleanField(
        label=_("Reports wait for moderation"),
        required=False,
        help_text=_("Posts from this client get a token until staff accept them."),
    )


class ApiKeyFilterForm(forms.Form):
    search = forms.CharField(label=_("Client name"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), ("live", _("Live")), ("revoked", _("Revoked"))],
    )


class TokenDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: raise a service request")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select accept or reject")},
    )
