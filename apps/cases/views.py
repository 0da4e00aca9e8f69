import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from apps.accounts.models import Department
from apps.core.calendar import add_working_days
from apps.core.govuk import render_component, summary_rows
from apps.core.views import Column, HistoryView, StaffListView

from . import selectors, services
from .forms import AssignForm, DepartmentFilterForm, QueueFilterForm, StatusForm, UpdateForm
from .models import ServiceRequest, ServiceRequestPhoto, Status
from .photos import photo_response


def _long_date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = localtime(value)
    return date_format(value, "j F Y")


def sla_state(request: ServiceRequest, today: datetime.date, horizon: datetime.date) -> str:
    """ "overdue", "due_soon" or "" for an open request; closed ones are never flagged."""
    if not request.is_open or request.sla_due is None:
        return ""
    if request.breached_at is not None or request.sla_due < today:
        return "overdue"
    if request.sla_due <= horizon:
        return "due_soon"
    return ""


class _SLAClock:
    """Today and the due-soon horizon, worked out once per page."""

    def __init__(self):
        self.today = timezone.localdate()
        self.horizon = add_working_days(
            self.today,
            selectors.DUE_SOON_WORKING_DAYS,
            getattr(settings, "COUNCIL_NATION", "england-and-wales"),
        )

    def tag(self, request: ServiceRequest) -> str:
        state = sla_state(request, self.today, self.horizon)
        if state == "overdue":
            return render_component("tag", {"text": _("Overdue"), "classes": "govuk-tag--red"})
        if state == "due_soon":
            return render_component("tag", {"text": _("Due soon"), "classes": "govuk-tag--yellow"})
        return ""

    def due_html(self, request: ServiceRequest) -> str:
        return format_html("{} {}", _long_date(request.sla_due), self.tag(request))

    def due_text(self, request: ServiceRequest) -> str:
        state = sla_state(request, self.today, self.horizon)
        label = {"overdue": _("Overdue"), "due_soon": _("Due soon")}.get(state, "")
        return " ".join(p for p in (_long_date(request.sla_due), label) if p)


def _request_link(request: ServiceRequest) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("cases:detail", args=[request.reference]),
        request.reference,
    )


def _customer_name(request: ServiceRequest) -> str:
    return request.customer.display_name if request.customer else ""


class _RequestListView(StaffListView):
    permission_required = "cases.view_servicerequest"
    template_name = "cases/request_list.html"
    filter_form_class = DepartmentFilterForm
    heading = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.clock = _SLAClock()
        self.columns = [
            Column(gettext_lazy("Reference"), lambda r: r.reference, html=_request_link),
            Column(gettext_lazy("Service"), lambda r: r.service.name),
            Column(gettext_lazy("Customer"), _customer_name),
            Column(gettext_lazy("Status"), lambda r: r.get_status_display()),
            Column(gettext_lazy("Assigned to"), lambda r: r.assignee or ""),
            Column(gettext_lazy("Due by"), self.clock.due_text, html=self.clock.due_html),
            Column(gettext_lazy("Department"), lambda r: r.department.name),
        ]

    @property
    def own_department_id(self):
        return services.user_department_id(self.request.user)

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = self.filter_form_class(
                self.request.GET or None, show_department=self.own_department_id is None
            )
        return self._filter_form

    def department(self, filters):
        own = self.own_department_id
        if own is not None:
            return Department.objects.filter(pk=own).first()
        return filters.get("department")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.heading
        own = self.own_department_id
        context["own_department"] = Department.objects.filter(pk=own).first() if own else None
        return context


class QueueView(_RequestListView):
    filter_form_class = QueueFilterForm
    csv_filename = "service-requests.csv"
    caption = gettext_lazy("Service requests")
    heading = gettext_lazy("Service requests")

    def select(self, **filters):
        return selectors.department_queue(
            user=self.request.user,
            department=filters.get("department"),
            status=filters.get("status"),
            search=filters.get("search", ""),
        )


class DueSoonView(_RequestListView):
    csv_filename = "requests-due-soon.csv"
    caption = gettext_lazy("Requests due soon")
    heading = gettext_lazy("Requests due in the next 2 working days")

    def select(self, **filters):
        return selectors.due_soon(department=self.department(filters), today=self.clock.today)


class BreachedView(_RequestListView):
    csv_filename = "requests-overdue.csv"
    caption = gettext_lazy("Overdue requests")
    heading = gettext_lazy("Overdue requests")

    def select(self, **filters):
        return selectors.breached(department=self.department(filters), today=self.clock.today)


