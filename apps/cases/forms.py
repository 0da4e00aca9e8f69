from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Department, User
from apps.core.forms import VersionedForm

from .models import ServiceRequest, Status
from .services import TRANSITIONS


class QueueFilterForm(forms.Form):
    search = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Reference, description, address or the customer's surname"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Still open"))] + Status.choices,
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("All departments"),
    )

    def __init__(self, *args, show_department: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_department:
            del self.fields["department"]


class DepartmentFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("All departments"),
    )

    def __init__(self, *args, show_department: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_department:
            del self.fields["department"]


class StatusForm(VersionedForm):
    status = forms.ChoiceField(
        label=_("New status"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the new status")},
    )
    public_text = forms.CharField(
        label=_("What the resident is told (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Residents see this when they track their request. Needed to reject it."),
        error_messages={
            "max_length": _("What the resident is told must be 300 characters or fewer")
        },
    )
    note = forms.CharField(
        label=_("Internal note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only staff see this."),
    )

    def __init__(self, *args, request: ServiceRequest, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS.get(request.status, frozenset())
        self.fields["status"].choices = [
            (value, label) for value, label in Status.choices if value in allowed
        ]
        self.fields["status"].error_messages["invalid_choice"] = _(
            "Select one of the statuses shown"
        )
        if not self.is_bound:
            self.initial["version"] = request.version


class AssignForm(VersionedForm):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=User.objects.none(),
        empty_label=_("Select an officer"),
        error_messages={
            "required": _("Select who to assign the request to"),
            "invalid_choice": _("Select someone in the department"),
        },
    )

    def __init__(self, *args, request: ServiceRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(
            is_active=True, team__department_id=request.department_id
        ).order_by("full_name")
        if not self.is_bound:
            self.initial["version"] = request.version
            self.initial["assignee"] = request.assignee_id


class UpdateForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter the note"),
            "max_length": _("The note must be 4,000 characters or fewer"),
        },
    )
    is_public = forms.BooleanField(
        label=_("Residents can see this"),
        required=False,
        help_text=_("Leave unticked for an internal note only staff see."),
    )
