from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from apps.core.formats import long_date as _date
from apps.core.govuk import summary_rows
from apps.core.panels import panels_for
from apps.core.views import Column, HistoryView, StaffListView

from . import selectors, services
from .forms import (
    AccessLogFilterForm,
    CustomerForm,
    CustomerMergeForm,
    CustomerSearchForm,
    VulnerabilityForm,
)
from .models import AccessibilityNeed, Customer, VulnerabilityCategory


def _datetime(value) -> str:
    return date_format(localtime(value), "j F Y, H:i") if value else ""


def _customer_link(customer: Customer) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("customers:detail", args=[customer.pk]),
        customer.display_name,
    )


def _labels(codes, choices) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(code, code)) for code in codes or [])


class CustomerSearchView(PermissionRequiredMixin, TemplateView):
    """The advisor's landing page: one box, ranked results."""

    permission_required = "customers.view_customer"
    template_name = "customers/search.html"
    columns = [
        Column(gettext_lazy("Name"), lambda c: c.display_name, html=_customer_link),
        Column(gettext_lazy("Reference"), lambda c: c.reference),
        Column(gettext_lazy("Date of birth"), lambda c: _date(c.date_of_birth)),
        Column(gettext_lazy("Address"), lambda c: ", ".join(c.address.splitlines())),
        Column(gettext_lazy("Postcode"), lambda c: c.postcode),
        Column(gettext_lazy("Phone"), lambda c: c.phone),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CustomerSearchForm(self.request.GET or None)
        results = None
        if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
            results = selectors.customer_search(query=form.cleaned_data["q"])
        context["form"] = form
        context["results"] = results
        if results:
            context["table"] = {
                "caption": _("Customers matching your search"),
                "captionClasses": "govuk-table__caption--m",
                "head": [{"text": str(c.label)} for c in self.columns],
                "rows": [[c.cell(customer) for c in self.columns] for customer in results],
            }
        return context


class CustomerCreateView(PermissionRequiredMixin, FormView):
    permission_required = "customers.add_customer"
    template_name = "customers/customer_form.html"
    form_class = CustomerForm

    def form_valid(self, form):
        try:
            customer = services.customer_create(
                created_by=self.request.user, **form.customer_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s added with reference %(reference)s")
            % {"name": customer.display_name, "reference": customer.reference},
        )
        return redirect("customers:detail", pk=customer.pk)


class CustomerEditView(PermissionRequiredMixin, FormView):
    permission_required = "customers.change_customer"
    template_name = "customers/customer_form.html"
    form_class = CustomerForm

    def dispatch(self, request, *args, **kwargs):
        self.customer = get_object_or_404(Customer, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.customer}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "customer": self.customer}

    def form_valid(self, form):
        try:
            customer = services.customer_update(
                customer=self.customer, changed_by=self.request.user, **form.customer_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Details saved"))
        return redirect("customers:detail", pk=customer.pk)


class CustomerDetailView(PermissionRequiredMixin, TemplateView):
    """A customer's record: details, needs, vulnerability (for permitted roles), timeline."""

    permission_required = "customers.view_customer"
    template_name = "customers/customer_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        customer = selectors.customer_detail_for(
            customer_id=self.kwargs["pk"], user=self.request.user
        )
        business = customer.kind == Customer.Kind.BUSINESS
        pairs = [(_("Reference"), customer.reference), (_("Kind"), customer.get_kind_display())]
        if business:
            pairs.append((_("Business name"), customer.business_name))
            if customer.first_name or customer.last_name:
                pairs.append(
                    (_("Contact name"), f"{customer.first_name} {customer.last_name}".strip())
                )
        else:
            pairs.append((_("Name"), customer.display_name))
            pairs.append((_("Date of birth"), _date(customer.date_of_birth)))
        pairs += [
            (_("Phone"), customer.phone),
            (_("Other phone"), customer.phone_other),
            (_("Email"), customer.email),
            (_("Address"), ", ".join(customer.address.splitlines())),
            (_("Postcode"), customer.postcode),
            (_("UPRN"), customer.uprn),
            (_("Preferred channel"), customer.get_preferred_channel_display()),
            (_("Preferred language"), customer.language or _("English")),
        ]
        context["customer"] = customer
        context["log_contact_url"] = f"{reverse('contacts:log')}?customer={customer.pk}"
        context["detail_rows"] = summary_rows(pairs)
        context["needs_rows"] = summary_rows(
            [
                (
                    _("Accessibility needs"),
                    _labels(customer.accessibility_needs, AccessibilityNeed.choices)
                    or _("None recorded"),
                ),
                (_("Other needs"), customer.accessibility_notes),
            ]
        )
        if customer.vulnerability_list is not None:
            context["vulnerability_cards"] = [
                {
                    "card": {
                        "title": {
                            "text": _("Recorded %(date)s")
                            % {"date": _date(localtime(v.recorded_at))}
                        }
                    },
                    "rows": summary_rows(
                        [
                            (
                                _("Vulnerability"),
                                _labels(v.categories, VulnerabilityCategory.choices),
                            ),
                            (_("Lawful basis"), v.get_lawful_basis_display()),
                            (_("Consent given by"), v.consent_given_by),
                            (_("How to support them"), v.support_notes),
                            (_("Review date"), _date(v.review_date)),
                            (_("Recorded by"), v.recorded_by),
                        ]
                    ),
                }
                for v in customer.vulnerability_list
            ]
        context["timeline"] = self._timeline(selectors.customer_timeline(customer=customer))
        context["panels"] = panels_for("customer", request=self.request, obj=customer)
        return context

    def _timeline(self, entries):
        rows = []
        for entry in entries:
            if entry["kind"] == "contact":
                what = format_html(
                    "{}<br><span class='govuk-body-s'>{}</span>",
                    entry["reason"],
                    ", ".join(entry["services"]),
                )
                rows.append(
                    [
                        {"text": _datetime(entry["when"])},
                        {"text": _("Contact: %(channel)s") % {"channel": entry["channel"]}},
                        {"html": what},
                        {"text": entry["outcome"]},
                        {"text": str(entry["advisor"])},
                    ]
                )
            else:
                due = (
                    _("Due %(date)s") % {"date": _date(entry["sla_due"])}
                    if entry["sla_due"]
                    else ""
                )
                rows.append(
                    [
                        {"text": _datetime(entry["when"])},
                        {
                            "text": _("Service request %(reference)s")
                            % {"reference": entry["reference"]}
                        },
                        {"text": entry["service"]},
                        {
                            "text": f"{entry['status']}. {due}".strip(". ")
                            if due
                            else entry["status"]
                        },
                        {"text": ""},
                    ]
                )
        if not rows:
            return None
        return {
            "caption": _("Contacts and open service requests, newest first"),
            "captionClasses": "govuk-visually-hidden",
            "head": [
                {"text": _("When")},
                {"text": _("What")},
                {"text": _("Details")},
                {"text": _("Outcome or status")},
                {"text": _("Advisor")},
            ],
            "rows": rows,
        }


