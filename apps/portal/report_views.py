"""Report a problem: one page per question, answers kept in the session for each service,
then check your answers, send, and the confirmation."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import TemplateView

from apps.cases import selectors as case_selectors
from apps.catalogue.attributes import service_questions
from apps.catalogue.models import ServiceAttribute

from . import photos, selectors, services
from .forms import ContactForm, LocationForm, PhotoForm, ProblemForm, SubmitForm
from .views import PortalFormView, PortalPage

SESSION_KEY = "portal_reports"
DONE_SESSION_KEY = "portal_report_done"
STEPS = ("problem", "location", "photo", "contact")


def _state(session, slug: str) -> dict:
    return session.get(SESSION_KEY, {}).get(slug, {})


def _save_state(session, slug: str, state: dict) -> None:
    reports = session.get(SESSION_KEY, {})
    reports[slug] = state
    session[SESSION_KEY] = reports


def _forget(session, slug: str) -> None:
    reports = session.get(SESSION_KEY, {})
    reports.pop(slug, None)
    session[SESSION_KEY] = reports


class ReportStepView(PortalFormView):
    """One page of the journey; a page whose earlier pages are not answered sends the
    resident back to the first unanswered one."""

    step = ""
    rate_limit_area = "report"

    def dispatch(self, request, *args, **kwargs):
        self.service = selectors.reportable_service(slug=kwargs["slug"])
        if self.service is None:
            raise Http404
        self.state = _state(request.session, self.service.slug)
        earlier = STEPS[: STEPS.index(self.step)] if self.step in STEPS else STEPS
        missing = next((name for name in earlier if name not in self.state), None)
        if missing:
            return redirect(f"portal:report-{missing}", slug=self.service.slug)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["service"] = self.service
        context["back_url"] = self.back_url()
        return context

    def back_url(self) -> str:
        if self.request.GET.get("change"):
            return reverse("portal:report-check", args=[self.service.slug])
        index = STEPS.index(self.step) if self.step in STEPS else len(STEPS)
        if index == 0:
            return reverse("portal:service", args=[self.service.slug])
        return reverse(f"portal:report-{STEPS[index - 1]}", args=[self.service.slug])

    def remember(self, data: dict):
        self.state[self.step] = data
        _save_state(self.request.session, self.service.slug, self.state)
        index = STEPS.index(self.step)
        if self.request.GET.get("change") or index + 1 == len(STEPS):
            return redirect("portal:report-check", slug=self.service.slug)
        return redirect(f"portal:report-{STEPS[index + 1]}", slug=self.service.slug)


@method_decorator(login_not_required, name="dispatch")
class ReportProblemView(ReportStepView):
    step = "problem"
    template_name = "portal/report_problem.html"
    form_class = ProblemForm

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "service": self.service}
        saved = self.state.get("problem")
        if saved:
            kwargs["initial"] = ProblemForm.initial_from(
                saved["answers"], saved["description"], service_questions(service=self.service)
            )
        return kwargs

    def form_valid(self, form):
        return self.remember(
            {"answers": form.answers, "description": form.cleaned_data["description"].strip()}
        )


@method_decorator(login_not_required, name="dispatch")
class ReportLocationView(ReportStepView):
    step = "location"
    template_name = "portal/report_location.html"
    form_class = LocationForm

    def get_initial(self):
        return dict(self.state.get("location") or {})

    def form_valid(self, form):
        data = form.cleaned_data
        return self.remember(
            {
                "method": data["method"],
                "postcode": data.get("postcode") or "",
                "address": (data.get("address") or "").strip(),
                "latitude": None if data.get("latitude") is None else str(data["latitude"]),
                "longitude": None if data.get("longitude") is None else str(data["longitude"]),
            }
        )


@method_decorator(login_not_required, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
class ReportPhotoView(ReportStepView):
    """The upload is read through a handler that stops at settings.PHOTO_MAX_BYTES; that
    handler must be in place before anything reads the body, so CSRF is checked here
    (csrf_protect) rather than by the middleware, as Django's documentation describes."""

    step = "photo"
    template_name = "portal/report_photo.html"
    form_class = PhotoForm

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            request.upload_handlers.insert(0, photos.PhotoSizeLimitUploadHandler(request))
        protected = csrf_protect(lambda req, *a, **kw: ReportStepView.dispatch(self, req, *a, **kw))
        try:
            return protected(request, *args, **kwargs)
        except RequestDataTooBig:
            form = PhotoForm(data={})
            form.full_clean()
            form.add_error("photo", photos.too_big_message())
            self.service = selectors.reportable_service(slug=kwargs["slug"])
            if self.service is None:
                raise Http404 from None
            self.state = _state(request.session, self.service.slug)
            return self.render_to_response(self.get_context_data(form=form), status=413)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["photo"] = (self.state.get("photo") or {}).get("filename")
        context["max_megabytes"] = photos.photo_max_megabytes()
        return context

    def form_valid(self, form):
        current = self.state.get("photo") or {}
        if getattr(self.request, "portal_upload_too_big", False):
            form.add_error("photo", photos.too_big_message())
            return self.form_invalid(form)
        upload = form.cleaned_data.get("photo")
        if upload:
            try:
                data, content_type = photos.photo_clean(upload.read())
            except ValidationError as error:
                form.add_error("photo", error)
                return self.form_invalid(form)
            photos.photo_discard(current.get("name", ""))
            return self.remember(
                {
                    "name": photos.photo_keep(data, content_type),
                    "filename": (upload.name or "photo")[-100:],
                }
            )
        if form.cleaned_data.get("remove_photo"):
            photos.photo_discard(current.get("name", ""))
            current = {}
        return self.remember(current)


