from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView

from apps.core.govuk import summary_rows
from apps.core.views import Column, StaffListView

from . import selectors, services
from .forms import ServiceChangeForm, ServiceFilterForm, ServiceForm
from .models import ReferralRoute, Service


def _service_link(service):
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("catalogue:service-detail", args=[service.slug]),
        service.name,
    )


class ServiceListView(StaffListView):
    permission_required = "catalogue.view_service"
    template_name = "catalogue/service_list.html"
    filter_form_class = ServiceFilterForm
    csv_filename = "services.csv"
    caption = gettext_lazy("Services")
    columns = [
        Column(gettext_lazy("Service"), lambda s: s.name, html=_service_link),
        Column(gettext_lazy("LGSL code"), lambda s: s.lgsl_code),
        Column(gettext_lazy("Department"), lambda s: s.department.name),
        Column(gettext_lazy("Channels"), lambda s: ", ".join(s.channel_labels)),
        Column(gettext_lazy("Referral route"), lambda s: ReferralRoute(s.referral_route).label),
        Column(
            gettext_lazy("SLA (working days)"),
            lambda s: s.sla_working_days if s.sla_working_days is not None else "",
        ),
        Column(gettext_lazy("Version"), lambda s: s.version),
    ]

    def select(self, **filters):
        return selectors.service_list(**filters)


class ServiceDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "catalogue.view_service"
    template_name = "catalogue/service_detail.html"
    context_object_name = "service"

    def get_object(self):
        return get_object_or_404(
            Service.objects.select_related("department"), slug=self.kwargs["slug"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        service = self.object
        sla = service.sla_working_days
        context["summary_rows"] = summary_rows(
            [
                (
                    _("LGSL code"),
                    f"{service.lgsl_code} – {selectors.lgsl_label(service.lgsl_code)}",
                ),
                (_("Owning client department"), service.department),
                (_("Channels"), ", ".join(service.channel_labels)),
                (_("Online link"), service.online_url),
                (_("Residents can report it online"), _("Yes") if service.reportable else _("No")),
                (
                    _("SLA"),
                    _("%(days)s working days") % {"days": sla} if sla is not None else _("No SLA"),
                ),
            ]
        )
        return context


class ServiceHistoryView(ServiceDetailView):
    permission_required = "catalogue.view_serviceversion"
    template_name = "catalogue/service_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = {f.attname: f.verbose_name for f in Service._meta.concrete_fields}
        cards = []
        for row in selectors.service_versions(service=self.object):
            version = row["version"]
            title = _("Version %(number)s") % {"number": version.number}
            cards.append(
                {
                    "card": {"title": {"text": f"{title}: {version.get_change_type_display()}"}},
                    "rows": summary_rows(
                        [
                            (_("Changed by"), version.changed_by or _("System")),
                            (
                                _("When"),
                                date_format(localtime(version.changed_at), "DATETIME_FORMAT"),
                            ),
                            (_("What changed and why"), version.change_summary),
                            (
                                _("Fields changed"),
                                ", ".join(str(labels.get(f, f)) for f in row["changed_fields"]),
                            ),
                        ]
                    ),
                }
            )
        context["version_cards"] = cards
        return context


class ServiceCreateView(PermissionRequiredMixin, FormView):
    permission_required = "catalogue.add_service"
    template_name = "catalogue/service_form.html"
    form_class = ServiceForm

    def form_valid(self, form):
        try:
            service = services.service_create(created_by=self.request.user, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(name)s added to the catalogue") % {"name": service.name}
        )
        return redirect("catalogue:service-detail", slug=service.slug)


class ServiceEditView(PermissionRequiredMixin, FormView):
    permission_required = "catalogue.change_service"
    template_name = "catalogue/service_form.html"
    form_class = ServiceChangeForm

    def dispatch(self, request, *args, **kwargs):
        self.service = get_object_or_404(Service, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.service}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "service": self.service}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            service = services.service_update(
                service=self.service,
                expected_version=data["version"],
                changed_by=self.request.user,
                change_type=data["change_type"],
                change_summary=data["change_summary"],
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s saved as version %(version)s")
            % {"name": service.name, "version": service.version},
        )
        return redirect("catalogue:service-detail", slug=service.slug)