class VulnerabilityCreateView(PermissionRequiredMixin, FormView):
    permission_required = "customers.change_vulnerability"
    template_name = "customers/vulnerability_form.html"
    form_class = VulnerabilityForm

    def dispatch(self, request, *args, **kwargs):
        self.customer = get_object_or_404(Customer, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "customer": self.customer}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.vulnerability_record(
                customer=self.customer,
                recorded_by=self.request.user,
                categories=data["categories"],
                lawful_basis=data["lawful_basis"],
                consent_given_by=data["consent_given_by"],
                support_notes=data["support_notes"],
                review_date=data["review_date"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Vulnerability recorded"))
        return redirect("customers:detail", pk=self.customer.pk)


class CustomerMergeView(PermissionRequiredMixin, FormView):
    """Choose the duplicate by reference, check both records, then confirm the merge."""

    permission_required = "customers.merge_customer"
    template_name = "customers/merge_form.html"
    form_class = CustomerMergeForm

    def dispatch(self, request, *args, **kwargs):
        self.customer = get_object_or_404(Customer, pk=kwargs["pk"], merged_into__isnull=True)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "survivor": self.customer}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "customer": self.customer}

    def form_valid(self, form):
        duplicate = form.duplicate
        if not form.cleaned_data["confirmed"]:
            return render(
                self.request,
                "customers/merge_confirm.html",
                {
                    "customer": self.customer,
                    "duplicate": duplicate,
                    "form": form,
                    "survivor_rows": _merge_rows(self.customer),
                    "duplicate_rows": _merge_rows(duplicate),
                },
            )
        try:
            merge = services.customer_merge(
                survivor=self.customer,
                duplicate=duplicate,
                merged_by=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(duplicate)s merged into this record: %(contacts)s contacts and %(requests)s "
                "requests moved"
            )
            % {
                "duplicate": duplicate.reference,
                "contacts": merge.moved["contacts"],
                "requests": merge.moved["requests"],
            },
        )
        return redirect("customers:detail", pk=self.customer.pk)


def _merge_rows(customer: Customer) -> list[dict]:
    return summary_rows(
        [
            (_("Reference"), customer.reference),
            (_("Name"), customer.display_name),
            (_("Date of birth"), _date(customer.date_of_birth)),
            (_("Address"), ", ".join(customer.address.splitlines())),
            (_("Postcode"), customer.postcode),
            (_("Phone"), customer.phone),
            (_("Email"), customer.email),
        ]
    )


class CustomerHistoryView(HistoryView):
    permission_required = "customers.view_customer_history"

    def get_object(self):
        return get_object_or_404(Customer, pk=self.kwargs["pk"])

    def get_back_url(self, customer):
        return reverse("customers:detail", args=[customer.pk])


def _log_customer_link(entry) -> str:
    return format_html_join(
        "",
        '<a class="govuk-link" href="{}">{}</a>',
        [(reverse("customers:detail", args=[entry.customer_id]), entry.customer.reference)],
    )


class AccessLogListView(StaffListView):
    """Who looked at vulnerable customers' records, for administrators, with CSV."""

    permission_required = "customers.view_vulnerabilityaccesslog"
    template_name = "customers/access_log.html"
    filter_form_class = AccessLogFilterForm
    csv_filename = "vulnerability-access-log.csv"
    caption = gettext_lazy("Views of vulnerable customers' records")
    columns = [
        Column(gettext_lazy("When"), lambda e: _datetime(e.viewed_at)),
        Column(gettext_lazy("Viewed by"), lambda e: e.viewed_by.full_name or e.viewed_by.email),
        Column(gettext_lazy("Email"), lambda e: e.viewed_by.email),
        Column(
            gettext_lazy("Customer reference"),
            lambda e: e.customer.reference,
            html=_log_customer_link,
        ),
        Column(gettext_lazy("Page"), lambda e: e.context),
    ]

    def select(self, **filters):
        return selectors.access_log_list(**filters)