@method_decorator(login_not_required, name="dispatch")
class ReportContactView(ReportStepView):
    step = "contact"
    template_name = "portal/report_contact.html"
    form_class = ContactForm

    def get_initial(self):
        return dict(self.state.get("contact") or {})

    def form_valid(self, form):
        data = form.cleaned_data
        return self.remember({k: data[k] for k in ("first_name", "last_name", "email", "phone")})


def _answer_text(question: ServiceAttribute, value) -> str:
    if value in (None, "", []):
        return ""
    names = {str(v["key"]): v["name"] for v in question.values or []}
    if question.datatype == ServiceAttribute.Datatype.MULTIVALUELIST:
        return ", ".join(names.get(v, v) for v in value)
    if question.datatype == ServiceAttribute.Datatype.SINGLEVALUELIST:
        return names.get(value, value)
    if question.datatype == ServiceAttribute.Datatype.DATETIME:
        return services.long_date(datetime.datetime.fromisoformat(value).date())
    return str(value)


@method_decorator(login_not_required, name="dispatch")
class ReportCheckView(ReportStepView):
    step = "check"
    template_name = "portal/report_check.html"
    form_class = SubmitForm

    def _rows(self, pairs, step: str) -> list[dict]:
        href = reverse(f"portal:report-{step}", args=[self.service.slug]) + "?change=1"
        rows = []
        for key, value in pairs:
            rows.append(
                {
                    "key": {"text": str(key)},
                    "value": {"text": "—" if value in (None, "") else str(value)},
                    "actions": {
                        "items": [
                            {
                                "href": href,
                                "text": _("Change"),
                                "visuallyHiddenText": str(key).lower(),
                            }
                        ]
                    },
                }
            )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.state
        problem, location = state["problem"], state["location"]
        contact, photo = state["contact"], state.get("photo") or {}
        questions = service_questions(service=self.service)
        problem_rows = [
            (q.description, _answer_text(q, problem["answers"].get(q.code))) for q in questions
        ]
        problem_rows.append((_("Description"), problem["description"]))
        if location["method"] == LocationForm.ADDRESS:
            location_rows = [
                (_("Postcode"), location["postcode"]),
                (_("Address"), location["address"]),
            ]
        else:
            location_rows = [
                (_("Latitude"), location["latitude"]),
                (_("Longitude"), location["longitude"]),
            ]
        context["sections"] = [
            (_("The problem"), self._rows(problem_rows, "problem")),
            (_("Where it is"), self._rows(location_rows, "location")),
            (
                _("Photo"),
                self._rows([(_("Photo"), photo.get("filename") or _("No photo"))], "photo"),
            ),
            (
                _("Your details"),
                self._rows(
                    [
                        (_("Name"), f"{contact['first_name']} {contact['last_name']}"),
                        (_("Email address"), contact["email"]),
                        (_("Phone number"), contact["phone"]),
                    ],
                    "contact",
                ),
            ),
        ]
        return context

    def form_valid(self, form):
        state = self.state
        location, contact, photo = state["location"], state["contact"], state.get("photo") or {}
        photo_bytes = photos.photo_read(photo.get("name", "")) if photo else None
        try:
            request = services.report_submit(
                service=self.service,
                answers=state["problem"]["answers"],
                description=state["problem"]["description"],
                address=location["address"],
                postcode=location["postcode"],
                latitude=location["latitude"],
                longitude=location["longitude"],
                first_name=contact["first_name"],
                last_name=contact["last_name"],
                email=contact["email"],
                phone=contact["phone"],
                photo=photo_bytes,
                photo_filename=photo.get("filename", ""),
                track_url=self.request.build_absolute_uri(reverse("portal:track")),
            )
        except ValidationError as error:
            return self.service_error(form, error)
        photos.photo_discard(photo.get("name", ""))
        _forget(self.request.session, self.service.slug)
        self.request.session[DONE_SESSION_KEY] = request.reference
        return redirect("portal:report-done")


@method_decorator(login_not_required, name="dispatch")
class ReportDoneView(PortalPage, TemplateView):
    template_name = "portal/report_done.html"

    def get(self, request, *args, **kwargs):
        reference = request.session.get(DONE_SESSION_KEY)
        self.service_request = (
            case_selectors.request_detail(reference=reference) if reference else None
        )
        if self.service_request is None:
            return redirect("portal:start")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["service_request"] = self.service_request
        context["expected"] = services.long_date(self.service_request.sla_due)
        return context
