from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Site, User
from apps.catalogue.models import Service
from apps.core.forms import GovUKDateField

from .models import (
    AccessCheck,
    Channel,
    Criterion,
    CSECriterion,
    Finding,
    Programme,
    Scenario,
    Shopper,
    Visit,
)

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class DetailsForm(forms.Form):
    visited_on = GovUKDateField(
        label=_("When did you make the visit, call or contact?"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date of your visit")},
    )
    staff_description = forms.CharField(
        label=_("Who served you? (optional)"),
        help_text=_("A name from a badge, or a short description."),
        required=False,
        max_length=200,
    )
    summary = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Tell us what happened")},
    )

    def clean_visited_on(self):
        visited_on = self.cleaned_data["visited_on"]
        if visited_on > timezone.localdate():
            raise forms.ValidationError(_("The date of your visit must be today or in the past"))
        return visited_on


class ChecklistForm(forms.Form):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"met_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.text,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer yes or no for: %s") % criterion.text},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment (optional)"), required=False, max_length=500
            )

    def pairs(self):
        """Each criterion with its two bound fields, for the template."""
        return [(self[f"met_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            c.pk: (data[f"met_{c.pk}"] == "yes", data[f"comment_{c.pk}"]) for c in self.criteria
        }


class AccessCheckForm(forms.ModelForm):
    class Meta:
        model = AccessCheck
        fields = [
            "parking_bays",
            "parking_distance_metres",
            "parking_signed",
            "parking_charges",
            "step_free_entrance",
            "doors",
            "hearing_loop",
            "seating",
            "accessible_toilet",
            "signage",
            "staff_awareness",
            "comments",
        ]
        widgets = dict.fromkeys(AccessCheck.YES_NO_FIELDS, forms.RadioSelect) | {
            "comments": forms.Textarea(attrs={"rows": 4})
        }
        help_texts = {
            "parking_bays": _("Enter 0 if there are none."),
            "parking_charges": _("For example, free for Blue Badge holders."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in AccessCheck.YES_NO_FIELDS:
            field = self.fields[name]
            field.choices = [c for c in field.choices if c[0]]
            field.error_messages["required"] = _("Answer: %s") % field.label


class AllocateForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Seed (optional)"),
        help_text=_("Leave empty for a new random seed. Enter an earlier seed to repeat a run."),
        required=False,
        min_value=0,
        max_value=2**62,
    )


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["kind", "text", "staff"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Finding.Kind.choices
        self.fields["staff"].queryset = User.objects.filter(is_active=True).order_by("full_name")
        self.fields["staff"].empty_label = _("Not known")


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        empty_label=_("Choose an owner"),
    )
    due_on = GovUKDateField(label=_("Due"))


class ResultsFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        required=False,
        empty_label=_("All programmes"),
    )
    start = GovUKDateField(label=_("Visits from"), required=False)
    end = GovUKDateField(label=_("Visits to"), required=False)


class VisitFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        required=False,
        empty_label=_("All programmes"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any"))] + Visit.Status.choices, required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("Any"))] + Channel.choices, required=False
    )
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.all(), required=False, empty_label=_("Any")
    )


class ProgrammeFilterForm(forms.Form):
    pass


class ShopperFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of shopper"),
        choices=[("", _("Any"))] + Shopper.Kind.choices,
        required=False,
    )


class ShopperForm(forms.ModelForm):
    class Meta:
        model = Shopper
        fields = ["name", "email", "kind", "department", "access_needs", "consent_given_on"]
        field_classes = {"consent_given_on": GovUKDateField}
        widgets = {"kind": forms.RadioSelect, "access_needs": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "consent_given_on": _("Shoppers are only given visits once they have consented."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Shopper.Kind.choices
        self.fields["department"].empty_label = _("Not an officer")

    def clean(self):
        data = super().clean()
        if data.get("kind") == Shopper.Kind.OFFICER and not data.get("department"):
            self.add_error("department", _("Choose the department the officer works in"))
        return data


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "start", "end", "description"]
        field_classes = {"start": GovUKDateField, "end": GovUKDateField}
        labels = {"name": _("Name"), "start": _("Start"), "end": _("End")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "start": _("For example, 1 4 2026"),
            "end": _("For example, 30 6 2026"),
            "description": _("What the programme is for, for example which services it tests."),
        }
        error_messages = {
            "name": {
                "required": _("Enter a name for the programme"),
                "unique": _("There is already a programme with that name"),
            },
            "start": {"required": _("Enter the start of the programme")},
            "end": {"required": _("Enter the end of the programme")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].label = _("Description (optional)")


class TargetForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the channel")},
    )
    site = forms.ModelChoiceField(
        label=_("Site (optional)"),
        help_text=_("For face-to-face visits, the centre or library the shopper goes to."),
        queryset=Site.objects.order_by("name"),
        required=False,
        empty_label=_("No site"),
    )
    visits = forms.IntegerField(
        label=_("Number of visits"),
        min_value=1,
        max_value=500,
        error_messages={
            "required": _("Enter the number of visits"),
            "invalid": _("The number of visits must be a whole number, like 4"),
            "min_value": _("The number of visits must be 1 or more"),
            "max_value": _("The number of visits must be 500 or fewer"),
        },
    )


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = Scenario
        fields = ["title", "channel", "service", "brief", "instructions"]
        labels = {
            "title": _("Title"),
            "channel": _("Channel"),
            "service": _("Service"),
            "brief": _("What the shopper asks or does"),
            "instructions": _("Instructions for the shopper (optional)"),
        }
        widgets = {
            "channel": forms.RadioSelect,
            "brief": forms.Textarea(attrs={"rows": 3}),
            "instructions": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "title": _("A short name, for example: Missed bin collection by phone."),
            "service": _("The catalogue service the shopper asks about."),
            "instructions": _("Anything the shopper needs to know, for example what to bring."),
        }
        error_messages = {
            "title": {"required": _("Enter a title for the scenario")},
            "channel": {"required": _("Choose the channel")},
            "service": {"required": _("Choose the service")},
            "brief": {"required": _("Enter what the shopper asks or does")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = Channel.choices
        current = self.instance.service_id if self.instance.pk else None
        self.fields["service"].queryset = Service.objects.filter(
            Q(is_active=True) | Q(pk=current)
        ).order_by("name")
        self.fields["service"].empty_label = _("Choose a service")


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["text", "cse_criterion", "cse_code", "weight"]
        labels = {
            "text": _("What the shopper checks"),
            "cse_criterion": _("Customer Service Excellence criterion"),
            "cse_code": _("CSE element (optional)"),
            "weight": _("Weight"),
        }
        help_texts = {
            "text": _(
                "A statement the shopper answers yes or no, for example: You were greeted promptly."
            ),
            "cse_code": _("For example, 3.2"),
            "weight": _("From 1 to 10. Items with a higher weight count for more in the score."),
        }
        error_messages = {
            "text": {"required": _("Enter what the shopper checks")},
            "cse_criterion": {"required": _("Choose the CSE criterion")},
        }

    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=10,
        error_messages={
            "required": _("Enter a weight from 1 to 10"),
            "invalid": _("The weight must be a whole number from 1 to 10"),
            "min_value": _("The weight must be from 1 to 10"),
            "max_value": _("The weight must be from 1 to 10"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["cse_criterion"]
        field.choices = [("", _("Choose a criterion"))] + list(CSECriterion.choices)
        field.coerce = int
        self.fields["weight"].help_text = self._meta.help_texts["weight"]

    def clean_cse_code(self):
        return self.cleaned_data["cse_code"].strip()
