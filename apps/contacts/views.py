from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from apps.catalogue.models import ReferralRoute
from apps.core.exports import csv_response
from apps.core.formats import when
from apps.core.forms import add_errors
from apps.core.govuk import summary_rows
from apps.core.panels import panels_for
from apps.core.views import Column, HistoryView, StaffListView
from apps.customers.forms import CustomerForm
from apps.customers.models import Customer
from apps.customers.selectors import customer_search
from apps.customers.services import customer_create

from . import selectors, services
from .forms import (
    NEW_CUSTOMER,
    AuthorisationFilterForm,
    ClientCallForm,
    ContactLogForm,
    DecisionForm,
    LiaisonReportForm,
    ReferralFilterForm,
)
from .models import Contact, ReferralAuthorisation

Status = ReferralAuthorisation.Status
GET_BUTTON = {"formmethod": "get", "formnovalidate": "formnovalidate"}


def _contact_link(contact_id: int) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("contacts:detail", args=[contact_id]),
        _("Contact %(number)s") % {"number": contact_id},
    )


def _status_tag(authorisation) -> str:
    colour = {
        Status.PENDING: "govuk-tag--yellow",
        Status.APPROVED: "govuk-tag--green",
        Status.DECLINED: "govuk-tag--red",
    }[authorisation.status]
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', colour, authorisation.get_status_display()
    )


