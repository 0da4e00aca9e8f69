import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Team, User
from apps.accounts.roles import Role
from apps.catalogue.models import Service
from apps.core.forms import GovUKDateField

from .models import ActionStatus, Module, Programme, ProgrammeLevel

TIME_HELP = _("For example, 09:30 or 14:00")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})"


def active_people():
    return User.objects.filter(is_active=True).order_by("full_name")


def _at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class CourseFilterForm(forms.Form):
    search = forms.CharField(label=_("Title"), required=False)
    coordinated = forms.ChoiceField(
        label=_("Opened by a service change"),
        required=False,
        choices=[("", _("Any course")), ("yes", _("Yes")), ("no", _("No"))],
    )


class CourseForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter the course title")}
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    validity_months = forms.IntegerField(
        label=_("Valid for (months)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_(
            "A refresher is due this many months after completion. Leave blank if it never expires."
        ),
    )
    deadline = GovUKDateField(label=_("Complete by"), required=False)


class SessionForm(forms.Form):
    day = GovUKDateField(
        label=_("Date"), error_messages={"required": _("Enter the date of the session")}
    )
    time = forms.TimeField(
        label=_("Start time"),
        help_text=TIME_HELP,
        error_messages={
            "required": _("Enter the start time"),
            "invalid": _("Enter the start time as hours and minutes, like 09:30"),
        },
    )
    online = forms.BooleanField(label=_("Online"), required=False)
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=200,
        help_text=_("Leave blank for an online session."),
    )
    trainer = forms.CharField(
        label=_("Trainer"), max_length=150, error_messages={"required": _("Enter the trainer")}
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=500,
        error_messages={"required": _("Enter the number of places")},
    )

    def clean(self):
        data = super().clean()
        if not data.get("online") and not data.get("place"):
            self.add_error("place", _("Enter the place, or tick online"))
        if data.get("day") and data.get("time"):
            data["starts_at"] = _at(data["day"], data["time"])
        return data


class BookingForm(forms.Form):
    person = PersonChoiceField(
        label=_("Person"),
        queryset=active_people(),
        empty_label=_("Select the person"),
        error_messages={"required": _("Select the person to book")},
    )


class CompletionForm(forms.Form):
    person = PersonChoiceField(
        label=_("Person"),
        queryset=active_people(),
        empty_label=_("Select the person"),
        error_messages={"required": _("Select the person who completed the course")},
    )
    completed_on = GovUKDateField(
        label=_("Completed on"), error_messages={"required": _("Enter the date of completion")}
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people


class EnrolmentFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        required=False,
        empty_label=_("Any programme"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), ("in_progress", _("In progress")), ("complete", _("Complete"))],
    )


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.programme.name}: {obj}"


class EnrolmentForm(forms.Form):
    person = PersonChoiceField(
        label=_("Person"),
        queryset=active_people(),
        empty_label=_("Select the person"),
        error_messages={"required": _("Select the person to enrol")},
    )
    level = LevelChoiceField(
        label=_("Programme and level"),
        queryset=ProgrammeLevel.objects.select_related("programme"),
        empty_label=_("Select the programme and level"),
        error_messages={"required": _("Select the programme and level")},
    )
    started_on = GovUKDateField(
        label=_("Start date"), error_messages={"required": _("Enter the start date")}
    )


