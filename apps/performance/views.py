"""Performance pages: dashboards, imports from phone systems and targets."""

import datetime

from django import forms
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localdate, localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from apps.core.charts import render as render_chart
from apps.core.exports import csv_response, xlsx_response
from apps.core.reporting import Chart
from apps.core.views import Column, StaffListView

from . import kpis, selectors, services
from .forms import DashboardForm, ImportForm, TargetForm
from .models import ImportKind, ImportRun, Target

RAG_TAGS = {
    "green": ("govuk-tag--green", gettext_lazy("Green: on target")),
    "amber": ("govuk-tag--yellow", gettext_lazy("Amber: close to target")),
    "red": ("govuk-tag--red", gettext_lazy("Red: off target")),
}


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _tables(data, scope) -> list[dict]:
    """Every table of the dashboard as plain rows: (key, title, header, rows)."""

    def shown(kpi, value):
        return kpis.display(kpi, value)

    kpi_rows = [
        [
            str(r["kpi"].label),
            shown(r["kpi"], r["value"]),
            shown(r["kpi"], r["previous"]),
            shown(r["kpi"], r["last_year"]),
            "" if r["target"] is None else shown(r["kpi"], r["target"]),
            str(RAG_TAGS[r["rag"]][1]) if r["rag"] else "",
        ]
        for r in data["rows"]
    ]
    return [
        {
            "key": "kpis",
            "title": _("Measures against targets"),
            "header": [
                _("Measure"),
                _("This period"),
                _("Previous period"),
                _("Same period last year"),
                _("Target"),
                _("Status"),
            ],
            "rows": kpi_rows,
        },
        {
            "key": "calls",
            "title": _("Calls by day"),
            "header": [
                _("Day"),
                _("Offered"),
                _("Answered"),
                _("Abandoned"),
                _("Answered within the threshold"),
            ],
            "rows": [
                [_day(d["date"]), d["offered"], d["answered"], d["abandoned"], d["within"]]
                for d in data["daily"]
            ],
        },
        {
            "key": "channels",
            "title": _("Contacts by channel"),
            "header": [_("Channel"), _("Contacts")],
            "rows": [[_channel(r["channel"]), r["contacts"]] for r in data["by_channel"]],
        },
        {
            "key": "sites",
            "title": _("Contacts by site"),
            "header": [_("Site"), _("Contacts")],
            "rows": [[r["site__name"] or _("No site"), r["contacts"]] for r in data["by_site"]],
        },
    ]


def _channel(value: str) -> str:
    from apps.contacts.models import ContactChannel

    try:
        return str(ContactChannel(value).label)
    except ValueError:
        return value


def _govuk_table(table, numeric_from=1, rag_column=None, rags=None) -> dict:
    rows = []
    for i, row in enumerate(table["rows"]):
        cells = []
        for j, value in enumerate(row):
            if rag_column is not None and j == rag_column:
                rag = rags[i]
                cells.append(
                    {
                        "html": f'<strong class="govuk-tag {RAG_TAGS[rag][0]}">{RAG_TAGS[rag][1]}</strong>'
                        if rag
                        else _("No target")
                    }
                )
                continue
            text = f"{value:,}" if isinstance(value, int) else str(value)
            cells.append(
                {
                    "text": text,
                    **(
                        {"format": "numeric"}
                        if j >= numeric_from and isinstance(value, int)
                        else {}
                    ),
                }
            )
        rows.append(cells)
    return {
        "caption": table["title"],
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": h} for h in table["header"]],
        "rows": rows,
    }


