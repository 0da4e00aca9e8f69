"""Staff pages about what residents sent through the portal."""

from django import forms
from django.utils.formats import date_format
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

    def select(self, **filters):
        return selectors.feedback_list(**filters)
