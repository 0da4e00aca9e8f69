import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.forms import GovUKDateField

from .models import AccessibilityNeed, Customer, Vulnerability, VulnerabilityCategory
from .normalise import normalise_phone, normalise_postcode
from .services import EDITABLE_FIELDS

# The shape of a UK postcode (including BFPO-free special cases like GIR 0AA), without spaces.
UK_POSTCODE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][ABD-HJLNP-UW-Z]{2})$")


def format_postcode(value: str) -> str:
    """ "bc12ab" becomes "BC1 2AB": the inward code is always the last three characters."""
    compact = normalise_postcode(value)
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def _clean_phone(value: str, label) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if re.search(r"[^\d\s()+-]", value):
        raise forms.ValidationError(
            _("%(label)s must only include numbers, spaces and brackets") % {"label": label}
        )
    digits = normalise_phone(value)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if not (10 <= len(digits) <= 11) or not digits.startswith("0"):
        raise forms.ValidationError(
            _("Enter %(label)s in the correct format, like 01632 960 001 or 07700 900 982")
            % {"label": str(label).lower()}
        )
    return value


class CustomerForm(forms.ModelForm):
    """A customer's details; the view hands `customer_fields()` to the customers services."""

    kind = forms.ChoiceField(
        label=_("Is the customer a resident or a business?"),
        choices=Customer.Kind.choices,
        widget=forms.RadioSelect,
        initial=Customer.Kind.RESIDENT,
        error_messages={"required": _("Select if the customer is a resident or a business")},
    )
    date_of_birth = GovUKDateField(
        label=_("Date of birth (optional)"),
        required=False,
        help_text=_("For example, 27 3 1968"),
    )
    preferred_channel = forms.ChoiceField(
        label=_("How do they prefer to be contacted? (optional)"),
        choices=Customer.PreferredChannel.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    accessibility_needs = forms.MultipleChoiceField(
        label=_("Accessibility needs (optional)"),
        choices=AccessibilityNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Select all that apply."),
    )

    class Meta:
        model = Customer
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 2}),
            "first_name": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "phone_other": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "postcode": forms.TextInput(attrs={"class": "govuk-input--width-10"}),
            "uprn": forms.TextInput(
                attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}
            ),
            "language": forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        }
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "business_name": _("Business name"),
            "phone": _("Phone number (optional)"),
            "phone_other": _("Other phone number (optional)"),
            "email": _("Email address (optional)"),
            "address": _("Address (optional)"),
            "postcode": _("Postcode (optional)"),
            "uprn": _("UPRN (optional)"),
            "language": _("Preferred language (optional)"),
            "accessibility_notes": _("Other accessibility needs (optional)"),
        }
        help_texts = {
            "business_name": _("Only for a business."),
            "uprn": _("The Unique Property Reference Number, up to 12 digits, if you know it."),
            "language": _("Leave empty for English."),
        }
        error_messages = {
            "first_name": {"max_length": _("First name must be 100 characters or fewer")},
            "last_name": {"max_length": _("Last name must be 100 characters or fewer")},
            "business_name": {"max_length": _("Business name must be 200 characters or fewer")},
            "email": {
                "invalid": _("Enter an email address in the correct format, like name@example.com")
            },
            "postcode": {"max_length": _("Enter a real postcode")},
            "uprn": {"max_length": _("UPRN must be 12 digits or fewer")},
            "language": {"max_length": _("Preferred language must be 60 characters or fewer")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_channel"].choices = Customer.PreferredChannel.choices
        if self.instance.pk and not self.is_bound:
            self.initial["accessibility_needs"] = list(self.instance.accessibility_needs or [])

    def clean_phone(self):
        return _clean_phone(self.cleaned_data.get("phone"), _("Phone number"))

    def clean_phone_other(self):
        return _clean_phone(self.cleaned_data.get("phone_other"), _("Other phone number"))

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        if not value.strip():
            return ""
        if not UK_POSTCODE.match(normalise_postcode(value)):
            raise forms.ValidationError(_("Enter a real postcode, like BC1 2AB"))
        return format_postcode(value)

    def clean_uprn(self):
        value = (self.cleaned_data.get("uprn") or "").strip()
        if value and not value.isdigit():
            raise forms.ValidationError(_("UPRN must only include numbers"))
        return value

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value is None:
            return None
        if value > timezone.localdate():
            raise forms.ValidationError(_("Date of birth must be today or in the past"))
        if value.year < 1900:
            raise forms.ValidationError(_("Date of birth must be after 1900"))
        return value

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Customer.Kind.BUSINESS:
            if not (cleaned.get("business_name") or "").strip():
                self.add_error("business_name", _("Enter the business name"))
        elif kind == Customer.Kind.RESIDENT:
            if not (cleaned.get("first_name") or "").strip():
                self.add_error("first_name", _("Enter the first name"))
            if not (cleaned.get("last_name") or "").strip():
                self.add_error("last_name", _("Enter the last name"))
        return cleaned

    def _post_clean(self):
        # The services fill the reference and search columns, so skip model validation here.
        pass

    def customer_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in self.Meta.fields}
        for name, value in fields.items():
            if isinstance(value, str):
                fields[name] = value.strip()
        fields["accessibility_needs"] = list(data.get("accessibility_needs") or [])
        fields["preferred_channel"] = data.get("preferred_channel") or ""
        return fields


class CustomerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for a customer"),
        required=False,
        max_length=200,
        help_text=_("Name, postcode, phone number, email address or customer reference"),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={"max_length": _("Search must be 200 characters or fewer")},
    )


class VulnerabilityForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("What makes the customer vulnerable?"),
        choices=VulnerabilityCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply."),
        error_messages={"required": _("Select at least one kind of vulnerability")},
    )
    lawful_basis = forms.ChoiceField(
        label=_("Lawful basis for recording it"),
        choices=Vulnerability.LawfulBasis.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Vulnerability is special category data. Record it only with consent or "
            "another lawful basis."
        ),
        error_messages={"required": _("Select the lawful basis for recording this")},
    )
    consent_given_by = forms.CharField(
        label=_("Who gave consent? (if the basis is consent)"),
        required=False,
        max_length=150,
        help_text=_(
            "The customer, or the name and relationship of the person who gave it for them."
        ),
        error_messages={"max_length": _("Who gave consent must be 150 characters or fewer")},
    )
    support_notes = forms.CharField(
        label=_("How to support them (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    review_date = GovUKDateField(
        label=_("Review date"),
        help_text=_("When to check this is still right. For example, 27 3 2027"),
        error_messages={"required": _("Enter the review date")},
    )

    def clean_review_date(self):
        value = self.cleaned_data.get("review_date")
        if value is not None and value <= timezone.localdate():
            raise forms.ValidationError(_("Review date must be in the future"))
        return value

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("lawful_basis") == Vulnerability.LawfulBasis.CONSENT
            and not (cleaned.get("consent_given_by") or "").strip()
        ):
            self.add_error(
                "consent_given_by",
                _("Enter who gave consent: the customer, or the person who gave it for them"),
            )
        return cleaned


class CustomerMergeForm(forms.Form):
    duplicate_reference = forms.CharField(
        label=_("Reference of the duplicate record"),
        max_length=20,
        help_text=_(
            "For example, C-0001234. Its contacts, requests and vulnerability records "
            "move to this record."
        ),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"required": _("Enter the reference of the duplicate record")},
    )
    reason = forms.CharField(
        label=_("Why are they the same customer?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter why these records are the same customer"),
            "max_length": _("Reason must be 500 characters or fewer"),
        },
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, survivor: Customer, **kwargs):
        super().__init__(*args, **kwargs)
        self.survivor = survivor

    def clean_duplicate_reference(self):
        reference = self.cleaned_data["duplicate_reference"].strip().upper()
        duplicate = Customer.objects.filter(reference=reference).first()
        if duplicate is None:
            raise forms.ValidationError(
                _("There is no customer with reference %(reference)s") % {"reference": reference}
            )
        if duplicate.pk == self.survivor.pk:
            raise forms.ValidationError(_("Enter the reference of a different customer"))
        if duplicate.merged_into_id:
            raise forms.ValidationError(
                _("%(reference)s has already been merged") % {"reference": reference}
            )
        self.duplicate = duplicate
        return reference


class AccessLogFilterForm(forms.Form):
    reference = forms.CharField(label=_("Customer reference"), required=False, max_length=20)
    viewed_by = forms.CharField(label=_("Viewed by"), required=False, max_length=100)
    date_from = GovUKDateField(label=_("From"), required=False)
    date_to = GovUKDateField(label=_("To"), required=False)
