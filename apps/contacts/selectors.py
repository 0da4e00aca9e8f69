"""Reads about contacts, referrals and the call log, shaped for pages and reports."""

import datetime

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.catalogue.models import Service

from .models import CallReason, ClientServiceCall, Contact, Outcome, ReferralAuthorisation

EXAMPLES_PER_GROUP = 3


def local_day_range(date_from: datetime.date, date_to: datetime.date):
    """The aware datetimes from the start of date_from to the end of date_to, in local time."""
    start = timezone.make_aware(datetime.datetime.combine(date_from, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, end


def services_for_logging() -> QuerySet[Service]:
    """Offered services, with their department, in name order (the log-a-contact choices)."""
    return Service.objects.filter(is_active=True).select_related("department").order_by("name")


def services_with_scripts(*, ids) -> list[Service]:
    """The chosen services with the script and agreed route the advisor needs to see."""
    clean_ids = [int(i) for i in ids if str(i).isdigit()]
    if not clean_ids:
        return []
    return list(services_for_logging().filter(pk__in=clean_ids))


def call_reasons() -> QuerySet[CallReason]:
    """Active call reasons of every department, department by department."""
    return CallReason.objects.filter(is_active=True).select_related("department")


def contact_detail(*, pk: int) -> Contact:
    """One contact with everything its page shows loaded up front."""
    return (
        Contact.objects.select_related(
            "customer",
            "site",
            "advisor",
            "team",
            "authorisation__department",
            "authorisation__requested_by",
            "authorisation__decided_by",
        )
        .prefetch_related(
            "services__department",
            "client_calls__department",
            "client_calls__reason",
            "client_calls__made_by",
            "requests",
        )
        .get(pk=pk)
    )


def _authorisations() -> QuerySet[ReferralAuthorisation]:
    return ReferralAuthorisation.objects.select_related(
        "contact__customer", "department", "requested_by", "decided_by"
    )


def authorisation_queue(*, manager, department=None) -> QuerySet[ReferralAuthorisation]:
    """Pending referrals outside the agreed route that this manager may decide (not their own),
    oldest first."""
    queue = (
        _authorisations()
        .filter(status=ReferralAuthorisation.Status.PENDING)
        .exclude(requested_by=manager)
    )
    if department:
        queue = queue.filter(department=department)
    return queue.order_by("requested_at", "pk")


def referrals_for_advisor(*, advisor, status: str = "") -> QuerySet[ReferralAuthorisation]:
    """The advisor's requests to go outside the agreed route, newest first, with the decision."""
    referrals = _authorisations().filter(requested_by=advisor)
    if status:
        referrals = referrals.filter(status=status)
    return referrals.order_by("-requested_at", "-pk")


def contacts_for_customer(*, customer, limit: int = 50) -> list[Contact]:
    """The customer's most recent contacts, newest first, with advisor, site and services."""
    return list(
        Contact.objects.filter(customer=customer)
        .select_related("advisor", "site")
        .prefetch_related("services")
        .order_by("-started_at")[:limit]
    )


def liaison_report_rows(*, date_from, date_to, department=None) -> list[dict]:
    """Calls to client services in the period, grouped by department and reason, with counts,
    the share made outside the agreed process and up to three recent example details.

    Two queries whatever the volume: one aggregate, one windowed fetch of the examples.
    """
    start, end = local_day_range(date_from, date_to)
    calls = ClientServiceCall.objects.filter(made_at__gte=start, made_at__lt=end)
    if department:
        calls = calls.filter(department=department)
    groups = (
        calls.values("department_id", "department__name", "reason_id", "reason__name")
        .annotate(
            calls=Count("id"),
            outside=Count("id", filter=Q(within_agreed_process=False)),
        )
        .order_by("department__name", "-calls", "reason__name")
    )
    rows = []
    index = {}
    for group in groups:
        row = {
            "department_id": group["department_id"],
            "department": group["department__name"],
            "reason_id": group["reason_id"],
            "reason": group["reason__name"] or _("Other (described in words)"),
            "calls": group["calls"],
            "outside": group["outside"],
            "outside_share": group["outside"] / group["calls"] if group["calls"] else 0.0,
            "examples": [],
        }
        rows.append(row)
        index[(row["department_id"], row["reason_id"])] = row
    if not rows:
        return rows
    examples = (
        calls.exclude(reason_text="")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("department_id"), F("reason_id")],
                order_by=[F("made_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=EXAMPLES_PER_GROUP)
        .order_by("department_id", "reason_id", "rank")
        .values_list("department_id", "reason_id", "reason_text")
    )
    for department_id, reason_id, text in examples:
        row = index.get((department_id, reason_id))
        if row is not None:
            row["examples"].append(text)
    return rows


def contact_outcome_rates(*, date_from, date_to) -> dict:
    """Contacts started in the period and the rates that come from their outcomes.

    FCR rate and referral rate are shares of all contacts; the out-of-process rate is the
    share of referrals that went outside the agreed route. A rate is None with nothing to
    divide by.
    """
    start, end = local_day_range(date_from, date_to)
    totals = Contact.objects.filter(started_at__gte=start, started_at__lt=end).aggregate(
        total=Count("id"),
        resolved=Count("id", filter=Q(outcome=Outcome.RESOLVED)),
        referred=Count("id", filter=Q(outcome=Outcome.REFERRED)),
        referred_outside=Count("id", filter=Q(outcome=Outcome.REFERRED_OUTSIDE)),
    )
    total = totals["total"]
    referrals = totals["referred"] + totals["referred_outside"]
    return {
        **totals,
        "referrals": referrals,
        "fcr_rate": totals["resolved"] / total if total else None,
        "referral_rate": referrals / total if total else None,
        "out_of_process_rate": totals["referred_outside"] / referrals if referrals else None,
    }
