"""Accreditation and committee report pages. Views stay thin: services write, selectors read."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from apps.core.formats import long_date
from apps.core.forms import add_errors
from apps.core.govuk import summary_rows
from apps.core.views import Column, StaffListView

from . import selectors, services
from .forms import (
    AccreditationForm,
    ActionFilterForm,
    ActionForm,
    ElementAssessForm,
    EvidenceFilterForm,
    EvidenceForm,
    FrameworkUploadForm,
    GrantForm,
    ReportFilterForm,
    ReportForm,
    VisitForm,
)
from .models import Action, CommitteeReport, Evidence, Framework, IssuedReport, Rating
from .presentation import issued_context

RATING_COLOURS = {
    Rating.COMPLIANCE_PLUS: "govuk-tag--green",
    Rating.COMPLIANT: "govuk-tag--teal",
    Rating.PARTIAL: "govuk-tag--yellow",
    Rating.NOT_COMPLIANT: "govuk-tag--red",
    Rating.NOT_ASSESSED: "govuk-tag--grey",
}


def rating_tag(rating: str) -> str:
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', RATING_COLOURS[rating], Rating(rating).label
    )


class HomeView(PermissionRequiredMixin, View):
    permission_required = "assurance.view_accreditation"

    def get(self, request):
        accreditations = selectors.accreditations_for(request.user)
        return render(
            request,
            "assurance/home.html",
            {
                "accreditations": accreditations,
                "can_manage": request.user.has_perm(selectors.MANAGE),
                "can_report": request.user.has_perm("assurance.view_committeereport"),
                "today": timezone.localdate(),
            },
        )


class AccreditationCreateView(PermissionRequiredMixin, View):
    permission_required = selectors.MANAGE

    def get(self, request):
        return self._render(request, AccreditationForm())

    def _render(self, request, form):
        return render(request, "assurance/accreditation_form.html", {"form": form})

    def post(self, request):
        form = AccreditationForm(request.POST)
        if form.is_valid():
            accreditation = services.accreditation_create(**form.cleaned_data)
            return redirect("assurance:accreditation", accreditation.pk)
        return self._render(request, form)


class AccreditationView(PermissionRequiredMixin, View):
    """The self-assessment at a glance: every criterion and element with its rating."""

    permission_required = "assurance.view_accreditation"

    def get(self, request, pk):
        accreditation = selectors.accreditation_for(request.user, pk)
        tree = selectors.accreditation_tree(accreditation)
        summary = selectors.rating_summary(tree)
        rows = []
        for row in tree:
            requirement = row["requirement"]
            if requirement.is_element:
                link = format_html(
                    '<a class="govuk-link" href="{}">{}</a>',
                    reverse("assurance:element", args=[pk, requirement.code]),
                    f"{requirement.code} {requirement.title}",
                )
                rows.append(
                    [
                        {"html": link},
                        {"html": rating_tag(row["rating"])},
                        {"text": str(row["evidence"]), "format": "numeric"},
                    ]
                )
            else:
                rows.append(
                    [
                        {
                            "html": format_html(
                                "<strong>{}</strong>", f"{requirement.code} {requirement.title}"
                            ),
                            "colspan": 3,
                        }
                    ]
                )
        summary_table = {
            "caption": _("Ratings by criterion"),
            "captionClasses": "govuk-table__caption--m",
            "firstCellIsHeader": True,
            "head": [{"text": _("Criterion")}]
            + [{"text": label, "format": "numeric"} for _value, label in Rating.choices]
            + [{"text": _("With evidence"), "format": "numeric"}],
            "rows": [
                [{"text": f"{s['criterion'].code} {s['criterion'].title}"}]
                + [
                    {"text": str(s["counts"].get(value, 0)), "format": "numeric"}
                    for value, _label in Rating.choices
                ]
                + [{"text": f"{s['evidenced']} of {s['elements']}", "format": "numeric"}]
                for s in summary
            ],
        }
        visits = accreditation.visits.all()[:5]
        return render(
            request,
            "assurance/accreditation.html",
            {
                "accreditation": accreditation,
                "summary_table": summary_table,
                "elements_table": {
                    "caption": _("Elements"),
                    "captionClasses": "govuk-table__caption--m",
                    "head": [
                        {"text": _("Element")},
                        {"text": _("Rating")},
                        {"text": _("Evidence"), "format": "numeric"},
                    ],
                    "rows": rows,
                },
                "detail_rows": summary_rows(
                    [
                        (_("Framework"), accreditation.framework),
                        (_("Status"), accreditation.get_status_display()),
                        (_("Certificate awarded"), long_date(accreditation.certificate_awarded)),
                        (_("Certificate expires"), long_date(accreditation.certificate_expires)),
                        (_("Overdue actions"), selectors.overdue_actions_count(accreditation)),
                    ]
                ),
                "visits": visits,
                "can_manage": request.user.has_perm(selectors.MANAGE),
            },
        )


class ElementView(PermissionRequiredMixin, View):
    permission_required = "assurance.view_accreditation"

    def _context(self, request, pk, code, form=None):
        accreditation = selectors.accreditation_for(request.user, pk)
        detail = selectors.element_detail(accreditation, code)
        if not detail["requirement"].is_element:
            raise Http404
        assessment = detail["assessment"]
        can_manage = request.user.has_perm(selectors.MANAGE)
        if form is None and can_manage:
            form = ElementAssessForm(
                initial={
                    "rating": assessment.rating if assessment else Rating.NOT_ASSESSED,
                    "commentary": assessment.commentary if assessment else "",
                    "gaps": assessment.gaps if assessment else "",
                }
            )
        return accreditation, {
            "accreditation": accreditation,
            "form": form,
            "can_manage": can_manage,
            "rating_html": rating_tag(assessment.rating if assessment else Rating.NOT_ASSESSED),
            **detail,
        }

    def get(self, request, pk, code):
        _accreditation, context = self._context(request, pk, code)
        return render(request, "assurance/element.html", context)

    def post(self, request, pk, code):
        if not request.user.has_perm(selectors.MANAGE):
            raise PermissionDenied
        form = ElementAssessForm(request.POST)
        accreditation, context = self._context(request, pk, code, form=form)
        if form.is_valid():
            services.element_assess(
                accreditation=accreditation,
                requirement=context["requirement"],
                user=request.user,
                **form.cleaned_data,
            )
            messages.success(request, _("Rating saved"))
            return redirect("assurance:element", pk, code)
        return render(request, "assurance/element.html", context)


class EvidenceAddView(PermissionRequiredMixin, View):
    permission_required = selectors.MANAGE

    def _form(self, accreditation, data=None, files=None):
        elements = list(
            accreditation.framework.requirements.filter(is_element=True).order_by("position")
        )
        return EvidenceForm(
            data,
            files,
            requirements=elements,
            initial_codes=[self.request.GET["element"]] if "element" in self.request.GET else (),
        )

    def get(self, request, pk):
        accreditation = selectors.accreditation_for(request.user, pk)
        return render(
            request,
            "assurance/evidence_form.html",
            {"accreditation": accreditation, "form": self._form(accreditation)},
        )

    def post(self, request, pk):
        accreditation = selectors.accreditation_for(request.user, pk)
        form = self._form(accreditation, request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                evidence = services.evidence_add(
                    accreditation=accreditation,
                    requirements=[form.requirement_objects[c] for c in data["requirements"]],
                    kind=data["kind"],
                    title=data["title"],
                    path=data["path"],
                    document=data["document"],
                    description=data["description"],
                    user=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("Evidence added: %(title)s") % {"title": evidence.title}
                )
                return redirect("assurance:evidence", pk)
        return render(
            request,
            "assurance/evidence_form.html",
            {"accreditation": accreditation, "form": form},
        )


def _evidence_link(evidence: Evidence) -> str:
    if evidence.kind == Evidence.Kind.RECORD:
        return format_html('<a class="govuk-link" href="{}">{}</a>', evidence.path, evidence.title)
    if evidence.kind == Evidence.Kind.DOCUMENT:
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            reverse("assurance:evidence-document", args=[evidence.accreditation_id, evidence.pk]),
            evidence.title,
        )
    return format_html("{}", evidence.title)


class EvidenceListView(StaffListView):
    permission_required = "assurance.view_accreditation"
    template_name = "assurance/evidence_list.html"
    filter_form_class = EvidenceFilterForm
    csv_filename = "evidence.csv"
    caption = gettext_lazy("Evidence")
    columns = [
        Column(gettext_lazy("Evidence"), lambda e: e.title, html=_evidence_link),
        Column(gettext_lazy("Kind"), lambda e: e.get_kind_display()),
        Column(gettext_lazy("Elements"), lambda e: ", ".join(r.code for r in e.requirements.all())),
        Column(gettext_lazy("What it shows"), lambda e: e.description),
        Column(gettext_lazy("Address"), lambda e: e.path or e.document_name),
        Column(gettext_lazy("Added"), lambda e: long_date(timezone.localtime(e.added_at))),
    ]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.accreditation = selectors.accreditation_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def select(self, **filters):
        return selectors.evidence_list(self.accreditation, **filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["accreditation"] = self.accreditation
        context["can_manage"] = self.request.user.has_perm(selectors.MANAGE)
        return context


class EvidenceDocumentView(PermissionRequiredMixin, View):
    """An evidence document, only to those who may read the accreditation."""

    permission_required = "assurance.view_accreditation"

    def get(self, request, pk, evidence_pk):
        accreditation = selectors.accreditation_for(request.user, pk)
        evidence = get_object_or_404(
            Evidence, pk=evidence_pk, accreditation=accreditation, kind=Evidence.Kind.DOCUMENT
        )
        try:
            handle = evidence.document.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(
            handle, as_attachment=True, filename=evidence.document_name or "evidence"
        )


class ActionListView(StaffListView):
    permission_required = "assurance.view_accreditation"
    template_name = "assurance/action_list.html"
    filter_form_class = ActionFilterForm
    csv_filename = "action-plan.csv"
    caption = gettext_lazy("Action plan")
    columns = [
        Column(gettext_lazy("Action"), lambda a: a.description),
        Column(gettext_lazy("Element"), lambda a: a.requirement.code if a.requirement else ""),
        Column(gettext_lazy("Owner"), lambda a: a.owner),
        Column(gettext_lazy("Due"), lambda a: long_date(a.due)),
        Column(gettext_lazy("Status"), lambda a: a.get_status_display()),
        Column(gettext_lazy("Completed"), lambda a: long_date(a.completed_on)),
    ]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.accreditation = selectors.accreditation_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def select(self, **filters):
        return selectors.action_list(accreditation=self.accreditation, **filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["accreditation"] = self.accreditation
        context["can_manage"] = self.request.user.has_perm(selectors.MANAGE)
        context["form"] = kwargs.get("form") or ActionForm()
        context["open_actions"] = [
            a for a in context["object_list"] if a.status == Action.Status.OPEN
        ]
        return context

    def post(self, request, pk):
        if not request.user.has_perm(selectors.MANAGE):
            raise PermissionDenied
        if "complete" in request.POST:
            action = get_object_or_404(
                Action, pk=request.POST["complete"], accreditation=self.accreditation
            )
            services.action_complete(action=action)
            messages.success(request, _("Action marked done"))
            return redirect("assurance:actions", pk)
        form = ActionForm(request.POST)
        if form.is_valid():
            services.action_create(accreditation=self.accreditation, **form.cleaned_data)
            messages.success(request, _("Action added"))
            return redirect("assurance:actions", pk)
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form), status=200)


class VisitAddView(PermissionRequiredMixin, View):
    permission_required = selectors.MANAGE

    def get(self, request, pk):
        accreditation = selectors.accreditation_for(request.user, pk)
        return render(
            request,
            "assurance/visit_form.html",
            {"accreditation": accreditation, "form": VisitForm()},
        )

    def post(self, request, pk):
        accreditation = selectors.accreditation_for(request.user, pk)
        form = VisitForm(request.POST)
        if form.is_valid():
            try:
                services.visit_record(
                    accreditation=accreditation, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Visit recorded"))
                return redirect("assurance:accreditation", pk)
        return render(
            request, "assurance/visit_form.html", {"accreditation": accreditation, "form": form}
        )


class GrantView(PermissionRequiredMixin, View):
    permission_required = selectors.MANAGE

    def _render(self, request, accreditation, form):
        grants = accreditation.grants.select_related("assessor", "granted_by")
        today = timezone.localdate()
        return render(
            request,
            "assurance/grants.html",
            {
                "accreditation": accreditation,
                "form": form,
                "grants": [
                    {
                        "grant": g,
                        "in_force": g.revoked_at is None and g.starts <= today <= g.ends,
                        "starts": long_date(g.starts),
                        "ends": long_date(g.ends),
                    }
                    for g in grants
                ],
            },
        )

    def get(self, request, pk):
        accreditation = selectors.accreditation_for(request.user, pk)
        return self._render(request, accreditation, GrantForm())

    def post(self, request, pk):
        accreditation = selectors.accreditation_for(request.user, pk)
        if "revoke" in request.POST:
            grant = get_object_or_404(accreditation.grants, pk=request.POST["revoke"])
            services.grant_revoke(grant=grant)
            messages.success(request, _("Access ended for %(who)s") % {"who": grant.assessor})
            return redirect("assurance:grants", pk)
        form = GrantForm(request.POST)
        if form.is_valid():
            try:
                services.grant_create(
                    accreditation=accreditation, granted_by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Access given"))
                return redirect("assurance:grants", pk)
        return self._render(request, accreditation, form)


class FrameworkView(PermissionRequiredMixin, View):
    """The frameworks loaded, and loading a new one (or a revision) from a file."""

    permission_required = selectors.MANAGE

    def _render(self, request, form, problems=()):
        return render(
            request,
            "assurance/frameworks.html",
            {"form": form, "frameworks": Framework.objects.all(), "problems": problems},
        )

    def get(self, request):
        return self._render(request, FrameworkUploadForm())

    def post(self, request):
        form = FrameworkUploadForm(request.POST, request.FILES)
        problems = []
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = upload.read(2 * 1024 * 1024 + 1).decode("utf-8")
                if len(text) > 2 * 1024 * 1024:
                    raise ValidationError(_("The file must be smaller than 2 MB"))
                framework = services.framework_load(text=text)
            except UnicodeDecodeError:
                form.add_error("file", _("The file must be JSON text in UTF-8"))
            except ValidationError as error:
                problems = error.messages
                form.add_error("file", _("The file could not be loaded: see the problems below"))
            else:
                messages.success(request, _("Loaded %(name)s") % {"name": framework})
                return redirect("assurance:frameworks")
        return self._render(request, form, problems)


# Committee reports -------------------------------------------------------------------------


def _report_link(report: CommitteeReport) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("assurance:report", args=[report.pk]),
        report.title,
    )


class ReportListView(StaffListView):
    permission_required = "assurance.view_committeereport"
    template_name = "assurance/report_list.html"
    filter_form_class = ReportFilterForm
    csv_filename = "committee-reports.csv"
    caption = gettext_lazy("Committee and meeting reports")
    columns = [
        Column(gettext_lazy("Report"), lambda r: r.title, html=_report_link),
        Column(gettext_lazy("Meeting"), lambda r: r.get_meeting_display()),
        Column(
            gettext_lazy("Period"),
            lambda r: f"{long_date(r.period_start)} to {long_date(r.period_end)}",
        ),
        Column(gettext_lazy("Versions issued"), lambda r: r.issued_versions),
    ]

    def select(self, **filters):
        return selectors.report_list(user=self.request.user, **filters)


class ReportCreateView(PermissionRequiredMixin, View):
    permission_required = "assurance.add_committeereport"

    def get(self, request):
        today = timezone.localdate()
        last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
        form = ReportForm(
            initial={"period_start": last_month_end.replace(day=1), "period_end": last_month_end}
        )
        return render(request, "assurance/report_form.html", {"form": form})

    def post(self, request):
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                report = services.report_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                return redirect("assurance:report", report.pk)
        return render(request, "assurance/report_form.html", {"form": form})


class ReportView(PermissionRequiredMixin, View):
    """A draft with today's live figures, and the versions issued to members."""

    permission_required = "assurance.view_committeereport"

    def get(self, request, pk):
        report = get_object_or_404(CommitteeReport, pk=pk)
        versions = list(selectors.issued_versions(report))
        can_draft = request.user.has_perm("assurance.add_committeereport")
        if not versions and not can_draft:
            raise Http404
        context = {
            "report": report,
            "versions": versions,
            "can_issue": request.user.has_perm("assurance.issue_committeereport"),
            "can_draft": can_draft,
        }
        if can_draft:
            content = services.report_build(report)
            context.update(issued_context(content))
        return render(request, "assurance/report.html", context)

    def post(self, request, pk):
        if not request.user.has_perm("assurance.issue_committeereport"):
            raise PermissionDenied
        report = get_object_or_404(CommitteeReport, pk=pk)
        issued = services.report_issue(report=report, user=request.user)
        messages.success(request, _("Version %(version)s issued") % {"version": issued.version})
        return redirect("assurance:issued", pk, issued.version)


class IssuedReportView(PermissionRequiredMixin, View):
    """A report exactly as it was issued, from what was stored at the time."""

    permission_required = "assurance.view_committeereport"

    def get(self, request, pk, version):
        issued = get_object_or_404(
            IssuedReport.objects.defer("pdf").select_related("report"),
            report_id=pk,
            version=version,
        )
        context = issued_context(issued.content)
        context.update({"report": issued.report, "issued": issued})
        return render(request, "assurance/issued.html", context)


class IssuedReportPdfView(PermissionRequiredMixin, View):
    permission_required = "assurance.view_committeereport"

    def get(self, request, pk, version):
        issued = get_object_or_404(IssuedReport, report_id=pk, version=version)
        response = HttpResponse(bytes(issued.pdf), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="report-{pk}-version-{version}.pdf"'
        )
        return response