class DashboardView(PermissionRequiredMixin, TemplateView):
    """The head of service's, a team's or a site's dashboard, with comparisons."""

    permission_required = "performance.view_dashboard"
    template_name = "performance/dashboard.html"

    def _form(self):
        data = self.request.GET.copy()
        if "date_from_day" not in data:
            today = localdate()
            end = today.replace(day=1) - datetime.timedelta(days=1)
            start = end.replace(day=1)
            for name, day in (("date_from", start), ("date_to", end)):
                data[f"{name}_day"], data[f"{name}_month"], data[f"{name}_year"] = (
                    day.day,
                    day.month,
                    day.year,
                )
        form = DashboardForm(data)
        user = self.request.user
        if not user.has_perm("performance.view_service_dashboard"):
            # A team manager sees their own team only.
            form.fields["team"].queryset = form.fields["team"].queryset.filter(pk=user.team_id)
            form.fields["team"].required = True
            form.fields["team"].empty_label = None
            form.fields["site"].widget = forms.HiddenInput()
            if "team" not in self.request.GET:
                data["team"] = user.team_id
        return form

    def get(self, request, *args, **kwargs):
        form = self._form()
        if form.is_bound and not form.is_valid():
            if not request.user.has_perm("performance.view_service_dashboard") and (
                "team" in form.errors and not request.user.team_id
            ):
                raise PermissionDenied
            return self.render_to_response(self.get_context_data(form=form))
        clean = form.cleaned_data
        scope = selectors.Scope(
            team=clean.get("team"), site=None if clean.get("team") else clean.get("site")
        )
        data = selectors.dashboard(
            scope=scope, date_from=clean["date_from"], date_to=clean["date_to"]
        )
        tables = _tables(data, scope)
        fmt = request.GET.get("format")
        if fmt == "xlsx":
            return xlsx_response(
                filename="performance.xlsx",
                sheets=[(t["title"], t["header"], t["rows"]) for t in tables],
            )
        if fmt == "csv":
            wanted = next((t for t in tables if t["key"] == request.GET.get("table")), tables[0])
            return csv_response(
                filename=f"performance-{wanted['key']}.csv",
                header=wanted["header"],
                rows=wanted["rows"],
                row=lambda r: r,
            )
        query = request.GET.copy()
        query.pop("format", None)
        query.pop("table", None)
        for name, day in (("date_from", clean["date_from"]), ("date_to", clean["date_to"])):
            query[f"{name}_day"], query[f"{name}_month"], query[f"{name}_year"] = (
                day.day,
                day.month,
                day.year,
            )
        charts = {
            "calls": render_chart(
                Chart(
                    title=_("Calls offered and answered by day"),
                    labels=[date_format(d["date"], "j M") for d in data["daily"]],
                    series=[
                        {"name": _("Offered"), "values": [d["offered"] for d in data["daily"]]},
                        {"name": _("Answered"), "values": [d["answered"] for d in data["daily"]]},
                    ],
                    kind="bar" if len(data["daily"]) <= 31 else "line",
                )
            )
            if data["daily"]
            else None,
            "channels": render_chart(
                Chart(
                    title=_("Contacts by channel"),
                    labels=[_channel(r["channel"]) for r in data["by_channel"]],
                    series=[
                        {
                            "name": _("Contacts"),
                            "values": [r["contacts"] for r in data["by_channel"]],
                        }
                    ],
                )
            )
            if data["by_channel"]
            else None,
            "sites": render_chart(
                Chart(
                    title=_("Contacts by site"),
                    labels=[r["site__name"] or _("No site") for r in data["by_site"]],
                    series=[
                        {"name": _("Contacts"), "values": [r["contacts"] for r in data["by_site"]]}
                    ],
                )
            )
            if data["by_site"]
            else None,
        }
        sections = []
        for table in tables:
            govuk = (
                _govuk_table(table, rag_column=5, rags=[r["rag"] for r in data["rows"]])
                if table["key"] == "kpis"
                else _govuk_table(table)
            )
            sections.append(
                {"key": table["key"], "table": govuk, "chart": charts.get(table["key"])}
            )
        heading = (
            _("Performance: %(name)s") % {"name": scope.name}
            if scope.name
            else _("Performance: whole service")
        )
        context = self.get_context_data(
            form=form,
            heading=heading,
            period=f"{_day(clean['date_from'])} to {_day(clean['date_to'])}",
            previous=f"{_day(data['previous'][0])} to {_day(data['previous'][1])}",
            last_year=f"{_day(data['last_year'][0])} to {_day(data['last_year'][1])}",
            sections=sections,
            query_string=query.urlencode(),
        )
        return self.render_to_response(context)


def _when(value):
    return date_format(localtime(value), "j F Y H:i") if value else ""


