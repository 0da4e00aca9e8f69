from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import GovUKDateField

from .models import SubjectRequest


class RetentionRuleForm(forms.Form):
    keep_for_months = forms.IntegerField(
        label=_("Keep for (months)"),
        min_value=1,
        max_value=1200,
        error_messages={"required": _("Enter how many months to keep these records")},
    )
    is_active = forms.BooleanField(label=_("Apply this rule every night"), required=False)


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are they asking for?"),
        choices=SubjectRequest.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of request")},
    )
    received_on = GovUKDateField(
        label=_("Date received"),
        error_messages={"required": _("Enter the date the request was received")},
    )
    identity_checked = forms.BooleanField(
        label=_("I have checked the requester's identity"), required=False
    )


class SubjectRequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any"))] + list(SubjectRequest.Status.choices),
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Any"))] + list(SubjectRequest.Kind.choices),
        required=False,
    )
