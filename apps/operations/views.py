"""Staff pages of operations: downtime and the IT review, publications, security at centres."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.contacts.models import ContactChannel
from apps.core.charts import render as render_chart
from apps.core.formats import when
from apps.core.forms import add_errors
from apps.core.reporting import Chart
from apps.core.views import Column, HistoryView, StaffListView
from apps.customers.models import Customer

from . import forms, selectors, services
from .models import (
    DowntimeIncident,
    Format,
    IncidentAction,
    ITRecommendation,
    ITReview,
    Publication,
    PublicationVersion,
    RemovalTask,
    SafetyWarning,
    SecurityAssessment,
    System,
)


def day(value) -> str:
    return date_format(value, "j F Y") if value else ""


def hours(value) -> str:
    return "—" if value is None else f"{value:.1f}"


def percent(value) -> str:
    return "—" if value is None else f"{value:.2f}%"


def link(url: str, text: str) -> str:
    return format_html('<a class="govuk-link" href="{}">{}</a>', url, text)


def tag(text: str, colour: str) -> str:
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


class FormPage(PermissionRequiredMixin, View):
    """A page with one form: shown, then saved by `save(form)` (a service call) or redrawn
    with the GOV.UK error summary, nothing written."""

    form_class = None
    template_name = "operations/form.html"
    title = ""
    button = gettext_lazy("Save")
    back_text = gettext_lazy("Back")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)

    def get_initial(self) -> dict:
        return {}

    def get_form(self, data=None, files=None):
        return self.form_class(data, files, initial=self.get_initial())

    def get_back_url(self) -> str:
        return reverse("operations:home")

    def get_context(self) -> dict:
        return {}

    def render_form(self, form, status=200):
        context = {
            "form": form,
            "title": self.title,
            "button": self.button,
            "back_url": self.get_back_url(),
            "back_text": self.back_text,
            **self.get_context(),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                target = self.save(form)
            except ValidationError as error:
                add_errors(form, error)
            else:
                return redirect(target)
        return self.render_form(form)

    def save(self, form) -> str:
        raise NotImplementedError


class HomeView(PermissionRequiredMixin, TemplateView):
    permission_required = "operations.view_operations"
    template_name = "operations/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site = services.user_site(self.request.user)
        if site is not None and self.request.user.has_perm("operations.confirm_removal"):
            context["my_removals"] = selectors.removal_tasks(site=site).count()
        return context


# --- System downtime ---------------------------------------------------------------------------


class IncidentListView(StaffListView):
    permission_required = "operations.view_downtimeincident"
    template_name = "operations/incident_list.html"
    filter_form_class = forms.IncidentFilterForm
    csv_filename = "downtime-incidents.csv"
    caption = gettext_lazy("Downtime incidents")
    columns = [
        Column(
            gettext_lazy("Incident"),
            lambda i: i.summary,
            lambda i: link(reverse("operations:incident", args=[i.pk]), i.summary),
        ),
        Column(gettext_lazy("System"), lambda i: i.system.name),
        Column(gettext_lazy("Start"), lambda i: when(i.started_at)),
        Column(gettext_lazy("End"), lambda i: when(i.ended_at) or _("Still down")),
        Column(gettext_lazy("Planned"), lambda i: _("Planned") if i.planned else _("Unplanned")),
        Column(gettext_lazy("Sites affected"), lambda i: ", ".join(s.name for s in i.sites.all())),
        Column(gettext_lazy("Contacts affected"), lambda i: i.contacts_affected),
        Column(gettext_lazy("Root cause"), lambda i: i.get_root_cause_display()),
    ]

    def select(self, **filters):
        return selectors.incident_list(**filters)


class IncidentDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "operations.view_downtimeincident"
    template_name = "operations/incident_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            incident = selectors.incident_detail(pk=self.kwargs["pk"])
        except DowntimeIncident.DoesNotExist:
            raise Http404 from None
        channels = dict(ContactChannel.choices)
        context["incident"] = incident
        context["rows"] = [
            {"key": {"text": k}, "value": {"text": str(v) if v not in (None, "") else "—"}}
            for k, v in [
                (_("System"), incident.system.name),
                (_("Start"), when(incident.started_at)),
                (_("End"), when(incident.ended_at) or _("Still down")),
                (_("Planned"), _("Yes") if incident.planned else _("No")),
                (
                    _("Channels affected"),
                    ", ".join(str(channels.get(c, c)) for c in incident.channels),
                ),
                (_("Sites affected"), ", ".join(s.name for s in incident.sites.all())),
                (_("Contacts affected"), incident.contacts_affected),
                (_("Root cause"), incident.get_root_cause_display()),
                (_("Root cause analysis"), incident.root_cause_analysis),
            ]
        ]
        context["actions"] = {
            "caption": _("Actions"),
            "captionClasses": "govuk-table__caption--m",
            "head": [
                {"text": _("Action")},
                {"text": _("Owner")},
                {"text": _("Due")},
                {"text": _("Completed")},
            ],
            "rows": [
                [
                    {"text": a.description},
                    {"text": a.owner},
                    {"text": day(a.due_on)},
                    {"text": day(a.completed_on) or _("Not yet")},
                ]
                for a in incident.actions.all()
            ],
        }
        context["open_actions"] = [a for a in incident.actions.all() if a.completed_on is None]
        context["action_form"] = kwargs.get("action_form") or forms.ActionForm()
        return context

    def post(self, request, pk):
        """Add an action (the form on this page)."""
        if not request.user.has_perm("operations.add_incidentaction"):
            raise PermissionDenied
        incident = get_object_or_404(DowntimeIncident, pk=pk)
        form = forms.ActionForm(request.POST)
        if form.is_valid():
            try:
                services.incident_action_add(incident=incident, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Action added"))
                return redirect("operations:incident", pk=pk)
        return self.render_to_response(self.get_context_data(action_form=form))


class ActionCompleteView(PermissionRequiredMixin, View):
    permission_required = "operations.change_incidentaction"

    def post(self, request, pk):
        action = get_object_or_404(IncidentAction, pk=pk)
        if action.completed_on is None:
            services.incident_action_complete(action=action, completed_on=timezone.localdate())
            messages.success(request, _("Action marked as done"))
        return redirect("operations:incident", pk=action.incident_id)


class IncidentFormView(FormPage):
    permission_required = "operations.add_downtimeincident"
    form_class = forms.IncidentForm
    title = gettext_lazy("Log a downtime incident")
    button = gettext_lazy("Save incident")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.incident = None
        if "pk" in kwargs:
            self.permission_required = "operations.change_downtimeincident"
            self.title = gettext_lazy("Change a downtime incident")
            self.incident = get_object_or_404(
                DowntimeIncident.objects.prefetch_related("sites"), pk=kwargs["pk"]
            )

    def get_initial(self):
        return forms.IncidentForm.initial_for(self.incident) if self.incident else {}

    def get_back_url(self):
        if self.incident:
            return reverse("operations:incident", args=[self.incident.pk])
        return reverse("operations:incidents")

    def save(self, form):
        incident = services.incident_save(
            incident=self.incident, recorded_by=self.request.user, **form.incident_fields()
        )
        messages.success(self.request, _("Incident saved"))
        return reverse("operations:incident", args=[incident.pk])


class IncidentHistoryView(HistoryView):
    permission_required = "operations.view_downtimeincident"

    def get_object(self):
        return get_object_or_404(DowntimeIncident, pk=self.kwargs["pk"])

    def get_back_url(self, obj):
        return reverse("operations:incident", args=[obj.pk])


class SystemListView(StaffListView):
    permission_required = "operations.view_system"
    template_name = "operations/system_list.html"
    filter_form_class = None
    csv_filename = "systems.csv"
    caption = gettext_lazy("Systems")
    columns = [
        Column(gettext_lazy("System"), lambda s: s.name),
        Column(gettext_lazy("Kind"), lambda s: s.get_category_display()),
        Column(gettext_lazy("Owner"), lambda s: s.owner),
        Column(gettext_lazy("Other names"), lambda s: ", ".join(a.alias for a in s.aliases.all())),
        Column(gettext_lazy("In use"), lambda s: _("Yes") if s.is_active else _("No")),
        Column(
            gettext_lazy("Change"),
            lambda s: "",
            lambda s: (
                link(reverse("operations:system-edit", args=[s.pk]), _("Change"))
                + format_html('<span class="govuk-visually-hidden"> {}</span>', s.name)
            ),
        ),
    ]

    def get_filter_form(self):
        return None

    def get_filters(self):
        return {}

    def select(self):
        return System.objects.prefetch_related("aliases").order_by("name")


class SystemFormView(FormPage):
    permission_required = "operations.add_system"
    form_class = forms.SystemForm
    title = gettext_lazy("Add a system")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.system = None
        if "pk" in kwargs:
            self.permission_required = "operations.change_system"
            self.title = gettext_lazy("Change a system")
            self.system = get_object_or_404(System, pk=kwargs["pk"])

    def get_initial(self):
        if self.system is None:
            return {"is_active": True}
        s = self.system
        names = [a.alias for a in s.aliases.all() if a.alias != s.name.lower()]
        return {
            "name": s.name,
            "category": s.category,
            "owner": s.owner,
            "aliases": "\n".join(names),
            "is_active": s.is_active,
        }

    def get_back_url(self):
        return reverse("operations:systems")

    def save(self, form):
        services.system_save(system=self.system, **form.system_fields())
        messages.success(self.request, _("System saved"))
        return reverse("operations:systems")


class DowntimeFiguresView(PermissionRequiredMixin, TemplateView):
    """Availability, MTTR and MTBF per system, and root causes ranked, for a period."""

    permission_required = "operations.view_downtimeincident"
    template_name = "operations/figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        default = {"date_from": today - timedelta(days=90), "date_to": today}
        form = forms.PeriodForm(self.request.GET or None, initial=default)
        period = form.cleaned_data if form.is_bound and form.is_valid() else default
        start, end = period["date_from"], period["date_to"]
        figures = selectors.downtime_figures(start=start, end=end)
        causes = selectors.root_causes_ranked(start=start, end=end)
        context.update(
            form=form,
            start=start,
            end=end,
            figures=figures_table(figures),
            causes=causes_table(causes),
            chart=render_chart(
                Chart(
                    title=_("Availability by system"),
                    labels=[r["system"].name for r in figures],
                    series=[
                        {
                            "name": _("Availability (%)"),
                            "values": [round(r["availability"] or 0, 2) for r in figures],
                        }
                    ],
                    unit="%",
                )
            )
            if figures
            else "",
        )
        return context


def figures_table(rows) -> dict:
    return {
        "caption": _("Availability by system"),
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": t}
            for t in (
                _("System"),
                _("Availability"),
                _("Incidents"),
                _("Unplanned incidents"),
                _("Unplanned hours down"),
                _("Planned hours down"),
                _("Mean time to restore (hours)"),
                _("Mean time between failures (hours)"),
            )
        ],
        "rows": [
            [
                {"text": r["system"].name},
                {"text": percent(r["availability"])},
                {"text": str(r["incidents"])},
                {"text": str(r["unplanned_incidents"])},
                {"text": hours(r["unplanned_hours"])},
                {"text": hours(r["planned_hours"])},
                {"text": hours(r["mttr_hours"])},
                {"text": hours(r["mtbf_hours"])},
            ]
            for r in rows
        ],
    }


def causes_table(rows) -> dict:
    return {
        "caption": _("Root causes, most frequent first"),
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": _("Root cause")}, {"text": _("Incidents")}, {"text": _("Hours")}],
        "rows": [
            [{"text": r["root_cause"]}, {"text": str(r["incidents"])}, {"text": hours(r["hours"])}]
            for r in rows
        ],
    }


# --- The independent IT review -----------------------------------------------------------------


class ReviewListView(PermissionRequiredMixin, TemplateView):
    permission_required = "operations.view_itrecommendation"
    template_name = "operations/review_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        colours = {"open": "grey", "in_progress": "blue", "done": "green", "not_accepted": "red"}
        can_change = self.request.user.has_perm("operations.change_itrecommendation")
        reviews = []
        for review in ITReview.objects.prefetch_related("recommendations"):
            rows = []
            for r in review.recommendations.all():
                number = str(r.number)
                rows.append(
                    [
                        {
                            "html": link(reverse("operations:recommendation", args=[r.pk]), number)
                            if can_change
                            else number
                        },
                        {"text": r.text},
                        {"text": r.owner},
                        {"text": day(r.due_on)},
                        {"html": tag(r.get_status_display(), colours[r.status])},
                        {"text": r.update_notes.splitlines()[-1] if r.update_notes else "—"},
                    ]
                )
            reviews.append({"review": review, "rows": rows})
        context["reviews"] = reviews
        context["head"] = [
            {"text": t}
            for t in (
                _("No."),
                _("Recommendation"),
                _("Owner"),
                _("Due"),
                _("Status"),
                _("Latest update"),
            )
        ]
        return context


class ReviewAddView(FormPage):
    permission_required = "operations.add_itreview"
    form_class = forms.ReviewForm
    title = gettext_lazy("Add an IT review")

    def get_back_url(self):
        return reverse("operations:reviews")

    def save(self, form):
        services.it_review_create(**form.cleaned_data)
        return reverse("operations:reviews")


class RecommendationAddView(FormPage):
    permission_required = "operations.add_itrecommendation"
    form_class = forms.RecommendationForm
    title = gettext_lazy("Add a recommendation")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.review = get_object_or_404(ITReview, pk=kwargs["pk"])

    def get_back_url(self):
        return reverse("operations:reviews")

    def get_context(self):
        return {"caption": self.review.title}

    def save(self, form):
        services.it_recommendation_add(review=self.review, **form.cleaned_data)
        return reverse("operations:reviews")


class RecommendationUpdateView(FormPage):
    permission_required = "operations.change_itrecommendation"
    form_class = forms.RecommendationUpdateForm
    title = gettext_lazy("Update a recommendation")
    template_name = "operations/recommendation.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.recommendation = get_object_or_404(
            ITRecommendation.objects.select_related("review"), pk=kwargs["pk"]
        )

    def get_initial(self):
        return {"status": self.recommendation.status}

    def get_back_url(self):
        return reverse("operations:reviews")

    def get_context(self):
        return {"recommendation": self.recommendation}

    def save(self, form):
        services.it_recommendation_update(
            recommendation=self.recommendation, by=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("Recommendation updated"))
        return reverse("operations:reviews")


# --- Publications register ---------------------------------------------------------------------


class RegisterView(StaffListView):
    permission_required = "operations.view_publication"
    template_name = "operations/register.html"
    filter_form_class = forms.RegisterFilterForm
    csv_filename = "publications-register.csv"
    caption = gettext_lazy("Publications register")

    @staticmethod
    def _current(p):
        return p.current_versions[0] if p.current_versions else None

    @classmethod
    def _review(cls, p):
        current = cls._current(p)
        if current is None:
            return ""
        return day(current.review_on)

    @classmethod
    def _review_html(cls, p):
        current = cls._current(p)
        if current is None:
            return "—"
        if current.review_on < timezone.localdate():
            return format_html("{} {}", day(current.review_on), tag(_("Review overdue"), "red"))
        return day(current.review_on)

    columns = [
        Column(
            gettext_lazy("Title"),
            lambda p: p.title,
            lambda p: link(reverse("operations:publication", args=[p.pk]), p.title),
        ),
        Column(gettext_lazy("Kind"), lambda p: p.get_kind_display()),
        Column(gettext_lazy("Owning service"), lambda p: p.service.name),
        Column(
            gettext_lazy("Current version"),
            lambda p: (
                RegisterView._current(p).number if RegisterView._current(p) else _("Withdrawn")
            ),
        ),
        Column(
            gettext_lazy("Date of issue"),
            lambda p: day(RegisterView._current(p).issued_on) if RegisterView._current(p) else "",
        ),
        Column(
            gettext_lazy("Review date"),
            lambda p: RegisterView._review(p),
            lambda p: RegisterView._review_html(p),
        ),
        Column(gettext_lazy("Sites holding obsolete stock"), lambda p: p.obsolete_sites),
    ]

    def select(self, **filters):
        return selectors.register(**filters)


class PublicationAddView(FormPage):
    permission_required = "operations.issue_publication"
    form_class = forms.PublicationForm
    title = gettext_lazy("Add a publication")

    def get_back_url(self):
        return reverse("operations:register")

    def save(self, form):
        publication = services.publication_create(by=self.request.user, **form.cleaned_data)
        return reverse("operations:publication-issue", args=[publication.pk])


class PublicationDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "operations.view_publication"
    template_name = "operations/publication_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            publication = selectors.publication_detail(pk=self.kwargs["pk"])
        except Publication.DoesNotExist:
            raise Http404 from None
        formats = dict(Format.choices)
        versions = []
        for v in publication.versions.all():
            rows = [
                (_("Date of issue"), day(v.issued_on)),
                (_("Review date"), day(v.review_on)),
                (_("Formats"), ", ".join(str(formats.get(f, f)) for f in v.formats)),
                (_("Languages"), v.languages),
                (_("Distribution points"), ", ".join(s.name for s in v.distribution_points.all())),
                (_("Issued by"), str(v.issued_by)),
                (_("Withdrawn"), when(v.withdrawn_at)),
            ]
            versions.append(
                {
                    "version": v,
                    "rows": [
                        {"key": {"text": k}, "value": {"text": val or "—"}} for k, val in rows
                    ],
                    "removals": [
                        [
                            {"text": t.site.name},
                            {
                                "html": tag(_("Removed"), "green")
                                if t.confirmed_at
                                else tag(_("Still held"), "red")
                            },
                            {
                                "text": f"{when(t.confirmed_at)} ({t.confirmed_by})"
                                if t.confirmed_at
                                else "—"
                            },
                        ]
                        for t in v.removal_tasks.all()
                    ],
                }
            )
        context["publication"] = publication
        context["versions"] = versions
        context["removal_head"] = [
            {"text": _("Distribution point")},
            {"text": _("Stock")},
            {"text": _("Confirmed")},
        ]
        context["current"] = next((v for v in publication.versions.all() if v.is_current), None)
        context["overdue"] = bool(
            context["current"] and context["current"].review_on < timezone.localdate()
        )
        return context


class IssueView(FormPage):
    permission_required = "operations.issue_publication"
    form_class = forms.IssueForm
    button = gettext_lazy("Issue this version")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.publication = get_object_or_404(Publication, pk=kwargs["pk"])
        self.current = self.publication.versions.filter(withdrawn_at__isnull=True).first()
        self.title = _("Issue a new version")

    def get_initial(self):
        if self.current is None:
            return {"issued_on": timezone.localdate(), "formats": ["standard"]}
        return {
            "issued_on": timezone.localdate(),
            "formats": self.current.formats,
            "languages": self.current.languages,
            "distribution_points": [s.pk for s in self.current.distribution_points.all()],
        }

    def get_context(self):
        context = {"caption": self.publication.title}
        if self.current is not None:
            context["warning"] = _(
                "Issuing withdraws version %(number)s: each site holding it gets a task to "
                "remove the printed stock."
            ) % {"number": self.current.number}
        return context

    def get_back_url(self):
        return reverse("operations:publication", args=[self.publication.pk])

    def save(self, form):
        version = services.publication_issue(
            by=self.request.user, publication=self.publication, **form.cleaned_data
        )
        messages.success(self.request, _("Version %(number)s issued") % {"number": version.number})
        return reverse("operations:publication", args=[self.publication.pk])


class WithdrawView(PermissionRequiredMixin, View):
    permission_required = "operations.issue_publication"

    def post(self, request, pk):
        publication = get_object_or_404(Publication, pk=pk)
        try:
            services.publication_withdraw(by=request.user, publication=publication)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Publication withdrawn"))
        return redirect("operations:publication", pk=pk)


class VersionDownloadView(PermissionRequiredMixin, View):
    permission_required = "operations.view_publicationversion"

    def get(self, request, pk):
        return pdf_download(get_object_or_404(PublicationVersion, pk=pk))


def pdf_download(version) -> FileResponse:
    try:
        handle = version.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = f"{version.publication.title} version {version.number}.pdf"
    return FileResponse(handle, filename=name, content_type="application/pdf")


class RemovalsView(PermissionRequiredMixin, TemplateView):
    """Removals for the signed-in person's own site, and every site still holding old stock."""

    permission_required = "operations.view_removaltask"
    template_name = "operations/removals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site = services.user_site(self.request.user)
        can_confirm = self.request.user.has_perm("operations.confirm_removal")
        context["site"] = site
        context["my_tasks"] = (
            list(selectors.removal_tasks(site=site)) if site and can_confirm else []
        )
        context["holding"] = {
            "caption": _("Sites still holding obsolete stock"),
            "captionClasses": "govuk-table__caption--m",
            "head": [{"text": _("Site")}, {"text": _("Withdrawn versions held")}],
            "rows": [
                [
                    {"text": row["site"].name},
                    {"text": "; ".join(str(v) for v in row["versions"])},
                ]
                for row in selectors.sites_holding_obsolete_stock()
            ],
        }
        return context


