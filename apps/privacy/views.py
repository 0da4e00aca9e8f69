"""Data protection pages: the retention schedule and subject rights requests."""

import json

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from apps.core.pdf import pdf_response
from apps.core.views import Column, StaffListView
from apps.customers.models import Customer

from . import services
from .forms import RetentionRuleForm, SubjectRequestFilterForm, SubjectRequestForm
from .models import RetentionRule, RetentionRun, SubjectRequest
from .retention import RECORD_TYPES
from .subject_access import subject_data


class HomeView(PermissionRequiredMixin, View):
    permission_required = "privacy.view_retentionrule"

    def get(self, request):
        services.retention_rules_ensure()
        rules = [
            {"rule": rule, "label": RECORD_TYPES[rule.record_type][0].label}
            for rule in RetentionRule.objects.all()
            if rule.record_type in RECORD_TYPES
        ]
        return render(
            request,
            "privacy/home.html",
            {"rules": rules, "runs": RetentionRun.objects.all()[:20]},
        )


class RuleEditView(PermissionRequiredMixin, View):
    permission_required = "privacy.manage_retention"

    def _render(self, request, rule, form):
        label = RECORD_TYPES[rule.record_type][0].label
        return render(
            request, "privacy/rule_form.html", {"rule": rule, "label": label, "form": form}
        )

    def get(self, request, pk):
        rule = get_object_or_404(RetentionRule, pk=pk)
        form = RetentionRuleForm(
            initial={"keep_for_months": rule.keep_for_months, "is_active": rule.is_active}
        )
        return self._render(request, rule, form)

    def post(self, request, pk):
        rule = get_object_or_404(RetentionRule, pk=pk)
        form = RetentionRuleForm(request.POST)
        if form.is_valid():
            services.retention_rule_update(rule=rule, **form.cleaned_data)
            messages.success(request, _("Retention rule saved"))
            return redirect("privacy:home")
        return self._render(request, rule, form)


def _request_link(item: SubjectRequest) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("privacy:request", args=[item.pk]),
        f"{item.get_kind_display()}: {item.customer_reference}",
    )


class RequestListView(StaffListView):
    permission_required = "privacy.handle_subject_request"
    template_name = "privacy/request_list.html"
    filter_form_class = SubjectRequestFilterForm
    csv_filename = "subject-requests.csv"
    caption = gettext_lazy("Subject rights requests")
    columns = [
        Column(
            gettext_lazy("Request"),
            lambda r: f"{r.get_kind_display()}: {r.customer_reference}",
            html=_request_link,
        ),
        Column(gettext_lazy("Received"), lambda r: r.received_on.strftime("%-d %B %Y")),
        Column(gettext_lazy("Respond by"), lambda r: r.due_on.strftime("%-d %B %Y")),
        Column(gettext_lazy("Status"), lambda r: r.get_status_display()),
    ]

    def select(self, **filters):
        return SubjectRequest.objects.filter(**filters)


class RequestCreateView(PermissionRequiredMixin, View):
    permission_required = "privacy.handle_subject_request"

    def _customer(self, request):
        try:
            return Customer.objects.get(pk=int(request.GET.get("customer", "")))
        except (ValueError, Customer.DoesNotExist):
            raise Http404 from None

    def get(self, request):
        customer = self._customer(request)
        form = SubjectRequestForm(initial={"received_on": timezone.localdate()})
        return render(request, "privacy/request_form.html", {"customer": customer, "form": form})

    def post(self, request):
        customer = self._customer(request)
        form = SubjectRequestForm(request.POST)
        if form.is_valid():
            item = services.subject_request_record(
                customer=customer, user=request.user, **form.cleaned_data
            )
            return redirect("privacy:request", item.pk)
        return render(request, "privacy/request_form.html", {"customer": customer, "form": form})


class RequestView(PermissionRequiredMixin, View):
    permission_required = "privacy.handle_subject_request"

    def get(self, request, pk):
        item = get_object_or_404(SubjectRequest.objects.select_related("customer"), pk=pk)
        holds = (
            services.erasure_holds(item.customer)
            if item.customer and item.kind == "erasure"
            else []
        )
        fmt = request.GET.get("format")
        if fmt in ("json", "pdf"):
            if item.customer is None:
                raise Http404
            sections = subject_data(item.customer)
            if fmt == "json":
                payload = {
                    "customer_reference": item.customer_reference,
                    "exported_at": timezone.now(),
                    "sections": [{"heading": h, "records": r} for h, r in sections],
                }
                response = HttpResponse(
                    json.dumps(payload, cls=DjangoJSONEncoder, indent=2),
                    content_type="application/json",
                )
                response["Content-Disposition"] = (
                    f'attachment; filename="{item.customer_reference}.json"'
                )
                return response
            return pdf_response(
                "privacy/subject_access_pdf.html",
                {"item": item, "sections": sections, "exported_at": timezone.now()},
                filename=f"{item.customer_reference}.pdf",
            )
        return render(request, "privacy/request.html", {"item": item, "holds": holds})

    def post(self, request, pk):
        item = get_object_or_404(SubjectRequest.objects.select_related("customer"), pk=pk)
        try:
            if item.kind == SubjectRequest.Kind.ERASURE:
                services.erasure_carry_out(request=item, user=request.user)
                messages.success(request, _("The customer's personal data has been erased"))
            else:
                services.subject_access_complete(request=item, user=request.user)
                messages.success(request, _("Request marked as completed"))
        except ValidationError as error:
            holds = services.erasure_holds(item.customer) if item.customer else []
            return render(
                request,
                "privacy/request.html",
                {"item": item, "holds": holds, "errors": [{"text": m} for m in error.messages]},
            )
        return redirect("privacy:request", pk)


def customer_panel(*, request, obj) -> str:
    """On a customer's page, for those who handle subject rights requests."""
    if not request.user.has_perm("privacy.handle_subject_request"):
        return ""
    return render_to_string("privacy/_customer_panel.html", {"customer": obj}, request=request)
