import datetime
import math

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.core.charts import render as render_chart
from apps.core.exports import csv_response
from apps.core.formats import long_date as _long_date
from apps.core.pdf import pdf_response
from apps.core.reporting import Chart
from apps.core.views import Column, HistoryView, StaffListView

from . import selectors, services
from .forecast import METHODS
from .forms import CompareForm, RosterImportForm, SavingsScenarioForm, WeekForm
from .models import RosterImport, SavingsScenario


class StaffingHomeView(PermissionRequiredMixin, TemplateView):
    permission_required = "staffing.view_staffing"
    template_name = "staffing/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["imports"] = RosterImport.objects.select_related("imported_by")[:5]
        context["latest"] = selectors.latest_savings_scenario()
        return context


# --------------------------------------------------------------------------- the week


def _interval_label(moment) -> str:
    return date_format(moment, "D H:i")


def _week_rows(staffing) -> list[dict]:
    """The intervals worth showing: something forecast, needed or rostered."""
    return [
        row
        for row in staffing.rows
        if row["rostered"] or (row["calls"] or 0) >= 0.05 or (row["to_roster"] or 0)
    ]


def _number(value, places=0) -> str:
    if value is None:
        return ""
    return f"{value:,.{places}f}"


class WeekView(PermissionRequiredMixin, View):
    """The week's staffing gap: forecast calls against advisors rostered, interval by interval."""

    permission_required = "staffing.view_rostershift"
    template_name = "staffing/week.html"

    def get(self, request):
        form = WeekForm(request.GET or None, queues=selectors.queue_names())
        choices = form.choices(localdate())
        monday = choices["week"]
        staffing = selectors.week_staffing(
            monday=monday,
            queue=choices["queue"],
            method=choices["method"],
            weeks=int(choices["weeks"]),
            target_kind=choices["target_kind"],
            target_level=float(choices["target_level"]) / 100,
            target_seconds=float(choices["target_seconds"]),
            target_asa_seconds=float(choices["target_asa"]),
            shrinkage=float(choices["shrinkage"]) / 100,
        )
        rows = _week_rows(staffing)
        header = [
            _("Interval starting"),
            _("Forecast calls"),
            _("Average handle time (seconds)"),
            _("Advisors needed on the phones"),
            _("Advisors to roster (with shrinkage)"),
            _("Advisors rostered"),
            _("Gap"),
        ]

        def values(row):
            return [
                date_format(row["start"], "Y-m-d H:i"),
                _number(row["calls"], 1),
                _number(row["aht"]),
                row["needed"],
                row["to_roster"],
                row["rostered"],
                row["gap"],
            ]

        if request.GET.get("format") == "csv":
            return csv_response(
                filename=f"staffing-week-{monday.isoformat()}.csv",
                header=header,
                rows=rows,
                row=values,
            )
        query = request.GET.copy()
        query.pop("format", None)
        chart = None
        if rows and staffing.forecast.usable:
            chart = render_chart(
                Chart(
                    title=_("Advisors to roster and advisors rostered"),
                    labels=[_interval_label(r["start"]) for r in rows],
                    series=[
                        {"name": _("To roster"), "values": [r["to_roster"] for r in rows]},
                        {"name": _("Rostered"), "values": [r["rostered"] for r in rows]},
                    ],
                    kind="line",
                )
            )

        def gap_cell(row):
            if row["gap"] is None:
                return {"text": ""}
            if row["gap"] < 0:
                return {
                    "html": format_html(
                        '<strong class="govuk-tag govuk-tag--red">{}</strong>',
                        _("%(n)d short") % {"n": -row["gap"]},
                    )
                }
            return {"text": f"+{row['gap']}" if row["gap"] else "0"}

        table = {
            "caption": _("Staffing by interval"),
            "captionClasses": "govuk-table__caption--m",
            "firstCellIsHeader": True,
            "head": [{"text": h, "format": "numeric" if i else None} for i, h in enumerate(header)],
            "rows": [
                [{"text": _interval_label(r["start"])}]
                + [
                    {"text": str(v if v is not None else ""), "format": "numeric"}
                    for v in values(r)[1:6]
                ]
                + [{**gap_cell(r), "format": "numeric"}]
                for r in rows
            ],
        }
        context = {
            "form": form,
            "monday": monday,
            "sunday": monday + datetime.timedelta(days=6),
            "previous_week": (monday - datetime.timedelta(days=7)).isoformat(),
            "next_week": (monday + datetime.timedelta(days=7)).isoformat(),
            "staffing": staffing,
            "method_name": METHODS.get(choices["method"], ""),
            "rows": rows,
            "chart": chart,
            "table": table,
            "query_string": query.urlencode(),
            "can_import": request.user.has_perm("staffing.add_rostershift"),
        }
        return render(request, self.template_name, context)


