"""Staff pages: issue, list and revoke Open311 keys; moderate reports waiting as tokens."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from apps.core.govuk import summary_rows
from apps.core.views import Column, StaffListView

from . import selectors, services
from .forms import ApiKeyFilterForm, ApiKeyIssueForm, TokenDecisionForm
from .models import ApiKey, Token

PERMISSION = "open311.manage_apikey"
# Moderating reports is front-office work (team managers), not key management.
MODERATION_PERMISSION = "open311.change_token"
SESSION_KEY = "open311_issued_key"


def _when(value) -> str:
    return date_format(localtime(value), "j F Y H:i") if value else ""


def _key_state(key: ApiKey) -> str:
    return _("Revoked") if key.revoked_at else _("Live")


def _revoke_link(key: ApiKey) -> str:
    if key.revoked_at:
        return ""
    return format_html(
        '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}</span></a>',
        reverse("open311:key-revoke", args=[key.pk]),
        _("Revoke"),
        key.name,
    )


class ApiKeyListView(StaffListView):
    permission_required = PERMISSION
    template_name = "open311/key_list.html"
    filter_form_class = ApiKeyFilterForm
    csv_filename = "open311-keys.csv"
    caption = gettext_lazy("Open311 keys")
    columns = [
        Column(gettext_lazy("Client"), lambda k: k.name),
        Column(gettext_lazy("Key starts"), lambda k: k.prefix),
        Column(gettext_lazy("Requests an hour"), lambda k: k.rate_limit_per_hour),
        Column(gettext_lazy("Moderated"), lambda k: _("Yes") if k.moderated else _("No")),
        Column(gettext_lazy("Uses"), lambda k: k.usage_count),
        Column(gettext_lazy("Last used"), lambda k: _when(k.last_used_at)),
        Column(gettext_lazy("Issued"), lambda k: _when(k.created_at)),
        Column(gettext_lazy("State"), _key_state),
        Column(gettext_lazy("Action"), lambda k: "", html=_revoke_link),
    ]

    def select(self, *, search="", state=""):
        keys = selectors.api_key_list()
        if search:
            keys = keys.filter(Q(name__icontains=search) | Q(prefix__istartswith=search))
        if state == "live":
            keys = keys.filter(revoked_at__isnull=True)
        elif state == "revoked":
            keys = keys.filter(revoked_at__isnull=False)
        return keys


class ApiKeyIssueView(PermissionRequiredMixin, FormView):
    permission_required = PERMISSION
    template_name = "open311/key_issue.html"
    form_class = ApiKeyIssueForm

    def form_valid(self, form):
        try:
            api_key, plain = services.api_key_issue(
                created_by=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        # Shown once, on the next page, then forgotten.
        self.request.session[SESSION_KEY] = {"pk": api_key.pk, "key": plain}
        return redirect("open311:key-issued", pk=api_key.pk)


class ApiKeyIssuedView(PermissionRequiredMixin, TemplateView):
    permission_required = PERMISSION
    template_name = "open311/key_issued.html"

    def get(self, request, *args, **kwargs):
        issued = request.session.pop(SESSION_KEY, None)
        if not issued or issued.get("pk") != kwargs["pk"]:
            messages.info(request, _("A key is shown only once. Issue a new one if it was lost."))
            return redirect("open311:key-list")
        self.api_key = get_object_or_404(ApiKey, pk=kwargs["pk"])
        self.plain = issued["key"]
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "api_key": self.api_key, "key": self.plain}


class ApiKeyRevokeView(PermissionRequiredMixin, TemplateView):
    permission_required = PERMISSION
    template_name = "open311/key_revoke.html"

    def dispatch(self, request, *args, **kwargs):
        self.api_key = get_object_or_404(ApiKey, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "api_key": self.api_key}

    def post(self, request, *args, **kwargs):
        services.api_key_revoke(api_key=self.api_key)
        messages.success(request, _("The key for %(name)s is revoked") % {"name": self.api_key})
        return redirect("open311:key-list")


def _token_link(token: Token) -> str:
    return format_html(
        '<a class="govuk-link" href="{}">{}</a>',
        reverse("open311:token-detail", args=[token.pk]),
        str(token.token)[:8],
    )


class TokenListView(StaffListView):
    permission_required = MODERATION_PERMISSION
    template_name = "open311/token_list.html"
    filter_form_class = ApiKeyFilterForm
    csv_filename = "open311-pending.csv"
    caption = gettext_lazy("Reports waiting for moderation")
    columns = [
        Column(gettext_lazy("Token"), lambda t: str(t.token), html=_token_link),
        Column(gettext_lazy("Client"), lambda t: t.api_key.name),
        Column(gettext_lazy("Service"), lambda t: t.payload.get("service_code", "")),
        Column(gettext_lazy("Location"), lambda t: t.payload.get("address", "")),
        Column(gettext_lazy("Posted"), lambda t: _when(t.created_at)),
    ]

    def select(self, *, search="", state=""):
        tokens = selectors.pending_tokens()
        if search:
            tokens = tokens.filter(api_key__name__icontains=search)
        return tokens


class TokenDetailView(PermissionRequiredMixin, FormView):
    permission_required = MODERATION_PERMISSION
    template_name = "open311/token_detail.html"
    form_class = TokenDecisionForm

    def dispatch(self, request, *args, **kwargs):
        self.token = get_object_or_404(Token.objects.select_related("api_key"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        payload = self.token.payload
        contact = payload.get("contact") or {}
        location = payload.get("address") or ""
        if payload.get("latitude"):
            location = f"{location} ({payload['latitude']}, {payload['longitude']})".strip()
        rows = summary_rows(
            [
                (_("Client"), self.token.api_key.name),
                (_("Posted"), _when(self.token.created_at)),
                (_("State"), self.token.get_status_display()),
                (_("Service"), payload.get("service_code")),
                (_("Description"), payload.get("description")),
                (_("Location"), location),
                (_("UPRN"), payload.get("uprn")),
                (
                    _("Answers"),
                    "; ".join(f"{k}: {v}" for k, v in (payload.get("attributes") or {}).items()),
                ),
                (
                    _("Reported by"),
                    " ".join(filter(None, [contact.get("first_name"), contact.get("last_name")])),
                ),
                (_("Email"), contact.get("email")),
                (_("Phone"), contact.get("phone")),
            ]
        )
        return {
            **super().get_context_data(**kwargs),
            "token": self.token,
            "summary_rows": rows,
            "pending": self.token.status == Token.Status.PENDING,
        }

    def form_valid(self, form):
        try:
            if form.cleaned_data["decision"] == "accept":
                request = services.token_accept(token=self.token, accepted_by=self.request.user)
                messages.success(
                    self.request,
                    _("Accepted: service request %(reference)s raised")
                    % {"reference": request.reference},
                )
            else:
                services.token_reject(token=self.token, rejected_by=self.request.user)
                messages.success(self.request, _("The report was rejected"))
        except ValidationError as error:
            # The report's own fields are not this form's: show their messages at the top.
            form.add_error(None, ValidationError(error.messages))
            return self.form_invalid(form)
        return redirect("open311:token-list")