class ContactLogView(PermissionRequiredMixin, View):
    """Log a contact. "Search" and "Show scripts" are GETs that redraw the page as filled in."""

    permission_required = "contacts.add_contact"
    template_name = "contacts/log.html"

    def _customers(self, data) -> list[Customer]:
        found: list[Customer] = []
        chosen = str(data.get("customer", ""))
        if chosen.isdigit():
            customer = Customer.objects.filter(pk=int(chosen), merged_into__isnull=True).first()
            if customer is not None:
                found.append(customer)
        query = (data.get("q") or "").strip()
        if query:
            found += [c for c in customer_search(query=query, limit=10) if c not in found]
        return found

    def _render(self, request, form, new_customer_form, chosen_ids, status=200):
        chosen = selectors.services_with_scripts(ids=chosen_ids)
        context = {
            "form": form,
            "new_customer_form": new_customer_form,
            "chosen_services": chosen,
            "request_route_chosen": any(
                s.referral_route == ReferralRoute.SERVICE_REQUEST for s in chosen
            ),
            # "Search" and "Show scripts" submit the same form as a GET, so nothing is saved.
            "search_attrs": GET_BUTTON,
            "scripts_attrs": GET_BUTTON,
            "customer_search_input": {
                "id": "q",
                "name": "q",
                "type": "search",
                "value": (request.GET.get("q") or request.POST.get("q") or "").strip(),
                "label": {"text": _("Search for a customer")},
                "hint": {"text": _("Name, customer reference, phone, email or postcode")},
                "classes": "govuk-!-width-two-thirds",
                "spellcheck": False,
                "autocomplete": "off",
            },
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        if "csrfmiddlewaretoken" in request.GET:
            # The page's GET buttons submit the whole form: keep the token out of the address.
            query = request.GET.copy()
            del query["csrfmiddlewaretoken"]
            return redirect(f"{request.path}?{query.urlencode()}")
        data = request.GET
        initial = {name: data.get(name) for name in ContactLogForm.base_fields if name in data}
        initial["services"] = data.getlist("services")
        initial.setdefault("channel", "phone")
        customers = self._customers(data)
        if "customer" not in initial and data.get("q") and len(customers) == 1:
            initial["customer"] = str(customers[0].pk)
        form = ContactLogForm(initial=initial, customers=customers)
        new_customer_form = CustomerForm(
            prefix="new",
            initial={
                name: data.get(f"new-{name}")
                for name in CustomerForm.base_fields
                if f"new-{name}" in data
            },
        )
        return self._render(request, form, new_customer_form, data.getlist("services"))

    def post(self, request):
        data = request.POST
        form = ContactLogForm(data, customers=self._customers(data))
        wants_new = data.get("customer") == NEW_CUSTOMER
        if wants_new:
            new_customer_form = CustomerForm(data, prefix="new")
        else:
            new_customer_form = CustomerForm(
                prefix="new",
                initial={name: data.get(f"new-{name}") for name in CustomerForm.base_fields},
            )
        valid = form.is_valid()
        if wants_new:
            valid = new_customer_form.is_valid() and valid
        if valid:
            try:
                with transaction.atomic():
                    customer = form.cleaned_data["customer"]
                    if wants_new:
                        try:
                            customer = customer_create(
                                created_by=request.user, **new_customer_form.customer_fields()
                            )
                        except ValidationError as error:
                            add_errors(new_customer_form, error)
                            raise
                    elif not isinstance(customer, Customer):
                        customer = None
                    contact = services.contact_log(
                        advisor=request.user, customer=customer, **form.contact_fields()
                    )
            except ValidationError as error:
                if not new_customer_form.errors:
                    add_errors(form, error)
            else:
                self._confirm(request, contact)
                return redirect("contacts:detail", pk=contact.pk)
        return self._render(request, form, new_customer_form, data.getlist("services"))

    def _confirm(self, request, contact):
        text = _("Contact %(number)s logged") % {"number": contact.pk}
        if contact.raised_request is not None:
            text += ". " + _("Service request %(reference)s raised") % {
                "reference": contact.raised_request.reference
            }
        if hasattr(contact, "authorisation"):
            text += ". " + _("The referral is waiting for a team manager’s authorisation")
        messages.success(request, text)


class ContactDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "contacts.view_contact"
    template_name = "contacts/detail.html"

    def get_context_data(self, **kwargs):
        try:
            contact = selectors.contact_detail(pk=self.kwargs["pk"])
        except Contact.DoesNotExist:
            raise Http404 from None
        context = super().get_context_data(**kwargs)
        minutes, seconds = divmod(contact.duration_seconds, 60)
        customer = contact.customer
        context["contact"] = contact
        context["panels"] = panels_for("contact", request=self.request, obj=contact)
        context["summary_rows"] = summary_rows(
            [
                (
                    _("Customer"),
                    f"{customer.display_name} ({customer.reference})"
                    if customer
                    else _("Anonymous"),
                ),
                (_("Channel"), contact.get_channel_display()),
                (_("Site"), contact.site),
                (_("Advisor"), contact.advisor),
                (_("Started"), when(contact.started_at)),
                (_("Duration"), _("%(m)d min %(s)02d s") % {"m": minutes, "s": seconds}),
                (_("Services"), ", ".join(s.name for s in contact.services.all())),
                (_("Reason for contact"), contact.reason),
                (_("Outcome"), contact.get_outcome_display()),
                (_("Signposted to"), contact.signposted_to),
                (
                    _("A system was unavailable"),
                    contact.unavailable_system if contact.system_unavailable else _("No"),
                ),
                (_("Notes"), contact.notes),
            ]
        )
        authorisation = getattr(contact, "authorisation", None)
        context["authorisation"] = authorisation
        if authorisation is not None:
            context["authorisation_rows"] = summary_rows(
                [
                    (_("Status"), authorisation.get_status_display()),
                    (_("Department"), authorisation.department),
                    (_("Asked by"), authorisation.requested_by),
                    (_("Asked"), when(authorisation.requested_at)),
                    (_("Why"), authorisation.request_reason),
                    (_("Decided by"), authorisation.decided_by),
                    (_("Decided"), when(authorisation.decided_at)),
                    (_("Reason for the decision"), authorisation.decision_reason),
                ]
            )
            user = self.request.user
            context["can_decide"] = (
                authorisation.status == Status.PENDING
                and authorisation.requested_by_id != user.pk
                and user.has_perm("contacts.authorise_referral")
            )
        context["calls_table"] = {
            "caption": _("Calls to client services"),
            "captionClasses": "govuk-table__caption--m",
            "head": [
                {"text": _("When")},
                {"text": _("Department")},
                {"text": _("Reason")},
                {"text": _("Within the agreed process")},
            ],
            "rows": [
                [
                    {"text": when(call.made_at)},
                    {"text": str(call.department)},
                    {"text": " – ".join(str(p) for p in (call.reason, call.reason_text) if p)},
                    {"text": _("Yes") if call.within_agreed_process else _("No")},
                ]
                for call in contact.client_calls.all()
            ],
        }
        context["service_requests"] = list(contact.requests.all())
        return context


class AuthorisationQueueView(StaffListView):
    permission_required = "contacts.authorise_referral"
    template_name = "contacts/authorisation_list.html"
    filter_form_class = AuthorisationFilterForm
    csv_filename = "referral-authorisations.csv"
    caption = gettext_lazy("Referrals waiting for authorisation")
    columns = [
        Column(gettext_lazy("Asked"), lambda a: when(a.requested_at)),
        Column(gettext_lazy("Advisor"), lambda a: a.requested_by),
        Column(gettext_lazy("Department"), lambda a: a.department),
        Column(
            gettext_lazy("Customer"),
            lambda a: a.contact.customer.display_name if a.contact.customer else _("Anonymous"),
        ),
        Column(gettext_lazy("Why"), lambda a: a.request_reason),
        Column(
            gettext_lazy("Decide"),
            lambda a: reverse("contacts:authorisation-decide", args=[a.contact_id]),
            html=lambda a: format_html(
                '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
                reverse("contacts:authorisation-decide", args=[a.contact_id]),
                _("Decide"),
                _("the request from %(who)s") % {"who": a.requested_by},
            ),
        ),
    ]

    def select(self, **filters):
        return selectors.authorisation_queue(manager=self.request.user, **filters)


class MyReferralsView(StaffListView):
    permission_required = "contacts.view_referralauthorisation"
    template_name = "contacts/my_referrals.html"
    filter_form_class = ReferralFilterForm
    csv_filename = "my-referrals.csv"
    caption = gettext_lazy("My referrals outside the agreed route")
    columns = [
        Column(gettext_lazy("Asked"), lambda a: when(a.requested_at)),
        Column(
            gettext_lazy("Contact"),
            lambda a: a.contact_id,
            html=lambda a: _contact_link(a.contact_id),
        ),
        Column(gettext_lazy("Department"), lambda a: a.department),
        Column(gettext_lazy("Why"), lambda a: a.request_reason),
        Column(gettext_lazy("Status"), lambda a: a.get_status_display(), html=_status_tag),
        Column(gettext_lazy("Decided by"), lambda a: a.decided_by or ""),
        Column(gettext_lazy("Reason for the decision"), lambda a: a.decision_reason),
    ]

    def select(self, **filters):
        return selectors.referrals_for_advisor(advisor=self.request.user, **filters)


class AuthorisationDecideView(PermissionRequiredMixin, FormView):
    permission_required = "contacts.authorise_referral"
    template_name = "contacts/decide.html"
    form_class = DecisionForm

    def dispatch(self, request, *args, **kwargs):
        self.authorisation = get_object_or_404(
            ReferralAuthorisation.objects.select_related(
                "contact__customer", "department", "requested_by", "decided_by"
            ),
            contact_id=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        a = self.authorisation
        contact = a.contact
        return {
            **super().get_context_data(**kwargs),
            "authorisation": a,
            "own_request": a.requested_by_id == self.request.user.pk,
            "request_rows": summary_rows(
                [
                    (_("Asked by"), a.requested_by),
                    (_("Asked"), when(a.requested_at)),
                    (_("Department"), a.department),
                    (
                        _("Customer"),
                        contact.customer.display_name if contact.customer else _("Anonymous"),
                    ),
                    (_("Reason for contact"), contact.reason),
                    (_("Why it needs to go outside the agreed route"), a.request_reason),
                ]
            ),
        }

    def form_valid(self, form):
        try:
            decided = services.referral_decide(
                authorisation=self.authorisation,
                decided_by=self.request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("You %(decision)s the referral from %(who)s")
            % {
                "decision": _("approved") if decided.status == Status.APPROVED else _("declined"),
                "who": decided.requested_by,
            },
        )
        return redirect("contacts:authorisations")


class ClientCallView(PermissionRequiredMixin, FormView):
    permission_required = "contacts.add_clientservicecall"
    template_name = "contacts/client_call.html"
    form_class = ClientCallForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            call = services.client_call_log(
                made_by=self.request.user,
                department=data["department"],
                reason=data["call_reason"],
                reason_text=data["reason_text"],
                within_agreed_process=data["within_agreed_process"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Call to %(department)s logged") % {"department": call.department}
        )
        return redirect("contacts:client-call")


class LiaisonReportView(PermissionRequiredMixin, TemplateView):
    permission_required = "contacts.view_liaison_report"
    template_name = "contacts/liaison_report.html"

    def _form(self):
        if self.request.GET:
            return LiaisonReportForm(self.request.GET)
        today = localdate()
        start = today.replace(day=1)
        return LiaisonReportForm(
            {
                "date_from_day": start.day,
                "date_from_month": start.month,
                "date_from_year": start.year,
                "date_to_day": today.day,
                "date_to_month": today.month,
                "date_to_year": today.year,
            }
        )

    def get(self, request, *args, **kwargs):
        form = self._form()
        rows = rates = None
        if form.is_valid():
            period = {
                "date_from": form.cleaned_data["date_from"],
                "date_to": form.cleaned_data["date_to"],
            }
            rows = selectors.liaison_report_rows(
                **period, department=form.cleaned_data["department"]
            )
            if request.GET.get("format") == "csv":
                return csv_response(
                    filename="liaison-report.csv",
                    header=[
                        _("Department"),
                        _("Reason"),
                        _("Calls"),
                        _("Outside the agreed process"),
                        _("Share outside the agreed process (%)"),
                        _("Examples"),
                    ],
                    rows=rows,
                    row=lambda r: [
                        r["department"],
                        r["reason"],
                        r["calls"],
                        r["outside"],
                        f"{r['outside_share'] * 100:.1f}",
                        " | ".join(r["examples"]),
                    ],
                )
            rates = selectors.contact_outcome_rates(**period)
        query = {k: v for k, v in form.data.items() if k != "format"}
        context = self.get_context_data(
            form=form,
            rows=rows,
            table=self._table(rows) if rows else None,
            rates_rows=self._rates(rates) if rates else None,
            query_string=urlencode(query),
        )
        return self.render_to_response(context)

    def _table(self, rows):
        return {
            "caption": _("Calls to client services by department and reason"),
            "captionClasses": "govuk-table__caption--m",
            "head": [
                {"text": _("Department")},
                {"text": _("Reason")},
                {"text": _("Calls"), "format": "numeric"},
                {"text": _("Outside the agreed process"), "format": "numeric"},
                {"text": _("Share outside"), "format": "numeric"},
                {"text": _("Examples")},
            ],
            "rows": [
                [
                    {"text": r["department"]},
                    {"text": r["reason"]},
                    {"text": str(r["calls"]), "format": "numeric"},
                    {"text": str(r["outside"]), "format": "numeric"},
                    {"text": f"{r['outside_share'] * 100:.0f}%", "format": "numeric"},
                    {"text": "; ".join(r["examples"]) or "—"},
                ]
                for r in rows
            ],
        }

    def _rates(self, rates):
        def percent(value):
            return "—" if value is None else f"{value * 100:.1f}%"

        return summary_rows(
            [
                (_("Contacts"), rates["total"]),
                (_("Resolved at first point of contact"), percent(rates["fcr_rate"])),
                (_("Referred to a client service"), percent(rates["referral_rate"])),
                (
                    _("Referrals outside the agreed route"),
                    percent(rates["out_of_process_rate"]),
                ),
            ]
        )


class ContactHistoryView(HistoryView):
    """Every saved change to a contact and to its referral authorisation."""

    permission_required = "contacts.view_contact_history"

    def get_object(self):
        return get_object_or_404(Contact, pk=self.kwargs["pk"])

    def get_back_url(self, contact):
        return reverse("contacts:detail", args=[contact.pk])

    def get_sources(self, contact):
        authorisation = ReferralAuthorisation.objects.filter(contact=contact).first()
        return [(_("Contact"), contact), (_("Referral authorisation"), authorisation)]