class RemovalConfirmView(PermissionRequiredMixin, View):
    permission_required = "operations.confirm_removal"

    def post(self, request, pk):
        task = get_object_or_404(RemovalTask.objects.select_related("site", "version"), pk=pk)
        try:
            services.removal_confirm(task=task, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Removal of %(version)s confirmed") % {"version": task.version}
            )
        return redirect("operations:removals")


# --- Security ----------------------------------------------------------------------------------


class SecurityView(PermissionRequiredMixin, TemplateView):
    """Incidents per thousand visitors at each centre, and the security need assessments."""

    permission_required = "operations.view_securityassessment"
    template_name = "operations/security.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        default = {"date_from": (today - timedelta(days=365)).replace(day=1), "date_to": today}
        form = forms.PeriodForm(self.request.GET or None, initial=default)
        period = form.cleaned_data if form.is_bound and form.is_valid() else default
        rates = selectors.incident_rates(start=period["date_from"], end=period["date_to"])
        context["form"] = form
        context["rates"] = rates_table(rates)
        context["assessments"] = assessments_table(
            selectors.assessments(start=period["date_from"], end=period["date_to"]),
            can_decide=self.request.user.has_perm("operations.change_securityassessment"),
        )
        return context


def rates_table(rates) -> dict:
    return {
        "caption": _("Incidents per thousand visitors"),
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": _("Centre")},
            {"text": _("Incidents"), "format": "numeric"},
            {"text": _("Visitors"), "format": "numeric"},
            {"text": _("Per thousand visitors"), "format": "numeric"},
        ],
        "rows": [
            [
                {"text": r["site"].name},
                {"text": str(r["incidents"]), "format": "numeric"},
                {"text": f"{r['visitors']:,}", "format": "numeric"},
                {
                    "text": "—" if r["per_thousand"] is None else str(r["per_thousand"]),
                    "format": "numeric",
                },
            ]
            for r in rates
        ],
    }