class ImportListView(StaffListView):
    permission_required = "performance.view_importrun"
    template_name = "performance/import_list.html"
    csv_filename = "telephony-imports.csv"
    caption = gettext_lazy("Imports")

    class filter_form_class(forms.Form):  # noqa: N801
        status = forms.ChoiceField(
            label=gettext_lazy("Status"),
            required=False,
            choices=[("", gettext_lazy("Any status")), *ImportRun.Status.choices],
        )

    columns = [
        Column(gettext_lazy("Started"), lambda r: _when(r.created_at)),
        Column(
            gettext_lazy("File"),
            lambda r: r.filename,
            html=lambda r: '<a class="govuk-link" href="{}">{}</a>'.format(
                reverse("performance:import-detail", args=[r.pk]), _escape(r.filename)
            ),
        ),
        Column(gettext_lazy("Holds"), lambda r: r.get_kind_display()),
        Column(gettext_lazy("Status"), lambda r: r.get_status_display()),
        Column(gettext_lazy("Rows"), lambda r: r.rows_total),
        Column(gettext_lazy("Imported"), lambda r: r.rows_loaded),
        Column(gettext_lazy("Bad rows"), lambda r: r.error_count),
    ]

    def select(self, *, status=""):
        runs = ImportRun.objects.order_by("-created_at")
        return runs.filter(status=status) if status else runs


def _escape(text):
    from django.utils.html import escape

    return escape(text)


@permission_required("performance.import_telephony", raise_exception=True)
def import_new(request):
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"kind": ImportKind.CALLS, "profile": "generic"},
    )
    if request.method == "POST" and form.is_valid():
        run = services.import_run_create(
            user=request.user,
            kind=form.cleaned_data["kind"],
            profile=form.cleaned_data["profile"],
            upload=form.cleaned_data["file"],
        )
        from .tasks import import_run

        transaction.on_commit(lambda: import_run.delay(run.pk))
        return redirect("performance:import-detail", pk=run.pk)
    return render(request, "performance/import_new.html", {"form": form})


@permission_required("performance.view_importrun", raise_exception=True)
def import_detail(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    template = (
        "performance/_import_progress.html" if request.htmx else "performance/import_detail.html"
    )
    return render(request, template, {"run": run})


class TargetListView(StaffListView):
    permission_required = "performance.view_target"
    template_name = "performance/target_list.html"
    csv_filename = "targets.csv"
    caption = gettext_lazy("Targets")

    class filter_form_class(forms.Form):  # noqa: N801
        kpi = forms.ChoiceField(
            label=gettext_lazy("Measure"),
            required=False,
            choices=[("", gettext_lazy("Every measure"))] + [(k.key, k.label) for k in kpis.KPIS],
        )

    columns = [
        Column(
            gettext_lazy("Measure"),
            lambda t: kpis.BY_KEY[t.kpi].label if t.kpi in kpis.BY_KEY else t.kpi,
        ),
        Column(gettext_lazy("From"), lambda t: _day(t.period_start)),
        Column(gettext_lazy("To"), lambda t: _day(t.period_end)),
        Column(gettext_lazy("Target"), lambda t: t.value),
        Column(gettext_lazy("Amber margin"), lambda t: t.amber_margin),
        Column(
            gettext_lazy("Change"),
            lambda t: "",
            html=lambda t: (
                '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>'.format(
                    reverse("performance:target-edit", args=[t.pk]),
                    _("Change"),
                    _escape(
                        str(kpis.BY_KEY.get(t.kpi, t.kpi).label if t.kpi in kpis.BY_KEY else t.kpi)
                    ),
                )
            ),
        ),
    ]

    def select(self, *, kpi=""):
        targets = Target.objects.order_by("kpi", "-period_start")
        return targets.filter(kpi=kpi) if kpi else targets


@permission_required("performance.change_target", raise_exception=True)
def target_edit(request, pk=None):
    target = get_object_or_404(Target, pk=pk) if pk else None
    form = TargetForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        services.target_save(target=target, **form.cleaned_data)
        return redirect("performance:targets")
    return render(request, "performance/target_form.html", {"form": form, "target": target})