class ModuleResultForm(forms.Form):
    module = forms.ModelChoiceField(
        label=_("Module"),
        queryset=Module.objects.none(),
        empty_label=_("Select the module"),
        error_messages={"required": _("Select the module")},
    )
    score = forms.DecimalField(
        label=_("Score (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("A module is passed by a score above the pass mark."),
        error_messages={"required": _("Enter the score")},
    )
    assessed_on = GovUKDateField(
        label=_("Assessed on"), error_messages={"required": _("Enter the date of the assessment")}
    )

    def __init__(self, *args, modules=None, **kwargs):
        super().__init__(*args, **kwargs)
        if modules is not None:
            self.fields["module"].queryset = modules


class CertificateForm(forms.Form):
    certificate_number = forms.CharField(
        label=_("Certificate number"),
        max_length=60,
        error_messages={"required": _("Enter the certificate number")},
    )
    certificate_date = GovUKDateField(
        label=_("Certificate date"), error_messages={"required": _("Enter the certificate date")}
    )


class MembershipForm(forms.Form):
    level = forms.CharField(
        label=_("Membership level"),
        max_length=100,
        error_messages={"required": _("Enter the membership level")},
    )
    number = forms.CharField(
        label=_("Membership number"),
        max_length=60,
        error_messages={"required": _("Enter the membership number")},
    )
    renewal_date = GovUKDateField(
        label=_("Renewal date"), error_messages={"required": _("Enter the renewal date")}
    )


class CpdForm(forms.Form):
    date = GovUKDateField(
        label=_("Date"), error_messages={"required": _("Enter the date of the activity")}
    )
    activity = forms.CharField(
        label=_("Activity"), max_length=300, error_messages={"required": _("Enter the activity")}
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=0.1,
        max_value=500,
        decimal_places=1,
        error_messages={"required": _("Enter the hours")},
    )


class FloorEventForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Enter the name of the event")},
    )
    starts_on = GovUKDateField(
        label=_("First day"), error_messages={"required": _("Enter the first day")}
    )
    ends_on = GovUKDateField(
        label=_("Last day"), error_messages={"required": _("Enter the last day")}
    )
    hashtag = forms.CharField(
        label=_("Hashtag"), max_length=60, required=False, help_text=_("For example, #Borchester24")
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day must be on or after the first day"))
        return data


class PlacementForm(forms.Form):
    participant = PersonChoiceField(
        label=_("Councillor or senior officer"),
        queryset=User.objects.filter(is_active=True, groups__name=Role.MEMBER.label).order_by(
            "full_name"
        ),
        required=False,
        empty_label=_("Not in firstpoint: enter the name below"),
    )
    participant_name = forms.CharField(label=_("Or their name"), max_length=150, required=False)
    service = forms.ModelChoiceField(
        label=_("Service they join"),
        queryset=Service.objects.order_by("name"),
        required=False,
        empty_label=_("No service"),
    )
    team = forms.ModelChoiceField(
        label=_("Team they join"),
        queryset=Team.objects.select_related("site"),
        required=False,
        empty_label=_("No team"),
    )
    day = GovUKDateField(
        label=_("Date"), error_messages={"required": _("Enter the date of the placement")}
    )
    start = forms.TimeField(
        label=_("Start time"),
        help_text=TIME_HELP,
        error_messages={
            "required": _("Enter the start time"),
            "invalid": _("Enter the start time as hours and minutes, like 09:30"),
        },
    )
    end = forms.TimeField(
        label=_("End time"),
        help_text=TIME_HELP,
        error_messages={
            "required": _("Enter the end time"),
            "invalid": _("Enter the end time as hours and minutes, like 12:30"),
        },
    )
    host = forms.CharField(
        label=_("Host"),
        max_length=150,
        error_messages={"required": _("Enter who hosts the placement")},
    )

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start") and data.get("end"):
            data["starts_at"] = _at(data["day"], data["start"])
            data["ends_at"] = _at(data["day"], data["end"])
        return data


class ObservationForm(forms.Form):
    good_practice = forms.CharField(
        label=_("Good practice seen"), required=False, widget=forms.Textarea
    )
    problems = forms.CharField(label=_("Problems found"), required=False, widget=forms.Textarea)
    public_post = forms.CharField(
        label=_("Public post"),
        max_length=280,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Up to 280 characters, for the communications unit to publish."),
    )
    hashtag = forms.CharField(
        label=_("Hashtag"),
        max_length=60,
        required=False,
        help_text=_("Leave blank to use the event's hashtag."),
    )


class FollowUpForm(forms.Form):
    description = forms.CharField(
        label=_("Action"), max_length=300, error_messages={"required": _("Enter the action")}
    )
    owner = PersonChoiceField(
        label=_("Owner"),
        queryset=active_people(),
        empty_label=_("Select the owner"),
        error_messages={"required": _("Select the owner")},
    )
    due_on = GovUKDateField(label=_("Due"), required=False)


class ObjectiveForm(forms.Form):
    number = forms.IntegerField(
        label=_("Number"), min_value=1, error_messages={"required": _("Enter the number")}
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter the title")}
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)


class StrategyActionForm(forms.Form):
    title = forms.CharField(
        label=_("Action"), max_length=300, error_messages={"required": _("Enter the action")}
    )
    owner = PersonChoiceField(
        label=_("Owner"),
        queryset=active_people(),
        empty_label=_("Select the owner"),
        error_messages={"required": _("Select the owner")},
    )
    start_on = GovUKDateField(label=_("Start"), required=False)
    due_on = GovUKDateField(label=_("Due"), error_messages={"required": _("Enter the due date")})


class ActionProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the status")},
    )
    percent_complete = forms.IntegerField(
        label=_("Per cent complete"),
        min_value=0,
        max_value=100,
        error_messages={"required": _("Enter the per cent complete")},
    )


class EvidenceForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter the title of the evidence")},
    )
    path = forms.CharField(
        label=_("Path in firstpoint"),
        max_length=300,
        help_text=_("The address after the site name, for example /services/"),
        error_messages={"required": _("Enter the path")},
    )


class SessionFilterForm(forms.Form):
    search = forms.CharField(label=_("Course"), required=False)


class DoneForm(forms.Form):
    done_on = GovUKDateField(
        label=_("Date it was done"),
        error_messages={"required": _("Enter the date the action was done")},
    )