def assessments_table(assessments, *, can_decide=False) -> dict:
    rows = []
    for a in assessments:
        decision = a.decision and f"{a.decision} ({day(a.decided_on)})"
        decision_cell = {"text": decision or _("Not decided")}
        if not decision and can_decide:
            decision_cell = {
                "html": link(
                    reverse("operations:assessment-decide", args=[a.pk]), _("Record decision")
                )
                + format_html('<span class="govuk-visually-hidden"> {}</span>', a.site.name)
            }
        rows.append(
            [
                {"text": a.site.name},
                {"text": f"{day(a.period_start)} to {day(a.period_end)}"},
                {
                    "text": "—"
                    if a.incidents_per_thousand is None
                    else str(a.incidents_per_thousand)
                },
                {"text": a.get_risk_display()},
                {
                    "text": _("Security staff needed")
                    if a.security_staff_needed
                    else _("Not needed")
                },
                {"text": a.recommendation},
                decision_cell,
            ]
        )
    return {
        "caption": _("Security need assessments"),
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": t}
            for t in (
                _("Centre"),
                _("Period"),
                _("Incidents per thousand visitors"),
                _("Risk"),
                _("Recommendation"),
                _("Details"),
                _("Decision"),
            )
        ],
        "rows": rows,
    }


class SecurityIncidentListView(StaffListView):
    permission_required = "operations.view_securityincident"
    template_name = "operations/security_incident_list.html"
    filter_form_class = forms.SecurityFilterForm
    csv_filename = "security-incidents.csv"
    caption = gettext_lazy("Security incidents")
    columns = [
        Column(gettext_lazy("Date and time"), lambda i: when(i.occurred_at)),
        Column(gettext_lazy("Centre"), lambda i: i.site.name),
        Column(gettext_lazy("Type"), lambda i: i.get_kind_display()),
        Column(gettext_lazy("Severity"), lambda i: i.get_severity_display()),
        Column(gettext_lazy("Staff affected"), lambda i: i.staff_affected),
        Column(
            gettext_lazy("Police involved"), lambda i: _("Yes") if i.police_involved else _("No")
        ),
        Column(gettext_lazy("What happened"), lambda i: i.description),
    ]

    def select(self, **filters):
        return selectors.security_incident_list(**filters)


