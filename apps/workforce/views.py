"""Training, qualifications, back to the floor and the customer focus strategy pages."""

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from apps.core.exports import csv_response
from apps.core.formats import long_date as _date
from apps.core.views import Column, StaffListView

from . import forms, selectors, services
from .models import (
    Booking,
    Course,
    Enrolment,
    FloorEvent,
    FollowUpAction,
    Objective,
    Observation,
    Placement,
    Programme,
    StrategyAction,
    TrainingSession,
)


def _link(url: str, text: str) -> str:
    return format_html('<a class="govuk-link" href="{}">{}</a>', url, text)


def table(caption, head, rows, *, hidden_caption=False) -> dict:
    """Parameters of the GOV.UK table component; a cell is a value or {"html": ...}."""
    return {
        "caption": str(caption),
        "captionClasses": "govuk-visually-hidden" if hidden_caption else "govuk-table__caption--m",
        "head": [{"text": str(h)} for h in head],
        "rows": [
            [c if isinstance(c, dict) else {"text": "" if c is None else str(c)} for c in row]
            for row in rows
        ],
    }


def _tag(text, colour) -> dict:
    return {
        "html": format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)
    }


def matrix_tables(matrix) -> list[dict]:
    return [
        table(
            group["label"],
            [_("Name"), _("Completed on"), _("Status")],
            [
                [
                    record.person.full_name,
                    _date(record.completed_on),
                    _tag(_("Completed"), "green")
                    if record.completed_on
                    else (
                        _tag(_("Overdue"), "red") if record.overdue else _tag(_("Not yet"), "grey")
                    ),
                ]
                for record in group["people"]
            ],
        )
        for group in matrix["groups"]
    ]


class FormPageView(PermissionRequiredMixin, FormView):
    """A form page whose `perform(form)` calls a service and returns where to go next.

    A ValidationError from the service is shown in the error summary and nothing is written.
    """

    template_name = "workforce/form.html"
    title = ""
    button = _("Save")
    success_message = ""

    def get_back_url(self) -> str:
        return reverse("workforce:home")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": self.title,
            "button": self.button,
            "back_url": self.get_back_url(),
        }

    def perform(self, form) -> str:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            url = self.perform(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(url)


class ConfirmPageView(FormPageView):
    """A page that shows what is about to happen and asks for one button press."""

    template_name = "workforce/confirm.html"
    form_class = django_forms.Form

    def get_details(self) -> list[tuple]:
        return []

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "details": self.get_details()}


def _flag_overdue(actions, today) -> None:
    for action in actions:
        action.overdue = action.is_overdue(today)


class HomeView(PermissionRequiredMixin, TemplateView):
    permission_required = "workforce.view_workforce"
    template_name = "workforce/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("workforce.view_all_training"):
            context["refreshers"] = list(selectors.refreshers_due(today=timezone.localdate())[:20])
        return context


# --- Training -------------------------------------------------------------------------------


class CourseListView(StaffListView):
    permission_required = "workforce.view_all_training"
    template_name = "workforce/course_list.html"
    filter_form_class = forms.CourseFilterForm
    csv_filename = "courses.csv"
    caption = _("Courses")
    columns = [
        Column(
            _("Course"),
            lambda c: c.title,
            lambda c: _link(reverse("workforce:course-detail", args=[c.pk]), c.title),
        ),
        Column(_("Service change"), lambda c: "Yes" if c.service_version_id else "No"),
        Column(_("Complete by"), lambda c: _date(c.deadline)),
        Column(_("Required"), lambda c: c.required_count),
        Column(_("Completed"), lambda c: c.completed_count),
    ]

    def select(self, **filters):
        return selectors.course_list(**filters)


class CourseCreateView(FormPageView):
    permission_required = "workforce.manage_training"
    form_class = forms.CourseForm
    title = _("Add a course")

    def perform(self, form):
        course = services.course_create(**form.cleaned_data)
        return reverse("workforce:course-detail", args=[course.pk])


