"""Staff pages about what residents sent through the portal, and its triage: each piece of
feedback is recorded (in cases) as a complaint, compliment or comment."""

from django import forms
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from apps.core.views import Column, StaffListView

from . import selectors
from .models import Feedback


class FeedbackFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Feedback.Kind.choices]
    )
    search = forms.CharField(label=_("Reference or words"), required=False)
    triage = forms.ChoiceField(
        label=_("Recorded"),
        required=False,
        choices=[
            ("", _("All feedback")),
            ("waiting", _("Not yet recorded")),
            ("recorded", _("Recorded as a complaint, compliment or comment")),
        ],
    )


def _recorded_as(feedback: Feedback) -> str:
    complaint = getattr(feedback, "complaint", None)
    return complaint.reference if complaint is not None else ""


def _triage_html(feedback: Feedback, user) -> str:
    """A link to the record the feedback became, or (for those who may) to record it."""
    complaint = getattr(feedback, "complaint", None)
    if complaint is not None:
        if user.has_perm("cases.view_complaint"):
            return format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("complaints:detail", args=[complaint.reference]),
                complaint.reference,
            )
        return complaint.reference
    if user.has_perm("cases.add_complaint"):
        return format_html(
            '<a class="govuk-link" href="{}?feedback={}">{}<span class="govuk-visually-hidden"> {}'
            "</span></a>",
            reverse("complaints:record"),
            feedback.reference,
            _("Record it"),
            feedback.reference,
        )
    return ""


class FeedbackListView(StaffListView):
    """Compliments, complaints and comments from residents, newest first."""

    permission_required = "portal.view_feedback"
    template_name = "portal/staff_feedback_list.html"
    filter_form_class = FeedbackFilterForm
    csv_filename = "feedback.csv"
    caption = _("Feedback from residents")
    columns = [
        Column(_("Reference"), lambda f: f.reference),
        Column(_("Received"), lambda f: date_format(localtime(f.created_at), "DATETIME_FORMAT")),
        Column(_("Kind"), lambda f: f.get_kind_display()),
        Column(_("Service"), lambda f: f.service.name if f.service else ""),
        Column(_("About"), lambda f: f.about_reference),
        Column(_("Feedback"), lambda f: f.message),
        Column(_("Wants a reply"), lambda f: _("Yes") if f.wants_reply else _("No")),
    ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        user = request.user
        self.columns = [
            *type(self).columns,
            Column(_("Recorded as"), _recorded_as, html=lambda f: _triage_html(f, user)),
        ]

    def select(self, **filters):
        return selectors.feedback_list(**filters)