class RosterImportView(PermissionRequiredMixin, View):
    permission_required = "staffing.add_rostershift"
    template_name = "staffing/roster_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": RosterImportForm()})

    def post(self, request):
        form = RosterImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                record = services.roster_import(
                    imported_by=request.user, filename=upload.name, content=upload.read()
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                text = _("Roster imported: %(n)d shifts") % {"n": record.shift_count}
                if record.replaced_count:
                    text += ". " + _(
                        "%(n)d shifts already held for the same dates were replaced"
                    ) % {"n": record.replaced_count}
                messages.success(request, text)
                first = record.shifts.order_by("date").values_list("date", flat=True).first()
                url = reverse("staffing:week")
                return redirect(f"{url}?week={first.isoformat()}" if first else url)
        return render(request, self.template_name, {"form": form}, status=400)


# --------------------------------------------------------------------------- scenarios


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _seconds(value: float) -> str:
    if not math.isfinite(value) or value > 3600:
        return _("over an hour")
    return _("%(s)d seconds") % {"s": round(value)}


def scenario_view_model(scenario: SavingsScenario) -> dict:
    """The scenario's results as the pages and the PDF show them."""
    results, conclusion = selectors.scenario_results(scenario)
    head = [
        _("Year"),
        _("Calls"),
        _("Advisor posts (FTE)"),
        _("Posts needed to meet the targets (FTE)"),
        _("Service level"),
        _("Average answer time"),
        _("Abandoned calls"),
        _("Targets hold"),
    ]
    rows = [
        [
            r.label,
            f"{r.calls:,.0f}",
            f"{r.fte:,.1f}",
            f"{r.fte_needed:,.1f}",
            _percent(r.service_level),
            _seconds(r.asa_seconds),
            _percent(r.abandonment),
            _("Yes") if r.holds else _("No"),
        ]
        for r in results
    ]
    return {
        "scenario": scenario,
        "results": results,
        "conclusion": conclusion,
        "head": head,
        "rows": rows,
        "statements": [r.statement for r in results[1:]],
        "table": {
            "caption": _("Year by year"),
            "captionClasses": "govuk-table__caption--m",
            "firstCellIsHeader": True,
            "head": [{"text": h} for h in head],
            "rows": [[{"text": str(c)} for c in row] for row in rows],
        },
        "chart": render_chart(
            Chart(
                title=_("Service level by year (%)"),
                labels=[r.label for r in results],
                series=[
                    {
                        "name": _("Service level"),
                        "values": [round(r.service_level * 100, 1) for r in results],
                    },
                    {
                        "name": _("Target"),
                        "values": [float(scenario.target_service_level_percent)] * len(results),
                    },
                ],
                kind="bar",
            )
        ),
        "base_rows": _base_rows(scenario),
    }


def _base_rows(scenario: SavingsScenario) -> list[tuple[str, str]]:
    unit = scenario.saving_unit
    money = unit == "money"

    def saving(value):
        return f"£{value:,.0f}" if money else f"{value:,.1f} FTE"

    rows = [
        (_("First financial year"), f"{scenario.first_year}/{(scenario.first_year + 1) % 100:02d}"),
        (_("Calls a year today"), f"{scenario.calls_per_year:,}"),
        (_("Average handle time"), _("%(s)d seconds") % {"s": scenario.aht_seconds}),
        (_("Advisor posts today"), f"{scenario.current_fte:,.1f} FTE"),
        (_("Shrinkage"), f"{float(scenario.shrinkage_percent):g}%"),
        (
            _("Phone lines open"),
            _("%(h)s hours a week") % {"h": f"{float(scenario.opening_hours_per_week):g}"},
        ),
        (_("Cost of one FTE a year"), f"£{scenario.cost_per_fte:,.0f}"),
        (
            _("Service level target"),
            _("%(p)s%% of calls answered within %(s)d seconds")
            % {
                "p": f"{float(scenario.target_service_level_percent):g}",
                "s": scenario.target_answer_seconds,
            },
        ),
        (
            _("Average answer time target"),
            _seconds(scenario.target_asa_seconds) if scenario.target_asa_seconds else _("None"),
        ),
        (
            _("Abandoned calls target"),
            f"{float(scenario.target_abandonment_percent):g}%"
            if scenario.target_abandonment_percent is not None
            else _("None"),
        ),
        (_("Average caller patience"), _("%(s)d seconds") % {"s": scenario.patience_seconds}),
        (
            _("Savings (each year)"),
            ", ".join(saving(v) for v in scenario.savings),
        ),
        (
            _("Calls moving online (each year)"),
            ", ".join(f"{float(v):g}%" for v in scenario.shifts),
        ),
    ]
    return rows


def _summary(rows) -> dict:
    return {"rows": [{"key": {"text": str(k)}, "value": {"text": str(v)}} for k, v in rows]}


class ScenarioListView(StaffListView):
    permission_required = "staffing.view_savingsscenario"
    template_name = "staffing/scenario_list.html"
    csv_filename = "savings-scenarios.csv"
    caption = gettext_lazy("Savings scenarios")

    class filter_form_class(forms.Form):  # noqa: N801 - StaffListView's hook
        name = forms.CharField(label=gettext_lazy("Name contains"), required=False, max_length=150)

    columns = [
        Column(
            gettext_lazy("Name"),
            lambda s: s.name,
            html=lambda s: format_html(
                '<a class="govuk-link" href="{}">{}</a>',
                reverse("staffing:scenario", args=[s.pk]),
                s.name,
            ),
        ),
        Column(
            gettext_lazy("First year"), lambda s: f"{s.first_year}/{(s.first_year + 1) % 100:02d}"
        ),
        Column(gettext_lazy("Advisor posts today (FTE)"), lambda s: f"{s.current_fte:,.1f}"),
        Column(gettext_lazy("Created by"), lambda s: s.created_by),
        Column(gettext_lazy("Last changed"), lambda s: _long_date(s.updated_at)),
    ]

    def select(self, **filters):
        return selectors.savings_scenario_list(name=filters.get("name", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["compare_form"] = CompareForm()
        context["can_add"] = self.request.user.has_perm("staffing.add_savingsscenario")
        return context


class ScenarioFormView(PermissionRequiredMixin, View):
    template_name = "staffing/scenario_form.html"

    def get_scenario(self):
        return None

    def get_permission_required(self):
        return (
            ["staffing.change_savingsscenario"]
            if "pk" in self.kwargs
            else ["staffing.add_savingsscenario"]
        )

    def _render(self, request, form, scenario, status=200, from_history=False):
        context = {"form": form, "scenario": scenario, "from_history": from_history}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk=None):
        scenario = get_object_or_404(SavingsScenario, pk=pk) if pk else None
        from_history = False
        if scenario is None:
            initial = selectors.scenario_defaults(today=localdate())
            from_history = initial.pop("from_history")
            form = SavingsScenarioForm(initial=initial)
        else:
            form = SavingsScenarioForm(instance=scenario)
        return self._render(request, form, scenario, from_history=from_history)

    def post(self, request, pk=None):
        scenario = get_object_or_404(SavingsScenario, pk=pk) if pk else None
        form = SavingsScenarioForm(request.POST, instance=scenario)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                if scenario is None:
                    scenario = services.savings_scenario_create(created_by=request.user, **fields)
                else:
                    scenario = services.savings_scenario_update(
                        scenario=SavingsScenario.objects.get(pk=scenario.pk),
                        changed_by=request.user,
                        **fields,
                    )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Scenario saved"))
                return redirect("staffing:scenario", pk=scenario.pk)
        return self._render(request, form, scenario, status=400)


class ScenarioDetailView(PermissionRequiredMixin, View):
    permission_required = "staffing.view_savingsscenario"

    def get(self, request, pk):
        scenario = get_object_or_404(SavingsScenario.objects.select_related("created_by"), pk=pk)
        context = scenario_view_model(scenario)
        context["base_summary"] = _summary(context["base_rows"])
        context["can_change"] = request.user.has_perm("staffing.change_savingsscenario")
        if request.GET.get("format") == "pdf":
            return pdf_response(
                "staffing/scenarios_pdf.html",
                {"models": [context], "today": localdate()},
                filename=f"savings-scenario-{scenario.pk}.pdf",
            )
        return render(request, "staffing/scenario_detail.html", context)


class ScenarioHistoryView(HistoryView):
    permission_required = "staffing.view_savingsscenario"

    def get_object(self):
        return get_object_or_404(SavingsScenario, pk=self.kwargs["pk"])

    def get_back_url(self, obj) -> str:
        return reverse("staffing:scenario", args=[obj.pk])


def comparison(models: list[dict]) -> dict:
    """Side-by-side tables: one row per year, one column per scenario, for each measure."""
    labels = [r.label for r in models[0]["results"]]
    measures = [
        (_("Service level"), lambda r: _percent(r.service_level)),
        (_("Average answer time"), lambda r: _seconds(r.asa_seconds)),
        (_("Abandoned calls"), lambda r: _percent(r.abandonment)),
        (_("Advisor posts (FTE)"), lambda r: f"{r.fte:,.1f}"),
        (_("Posts needed to meet the targets (FTE)"), lambda r: f"{r.fte_needed:,.1f}"),
    ]
    tables = []
    for title, value in measures:
        head = [_("Year")] + [m["scenario"].name for m in models]
        rows = []
        for i, label in enumerate(labels):
            cells = [label]
            for m in models:
                results = m["results"]
                cells.append(value(results[i]) if i < len(results) else "")
            rows.append(cells)
        tables.append({"title": title, "head": head, "rows": rows})
    chart = render_chart(
        Chart(
            title=_("Service level by year (%)"),
            labels=labels,
            series=[
                {
                    "name": m["scenario"].name,
                    "values": [round(r.service_level * 100, 1) for r in m["results"]],
                }
                for m in models
            ],
        )
    )
    return {"tables": tables, "chart": chart}


class CompareView(PermissionRequiredMixin, View):
    permission_required = "staffing.view_savingsscenario"

    def get(self, request):
        form = CompareForm(request.GET or None)
        context = {"form": form}
        if form.is_bound and form.is_valid():
            models = [scenario_view_model(s) for s in form.cleaned_data["scenarios"]]
            context.update({"models": models, **comparison(models)})
            if request.GET.get("format") == "pdf":
                return pdf_response(
                    "staffing/scenarios_pdf.html",
                    {**context, "today": localdate()},
                    filename="savings-scenarios-compared.pdf",
                )
            query = request.GET.copy()
            query.pop("format", None)
            context["query_string"] = query.urlencode()
            context["gov_tables"] = [
                {
                    "caption": t["title"],
                    "captionClasses": "govuk-table__caption--m",
                    "firstCellIsHeader": True,
                    "head": [{"text": str(h)} for h in t["head"]],
                    "rows": [[{"text": str(c)} for c in row] for row in t["rows"]],
                }
                for t in context["tables"]
            ]
        status = 400 if form.is_bound and not form.is_valid() else 200
        return render(request, "staffing/compare.html", context, status=status)
