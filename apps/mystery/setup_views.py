"""The quality lead's pages for setting up a programme: its period, targets, scenarios and
each scenario's weighted checklist. Every write goes through services; a refusal (a change
that would break allocated visits) comes back as a clear message, and nothing is written."""

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from apps.core.forms import add_errors
from apps.core.govuk import summary_rows

from . import selectors, services
from .forms import CriterionForm, ProgrammeForm, ScenarioForm, TargetForm
from .models import Criterion, Programme, Scenario, Target


class SetupFormView(PermissionRequiredMixin, View):
    """One form on its own page: the subclass names the form, what the page says and the
    service call that saves it."""

    template_name = "mystery/setup_form.html"
    title = ""
    button = gettext_lazy("Save")
    success = ""

    def form(self, data=None):
        raise NotImplementedError

    def save(self, form) -> str:
        """Call the service; return where to go next."""
        raise NotImplementedError

    def context(self) -> dict:
        return {}

    def _render(self, form):
        return render(
            self.request,
            self.template_name,
            {"form": form, "title": self.title, "button": self.button} | self.context(),
        )

    def get(self, request, **kwargs):
        return self._render(self.form())

    def post(self, request, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                url = self.save(form)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, self.success)
                return redirect(url)
        return self._render(form)


class ProgrammeMixin:
    @cached_property
    def programme(self) -> Programme:
        return get_object_or_404(Programme, pk=self.kwargs["pk"])

    def context(self) -> dict:
        return {
            "caption": self.programme.name,
            "back_url": reverse("mystery:programme", args=[self.programme.pk]),
            "back_text": self.programme.name,
        }


class ScenarioMixin:
    @cached_property
    def scenario(self) -> Scenario:
        try:
            return selectors.scenario_detail(self.kwargs["pk"])
        except Scenario.DoesNotExist:
            raise Http404 from None


class ProgrammeCreateView(SetupFormView):
    permission_required = "mystery.add_programme"
    title = gettext_lazy("Set up a programme")
    button = gettext_lazy("Create programme")
    success = gettext_lazy("Programme created. Now add its targets and scenarios.")

    def context(self):
        return {"back_url": reverse("mystery:home"), "back_text": _("Mystery shopping")}

    def form(self, data=None):
        return ProgrammeForm(data)

    def save(self, form):
        programme = services.programme_create(**form.cleaned_data)
        return reverse("mystery:programme", args=[programme.pk])


class ProgrammeEditView(ProgrammeMixin, SetupFormView):
    permission_required = "mystery.change_programme"
    title = gettext_lazy("Edit the programme")
    button = gettext_lazy("Save changes")
    success = gettext_lazy("Programme saved.")

    def form(self, data=None):
        return ProgrammeForm(data, instance=self.programme)

    def save(self, form):
        services.programme_update(programme=self.programme, **form.cleaned_data)
        return reverse("mystery:programme", args=[self.programme.pk])


class TargetAddView(ProgrammeMixin, SetupFormView):
    permission_required = "mystery.add_target"
    title = gettext_lazy("Add a target")
    button = gettext_lazy("Add target")
    success = gettext_lazy("Target added.")

    def form(self, data=None):
        return TargetForm(data)

    def save(self, form):
        services.target_add(programme=self.programme, **form.cleaned_data)
        return reverse("mystery:programme", args=[self.programme.pk])


class TargetRemoveView(PermissionRequiredMixin, View):
    permission_required = "mystery.delete_target"

    def post(self, request, pk, target):
        target = get_object_or_404(Target, pk=target, programme_id=pk)
        services.target_remove(target=target)
        messages.success(request, _("Target removed."))
        return redirect("mystery:programme", pk=pk)


class ScenarioAddView(ProgrammeMixin, SetupFormView):
    permission_required = "mystery.add_scenario"
    title = gettext_lazy("Add a scenario")
    button = gettext_lazy("Add scenario")
    success = gettext_lazy("Scenario added. Now add the items on its checklist.")

    def form(self, data=None):
        return ScenarioForm(data)

    def save(self, form):
        scenario = services.scenario_create(programme=self.programme, **form.cleaned_data)
        return reverse("mystery:scenario", args=[scenario.pk])


class ScenarioEditView(ScenarioMixin, SetupFormView):
    permission_required = "mystery.change_scenario"
    title = gettext_lazy("Edit the scenario")
    button = gettext_lazy("Save changes")
    success = gettext_lazy("Scenario saved.")

    def context(self):
        back = reverse("mystery:scenario", args=[self.scenario.pk])
        return {
            "caption": self.scenario.programme.name,
            "back_url": back,
            "back_text": self.scenario.title,
            "allocated": self.scenario.visit_count,
        }

    def form(self, data=None):
        return ScenarioForm(data, instance=self.scenario)

    def save(self, form):
        services.scenario_update(scenario=self.scenario, **form.cleaned_data)
        return reverse("mystery:scenario", args=[self.scenario.pk])


def _scenario_page(request, scenario, form, refusal: ValidationError | None = None):
    criteria = list(scenario.criteria.all())
    return render(
        request,
        "mystery/scenario.html",
        {
            "scenario": scenario,
            "rows": summary_rows(
                [
                    (_("Channel"), scenario.get_channel_display()),
                    (_("Service"), scenario.service.name),
                    (_("What the shopper asks or does"), scenario.brief),
                    (_("Instructions for the shopper"), scenario.instructions),
                    (_("Visits allocated"), scenario.visit_count),
                ]
            ),
            "criteria": criteria,
            "total_weight": sum(c.weight for c in criteria),
            "form": form,
            "refusals": _refusals(refusal),
        },
    )


def _refusals(error: ValidationError | None) -> list[dict] | None:
    """A refusal, as the rows of a GOV.UK error summary."""
    return [{"text": message} for message in error.messages] if error else None


class ScenarioView(ScenarioMixin, PermissionRequiredMixin, View):
    """A scenario and its checklist; the quality lead adds items to the checklist here."""

    permission_required = "mystery.view_programme"

    def get(self, request, pk):
        return _scenario_page(request, self.scenario, CriterionForm())

    def post(self, request, pk):
        if not request.user.has_perm("mystery.add_criterion"):
            return self.handle_no_permission()
        form = CriterionForm(request.POST)
        if form.is_valid():
            try:
                services.criterion_add(scenario=self.scenario, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Item added to the checklist."))
                return redirect("mystery:scenario", pk=pk)
        return _scenario_page(request, self.scenario, form)


class ScenarioDeleteView(ScenarioMixin, PermissionRequiredMixin, View):
    permission_required = "mystery.delete_scenario"

    def get(self, request, pk):
        return render(request, "mystery/scenario_delete.html", {"scenario": self.scenario})

    def post(self, request, pk):
        programme_pk = self.scenario.programme_id
        try:
            services.scenario_delete(scenario=self.scenario)
        except ValidationError as error:
            return render(
                request,
                "mystery/scenario_delete.html",
                {"scenario": self.scenario, "refusals": _refusals(error)},
            )
        messages.success(request, _("Scenario deleted."))
        return redirect("mystery:programme", pk=programme_pk)


class CriterionRemoveView(ScenarioMixin, PermissionRequiredMixin, View):
    permission_required = "mystery.delete_criterion"

    def post(self, request, pk, criterion):
        criterion = get_object_or_404(Criterion, pk=criterion, scenario_id=pk)
        try:
            services.criterion_remove(criterion=criterion)
        except ValidationError as error:
            return _scenario_page(request, self.scenario, CriterionForm(), refusal=error)
        messages.success(request, _("Item removed from the checklist."))
        return redirect("mystery:scenario", pk=pk)
