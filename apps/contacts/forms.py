from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Department, Site
from apps.core.forms import GovUKDateField, RecordsChoiceField
from apps.customers.models import Customer

from . import selectors
from .models import ContactChannel, Outcome, ReferralAuthorisation

NEW_CUSTOMER = "new"
ANONYMOUS = "anonymous"


class CallReasonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.department.name}: {obj.name}"


class ServiceChoiceField(RecordsChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.department.name})"


def customer_label(customer: Customer) -> str:
    parts = [customer.display_name, customer.reference]
    if customer.postcode:
        parts.append(customer.postcode)
    return ", ".join(parts)


class ContactLogForm(forms.Form):
    """One contact as the advisor records it; the rules live in services.contact_log."""

    channel = forms.ChoiceField(
        label=_("How did the customer contact us?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the customer contacted us")},
    )
    site = forms.ModelChoiceField(
        label=_("Site (face to face)"),
        queryset=Site.objects.order_by("name"),
        required=False,
        empty_label=_("Select the site"),
        help_text=_("Needed when you saw the customer face to face."),
    )
    customer = forms.ChoiceField(
        label=_("Customer"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the customer, a new customer, or anonymous"),
            "invalid_choice": _("Select the customer, a new customer, or anonymous"),
        },
    )
    services = ServiceChoiceField(
        label=_("Services"),
        queryset=selectors.services_for_logging(),
        # With htmx, ticking a service redraws its script above the form ("Show scripts").
        widget=forms.CheckboxSelectMultiple(
            attrs={
                "hx-get": reverse_lazy("contacts:log"),
                "hx-trigger": "change",
                "hx-include": "[name='services']",
                "hx-select": "#contact-scripts",
                "hx-target": "#contact-scripts",
                "hx-swap": "outerHTML",
            }
        ),
        error_messages={
            "required": _("Select at least one service"),
            "invalid_choice": _("Select services from the list"),
            "invalid_pk_value": _("Select services from the list"),
        },
    )
    reason = forms.CharField(
        label=_("Reason for contact"),
        max_length=300,
        error_messages={"required": _("Enter the reason for contact")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the outcome")},
    )
    signposted_to = forms.CharField(
        label=_("Signposted to"),
        max_length=200,
        required=False,
        help_text=_("The organisation, when the outcome is signposted."),
    )
    referral_department = forms.ModelChoiceField(
        label=_("Department referred to"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("The service’s own department"),
        help_text=_("Needed for a referral outside the agreed route."),
    )
    referral_reason = forms.CharField(
        label=_("Why it needs to go outside the agreed route"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A team manager reads this to authorise the referral."),
    )
    call_reason = CallReasonChoiceField(
        label=_("Reason for the call to the client service"),
        queryset=selectors.call_reasons(),
        required=False,
        empty_label=_("Select a reason"),
        help_text=_("For referrals. Or describe it below."),
    )
    call_reason_text = forms.CharField(label=_("Call details"), max_length=300, required=False)
    raise_request = forms.BooleanField(
        label=_("Raise a service request"),
        required=False,
        help_text=_("For a referral to a service whose agreed route is a service request."),
    )
    request_description = forms.CharField(
        label=_("What the request is about"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    request_address = forms.CharField(
        label=_("Location address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    duration_seconds = forms.IntegerField(
        label=_("Duration in seconds"),
        min_value=0,
        max_value=24 * 60 * 60,
        required=False,
        help_text=_("Filled in by the page when your browser allows. You can change it."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "class": "govuk-input--width-5",
                "data-contact-timer": "",
            }
        ),
        error_messages={
            "invalid": _("Duration must be a whole number of seconds"),
            "min_value": _("Duration must be 0 seconds or more"),
            "max_value": _("Duration must be 86,400 seconds (a day) or fewer"),
        },
    )
    system_unavailable = forms.BooleanField(label=_("A system was unavailable"), required=False)
    unavailable_system = forms.CharField(
        label=_("Which system was unavailable"), max_length=100, required=False
    )

    def __init__(self, *args, customers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.customers = {str(c.pk): c for c in customers}
        self.fields["customer"].choices = [
            *((pk, customer_label(c)) for pk, c in self.customers.items()),
            (NEW_CUSTOMER, _("New customer (enter their details below)")),
            (ANONYMOUS, _("Anonymous")),
        ]

    def clean_customer(self):
        value = self.cleaned_data["customer"]
        if value in (NEW_CUSTOMER, ANONYMOUS):
            return value
        return self.customers[value]

    def contact_fields(self) -> dict:
        """The keyword arguments of services.contact_log that this form supplies."""
        data = self.cleaned_data
        raise_request = None
        if data["raise_request"]:
            raise_request = {
                "description": data["request_description"],
                "address": data["request_address"],
            }
        return {
            "channel": data["channel"],
            "site": data["site"],
            "services": list(data["services"]),
            "reason": data["reason"],
            "outcome": data["outcome"],
            "signposted_to": data["signposted_to"],
            "notes": data["notes"],
            "duration_seconds": data["duration_seconds"] or 0,
            "system_unavailable": data["system_unavailable"],
            "unavailable_system": data["unavailable_system"],
            "referral_department": data["referral_department"],
            "referral_reason": data["referral_reason"],
            "call_reason": data["call_reason"],
            "call_reason_text": data["call_reason_text"],
            "raise_request": raise_request,
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select approve or decline")},
    )
    reason = forms.CharField(
        label=_("Reason for your decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The advisor sees this."),
        error_messages={"required": _("Enter the reason for your decision")},
    )


class ClientCallForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Client service department"),
        queryset=Department.objects.order_by("name"),
        empty_label=_("Select the department"),
        error_messages={"required": _("Select the department you called")},
    )
    call_reason = CallReasonChoiceField(
        label=_("Reason for the call"),
        queryset=selectors.call_reasons(),
        required=False,
        empty_label=_("Select a reason"),
        help_text=_("From the department’s list. Or describe it below."),
    )
    reason_text = forms.CharField(label=_("Details"), max_length=300, required=False)
    within_agreed_process = forms.TypedChoiceField(
        label=_("Was the call within the agreed process?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if the call was within the agreed process")},
    )


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ReferralAuthorisation.Status.choices],
    )


class AuthorisationFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("All departments"),
    )


class LiaisonReportForm(forms.Form):
    date_from = GovUKDateField(
        label=_("From"), error_messages={"required": _("Enter the first day of the period")}
    )
    date_to = GovUKDateField(
        label=_("To"), error_messages={"required": _("Enter the last day of the period")}
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("All departments"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The last day must be the same as or after the first day"))
        return cleaned
