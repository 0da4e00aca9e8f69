"""Shared view pieces (the generic list page) and core's own pages."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import connection
from django.db.models import Q
from django.http import JsonResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from .exports import csv_response
from .history import history_cards, history_entries
from .models import OutboxMessage
from .navigation import ALL_AREAS_ANCHOR, sections_for


@dataclass(frozen=True)
class Column:
    """One column of a list page: its heading, its value, and optionally its HTML cell."""

    label: str
    value: Callable[[object], object]
    html: Callable[[object], str] | None = None

    def cell(self, obj) -> dict:
        if self.html is not None:
            return {"html": self.html(obj)}
        value = self.value(obj)
        return {"text": "" if value is None else str(value)}


class StaffListView(PermissionRequiredMixin, ListView):
    """A list page: filters in the query string, pagination, CSV of exactly what is shown.

    A subclass names its filter form, its selector call (`select`) and its columns; the
    table, filtering, paging and the CSV export (the same columns) live here once.
    """

    paginate_by = 50
    filter_form_class = None
    csv_filename = "export.csv"
    columns: list[Column] = []
    caption = ""

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = self.filter_form_class(self.request.GET or None)
        return self._filter_form

    def get_filters(self) -> dict:
        form = self.get_filter_form()
        if form.is_bound and form.is_valid():
            return {k: v for k, v in form.cleaned_data.items() if v not in (None, "", [])}
        return {}

    def select(self, **filters):
        raise NotImplementedError

    def get_queryset(self):
        return self.select(**self.get_filters())

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return csv_response(
                filename=self.csv_filename,
                header=[str(c.label) for c in self.columns],
                rows=self.get_queryset().iterator(chunk_size=2000),
                row=lambda obj: [c.value(obj) for c in self.columns],
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        context["filter_form"] = self.get_filter_form()
        context["query_string"] = query.urlencode()
        context["pagination"] = pagination_params(context.get("page_obj"), query)
        context["table"] = {
            "caption": str(self.caption),
            "captionClasses": "govuk-visually-hidden",
            "head": [{"text": str(c.label)} for c in self.columns],
            "rows": [[c.cell(obj) for c in self.columns] for obj in context["object_list"]],
        }
        return context


def pagination_params(page_obj, query) -> dict | None:
    """Parameters of the GOV.UK pagination component, keeping the page's filters."""
    if page_obj is None or page_obj.paginator.num_pages <= 1:
        return None

    def href(number):
        q = query.copy()
        q["page"] = number
        return "?" + q.urlencode()

    current = page_obj.number
    last = page_obj.paginator.num_pages
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    items, previous = [], None
    for number in shown:
        if previous is not None and number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == current})
        previous = number
    return {
        "items": items,
        "previous": {"href": href(current - 1)} if page_obj.has_previous() else None,
        "next": {"href": href(current + 1)} if page_obj.has_next() else None,
    }


class HomeView(TemplateView):
    """The staff home: who you are, and every area you may use, grouped by section."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = sections_for(self.request.user)
        # Three sections to a row of the GOV.UK grid.
        context["section_rows"] = [sections[i : i + 3] for i in range(0, len(sections), 3)]
        context["all_areas_id"] = ALL_AREAS_ANCHOR
        return context


@login_not_required
def health(request):
    """For load balancers: 200 when the database and the Celery broker both answer, else 503
    naming the part that failed. Each check waits at most settings.HEALTH_CHECK_TIMEOUT."""
    from django.conf import settings

    timeout = getattr(settings, "HEALTH_CHECK_TIMEOUT", 1.0)
    checks = {"database": _check_database, "broker": _check_broker}
    results = {}
    for name, check in checks.items():
        try:
            check(timeout)
            results[name] = "ok"
        except Exception as error:  # noqa: BLE001 - any failure means unhealthy
            # The kind of failure only: the page is public, so no addresses or messages.
            results[name] = f"error: {error.__class__.__name__}"
            logging.getLogger("firstpoint.health").warning(
                "Health check failed", extra={"part": name, "error": str(error)}
            )
    healthy = all(value == "ok" for value in results.values())
    failed = [name for name, value in results.items() if value != "ok"]
    return JsonResponse(
        {"status": "ok" if healthy else "error", "failed": failed, **results},
        status=200 if healthy else 503,
    )


def _check_database(timeout: float) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_broker(timeout: float) -> None:
    """PING the Redis broker; in eager mode (demo, tests) there is no broker to ask."""
    from django.conf import settings

    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return
    import redis

    client = redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_connect_timeout=timeout, socket_timeout=timeout
    )
    try:
        client.ping()
    finally:
        client.close()


class HistoryView(PermissionRequiredMixin, TemplateView):
    """A record's change history. A subclass says how to find the record and its back link."""

    template_name = "core/history.html"

    def get_object(self):
        raise NotImplementedError

    def get_back_url(self, obj) -> str:
        raise NotImplementedError

    def get_sources(self, obj) -> list[tuple[str, object]]:
        """(heading, instance) pairs whose histories the page shows; the record alone by default."""
        return [("", obj)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        context["object"] = obj
        context["back_url"] = self.get_back_url(obj)
        context["sections"] = [
            {
                "heading": heading,
                "cards": history_cards(
                    entries=history_entries(instance=instance), model=type(instance)
                ),
            }
            for heading, instance in self.get_sources(obj)
            if instance is not None
        ]
        return context


class OutboxFilterForm(forms.Form):
    search = forms.CharField(label=_("Recipient or subject"), required=False)
    purpose = forms.CharField(label=_("Purpose"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), *OutboxMessage.State.choices],
    )


class OutboxView(StaffListView):
    """Every email and text message firstpoint has sent or kept, newest first."""

    permission_required = "core.view_outboxmessage"
    template_name = "core/outbox.html"
    filter_form_class = OutboxFilterForm
    csv_filename = "outbox.csv"
    caption = _("Messages")
    columns = [
        Column(_("Created"), lambda m: date_format(localtime(m.created_at), "DATETIME_FORMAT")),
        Column(_("Channel"), lambda m: m.get_channel_display()),
        Column(_("To"), lambda m: m.to),
        Column(_("Purpose"), lambda m: m.purpose),
        Column(_("Subject"), lambda m: m.subject),
        Column(_("Message"), lambda m: m.body),
        Column(_("State"), lambda m: m.get_state_display()),
    ]

    def select(self, *, search="", purpose="", state=""):
        messages = OutboxMessage.objects.order_by("-created_at", "-id")
        if search:
            messages = messages.filter(Q(to__icontains=search) | Q(subject__icontains=search))
        if purpose:
            messages = messages.filter(purpose=purpose)
        if state:
            messages = messages.filter(state=state)
        return messages
