from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.core import charts
from apps.core.formats import long_date as _date
from apps.core.govuk import summary_rows
from apps.core.reporting import Chart
from apps.core.views import Column, StaffListView

from . import selectors, services
from .forms import (
    AccessCheckForm,
    ActionForm,
    AllocateForm,
    ChecklistForm,
    DetailsForm,
    FindingForm,
    ProgrammeFilterForm,
    ResultsFilterForm,
    ShopperFilterForm,
    ShopperForm,
    VisitFilterForm,
)
from .models import AccessCheck, Finding, FollowUpAction, Programme, Visit

VIEW = "mystery.view_visit"
MANAGE = "mystery.manage_mystery"


def _score(value) -> str:
    return "" if value is None else f"{value}%"


class ProgrammeListView(StaffListView):
    permission_required = VIEW
    template_name = "mystery/home.html"
    filter_form_class = ProgrammeFilterForm
    csv_filename = "mystery-shopping-programmes.csv"
    caption = gettext_lazy("Mystery shopping programmes")
    columns = [
        Column(
            gettext_lazy("Programme"),
            lambda p: p.name,
            lambda p: format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("mystery:programme", args=[p.pk]),
                p.name,
            ),
        ),
        Column(gettext_lazy("From"), lambda p: _date(p.start)),
        Column(gettext_lazy("To"), lambda p: _date(p.end)),
        Column(gettext_lazy("Visits allocated"), lambda p: p.visit_count),
        Column(gettext_lazy("Visits submitted"), lambda p: p.submitted),
    ]

    def select(self, **filters):
        return selectors.programme_list(**filters)


class ProgrammeView(PermissionRequiredMixin, TemplateView):
    permission_required = VIEW
    template_name = "mystery/programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = get_object_or_404(Programme, pk=self.kwargs["pk"])
        context.update(
            programme=programme,
            targets=programme.targets.select_related("site"),
            scenarios=selectors.programme_scenarios(programme),
            runs=programme.allocation_runs.select_related("created_by")[:10],
            form=kwargs.get("form") or AllocateForm(),
            can_manage=self.request.user.has_perm(MANAGE),
        )
        return context

    def post(self, request, pk):
        if not request.user.has_perm(MANAGE):
            return self.handle_no_permission()
        programme = get_object_or_404(Programme, pk=pk)
        form = AllocateForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        run, links = services.allocation_run(
            programme=programme, by=request.user, seed=form.cleaned_data["seed"]
        )
        messages.success(
            request,
            _("%(count)s visits allocated with seed %(seed)s. Each shopper has been sent a link.")
            % {"count": len(links), "seed": run.seed},
        )
        return redirect("mystery:programme", pk=pk)


class ShopperListView(StaffListView):
    """The shopper panel; who they are and their access needs are for the quality lead only."""

    permission_required = "mystery.view_shopper"
    template_name = "mystery/shopper_list.html"
    filter_form_class = ShopperFilterForm
    csv_filename = "mystery-shoppers.csv"
    caption = gettext_lazy("Shopper panel")
    columns = [
        Column(gettext_lazy("Name"), lambda s: s.name),
        Column(gettext_lazy("Kind"), lambda s: s.get_kind_display()),
        Column(gettext_lazy("Department"), lambda s: s.department.name if s.department else ""),
        Column(gettext_lazy("Access needs"), lambda s: s.access_needs),
        Column(gettext_lazy("Consent given"), lambda s: _date(s.consent_given_on)),
        Column(gettext_lazy("Visits"), lambda s: s.visit_count),
    ]

    def select(self, **filters):
        return selectors.shopper_list(**filters)


class ShopperAddView(PermissionRequiredMixin, View):
    permission_required = "mystery.add_shopper"

    def get(self, request):
        return render(request, "mystery/shopper_add.html", {"form": ShopperForm()})

    def post(self, request):
        form = ShopperForm(request.POST)
        if not form.is_valid():
            return render(request, "mystery/shopper_add.html", {"form": form})
        services.shopper_add(**form.cleaned_data)
        messages.success(request, _("Shopper added to the panel."))
        return redirect("mystery:shoppers")


class VisitListView(StaffListView):
    permission_required = VIEW
    template_name = "mystery/visit_list.html"
    filter_form_class = VisitFilterForm
    csv_filename = "mystery-shopping-visits.csv"
    caption = gettext_lazy("Visits")
    columns = [
        Column(
            gettext_lazy("Visit"),
            lambda v: v.pk,
            lambda v: format_html(
                '<a class="govuk-link" href="{}">{} {}</a>',
                reverse("mystery:visit", args=[v.pk]),
                _("Visit"),
                v.pk,
            ),
        ),
        Column(gettext_lazy("Day"), lambda v: _date(v.day)),
        Column(gettext_lazy("Time"), lambda v: v.get_time_of_day_display()),
        Column(gettext_lazy("Channel"), lambda v: v.get_channel_display()),
        Column(gettext_lazy("Site"), lambda v: v.site.name if v.site else ""),
        Column(gettext_lazy("Team"), lambda v: v.team.name if v.team else ""),
        Column(gettext_lazy("Scenario"), lambda v: v.scenario.title),
        Column(gettext_lazy("Shopper"), lambda v: v.shopper.name),
        Column(gettext_lazy("Status"), lambda v: v.get_status_display()),
        Column(gettext_lazy("Score"), lambda v: _score(v.score)),
    ]

    def select(self, **filters):
        return selectors.visit_list(**filters)


