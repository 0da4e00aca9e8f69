from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Site, Team
from apps.core.forms import GovUKDateField

from .kpis import KPIS
from .models import ImportKind, Target
from .profiles import profile_choices

MAX_UPLOAD_BYTES = 500 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export file (CSV)"),
        error_messages={"required": _("Choose the CSV file the phone system exported")},
    )
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the file holds")},
    )
    profile = forms.ChoiceField(
        label=_("Phone system export layout"),
        choices=profile_choices,
        error_messages={"required": _("Select the export layout")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("The file must be a CSV file"))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 500 MB"))
        return upload


class DashboardForm(forms.Form):
    date_from = GovUKDateField(
        label=_("From"), error_messages={"required": _("Enter the first day of the period")}
    )
    date_to = GovUKDateField(
        label=_("To"), error_messages={"required": _("Enter the last day of the period")}
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.filter(department__isnull=True).order_by("name"),
        required=False,
        empty_label=_("Whole service"),
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        queryset=Site.objects.order_by("name"),
        required=False,
        empty_label=_("All sites"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The last day must be the same as or after the first day"))
        if start and end and (end - start).days > 731:
            self.add_error("date_to", _("The period must be two years or shorter"))
        return cleaned


class TargetForm(forms.ModelForm):
    kpi = forms.ChoiceField(label=_("Measure"), choices=[(k.key, k.label) for k in KPIS])
    period_start = GovUKDateField(label=_("From"))
    period_end = GovUKDateField(label=_("To"))

    class Meta:
        model = Target
        fields = ["kpi", "period_start", "period_end", "value", "amber_margin"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", _("The last day must be the same as or after the first day")
            )
        return cleaned
