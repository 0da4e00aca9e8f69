"""The portal's forms: one question (or one small group of questions) per page."""

import datetime
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.catalogue.attributes import attribute_answers_clean, service_questions
from apps.catalogue.models import Service, ServiceAttribute
from apps.core.forms import GovUKDateField
from apps.customers.forms import UK_POSTCODE, format_postcode
from apps.customers.normalise import normalise_postcode

from .models import Feedback

D = ServiceAttribute.Datatype
QUESTION_PREFIX = "q_"
HONEYPOT = "website"

# Roughly the United Kingdom with its coastal waters, so a mistyped sign or swapped pair is caught.
LATITUDE_RANGE = (Decimal("49"), Decimal("61"))
LONGITUDE_RANGE = (Decimal("-9"), Decimal("2.5"))


class PortalForm(forms.Form):
    """Every public form carries a honeypot: a field people never see and bots fill in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())


def _phone(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if re.search(r"[^\d\s()+-]", value) or not (10 <= len(digits) <= 11):
        raise ValidationError(
            _("Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
        )
    return value


class ServiceSearchForm(forms.Form):
    q = forms.CharField(label=_("Search for a service"), required=False, max_length=100)
    reportable = forms.BooleanField(
        label=_("Only show problems I can report online"), required=False
    )


def _question_field(question: ServiceAttribute) -> forms.Field:
    common = {
        "label": question.description,
        "required": question.required,
        "help_text": question.datatype_description,
        "error_messages": {
            "required": _("Answer the question: %(question)s") % {"question": question.description}
        },
    }
    choices = [(str(v["key"]), v["name"]) for v in question.values or []]
    if question.datatype == D.SINGLEVALUELIST:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.datatype == D.MULTIVALUELIST:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.datatype == D.DATETIME:
        if not question.datatype_description:
            common["help_text"] = _("For example, 27 3 2026")
        return GovUKDateField(**common)
    if question.datatype == D.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
    if question.datatype == D.NUMBER:
        return forms.CharField(
            widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
            **common,
        )
    return forms.CharField(**common)


class ProblemForm(PortalForm):
    """The service's own questions, then the resident's description of the problem."""

    description = forms.CharField(
        label=_("Describe the problem"),
        help_text=_("Tell us what is wrong and anything that will help us find it."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Describe the problem"),
            "max_length": _("Description must be 2000 characters or fewer"),
        },
    )

    def __init__(self, *args, service: Service, **kwargs):
        self.service = service
        self.questions = service_questions(service=service)
        super().__init__(*args, **kwargs)
        fields = {}
        for question in self.questions:
            fields[QUESTION_PREFIX + question.code] = _question_field(question)
        fields["description"] = self.fields.pop("description")
        fields[HONEYPOT] = self.fields.pop(HONEYPOT)
        self.fields = fields

    @property
    def question_fields(self):
        return [self[QUESTION_PREFIX + q.code] for q in self.questions]

    @staticmethod
    def initial_from(answers: dict, description: str, questions) -> dict:
        initial = {"description": description}
        for question in questions:
            value = answers.get(question.code)
            if value and question.datatype == D.DATETIME:
                value = datetime.datetime.fromisoformat(value).date()
            initial[QUESTION_PREFIX + question.code] = value
        return initial

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        answers = {}
        for question in self.questions:
            value = cleaned.get(QUESTION_PREFIX + question.code)
            if isinstance(value, datetime.date):
                value = value.isoformat()
            if value not in (None, "", []):
                answers[question.code] = value
        try:
            self.answers = attribute_answers_clean(service=self.service, answers=answers)
        except ValidationError as error:
            for code, messages in error.message_dict.items():
                name = QUESTION_PREFIX + code
                self.add_error(name if name in self.fields else None, messages)
        return cleaned


class LocationForm(PortalForm):
    """Where the problem is: a postcode and address, or a latitude and longitude (whichever
    the resident fills in; not both)."""

    ADDRESS, COORDINATES = "address", "coordinates"

    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )
    address = forms.CharField(
        label=_("Address or description of the place"),
        help_text=_("For example, 12 High Street, or outside the library on Mill Lane"),
        required=False,
        max_length=300,
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        help_text=_("For example, 52.4862"),
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"invalid": _("Latitude must be a number, like 52.4862")},
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        help_text=_("For example, -1.8904"),
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"invalid": _("Longitude must be a number, like -1.8904")},
    )

    def clean(self):
        cleaned = super().clean()
        by_address = any((self.data.get(name) or "").strip() for name in ("postcode", "address"))
        by_coordinates = any(
            (self.data.get(name) or "").strip() for name in ("latitude", "longitude")
        )
        if by_address == by_coordinates:
            message = (
                _("Give a postcode and address, or a latitude and longitude, but not both")
                if by_address
                else _("Enter a postcode and address, or a latitude and longitude")
            )
            self.add_error("postcode", message)
            return cleaned
        cleaned["method"] = self.ADDRESS if by_address else self.COORDINATES
        if by_address:
            postcode = normalise_postcode(cleaned.get("postcode", ""))
            if not postcode:
                self.add_error("postcode", _("Enter a postcode"))
            elif not UK_POSTCODE.match(postcode):
                self.add_error("postcode", _("Enter a full UK postcode, like BC1 2AB"))
            else:
                cleaned["postcode"] = format_postcode(postcode)
            cleaned["address"] = (cleaned.get("address") or "").strip()
            if not cleaned["address"]:
                self.add_error("address", _("Enter the address or describe the place"))
            cleaned["latitude"] = cleaned["longitude"] = None
            return cleaned
        for name, (low, high), label in (
            ("latitude", LATITUDE_RANGE, _("Latitude")),
            ("longitude", LONGITUDE_RANGE, _("Longitude")),
        ):
            if name in self.errors:
                continue
            value = cleaned.get(name)
            if value is None:
                self.add_error(name, _("Enter the %(label)s") % {"label": str(label).lower()})
            elif not low <= value <= high:
                self.add_error(
                    name,
                    _("%(label)s must be between %(low)s and %(high)s (in the UK)")
                    % {"label": label, "low": low, "high": high},
                )
        cleaned["postcode"] = cleaned["address"] = ""
        return cleaned


class PhotoForm(PortalForm):
    photo = forms.FileField(
        label=_("Upload a photo (optional)"),
        required=False,
        help_text=_(
            "A JPG, PNG or WebP photo of the problem. We remove the location and camera details."
        ),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo I added"), required=False)


class ContactForm(PortalForm):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your first name")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your last name")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will send your reference number to this address."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean_phone(self):
        return _phone(self.cleaned_data.get("phone"))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class SubmitForm(PortalForm):
    """The check-your-answers page: nothing to fill in but the honeypot."""


class TrackForm(PortalForm):
    reference = forms.CharField(
        label=_("Reference number"),
        help_text=_("For example, FP-2026-000123"),
        max_length=20,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        error_messages={"required": _("Enter your reference number")},
    )
    proof = forms.CharField(
        label=_("Email address or postcode"),
        help_text=_("The email address or postcode you gave us when you reported it."),
        max_length=254,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        error_messages={"required": _("Enter your email address or postcode")},
    )


class FeedbackForm(PortalForm):
    YES, NO = "yes", "no"

    kind = forms.ChoiceField(
        label=_("What kind of feedback is it?"),
        choices=Feedback.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of feedback it is")},
    )
    service = forms.ModelChoiceField(
        label=_("Which service is it about? (optional)"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Not about one service"),
        error_messages={"invalid_choice": _("Select a service from the list")},
    )
    about_reference = forms.CharField(
        label=_("Reference number (optional)"),
        help_text=_(
            "If it is about a request or something we did for you, for example FP-2026-000123"
        ),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    message = forms.CharField(
        label=_("Your feedback"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Enter your feedback"),
            "max_length": _("Feedback must be 5000 characters or fewer"),
        },
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    wants_reply = forms.ChoiceField(
        label=_("Do you want a reply?"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select if you want a reply")},
    )

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        if services is not None:
            self.fields["service"].queryset = services
        # The honeypot last, after the real questions.
        self.fields[HONEYPOT] = self.fields.pop(HONEYPOT)

    def clean_phone(self):
        return _phone(self.cleaned_data.get("phone"))

    def clean(self):
        cleaned = super().clean()
        wants_reply = cleaned.get("wants_reply") == self.YES
        can_reply = cleaned.get("email") or cleaned.get("phone") or "email" in self.errors
        if wants_reply and not can_reply:
            self.add_error("email", _("Enter an email address or a phone number so we can reply"))
        return cleaned