class VisitView(PermissionRequiredMixin, TemplateView):
    permission_required = VIEW
    template_name = "mystery/visit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visit = get_object_or_404(
            Visit.objects.select_related("programme", "scenario__service", "shopper", "site"),
            pk=self.kwargs["pk"],
        )
        context.update(
            visit=visit,
            rows=summary_rows(
                [
                    (_("Programme"), visit.programme.name),
                    (_("Scenario"), visit.scenario.title),
                    (_("Service"), visit.scenario.service.name),
                    (_("Channel"), visit.get_channel_display()),
                    (_("Site"), visit.site.name if visit.site else None),
                    (_("Allocated"), f"{_date(visit.day)}, {visit.get_time_of_day_display()}"),
                    (_("Shopper"), visit.shopper.name),
                    (_("Status"), visit.get_status_display()),
                    (_("Date of the visit"), _date(visit.visited_on)),
                    (_("Who served them"), visit.staff_description),
                    (_("What happened"), visit.summary),
                    (_("Score"), _score(visit.score)),
                ]
            ),
            answers=visit.answers.select_related("criterion"),
            access=_access_rows(AccessCheck.objects.filter(visit=visit).first()),
            findings=visit.findings.select_related("staff"),
            actions=visit.actions.select_related("owner"),
            finding_form=kwargs.get("finding_form") or FindingForm(),
            action_form=kwargs.get("action_form") or ActionForm(),
            can_manage=self.request.user.has_perm(MANAGE),
        )
        return context

    def post(self, request, pk):
        if not request.user.has_perm(MANAGE):
            return self.handle_no_permission()
        visit = get_object_or_404(Visit, pk=pk)
        what = request.POST.get("what")
        if what == "finding":
            form = FindingForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(finding_form=form))
            services.finding_record(visit=visit, **form.cleaned_data)
            messages.success(request, _("Finding recorded."))
        elif what == "share":
            finding = get_object_or_404(Finding, pk=_id(request.POST, "finding"), visit=visit)
            try:
                services.finding_share(finding=finding, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Finding shared with the staff member and awards."))
        elif what == "action":
            form = ActionForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(action_form=form))
            services.action_create(visit=visit, **form.cleaned_data)
            messages.success(request, _("Action added."))
        elif what == "done":
            action = get_object_or_404(FollowUpAction, pk=request.POST.get("action"), visit=visit)
            services.action_complete(action=action)
            messages.success(request, _("Action marked done."))
        return redirect("mystery:visit", pk=pk)


def _id(data, name) -> int:
    """A posted record id; anything but digits names no record (a 404, never a 500)."""
    value = data.get(name, "")
    return int(value) if value.isdigit() and len(value) < 12 else 0


def _access_rows(check):
    if check is None:
        return None
    pairs = [
        (AccessCheck._meta.get_field(name).verbose_name.capitalize(), value)
        for name, value in (
            ("parking_bays", check.parking_bays),
            ("parking_distance_metres", check.parking_distance_metres),
            ("parking_signed", check.get_parking_signed_display()),
            ("parking_charges", check.parking_charges),
            ("step_free_entrance", check.get_step_free_entrance_display()),
            ("doors", check.get_doors_display()),
            ("hearing_loop", check.get_hearing_loop_display()),
            ("seating", check.get_seating_display()),
            ("accessible_toilet", check.get_accessible_toilet_display()),
            ("signage", check.get_signage_display()),
            ("staff_awareness", check.get_staff_awareness_display()),
            ("comments", check.comments),
        )
    ]
    return summary_rows(pairs)


def _result_table(caption, first, rows) -> dict:
    return {
        "caption": caption,
        "captionClasses": "govuk-table__caption--m",
        "head": [
            {"text": first},
            {"text": _("Visits"), "format": "numeric"},
            {"text": _("Score"), "format": "numeric"},
        ],
        "rows": [
            [
                {"text": r.label},
                {"text": str(r.visits), "format": "numeric"},
                {"text": _score(r.score), "format": "numeric"},
            ]
            for r in rows
        ],
    }