class CourseMixin:
    def dispatch(self, request, *args, **kwargs):
        self.course = get_object_or_404(
            Course.objects.select_related("service_version__service"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self):
        return reverse("workforce:course-detail", args=[self.course.pk])


class CourseEditView(CourseMixin, FormPageView):
    permission_required = "workforce.manage_training"
    form_class = forms.CourseForm
    title = _("Change the course")
    success_message = _("Course changed")

    def get_initial(self):
        c = self.course
        return {
            "title": c.title,
            "description": c.description,
            "validity_months": c.validity_months,
            "deadline": c.deadline,
        }

    def perform(self, form):
        services.course_update(course=self.course, **form.cleaned_data)
        return self.get_back_url()


class CourseDetailView(CourseMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "workforce.view_all_training"
    template_name = "workforce/course_detail.html"

    def get_context_data(self, **kwargs):
        matrix = selectors.course_matrix(course=self.course)
        sessions = selectors.course_sessions(course=self.course)
        return {
            **super().get_context_data(**kwargs),
            "course": self.course,
            "matrix": matrix,
            "matrix_tables": matrix_tables(matrix),
            "summary_table": table(
                _("Completion by team and department"),
                [_("Team or department"), _("People"), _("Completed"), _("Still to complete")],
                [
                    [g["label"], g["total"], g["completed"], g["outstanding"]]
                    for g in matrix["groups"]
                ],
            ),
            "sessions_table": table(
                _("Sessions"),
                [_("Date"), _("Place"), _("Trainer"), _("Places"), _("Booked")],
                [
                    [
                        {
                            "html": _link(
                                reverse("workforce:session-detail", args=[s.pk]),
                                date_format(localtime(s.starts_at), "j F Y, H:i"),
                            )
                        },
                        _("Online") if s.online else s.place,
                        s.trainer,
                        s.capacity,
                        s.booked,
                    ]
                    for s in sessions
                ],
            ),
        }


class CourseMatrixView(CourseDetailView):
    template_name = "workforce/course_matrix.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            matrix = selectors.course_matrix(course=self.course)
            rows = [(g["label"], r) for g in matrix["groups"] for r in g["people"]]
            return csv_response(
                filename=f"training-matrix-{self.course.pk}.csv",
                header=["Team or department", "Name", "Email", "Completed on", "Overdue"],
                rows=rows,
                row=lambda gr: [
                    gr[0],
                    gr[1].person.full_name,
                    gr[1].person.email,
                    gr[1].completed_on.isoformat() if gr[1].completed_on else "",
                    "Yes" if gr[1].overdue else "No",
                ],
            )
        return super().get(request, *args, **kwargs)


class SessionCreateView(CourseMixin, FormPageView):
    permission_required = "workforce.manage_training"
    form_class = forms.SessionForm
    title = _("Add a session")

    def perform(self, form):
        data = form.cleaned_data
        session = services.session_create(
            course=self.course,
            starts_at=data["starts_at"],
            trainer=data["trainer"],
            capacity=data["capacity"],
            place=data["place"],
            online=data["online"],
        )
        return reverse("workforce:session-detail", args=[session.pk])


class CompletionCreateView(CourseMixin, FormPageView):
    permission_required = "workforce.manage_training"
    form_class = forms.CompletionForm
    title = _("Record completion")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.course.is_coordinated:
            kwargs["people"] = forms.active_people().filter(
                training_records__course=self.course, training_records__completed_on__isnull=True
            )
        return kwargs

    def perform(self, form):
        person = form.cleaned_data["person"]
        services.training_complete(
            course=self.course,
            person=person,
            completed_on=form.cleaned_data["completed_on"],
            recorded_by=self.request.user,
        )
        messages.success(
            self.request, _("Completion recorded for %(name)s") % {"name": person.full_name}
        )
        return reverse("workforce:course-matrix", args=[self.course.pk])


class SessionDetailView(PermissionRequiredMixin, FormView):
    permission_required = "workforce.view_all_training"
    template_name = "workforce/session_detail.html"
    form_class = forms.BookingForm

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(
            TrainingSession.objects.select_related("course"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("workforce.manage_training"):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        bookings = list(selectors.session_bookings(session=self.session))
        return {
            **super().get_context_data(**kwargs),
            "session": self.session,
            "bookings": bookings,
            "places_left": max(0, self.session.capacity - len(bookings)),
        }

    def form_valid(self, form):
        try:
            services.booking_create(session=self.session, person=form.cleaned_data["person"])
        except ValidationError as error:
            form.add_error("person", error)
            return self.form_invalid(form)
        messages.success(self.request, _("Booked"))
        return redirect("workforce:session-detail", pk=self.session.pk)


class AttendanceView(PermissionRequiredMixin, View):
    permission_required = "workforce.manage_training"

    def post(self, request, pk):
        booking = get_object_or_404(Booking.objects.select_related("session__course"), pk=pk)
        attended = request.POST.get("attended") == "yes"
        try:
            services.booking_record_attendance(
                booking=booking, attended=attended, recorded_by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("workforce:session-detail", pk=booking.session_id)


def _session_when(session) -> str:
    return date_format(localtime(session.starts_at), "j F Y, H:i")


def _session_where(session) -> str:
    return str(_("Online")) if session.online else session.place


class SessionChoiceView(StaffListView):
    """Sessions not yet started that an advisor or client service officer can book."""

    permission_required = "workforce.book_training"
    template_name = "workforce/session_choice.html"
    filter_form_class = forms.SessionFilterForm
    csv_filename = "training-sessions.csv"
    caption = _("Training sessions you can book")
    columns = [
        Column(_("Course"), lambda s: s.course.title),
        Column(
            _("Date"),
            _session_when,
            lambda s: (
                _link(reverse("workforce:session-book", args=[s.pk]), _session_when(s))
                if not s.mine and s.booked < s.capacity
                else _session_when(s)
            ),
        ),
        Column(_("Place"), _session_where),
        Column(_("Trainer"), lambda s: s.trainer),
        Column(_("Places left"), lambda s: max(0, s.capacity - s.booked)),
        Column(
            _("Your place"),
            lambda s: "Booked" if s.mine else ("Full" if s.booked >= s.capacity else ""),
        ),
    ]

    def select(self, **filters):
        return selectors.bookable_sessions(person=self.request.user, **filters)


class SessionBookView(ConfirmPageView):
    permission_required = "workforce.book_training"
    title = _("Book your place")
    button = _("Book my place")
    success_message = _("You are booked on the session")

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(
            TrainingSession.objects.select_related("course"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self):
        return reverse("workforce:session-choose")

    def get_details(self):
        return [
            (_("Course"), self.session.course.title),
            (_("Date"), _session_when(self.session)),
            (_("Place"), _session_where(self.session)),
            (_("Trainer"), self.session.trainer),
        ]

    def perform(self, form):
        services.booking_book_self(session=self.session, person=self.request.user)
        return reverse("workforce:my-training")


class BookingCancelView(ConfirmPageView):
    permission_required = "workforce.view_course"
    title = _("Cancel your booking")
    button = _("Cancel my booking")
    success_message = _("Your booking is cancelled")

    def dispatch(self, request, *args, **kwargs):
        self.booking = get_object_or_404(
            Booking.objects.select_related("session__course"),
            pk=kwargs["pk"],
            person_id=request.user.pk,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self):
        return reverse("workforce:my-training")

    def get_details(self):
        session = self.booking.session
        return [
            (_("Course"), session.course.title),
            (_("Date"), _session_when(session)),
            (_("Place"), _session_where(session)),
        ]

    def perform(self, form):
        services.booking_cancel(booking=self.booking, person=self.request.user)
        return self.get_back_url()


class MyTrainingView(PermissionRequiredMixin, TemplateView):
    """A person's own training, qualifications, membership and CPD."""

    permission_required = "workforce.view_course"
    template_name = "workforce/my_training.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        cpd = user.cpd_records.all()
        return {
            **super().get_context_data(**kwargs),
            **selectors.person_training(person=user),
            "enrolments": selectors.enrolment_list(person=user),
            "membership": getattr(user, "ics_membership", None),
            "cpd": cpd,
            "cpd_hours": cpd.aggregate(total=Sum("hours"))["total"] or 0,
            "now": timezone.now(),
        }


class CpdCreateView(FormPageView):
    permission_required = "workforce.view_course"
    form_class = forms.CpdForm
    title = _("Add CPD")

    def get_back_url(self):
        return reverse("workforce:my-training")

    def perform(self, form):
        services.cpd_record_add(person=self.request.user, **form.cleaned_data)
        return self.get_back_url()


class MembershipView(FormPageView):
    permission_required = "workforce.view_course"
    form_class = forms.MembershipForm
    title = _("Institute of Customer Service membership")

    def get_back_url(self):
        return reverse("workforce:my-training")

    def get_initial(self):
        membership = getattr(self.request.user, "ics_membership", None)
        if membership is None:
            return {}
        return {
            "level": membership.level,
            "number": membership.number,
            "renewal_date": membership.renewal_date,
        }

    def perform(self, form):
        services.membership_set(person=self.request.user, **form.cleaned_data)
        return self.get_back_url()


# --- Qualifications -------------------------------------------------------------------------


class ProgrammeListView(PermissionRequiredMixin, TemplateView):
    permission_required = "workforce.view_course"
    template_name = "workforce/programmes.html"

    def get_context_data(self, **kwargs):
        programmes = Programme.objects.prefetch_related("levels", "units__modules__assessments")
        return {**super().get_context_data(**kwargs), "programmes": programmes}


class EnrolmentListView(StaffListView):
    permission_required = "workforce.view_all_training"
    template_name = "workforce/enrolment_list.html"
    filter_form_class = forms.EnrolmentFilterForm
    csv_filename = "enrolments.csv"
    caption = _("Enrolments")
    columns = [
        Column(
            _("Name"),
            lambda e: e.person.full_name,
            lambda e: _link(reverse("workforce:enrolment-detail", args=[e.pk]), e.person.full_name),
        ),
        Column(_("Programme"), lambda e: e.level.programme.name),
        Column(_("Level"), lambda e: str(e.level)),
        Column(_("Started"), lambda e: _date(e.started_on)),
        Column(_("Modules passed"), lambda e: e.passed_count),
        Column(_("Completed"), lambda e: _date(e.completed_on)),
        Column(_("Certificate"), lambda e: e.certificate_number),
    ]

    def select(self, **filters):
        return selectors.enrolment_list(**filters)


class EnrolmentCreateView(FormPageView):
    permission_required = "workforce.manage_training"
    form_class = forms.EnrolmentForm
    title = _("Enrol someone on a qualification")

    def perform(self, form):
        enrolment = services.enrolment_create(**form.cleaned_data)
        return reverse("workforce:enrolment-detail", args=[enrolment.pk])


class EnrolmentMixin:
    def dispatch(self, request, *args, **kwargs):
        self.enrolment = get_object_or_404(
            Enrolment.objects.select_related("person", "level__programme"), pk=kwargs["pk"]
        )
        user = request.user
        if user.is_authenticated and not (
            user.has_perm("workforce.view_all_training") or self.enrolment.person_id == user.pk
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self):
        return reverse("workforce:enrolment-detail", args=[self.enrolment.pk])


class EnrolmentDetailView(EnrolmentMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "workforce.view_course"
    template_name = "workforce/enrolment_detail.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "enrolment": self.enrolment,
            "progress": selectors.enrolment_progress(enrolment=self.enrolment),
        }


class ModuleResultView(EnrolmentMixin, FormPageView):
    permission_required = "workforce.manage_training"
    form_class = forms.ModuleResultForm
    title = _("Record a module result")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "modules": services.level_modules(self.enrolment.level).order_by("number"),
        }

    def perform(self, form):
        services.module_result_record(enrolment=self.enrolment, **form.cleaned_data)
        return self.get_back_url()


class CertificateView(EnrolmentMixin, FormPageView):
    permission_required = "workforce.manage_training"
    form_class = forms.CertificateForm
    title = _("Record the certificate")

    def perform(self, form):
        services.enrolment_record_certificate(enrolment=self.enrolment, **form.cleaned_data)
        return self.get_back_url()


# --- Back to the floor ----------------------------------------------------------------------


class FloorEventListView(PermissionRequiredMixin, TemplateView):
    permission_required = "workforce.view_placements"
    template_name = "workforce/event_list.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "events": selectors.floor_event_list()}


class FloorEventCreateView(FormPageView):
    permission_required = "workforce.manage_placements"
    form_class = forms.FloorEventForm
    title = _("Add a back-to-the-floor event")

    def perform(self, form):
        event = services.floor_event_create(**form.cleaned_data)
        return reverse("workforce:event-detail", args=[event.pk])


class EventMixin:
    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(FloorEvent, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self):
        return reverse("workforce:event-detail", args=[self.event.pk])


class FloorEventEditView(EventMixin, FormPageView):
    permission_required = "workforce.manage_placements"
    form_class = forms.FloorEventForm
    title = _("Change the event")
    success_message = _("Event changed")

    def get_initial(self):
        e = self.event
        return {
            "name": e.name,
            "starts_on": e.starts_on,
            "ends_on": e.ends_on,
            "hashtag": e.hashtag,
        }

    def perform(self, form):
        services.floor_event_update(event=self.event, **form.cleaned_data)
        return self.get_back_url()


class FloorEventDetailView(EventMixin, PermissionRequiredMixin, TemplateView):
    """The schedule: everyone's placements for managers, only their own for a councillor."""

    permission_required = "workforce.view_placements"
    template_name = "workforce/event_detail.html"

    def get_context_data(self, **kwargs):
        placements = list(
            selectors.placement_schedule_for(event=self.event, user=self.request.user)
        )
        today = timezone.localdate()
        _flag_overdue(
            [a for p in placements for o in p.observations.all() for a in o.actions.all()], today
        )
        return {
            **super().get_context_data(**kwargs),
            "event": self.event,
            "placements": placements,
            "sees_all": self.request.user.has_perm("workforce.view_all_placements"),
        }


class PlacementCreateView(EventMixin, FormPageView):
    permission_required = "workforce.manage_placements"
    form_class = forms.PlacementForm
    title = _("Add a placement")

    def perform(self, form):
        data = form.cleaned_data
        services.placement_create(
            event=self.event,
            participant=data["participant"],
            participant_name=data["participant_name"],
            service=data["service"],
            team=data["team"],
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
            host=data["host"],
        )
        return self.get_back_url()


class PlacementMixin:
    def dispatch(self, request, *args, **kwargs):
        self.placement = get_object_or_404(
            Placement.objects.select_related("event"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self):
        return reverse("workforce:event-detail", args=[self.placement.event_id])


class ObservationCreateView(PlacementMixin, FormPageView):
    """The placement's participant, or whoever arranges placements, records what was seen."""

    permission_required = "workforce.view_placements"
    form_class = forms.ObservationForm
    title = _("Record an observation")

    def has_permission(self):
        user = self.request.user
        return super().has_permission() and (
            user.has_perm("workforce.manage_placements") or self.placement.participant_id == user.pk
        )

    def perform(self, form):
        services.observation_record(
            placement=self.placement, recorded_by=self.request.user, **form.cleaned_data
        )
        return self.get_back_url()


class FollowUpCreateView(FormPageView):
    permission_required = "workforce.manage_placements"
    form_class = forms.FollowUpForm
    title = _("Add a follow-up action")

    def dispatch(self, request, *args, **kwargs):
        self.observation = get_object_or_404(
            Observation.objects.select_related("placement"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_back_url(self):
        return reverse("workforce:event-detail", args=[self.observation.placement.event_id])

    def perform(self, form):
        services.follow_up_add(observation=self.observation, **form.cleaned_data)
        return self.get_back_url()


class DoneView(FormPageView):
    """Mark an action done, with the date: its owner or a manager."""

    permission_required = "workforce.view_workforce"
    form_class = forms.DoneForm
    title = _("Mark the action done")
    button = _("Mark as done")
    success_message = _("Action marked as done")
    template_name = "workforce/action_done.html"

    def can_complete(self) -> bool:
        raise NotImplementedError

    def has_permission(self):
        return super().has_permission() and self.can_complete()

    def get_initial(self):
        return {"done_on": self.action.done_on or timezone.localdate()}

    def get_back_url(self):
        if self.action.owner_id == self.request.user.pk:
            return reverse("workforce:my-actions")
        return self.manager_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.action}


class FollowUpDoneView(DoneView):
    def dispatch(self, request, *args, **kwargs):
        self.action = get_object_or_404(
            FollowUpAction.objects.select_related("observation__placement"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def can_complete(self):
        return services.can_complete_follow_up(action=self.action, user=self.request.user)

    def manager_url(self):
        return reverse("workforce:event-detail", args=[self.action.observation.placement.event_id])

    def perform(self, form):
        services.follow_up_complete(
            action=self.action, done_on=form.cleaned_data["done_on"], by=self.request.user
        )
        return self.get_back_url()


class MyActionsView(PermissionRequiredMixin, TemplateView):
    """The follow-up and strategy actions a person owns, open ones first."""

    permission_required = "workforce.view_workforce"
    template_name = "workforce/my_actions.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            **selectors.owned_actions(owner=self.request.user),
        }


class ObservationExportView(EventMixin, PermissionRequiredMixin, View):
    permission_required = "workforce.export_observations"

    def get(self, request, pk):
        return csv_response(
            filename=f"back-to-the-floor-posts-{self.event.pk}.csv",
            header=["Date", "Participant", "Service or team", "Post", "Hashtag"],
            rows=selectors.observation_posts(event=self.event).iterator(),
            row=lambda o: [
                date_format(localtime(o.placement.starts_at), "j F Y"),
                o.placement.who,
                o.placement.where,
                o.public_post,
                o.hashtag,
            ],
        )


# --- Customer focus strategy ----------------------------------------------------------------


class StrategyView(PermissionRequiredMixin, TemplateView):
    permission_required = "workforce.view_strategy"
    template_name = "workforce/strategy.html"

    def get_context_data(self, **kwargs):
        objectives = list(selectors.strategy_objectives())
        _flag_overdue([a for o in objectives for a in o.actions.all()], timezone.localdate())
        return {
            **super().get_context_data(**kwargs),
            "status": selectors.strategy_status(),
            "objectives": objectives,
        }


class StrategyFormView(FormPageView):
    permission_required = "workforce.manage_strategy"

    def get_back_url(self):
        return reverse("workforce:strategy")


class ObjectiveCreateView(StrategyFormView):
    form_class = forms.ObjectiveForm
    title = _("Add an objective")

    def perform(self, form):
        services.objective_create(**form.cleaned_data)
        return self.get_back_url()


class ObjectiveEditView(StrategyFormView):
    form_class = forms.ObjectiveForm
    title = _("Change the objective")
    success_message = _("Objective changed")

    def dispatch(self, request, *args, **kwargs):
        self.objective = get_object_or_404(Objective, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        o = self.objective
        return {"number": o.number, "title": o.title, "description": o.description}

    def perform(self, form):
        services.objective_update(objective=self.objective, **form.cleaned_data)
        return self.get_back_url()


class StrategyActionCreateView(StrategyFormView):
    form_class = forms.StrategyActionForm
    title = _("Add an action")

    def dispatch(self, request, *args, **kwargs):
        self.objective = get_object_or_404(Objective, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        services.strategy_action_create(objective=self.objective, **form.cleaned_data)
        return self.get_back_url()


class ActionMixin:
    def dispatch(self, request, *args, **kwargs):
        self.action = get_object_or_404(StrategyAction, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class ActionProgressView(ActionMixin, StrategyFormView):
    form_class = forms.ActionProgressForm
    title = _("Update progress")

    def get_initial(self):
        return {"status": self.action.status, "percent_complete": self.action.percent_complete}

    def perform(self, form):
        services.strategy_action_update(action=self.action, **form.cleaned_data)
        return self.get_back_url()


class EvidenceCreateView(ActionMixin, StrategyFormView):
    form_class = forms.EvidenceForm
    title = _("Link evidence")

    def perform(self, form):
        services.evidence_link_add(action=self.action, **form.cleaned_data)
        return self.get_back_url()


class StrategyActionDoneView(DoneView):
    def dispatch(self, request, *args, **kwargs):
        self.action = get_object_or_404(StrategyAction, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def can_complete(self):
        return services.can_complete_strategy_action(action=self.action, user=self.request.user)

    def manager_url(self):
        return reverse("workforce:strategy")

    def perform(self, form):
        services.strategy_action_complete(
            action=self.action, done_on=form.cleaned_data["done_on"], by=self.request.user
        )
        return self.get_back_url()