class SecurityIncidentAddView(FormPage):
    permission_required = "operations.add_securityincident"
    form_class = forms.SecurityIncidentForm
    title = gettext_lazy("Record a security incident")

    def get_initial(self):
        site = services.user_site(self.request.user)
        return {"site": site.pk} if site and site.is_public else {}

    def get_back_url(self):
        return reverse("operations:home")

    def save(self, form):
        services.security_incident_record(recorded_by=self.request.user, **form.incident_fields())
        messages.success(self.request, _("Security incident recorded"))
        if self.request.user.has_perm("operations.view_securityincident"):
            return reverse("operations:security-incidents")
        return reverse("operations:home")


class VisitorCountView(FormPage):
    permission_required = "operations.add_visitorcount"
    form_class = forms.VisitorCountForm
    title = gettext_lazy("Record visitor numbers")
    template_name = "operations/visitors.html"

    def get_back_url(self):
        return reverse("operations:security")

    def get_context(self):
        from .models import VisitorCount

        counts = VisitorCount.objects.select_related("site")[:24]
        return {
            "counts": {
                "caption": _("Latest counts"),
                "captionClasses": "govuk-table__caption--m",
                "head": [
                    {"text": _("Month")},
                    {"text": _("Centre")},
                    {"text": _("Visitors"), "format": "numeric"},
                ],
                "rows": [
                    [
                        {"text": date_format(c.month, "F Y")},
                        {"text": c.site.name},
                        {"text": f"{c.visitors:,}", "format": "numeric"},
                    ]
                    for c in counts
                ],
            }
        }

    def save(self, form):
        services.visitor_count_record(**form.cleaned_data)
        messages.success(self.request, _("Visitor numbers saved"))
        return reverse("operations:visitors")


