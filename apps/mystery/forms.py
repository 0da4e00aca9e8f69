from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Site, User
from apps.core.forms import GovUKDateField

from .models import AccessCheck, Channel, Finding, Programme, Shopper, Visit

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