def may_change(user, request: ServiceRequest) -> bool:
    """Officers may read every request but change only their own department's."""
    if not user.has_perm("cases.change_servicerequest"):
        return False
    return services.works_for_department(user, request.department_id)


PHOTO_TAG_CLASSES = {
    ServiceRequestPhoto.Moderation.AWAITING: "govuk-tag--yellow",
    ServiceRequestPhoto.Moderation.APPROVED: "govuk-tag--green",
    ServiceRequestPhoto.Moderation.REJECTED: "govuk-tag--grey",
}


def _updates_table(updates, caption: str) -> dict:
    return {
        "caption": caption,
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": _("When")}, {"text": _("Who")}, {"text": _("Update")}],
        "rows": [
            [
                {"text": date_format(localtime(u.created_at), "j F Y, H:i")},
                {"text": str(u.author or _("System"))},
                {
                    "text": (
                        f"{u.text} ({Status(u.status_from).label} → {Status(u.status_to).label})"
                        if u.status_from and u.status_to
                        else u.text
                    )
                },
            ]
            for u in updates
        ],
    }


class RequestDetailView(PermissionRequiredMixin, TemplateView):
    """The request, its SLA, its updates, and (for its department) the forms that work it."""

    permission_required = "cases.view_servicerequest"
    template_name = "cases/request_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.service_request = selectors.request_detail(reference=kwargs["reference"])
        if self.service_request is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def forms(self, bound: dict | None = None) -> dict:
        bound = bound or {}
        sr = self.service_request
        return {
            "status_form": bound.get("status") or StatusForm(request=sr, prefix="status"),
            "assign_form": bound.get("assign") or AssignForm(request=sr, prefix="assign"),
            "update_form": bound.get("update") or UpdateForm(prefix="update"),
        }

    def get_context_data(self, bound_forms: dict | None = None, **kwargs):
        context = super().get_context_data(**kwargs)
        sr = self.service_request
        clock = _SLAClock()
        location = [sr.address]
        if sr.uprn:
            location.append(_("UPRN %(uprn)s") % {"uprn": sr.uprn})
        if sr.latitude is not None:
            location.append(f"{sr.latitude}, {sr.longitude}")
        status = sr.get_status_display()
        if sr.public_status_text:
            status = f"{status}: {sr.public_status_text}"
        context["service_request"] = sr
        context["sla_tag"] = clock.tag(sr)
        context["summary_rows"] = summary_rows(
            [
                (_("Service"), sr.service.name),
                (_("Department"), sr.department.name),
                (_("Customer"), _customer_name(sr) or _("Not known")),
                (_("Location"), "\n".join(p for p in location if p) or _("Not given")),
                (_("Description"), sr.description),
                (_("Status"), status),
                (_("Assigned to"), sr.assignee or _("Nobody yet")),
                (
                    _("Raised"),
                    _("%(date)s by %(who)s (%(source)s)")
                    % {
                        "date": _long_date(sr.created_at),
                        "who": sr.raised_by or _("the resident"),
                        "source": sr.get_source_display(),
                    },
                ),
                (_("Due by"), _long_date(sr.sla_due) or _("No SLA")),
                (_("Resolved"), _long_date(sr.resolved_at) or _("Not yet")),
            ]
        )
        updates = list(sr.updates.all())
        context["public_table"] = _updates_table(
            [u for u in updates if u.is_public], _("Updates the resident can see")
        )
        context["internal_table"] = _updates_table(
            [u for u in updates if not u.is_public], _("Internal notes (staff only)")
        )
        context["may_change"] = may_change(self.request.user, sr)
        context["may_moderate_photos"] = services.may_moderate_photos(
            user=self.request.user, request=sr
        )
        context["photos"] = [
            {
                "photo": photo,
                "number": number,
                "url": reverse("cases:photo", args=[sr.reference, photo.pk]),
                "moderate_url": reverse("cases:moderate-photo", args=[sr.reference, photo.pk]),
                "tag": render_component(
                    "tag",
                    {
                        "text": photo.get_moderation_display(),
                        "classes": PHOTO_TAG_CLASSES[photo.moderation],
                    },
                ),
                "moderated": _("by %(who)s on %(date)s")
                % {"who": photo.moderated_by, "date": _long_date(photo.moderated_at)}
                if photo.moderated_at
                else "",
            }
            for number, photo in enumerate(sr.photos.all(), start=1)
        ]
        context["can_move"] = bool(services.TRANSITIONS.get(sr.status))
        context.update(self.forms(bound_forms))
        context["bound_forms"] = list((bound_forms or {}).values())
        return context


