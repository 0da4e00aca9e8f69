"""The portal's pages: start, find a service, track a request, feedback, and the fixed pages.

Every view is public (login_not_required); every POST is rate limited per client address
and carries a honeypot. The report-a-problem journey lives in report_views.py.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from apps.cases import selectors as case_selectors
from apps.cases.models import Status
from apps.catalogue.selectors import public_service_list
from apps.core import ratelimit
from apps.core.govuk import summary_rows

from . import selectors, services
from .forms import FeedbackForm, ServiceSearchForm, TrackForm

TRACK_SESSION_KEY = "portal_track"
FEEDBACK_SESSION_KEY = "portal_feedback"


def client_address(request) -> str:
    # REMOTE_ADDR only: a forwarded-for header is whatever the client says it is.
    return request.META.get("REMOTE_ADDR") or "unknown"


def rate_limited(request, area: str) -> bool:
    """Count this POST against the client's hourly allowance; True once it is spent."""
    return not ratelimit.hit(
        key=f"portal:{area}:{client_address(request)}",
        limit=settings.PORTAL_RATE_LIMIT_PER_HOUR,
        period_seconds=3600,
    )


NAVIGATION = (
    ("portal:find-a-service", gettext_lazy("Find a service")),
    ("portal:track", gettext_lazy("Track a request")),
    ("portal:feedback", gettext_lazy("Give feedback")),
)
FOOTER_LINKS = (
    ("portal:accessibility", gettext_lazy("Accessibility statement")),
    ("portal:cookies", gettext_lazy("Cookies")),
    ("portal:privacy", gettext_lazy("Privacy")),
    ("portal:sitemap", gettext_lazy("Sitemap")),
)


def shell(request) -> dict:
    """The portal's header, phase banner and footer: residents never see staff navigation."""
    navigation = []
    for name, text in NAVIGATION:
        href = reverse(name)
        navigation.append(
            {"href": href, "text": str(text), "active": request.path.startswith(href)}
        )
    return {
        "portal_navigation": navigation,
        "portal_footer": {
            "meta": {
                "visuallyHiddenTitle": _("Support links"),
                "items": [
                    {"href": reverse(name), "text": str(text)} for name, text in FOOTER_LINKS
                ],
            },
            "copyright": {"text": f"© {settings.COUNCIL_NAME}"},
        },
        "phase_html": format_html(
            _(
                'This is a new service. Your <a class="govuk-link" href="{}">feedback</a> '
                "will help us improve it."
            ),
            reverse("portal:feedback"),
        ),
    }


def too_many_requests(request):
    return render(request, "portal/too_many_requests.html", shell(request), status=429)


