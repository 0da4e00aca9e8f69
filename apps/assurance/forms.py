import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.core.forms import GovUKDateField
from apps.core.reporting import MEETINGS

from .models import Action, AssessmentVisit, Evidence, Framework, Rating


class AccreditationForm(forms.Form):
    framework = forms.ModelChoiceField(
        label=_("Framework"),
        queryset=Framework.objects.all(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the framework")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example, Customer Service Excellence 2027"),
        error_messages={"required": _("Enter a title")},
    )
    scope = forms.CharField(
        label=_("What it covers (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ElementAssessForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("Rating"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating")},
    )
    commentary = forms.CharField(
        label=_("How we meet it (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    gaps = forms.CharField(
        label=_("Gaps (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class EvidenceForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter a title")}
    )
    requirements = forms.MultipleChoiceField(
        label=_("Elements it supports"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the elements this evidence supports")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of evidence"),
        choices=Evidence.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of evidence")},
    )
    path = forms.CharField(
        label=_("Address of the record or report in firstpoint"),
        help_text=_(
            "For a record or report: copy its address from the browser, for example "
            "/complaints/report/?date_from=2026-04-01"
        ),
        required=False,
        max_length=500,
    )
    document = forms.FileField(
        label=_("Document"),
        help_text=_("For a document: a PDF, image, Word or Excel file smaller than 10 MB"),
        required=False,
    )
    description = forms.CharField(
        label=_("What it shows"),
        help_text=_("For a written statement, the statement itself"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, requirements, initial_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.requirement_objects = {r.code: r for r in requirements}
        self.fields["requirements"].choices = [
            (r.code, f"{r.code} {r.title}") for r in requirements
        ]
        if initial_codes:
            self.initial.setdefault("requirements", list(initial_codes))


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Action"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe the action")},
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        error_messages={"required": _("Choose who owns the action")},
    )
    due = GovUKDateField(label=_("Due"), error_messages={"required": _("Enter the due date")})


class VisitForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of visit"),
        choices=AssessmentVisit.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of visit")},
    )
    visit_date = GovUKDateField(
        label=_("Date of the visit"), error_messages={"required": _("Enter the date of the visit")}
    )
    assessing_body = forms.CharField(
        label=_("Assessing body"),
        max_length=200,
        error_messages={"required": _("Enter the assessing body")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=AssessmentVisit.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome")},
    )
    certificate_awarded = GovUKDateField(label=_("Certificate awarded (optional)"), required=False)
    certificate_expires = GovUKDateField(
        label=_("Certificate expires"),
        help_text=_("Needed when the outcome is accredited"),
        required=False,
    )
    notes = forms.CharField(
        label=_("Assessor's findings (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class GrantForm(forms.Form):
    assessor = forms.ModelChoiceField(
        label=_("Assessor"),
        queryset=User.objects.none(),
        error_messages={"required": _("Choose the assessor")},
    )
    starts = GovUKDateField(label=_("From"), error_messages={"required": _("Enter the start date")})
    ends = GovUKDateField(label=_("Until"), error_messages={"required": _("Enter the end date")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = User.objects.filter(
            groups__name=Role(Role.ASSESSOR).label, is_active=True
        ).order_by("full_name")


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Framework file (JSON)"),
        help_text=_("In the same layout as the frameworks firstpoint ships with"),
        error_messages={"required": _("Choose a file")},
    )


class ReportForm(forms.Form):
    meeting = forms.ChoiceField(
        label=_("Meeting"),
        choices=list(MEETINGS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the meeting")},
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter a title")}
    )
    period_start = GovUKDateField(
        label=_("Period from"), error_messages={"required": _("Enter the start of the period")}
    )
    period_end = GovUKDateField(
        label=_("Period to"), error_messages={"required": _("Enter the end of the period")}
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period must be after its start"))
        if end and end > datetime.date.today() + datetime.timedelta(days=366):
            self.add_error("period_end", _("The period must end within the next year"))
        return cleaned


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any"))] + list(Action.Status.choices), required=False
    )


class ReportFilterForm(forms.Form):
    meeting = forms.ChoiceField(
        label=_("Meeting"), choices=[("", _("Any"))] + list(MEETINGS.items()), required=False
    )


class EvidenceFilterForm(forms.Form):
    search = forms.CharField(label=_("Title contains"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any"))] + list(Evidence.Kind.choices), required=False
    )
