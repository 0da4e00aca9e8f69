from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.catalogue.models import Service
from apps.core.forms import GovUKDateField, VersionedForm

from .complaints_models import (
    ComplaintStatus,
    FeedbackKind,
    OmbudsmanDecision,
    Outcome,
    ReceivedChannel,
    Remedy,
    Theme,
)


def _services():
    return Service.objects.order_by("name")


def _staff():
    return User.objects.filter(is_active=True).order_by("full_name")


class ComplaintRecordForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether it is a complaint, compliment or comment")},
    )
    channel = forms.ChoiceField(
        label=_("How was it received?"),
        choices=[("", _("Choose how it arrived")), *ReceivedChannel.choices],
        error_messages={"required": _("Select how it was received")},
    )
    received_on = GovUKDateField(
        label=_("Date received"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date it was received")},
    )
    service = forms.ModelChoiceField(
        label=_("Service it is about (optional)"),
        queryset=_services(),
        required=False,
        empty_label=_("Not about one service"),
    )
    staff_named = forms.ModelChoiceField(
        label=_("Member of staff named (optional)"),
        queryset=_staff(),
        required=False,
        empty_label=_("Nobody named"),
    )
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Enter a summary of what the customer said")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Date received must be today or in the past"))
        return value


class ComplaintFilterForm(forms.Form):
    search = forms.CharField(label=_("Reference or words"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *FeedbackKind.choices]
    )
    stage = forms.TypedChoiceField(
        label=_("Stage"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any stage")), (1, _("Stage 1")), (2, _("Stage 2"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ComplaintStatus.choices],
    )
    flag = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("Any")), ("due_soon", _("Due soon")), ("overdue", _("Overdue"))],
    )
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=_services(), required=False, empty_label=_("All services")
    )


class ReportFilterForm(forms.Form):
    date_from = GovUKDateField(label=_("Received from"), required=False)
    date_to = GovUKDateField(label=_("Received up to"), required=False)
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=_services(), required=False, empty_label=_("All services")
    )
    channel = forms.ChoiceField(
        label=_("Received by"),
        required=False,
        choices=[("", _("Any channel")), *ReceivedChannel.choices],
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("Received up to must be on or after received from"))
        return data


def _date(label, required_message):
    return GovUKDateField(label=label, error_messages={"required": required_message})


class AcknowledgeForm(VersionedForm):
    on = _date(_("Date acknowledged"), _("Enter the date the customer was told"))


class RespondForm(VersionedForm):
    on = _date(_("Date of the response"), _("Enter the date of the response"))
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the outcome")},
    )
    response = forms.CharField(
        label=_("Summary of the response"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter a summary of the response")},
    )


class EscalateForm(VersionedForm):
    on = _date(_("Date the customer asked for stage 2"), _("Enter the date of escalation"))
    reason = forms.CharField(
        label=_("Why the customer is still unhappy"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why the customer is still unhappy")},
    )


class CloseForm(VersionedForm):
    on = _date(_("Date closed"), _("Enter the date the complaint closed"))


class OmbudsmanReferralForm(VersionedForm):
    on = _date(_("Date referred to the Ombudsman"), _("Enter the date of referral"))
    ombudsman_reference = forms.CharField(
        label=_("Ombudsman reference"),
        max_length=40,
        error_messages={"required": _("Enter the Ombudsman's reference")},
    )


class OmbudsmanDecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Ombudsman decision"),
        choices=OmbudsmanDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the Ombudsman's decision")},
    )
    on = _date(_("Date of the decision"), _("Enter the date of the decision"))


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Remedy"),
        choices=Remedy.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the remedy")},
    )
    amount = forms.DecimalField(
        label=_("Amount in pounds (for a financial remedy)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
    )
    details = forms.CharField(label=_("Details (optional)"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("kind") == Remedy.Kind.FINANCIAL and data.get("amount") is None:
            self.add_error("amount", _("Enter the amount of the financial remedy"))
        return data


class LearningActionForm(forms.Form):
    text = forms.CharField(
        label=_("What will change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter what will change")},
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=_staff(),
        empty_label=_("Choose the owner"),
        error_messages={"required": _("Select who owns the action")},
    )
    due_on = _date(_("Due"), _("Enter the due date"))


class LearningActionCloseForm(forms.Form):
    action = forms.IntegerField(widget=forms.HiddenInput)