class PortalPage:
    """What every portal page shares: its header, phase banner and footer."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **shell(self.request)}


class PortalFormView(PortalPage, FormView):
    """A public form: rate limited on POST, and a filled honeypot pretends to succeed."""

    rate_limit_area = "forms"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and rate_limited(request, self.rate_limit_area):
            return too_many_requests(request)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_spam():
            return render(request, "portal/received.html", self.get_context_data())
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def service_error(self, form, error: ValidationError):
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, error)
        return self.form_invalid(form)


@method_decorator(login_not_required, name="dispatch")
class StartView(PortalPage, TemplateView):
    template_name = "portal/start.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["search_form"] = ServiceSearchForm()
        context["reportable_services"] = list(
            public_service_list(reportable_only=True).values("name", "slug")
        )
        return context


@method_decorator(login_not_required, name="dispatch")
class FindServiceView(PortalPage, TemplateView):
    template_name = "portal/find_a_service.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ServiceSearchForm(self.request.GET or None)
        search, reportable = "", False
        if form.is_bound and form.is_valid():
            search = form.cleaned_data["q"]
            reportable = form.cleaned_data["reportable"]
        context.update(
            form=form,
            search=search,
            services=list(public_service_list(search=search, reportable_only=reportable)),
        )
        return context


@method_decorator(login_not_required, name="dispatch")
class ServicePageView(PortalPage, TemplateView):
    template_name = "portal/service.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = selectors.public_service(slug=kwargs["slug"])
        if service is None:
            raise Http404
        context.update(
            service=service,
            phone=service.department.phone or getattr(settings, "COUNCIL_PHONE", ""),
            phone_hours=selectors.phone_lines_opening_hours(),
            centres=selectors.face_to_face_centres() if service.channel_face_to_face else [],
        )
        return context


@method_decorator(login_not_required, name="dispatch")
class TrackView(PortalFormView):
    template_name = "portal/track.html"
    form_class = TrackForm
    rate_limit_area = "track"

    def form_valid(self, form):
        found = case_selectors.request_for_resident(
            reference=form.cleaned_data["reference"],
            email_or_postcode=form.cleaned_data["proof"],
        )
        if found is None:
            # The same words for an unknown reference and a wrong proof: reveal nothing.
            form.add_error(
                "reference",
                _(
                    "We could not find a request with those details. Check the reference "
                    "number and the email address or postcode"
                ),
            )
            return self.form_invalid(form)
        self.request.session[TRACK_SESSION_KEY] = found.reference
        return redirect("portal:track-result")


@method_decorator(login_not_required, name="dispatch")
class TrackResultView(PortalPage, TemplateView):
    template_name = "portal/track_result.html"

    def get(self, request, *args, **kwargs):
        reference = request.session.get(TRACK_SESSION_KEY)
        self.service_request = (
            case_selectors.request_detail(reference=reference) if reference else None
        )
        if self.service_request is None:
            return redirect("portal:track")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.service_request
        status = Status(item.status).label
        context["service_request"] = item
        context["summary_rows"] = summary_rows(
            [
                (_("Reference number"), item.reference),
                (_("What you reported"), item.service.name),
                (_("Reported on"), services.long_date(localtime(item.created_at).date())),
                (_("Status"), status),
                (_("What is happening"), item.public_status_text),
                (
                    _("We expect to deal with it by")
                    if item.is_open
                    else _("We aimed to deal with it by"),
                    services.long_date(item.sla_due),
                ),
            ]
        )
        context["updates_table"] = {
            "caption": _("Updates"),
            "captionClasses": "govuk-table__caption--m",
            "head": [{"text": _("Date")}, {"text": _("Update")}],
            "rows": [
                [
                    {"text": services.long_date(localtime(update.created_at).date())},
                    {"text": update.text},
                ]
                for update in case_selectors.public_updates(request=item)
            ],
        }
        return context


@method_decorator(login_not_required, name="dispatch")
class FeedbackView(PortalFormView):
    template_name = "portal/feedback.html"
    form_class = FeedbackForm
    rate_limit_area = "feedback"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "services": public_service_list(),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            feedback = services.feedback_submit(
                kind=data["kind"],
                message=data["message"],
                service=data["service"],
                about_reference=data["about_reference"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                wants_reply=data["wants_reply"] == FeedbackForm.YES,
            )
        except ValidationError as error:
            return self.service_error(form, error)
        self.request.session[FEEDBACK_SESSION_KEY] = feedback.reference
        return redirect("portal:feedback-sent")


@method_decorator(login_not_required, name="dispatch")
class FeedbackSentView(PortalPage, TemplateView):
    template_name = "portal/feedback_sent.html"

    def get(self, request, *args, **kwargs):
        reference = request.session.get(FEEDBACK_SESSION_KEY)
        self.feedback = selectors.feedback_by_reference(reference=reference) if reference else None
        if self.feedback is None:
            return redirect("portal:feedback")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "feedback": self.feedback}


@method_decorator(login_not_required, name="dispatch")
class InformationPageView(PortalPage, TemplateView):
    """The accessibility statement, cookies and privacy pages."""


@method_decorator(login_not_required, name="dispatch")
class CookiesView(InformationPageView):
    template_name = "portal/cookies.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hours = settings.SESSION_COOKIE_AGE // 3600
        context["essential_cookies"] = {
            "caption": _("Essential cookies we use"),
            "captionClasses": "govuk-visually-hidden",
            "head": [{"text": _("Name")}, {"text": _("Purpose")}, {"text": _("Expires")}],
            "rows": [
                [
                    {"text": settings.SESSION_COOKIE_NAME},
                    {"text": _("Remembers your answers as you go through a form")},
                    {
                        "text": _("When you close your browser, or after %(hours)s hours")
                        % {"hours": hours}
                    },
                ],
                [
                    {"text": settings.CSRF_COOKIE_NAME},
                    {"text": _("Stops other websites sending forms in your name")},
                    {"text": _("1 year")},
                ],
            ],
        }
        return context


@method_decorator(login_not_required, name="dispatch")
class SitemapView(TemplateView):
    template_name = "portal/sitemap.xml"
    content_type = "application/xml"

    PAGES = (
        "portal:start",
        "portal:find-a-service",
        "portal:track",
        "portal:feedback",
        "portal:accessibility",
        "portal:cookies",
        "portal:privacy",
    )

    def get_context_data(self, **kwargs):
        build = self.request.build_absolute_uri
        urls = [{"loc": build(reverse(name))} for name in self.PAGES]
        for service in selectors.sitemap_services():
            urls.append(
                {
                    "loc": build(reverse("portal:service", args=[service["slug"]])),
                    "lastmod": service["updated_at"].date().isoformat(),
                }
            )
        return {"urls": urls}