class AssessmentAddView(FormPage):
    permission_required = "operations.add_securityassessment"
    form_class = forms.AssessmentForm
    title = gettext_lazy("Assess the need for security staff")

    def get_back_url(self):
        return reverse("operations:security")

    def get_context(self):
        return {
            "hint": _(
                "The number of incidents per thousand visitors is worked out from the incidents "
                "and visitor numbers recorded for the centre over the period."
            )
        }

    def save(self, form):
        services.security_assessment_record(assessed_by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Assessment saved"))
        return reverse("operations:security")


class AssessmentDecideView(FormPage):
    permission_required = "operations.change_securityassessment"
    form_class = forms.DecisionForm
    title = gettext_lazy("Record the decision")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.assessment = get_object_or_404(
            SecurityAssessment.objects.select_related("site"), pk=kwargs["pk"]
        )

    def get_initial(self):
        return {"decided_on": timezone.localdate()}

    def get_context(self):
        return {"caption": self.assessment.site.name}

    def get_back_url(self):
        return reverse("operations:security")

    def save(self, form):
        services.security_assessment_decide(assessment=self.assessment, **form.cleaned_data)
        return reverse("operations:security")


# --- Safety warnings ---------------------------------------------------------------------------


class SafetyWarningListView(StaffListView):
    """Warnings by review date. The reasons are not listed: they are read (and logged) on the
    customer's page or the review page."""

    permission_required = "operations.view_safetywarning"
    template_name = "operations/safety_warning_list.html"
    filter_form_class = forms.SafetyWarningFilterForm
    csv_filename = "safety-warnings.csv"
    caption = gettext_lazy("Staff safety warnings")
    columns = [
        Column(
            gettext_lazy("Customer"),
            lambda w: w.customer.reference,
            lambda w: link(reverse("customers:detail", args=[w.customer_id]), w.customer.reference),
        ),
        Column(gettext_lazy("Review date"), lambda w: day(w.review_on)),
        Column(
            gettext_lazy("State"),
            lambda w: (
                _("Expired") if w.expired_at or w.review_on < timezone.localdate() else _("Active")
            ),
        ),
        Column(gettext_lazy("Times viewed"), lambda w: w.views),
        Column(
            gettext_lazy("Review"),
            lambda w: "",
            lambda w: (
                link(reverse("operations:safety-warning-review", args=[w.pk]), _("Review"))
                + format_html(
                    '<span class="govuk-visually-hidden"> {}</span>', w.customer.reference
                )
            ),
        ),
    ]

    def select(self, **filters):
        warnings = selectors.safety_warning_list(**filters)
        customer = self.request.GET.get("customer", "")
        if customer.isdigit():
            warnings = warnings.filter(customer_id=int(customer))
        return warnings


class SafetyWarningAddView(FormPage):
    permission_required = "operations.add_safetywarning"
    form_class = forms.SafetyWarningForm
    title = gettext_lazy("Add a staff safety warning")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.customer = get_object_or_404(Customer, pk=kwargs["customer_pk"])

    def get_context(self):
        return {"caption": self.customer.display_name}

    def get_back_url(self):
        return reverse("customers:detail", args=[self.customer.pk])

    def save(self, form):
        services.safety_warning_add(
            customer=self.customer, recorded_by=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("Safety warning added"))
        return reverse("customers:detail", args=[self.customer.pk])


class SafetyWarningReviewView(FormPage):
    permission_required = "operations.change_safetywarning"
    form_class = forms.SafetyWarningForm
    title = gettext_lazy("Review a staff safety warning")
    button = gettext_lazy("Keep the warning")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.warning = get_object_or_404(
            SafetyWarning.objects.select_related("customer"), pk=kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        services.safety_warning_access_log(warnings=[self.warning], user=request.user)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"reason": self.warning.reason}

    def get_context(self):
        return {
            "caption": self.warning.customer.display_name,
            "history_url": reverse("operations:safety-warning-history", args=[self.warning.pk]),
        }

    def get_back_url(self):
        return reverse("operations:safety-warnings")

    def save(self, form):
        services.safety_warning_review(warning=self.warning, **form.cleaned_data)
        messages.success(self.request, _("Safety warning kept until the new review date"))
        return reverse("customers:detail", args=[self.warning.customer_id])


class SafetyWarningHistoryView(HistoryView):
    permission_required = "operations.view_safetywarning"

    def get_object(self):
        warning = get_object_or_404(SafetyWarning, pk=self.kwargs["pk"])
        services.safety_warning_access_log(warnings=[warning], user=self.request.user)
        return warning

    def get_back_url(self, obj):
        return reverse("operations:safety-warning-review", args=[obj.pk])
