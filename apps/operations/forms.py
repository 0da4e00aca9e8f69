import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Site
from apps.catalogue.models import Service
from apps.contacts.models import ContactChannel
from apps.core.forms import GovUKDateField, RecordsChoiceField

from .models import (
    Format,
    ITRecommendation,
    Publication,
    RootCause,
    SecurityAssessment,
    SecurityIncident,
    System,
)

TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")
YES_NO = [("", _("Either")), ("yes", _("Planned")), ("no", _("Unplanned"))]


def _time_field(label, required=True):
    return forms.CharField(
        label=label,
        required=required,
        max_length=5,
        help_text=_("24-hour clock, for example 14:30"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )


def _combine(form, date_name, time_name, label):
    day = form.cleaned_data.get(date_name)
    text = form.cleaned_data.get(time_name) or ""
    if day is None:
        if text:
            form.add_error(date_name, _("Enter the %(label)s date") % {"label": label})
        return None
    match = TIME.match(text)
    if not match:
        form.add_error(time_name, _("Enter the %(label)s time like 14:30") % {"label": label})
        return None
    moment = datetime.datetime.combine(day, datetime.time(int(match[1]), int(match[2])))
    return timezone.make_aware(moment)


def _sites():
    return Site.objects.order_by("name")


# --- System downtime ---------------------------------------------------------------------------


class SystemForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    category = forms.ChoiceField(
        label=_("Kind of system"), choices=System.Category.choices, widget=forms.RadioSelect
    )
    owner = forms.CharField(label=_("Owner"), max_length=150, help_text=_("Person or team"))
    aliases = forms.CharField(
        label=_("Other names advisors use"),
        required=False,
        help_text=_(
            "One a line. Contacts flagged with this name or any of these count as affected."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_active = forms.BooleanField(label=_("Still in use"), required=False, initial=True)

    def system_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["aliases"] = [line for line in data["aliases"].splitlines() if line.strip()]
        return data


class IncidentForm(forms.Form):
    system = forms.ModelChoiceField(
        label=_("System"), queryset=System.objects.filter(is_active=True), empty_label=""
    )
    summary = forms.CharField(label=_("What happened"), max_length=200)
    start_date = GovUKDateField(label=_("Start date"))
    start_time = _time_field(_("Start time"))
    end_date = GovUKDateField(
        label=_("End date"), required=False, help_text=_("Leave empty while it is still down")
    )
    end_time = _time_field(_("End time"), required=False)
    planned = forms.TypedChoiceField(
        label=_("Was it planned?"),
        choices=[("yes", _("Yes, planned maintenance")), ("no", _("No, unplanned"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels affected"),
        choices=ContactChannel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sites = RecordsChoiceField(
        label=_("Sites affected"),
        queryset=_sites(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    root_cause = forms.ChoiceField(label=_("Root cause"), choices=RootCause.choices)
    root_cause_analysis = forms.CharField(
        label=_("Root cause analysis"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        data = super().clean()
        data["started_at"] = _combine(self, "start_date", "start_time", _("start"))
        data["ended_at"] = _combine(self, "end_date", "end_time", _("end"))
        return data

    def incident_fields(self) -> dict:
        keep = ("system", "summary", "started_at", "ended_at", "planned", "channels", "sites")
        data = {k: self.cleaned_data[k] for k in keep}
        data["root_cause"] = self.cleaned_data["root_cause"]
        data["root_cause_analysis"] = self.cleaned_data["root_cause_analysis"]
        return data

    @staticmethod
    def initial_for(incident) -> dict:
        start = timezone.localtime(incident.started_at)
        end = timezone.localtime(incident.ended_at) if incident.ended_at else None
        return {
            "system": incident.system_id,
            "summary": incident.summary,
            "start_date": start.date(),
            "start_time": start.strftime("%H:%M"),
            "end_date": end.date() if end else None,
            "end_time": end.strftime("%H:%M") if end else "",
            "planned": "yes" if incident.planned else "no",
            "channels": incident.channels,
            "sites": [s.pk for s in incident.sites.all()],
            "root_cause": incident.root_cause,
            "root_cause_analysis": incident.root_cause_analysis,
        }


class IncidentFilterForm(forms.Form):
    system = forms.ModelChoiceField(
        label=_("System"), queryset=System.objects.all(), required=False, empty_label=_("Any")
    )
    planned = forms.ChoiceField(label=_("Planned or not"), choices=YES_NO, required=False)
    date_from = GovUKDateField(label=_("From"), required=False)
    date_to = GovUKDateField(label=_("To"), required=False)


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.CharField(label=_("Owner"), max_length=150)
    due_on = GovUKDateField(label=_("Due"))


class PeriodForm(forms.Form):
    date_from = GovUKDateField(label=_("From"))
    date_to = GovUKDateField(label=_("To"))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period must be after its start"))
        return data


class ReviewForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    reviewer = forms.CharField(label=_("Reviewer"), max_length=150)
    reported_on = GovUKDateField(label=_("Date of the report"))


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label=_("Owner"), max_length=150)
    due_on = GovUKDateField(label=_("Due"))


class RecommendationUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=ITRecommendation.Status.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Update note"),
        help_text=_("What has happened since the last update"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- Publications register ---------------------------------------------------------------------


class PublicationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Leaflet or poster"), choices=Publication.Kind.choices, widget=forms.RadioSelect
    )
    service = forms.ModelChoiceField(
        label=_("Owning service"), queryset=Service.objects.order_by("name"), empty_label=""
    )


class IssueForm(forms.Form):
    issued_on = GovUKDateField(label=_("Date of issue"))
    review_on = GovUKDateField(label=_("Review date"))
    formats = forms.MultipleChoiceField(
        label=_("Formats"), choices=Format.choices, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.CharField(
        label=_("Languages"), required=False, max_length=200, help_text=_("If other languages")
    )
    document = forms.FileField(label=_("Electronic copy"), help_text=_("A PDF smaller than 10 MB"))
    distribution_points = RecordsChoiceField(
        label=_("Distribution points holding printed stock"),
        queryset=_sites(),
        widget=forms.CheckboxSelectMultiple,
    )


class RegisterFilterForm(forms.Form):
    search = forms.CharField(label=_("Title"), required=False)
    service = forms.ModelChoiceField(
        label=_("Owning service"),
        queryset=Service.objects.order_by("name"),
        required=False,
        empty_label=_("Any"),
    )
    overdue = forms.BooleanField(label=_("Only overdue reviews"), required=False)


# --- Security ----------------------------------------------------------------------------------


class SecurityIncidentForm(forms.Form):
    site = forms.ModelChoiceField(
        label=_("Centre"), queryset=Site.objects.filter(is_public=True), empty_label=""
    )
    occurred_date = GovUKDateField(label=_("Date"))
    occurred_time = _time_field(_("Time"))
    kind = forms.ChoiceField(label=_("Type of incident"), choices=SecurityIncident.Kind.choices)
    severity = forms.ChoiceField(
        label=_("Severity"), choices=SecurityIncident.Severity.choices, widget=forms.RadioSelect
    )
    staff_affected = forms.IntegerField(
        label=_("Number of staff affected"),
        min_value=0,
        max_value=500,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    police_involved = forms.BooleanField(label=_("The police were involved"), required=False)
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        data = super().clean()
        data["occurred_at"] = _combine(self, "occurred_date", "occurred_time", _("incident"))
        return data

    def incident_fields(self) -> dict:
        keep = ("site", "occurred_at", "kind", "severity", "staff_affected", "police_involved")
        return {
            **{k: self.cleaned_data[k] for k in keep},
            "description": self.cleaned_data["description"],
        }


class SecurityFilterForm(forms.Form):
    site = forms.ModelChoiceField(
        label=_("Centre"), queryset=Site.objects.all(), required=False, empty_label=_("Any")
    )
    severity = forms.ChoiceField(
        label=_("Severity"),
        choices=[("", _("Any")), *SecurityIncident.Severity.choices],
        required=False,
    )
    police = forms.BooleanField(label=_("Police involved"), required=False)


class VisitorCountForm(forms.Form):
    site = forms.ModelChoiceField(
        label=_("Centre"), queryset=Site.objects.filter(is_public=True), empty_label=""
    )
    month = GovUKDateField(
        label=_("Month"), help_text=_("Any day in the month, for example 1 11 2026")
    )
    visitors = forms.IntegerField(
        label=_("Visitors"),
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )


class AssessmentForm(forms.Form):
    site = forms.ModelChoiceField(
        label=_("Centre"), queryset=Site.objects.filter(is_public=True), empty_label=""
    )
    period_start = GovUKDateField(label=_("Period from"))
    period_end = GovUKDateField(label=_("Period to"))
    risk = forms.ChoiceField(
        label=_("Risk rating"), choices=SecurityAssessment.Risk.choices, widget=forms.RadioSelect
    )
    security_staff_needed = forms.TypedChoiceField(
        label=_("Are security staff needed?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    recommendation = forms.CharField(
        label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3})
    )
    decision = forms.CharField(
        label=_("Decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty until the decision is made"),
    )
    decided_on = GovUKDateField(label=_("Date of decision"), required=False)


class DecisionForm(forms.Form):
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    decided_on = GovUKDateField(label=_("Date of decision"))


class SafetyWarningForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("What staff need to know to stay safe, in plain words"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    review_on = GovUKDateField(
        label=_("Review date"), help_text=_("The warning expires then unless reviewed")
    )


class SafetyWarningFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("Any")),
            ("active", _("Active")),
            ("due", _("Review due within 30 days")),
            ("expired", _("Expired")),
        ],
    )