class _RequestActionView(RequestDetailView):
    """A form posted from the detail page: redirect back on success, show errors on it."""

    permission_required = "cases.change_servicerequest"
    http_method_names = ["post"]
    form_key = ""

    def make_form(self):
        raise NotImplementedError

    def act(self, form):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        if not may_change(request.user, self.service_request):
            raise PermissionDenied
        form = self.make_form()
        if form.is_valid():
            try:
                message = self.act(form)
            except ValidationError as error:
                self._add_errors(form, error)
            else:
                messages.success(request, message)
                return redirect("cases:detail", reference=self.service_request.reference)
        context = self.get_context_data(bound_forms={self.form_key: form})
        return self.render_to_response(context)

    @staticmethod
    def _add_errors(form, error):
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)


class ChangeStatusView(_RequestActionView):
    form_key = "status"

    def make_form(self):
        return StatusForm(self.request.POST, request=self.service_request, prefix="status")

    def act(self, form):
        data = form.cleaned_data
        sr = services.service_request_change_status(
            request=self.service_request,
            expected_version=data["version"],
            changed_by=self.request.user,
            status=data["status"],
            public_text=data["public_text"],
            note=data["note"],
        )
        return _("%(reference)s is now %(status)s") % {
            "reference": sr.reference,
            "status": sr.get_status_display().lower(),
        }


class AssignView(_RequestActionView):
    form_key = "assign"

    def make_form(self):
        return AssignForm(self.request.POST, request=self.service_request, prefix="assign")

    def act(self, form):
        data = form.cleaned_data
        sr = services.service_request_assign(
            request=self.service_request,
            expected_version=data["version"],
            assignee=data["assignee"],
            changed_by=self.request.user,
        )
        return _("%(reference)s assigned to %(name)s") % {
            "reference": sr.reference,
            "name": sr.assignee,
        }


class AddUpdateView(_RequestActionView):
    form_key = "update"

    def make_form(self):
        return UpdateForm(self.request.POST, prefix="update")

    def act(self, form):
        data = form.cleaned_data
        update = services.service_request_add_update(
            request=self.service_request,
            author=self.request.user,
            text=data["text"],
            is_public=data["is_public"],
        )
        if update.is_public:
            return _("Update added; the resident can see it")
        return _("Internal note added")


class _RequestPhotoView(PermissionRequiredMixin, View):
    @staticmethod
    def photo(reference: str, pk: int) -> ServiceRequestPhoto:
        """The request's photo, or not found (also when the photo is another request's)."""
        photo = selectors.request_photo(reference=reference, pk=pk)
        if photo is None:
            raise Http404
        return photo


class RequestPhotoView(_RequestPhotoView):
    """A photo sent with the request, for staff who may see the request, whatever its
    moderation: approval is about the public, not staff."""

    permission_required = "cases.view_servicerequest"
    http_method_names = ["get"]

    def get(self, request, reference, pk):
        return photo_response(self.photo(reference, pk))


class ModeratePhotoView(_RequestPhotoView):
    """Approve a photo for publication (Open311 then shows it to anyone) or reject it."""

    permission_required = "cases.moderate_servicerequestphoto"
    http_method_names = ["post"]

    def post(self, request, reference, pk):
        photo = self.photo(reference, pk)
        decision = request.POST.get("decision", "")
        if decision == "approve":
            services.service_request_photo_approve(photo=photo, approved_by=request.user)
            messages.success(
                request, _("Photo approved for publication: anyone can now see it through Open311")
            )
        elif decision == "reject":
            services.service_request_photo_reject(photo=photo, rejected_by=request.user)
            messages.success(request, _("Photo rejected for publication: only staff can see it"))
        else:
            messages.error(request, _("Choose whether to approve or reject the photo"))
        return redirect("cases:detail", reference=reference)


class RequestHistoryView(HistoryView):
    """Every saved change to a request: status, assignee, SLA, who and when."""

    permission_required = "cases.view_servicerequest_history"

    def get_object(self):
        return get_object_or_404(ServiceRequest, reference=self.kwargs["reference"])

    def get_back_url(self, service_request):
        return reverse("cases:detail", args=[service_request.reference])