class ResultsView(PermissionRequiredMixin, TemplateView):
    permission_required = VIEW
    template_name = "mystery/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ResultsFilterForm(self.request.GET or None)
        filters = {}
        if form.is_bound and form.is_valid():
            filters = {k: v for k, v in form.cleaned_data.items() if v}
        trend = selectors.monthly_trend(**filters)
        context.update(
            form=form,
            tables=[
                _result_table(
                    _("By programme"), _("Programme"), selectors.results_by("programme", **filters)
                ),
                _result_table(_("By site"), _("Site"), selectors.results_by("site", **filters)),
                _result_table(
                    _("By channel"), _("Channel"), selectors.results_by("channel", **filters)
                ),
                _result_table(
                    _("By Customer Service Excellence criterion, weakest first"),
                    _("Criterion"),
                    selectors.results_by_criterion(**filters),
                ),
            ],
            chart=charts.render(
                Chart(
                    title=_("Mean score by month, per cent"),
                    labels=[r.label for r in trend],
                    series=[{"name": _("Mean score"), "values": [r.score for r in trend]}],
                    kind="line" if len(trend) > 1 else "bar",
                    unit="%",
                )
            )
            if trend
            else None,
            trend_table=_result_table(_("Mean score by month"), _("Month"), trend),
        )
        return context


# The shopper's pages: no staff account, a one-time link.

STEPS = ("details", "checklist", "access")


def _steps_for(visit):
    return [s for s in STEPS if s != "access" or visit.channel == "face_to_face"]


def _gone(request):
    return render(request, "mystery/visit_gone.html", status=404)


@method_decorator(login_not_required, name="dispatch")
class ShopperStartView(View):
    """The page a shopper's link opens: their visit and the parts of the form, with what
    they have saved so far."""

    def get(self, request, token):
        visit = services.visit_by_token(token)
        if visit is None:
            return _gone(request)
        missing = services.missing_parts(visit)
        names = {
            "details": _("About your visit"),
            "checklist": _("What you checked"),
            "access": _("Disabled access check"),
        }
        tasks = [
            {
                "title": {"text": names[step]},
                "href": reverse("mystery:visit-step", args=[token, step]),
                "status": {"tag": {"text": _("Not yet started"), "classes": "govuk-tag--blue"}}
                if step in missing
                else {"text": _("Saved")},
            }
            for step in _steps_for(visit)
        ]
        return render(
            request,
            "mystery/visit_start.html",
            {"visit": visit, "tasks": tasks, "token": token, "ready": not missing},
        )

    def post(self, request, token):
        try:
            services.visit_submit(plain=token)
        except ValidationError:
            if services.visit_by_token(token) is None:
                return _gone(request)
            return redirect("mystery:visit-start", token=token)
        return render(request, "mystery/visit_thanks.html")


@method_decorator(login_not_required, name="dispatch")
class ShopperStepView(View):
    def _form(self, visit, step, data=None):
        if step == "details":
            initial = {
                "visited_on": visit.visited_on,
                "staff_description": visit.staff_description,
                "summary": visit.summary,
            }
            return DetailsForm(data, initial=initial)
        if step == "checklist":
            criteria = visit.scenario.criteria.all()
            initial = {}
            for answer in visit.answers.all():
                initial[f"met_{answer.criterion_id}"] = "yes" if answer.met else "no"
                initial[f"comment_{answer.criterion_id}"] = answer.comment
            return ChecklistForm(data, criteria=criteria, initial=initial)
        check = AccessCheck.objects.filter(visit=visit).first()
        return AccessCheckForm(data, instance=check)

    def _visit_and_step(self, token, step):
        visit = services.visit_by_token(token)
        if visit is None or step not in _steps_for(visit):
            return None
        return visit

    def _render(self, request, visit, token, step, form, status=200):
        titles = {
            "details": _("About your visit"),
            "checklist": _("What you checked"),
            "access": _("Disabled access check"),
        }
        return render(
            request,
            f"mystery/visit_{step}.html",
            {"visit": visit, "token": token, "form": form, "title": titles[step]},
            status=status,
        )

    def get(self, request, token, step):
        visit = self._visit_and_step(token, step)
        if visit is None:
            return _gone(request)
        return self._render(request, visit, token, step, self._form(visit, step))

    def post(self, request, token, step):
        visit = self._visit_and_step(token, step)
        if visit is None:
            return _gone(request)
        form = self._form(visit, step, request.POST)
        if not form.is_valid():
            return self._render(request, visit, token, step, form)
        if step == "details":
            services.visit_save_details(visit=visit, **form.cleaned_data)
        elif step == "checklist":
            services.visit_save_answers(visit=visit, answers=form.answers())
        else:
            services.visit_save_access_check(visit=visit, **form.cleaned_data)
        steps = _steps_for(visit)
        if request.POST.get("then") == "later":
            messages.success(
                request,
                _("Your answers have been saved. Use the same link to come back and finish."),
            )
            return redirect("mystery:visit-start", token=token)
        following = steps.index(step) + 1
        if following < len(steps):
            return redirect("mystery:visit-step", token=token, step=steps[following])
        return redirect("mystery:visit-start", token=token)
