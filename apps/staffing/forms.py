import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import GovUKDateField, RecordsChoiceField

from .forecast import METHODS, PROFILE
from .models import SavingsScenario
from .selectors import ASA, SERVICE_LEVEL
from .services import SCENARIO_FIELDS

NUMBER = {"inputmode": "decimal", "spellcheck": "false"}


def _number(**kwargs):
    return forms.TextInput(attrs={**NUMBER, **kwargs})


class WeekForm(forms.Form):
    """The week's staffing page's choices, all in the query string."""

    week = GovUKDateField(
        label=_("Week including"),
        required=False,
        help_text=_("Any day of the week, for example 23 11 2026. The week starts on Monday."),
    )
    queue = forms.ChoiceField(label=_("Queue"), required=False)
    method = forms.ChoiceField(
        label=_("Forecast method"),
        choices=list(METHODS.items()),
        widget=forms.RadioSelect,
        required=False,
    )
    weeks = forms.IntegerField(
        label=_("Weeks of history in the profile"),
        min_value=1,
        max_value=12,
        required=False,
        widget=_number(),
        error_messages={"invalid": _("Enter a whole number of weeks")},
    )
    target_kind = forms.ChoiceField(
        label=_("Staff to meet"),
        choices=[(SERVICE_LEVEL, _("A service level")), (ASA, _("An average answer time"))],
        widget=forms.RadioSelect,
        required=False,
    )
    target_level = forms.DecimalField(
        label=_("Service level (%)"), min_value=1, max_value=99, required=False, widget=_number()
    )
    target_seconds = forms.IntegerField(
        label=_("Answered within (seconds)"),
        min_value=1,
        max_value=3600,
        required=False,
        widget=_number(),
    )
    target_asa = forms.IntegerField(
        label=_("Average answer time (seconds)"),
        min_value=1,
        max_value=3600,
        required=False,
        widget=_number(),
    )
    shrinkage = forms.DecimalField(
        label=_("Shrinkage (%)"),
        min_value=0,
        max_value=90,
        required=False,
        widget=_number(),
        help_text=_("Time rostered but not on the phones: leave, training, breaks."),
    )

    DEFAULTS = {
        "method": PROFILE,
        "weeks": 4,
        "target_kind": SERVICE_LEVEL,
        "target_level": 80,
        "target_seconds": 20,
        "target_asa": 30,
        "shrinkage": 30,
    }

    def __init__(self, *args, queues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["queue"].choices = [("", _("All queues"))] + [(q, q) for q in queues]

    def choices(self, today: datetime.date) -> dict:
        """The cleaned choices with defaults filled in; the week as its Monday."""
        data = dict(self.DEFAULTS)
        if self.is_bound and self.is_valid():
            data.update({k: v for k, v in self.cleaned_data.items() if v not in (None, "")})
        day = data.get("week") or today
        data["week"] = day - datetime.timedelta(days=day.weekday())
        data.setdefault("queue", "")
        return data


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (CSV)"),
        help_text=_(
            "Columns: date, start time, end time, advisor (an email address or a number of "
            "advisors), queue (may be blank)."
        ),
        error_messages={"required": _("Select a roster file")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The roster file must be smaller than 10 MB"))
        return upload


class SavingsScenarioForm(forms.ModelForm):
    class Meta:
        model = SavingsScenario
        fields = SCENARIO_FIELDS
        widgets = {
            name: _number()
            for name in SCENARIO_FIELDS
            if name not in {"name", "description", "saving_unit"}
        } | {"saving_unit": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": _("Enter a name for the scenario")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DecimalField | forms.IntegerField):
                field.error_messages["invalid"] = _("Enter a number")
        self.fields["saving_unit"].choices = [c for c in self.fields["saving_unit"].choices if c[0]]

    def clean(self):
        data = super().clean()
        shifts = [data.get(f"shift_year_{i}") for i in (1, 2, 3)]
        for i, shift in enumerate(shifts, start=1):
            if shift is not None and shift >= 100:
                self.add_error(f"shift_year_{i}", _("Calls moving online must be less than 100%"))
        return data


class CompareForm(forms.Form):
    scenarios = RecordsChoiceField(
        label=_("Scenarios to compare"),
        queryset=SavingsScenario.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose two or three."),
        error_messages={"required": _("Select two or three scenarios to compare")},
    )

    def clean_scenarios(self):
        chosen = self.cleaned_data["scenarios"]
        if not 2 <= len(chosen) <= 3:
            raise forms.ValidationError(_("Select two or three scenarios to compare"))
        return chosen
