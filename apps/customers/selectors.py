"""Reads of customers: the one-box search, the record page, its timeline, the access log."""

import re

from django.db.models import Q, QuerySet
from django.http import Http404

from apps.accounts.models import User

from . import services
from .models import Customer, Vulnerability, VulnerabilityAccessLog
from .normalise import normalise_name, normalise_phone, normalise_postcode

OPEN_REQUEST_STATUSES = ("open", "assigned", "in_progress")
# A full UK postcode, or just its outward code (BC1, SW1A), without spaces.
POSTCODE_FULL = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
POSTCODE_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
NOTHING = Q(pk__in=[])
REFERENCE = re.compile(r"^C-?\d+$", re.IGNORECASE)


def _searchable() -> QuerySet[Customer]:
    return Customer.objects.filter(merged_into__isnull=True).only(
        "id",
        "reference",
        "kind",
        "first_name",
        "last_name",
        "business_name",
        "date_of_birth",
        "phone",
        "email",
        "address",
        "postcode",
    )


def _tiers(query: str) -> list[tuple[Q, tuple[str, ...]]]:
    """The search's ranked tiers as (filter, ordering): the first tier is the best match."""
    text = query.strip()
    upper = text.upper().replace(" ", "")
    digits = normalise_phone(text)
    name = normalise_name(text)
    postcode = normalise_postcode(text)
    # search_name ordering lets the database walk its index and stop at the limit.
    by_name = ("search_name", "id")
    is_phone = len(digits) >= 6 and len(digits) >= len(re.sub(r"[\s+()-]", "", text)) - 1
    tiers: list[tuple[Q, tuple[str, ...]]] = []

    if REFERENCE.match(upper):
        number = upper.replace("C-", "").replace("C", "")
        tiers.append(
            (Q(reference=services.format_reference(int(number))) | Q(reference=upper), by_name)
        )
    exact = NOTHING
    if "@" in text:
        exact |= Q(email=text.lower())
    if is_phone:
        exact |= Q(search_phone=digits)
        if digits.startswith("44"):
            exact |= Q(search_phone="0" + digits[2:])
    if POSTCODE_FULL.match(postcode):
        exact |= Q(search_postcode=postcode)
    tiers.append((exact, by_name))
    # A reference, phone number, email address or full postcode is never part of a name, so
    # the name tiers (the costly "contains" one above all) are not asked.
    if REFERENCE.match(upper) or is_phone or "@" in text or POSTCODE_FULL.match(postcode):
        return tiers
    prefix = NOTHING
    if name:
        # The range as well as the LIKE: PostgreSQL can then walk the name index from the
        # prefix in the same order it sorts by, instead of filtering it from the start
        # (measured: "first last" at 350,000 customers, p95 356 ms before).
        prefix |= Q(
            search_name__startswith=name,
            search_name__gte=name,
            search_name__lt=name[:-1] + chr(ord(name[-1]) + 1),
        )
    if POSTCODE_OUTWARD.match(postcode):
        prefix |= Q(search_postcode__startswith=postcode)
    tiers.append((prefix, by_name))
    words = name.split()
    if words:
        contains = Q()
        for word in words:
            contains &= Q(search_name__contains=word)
        tiers.append((contains, by_name))
    return tiers


def customer_search(*, query: str, limit: int = 20) -> list[Customer]:
    """Customers matching one search box, best first, never merged duplicates.

    Ranked: exact reference, then exact phone, email or postcode, then a name (or postcode)
    starting with the search, then a name containing every word. One query per tier, each
    limited, so the cost does not grow with the number of customers.
    """
    if not query or not query.strip():
        return []
    found: list[Customer] = []
    seen: set[int] = set()
    for condition, ordering in _tiers(query[:200]):
        if len(found) >= limit:
            break
        if condition == NOTHING:
            continue
        rows = _searchable().filter(condition).exclude(pk__in=seen).order_by(*ordering)
        for customer in rows[: limit - len(found)]:
            found.append(customer)
            seen.add(customer.pk)
    return found


def active_vulnerabilities(*, customer: Customer) -> QuerySet[Vulnerability]:
    """The customer's vulnerability records still in force, newest first."""
    return (
        Vulnerability.objects.filter(customer=customer, ended_at__isnull=True)
        .select_related("recorded_by")
        .order_by("-recorded_at")
    )


def customer_detail_for(*, customer_id: int, user: User) -> Customer:
    """The customer for their record page; a view of a vulnerable customer's record by someone
    allowed to see vulnerability is written to the access log."""
    customer = Customer.objects.select_related("merged_into").filter(pk=customer_id).first()
    if customer is None:
        raise Http404("No such customer")
    if user.has_perm("customers.view_vulnerability"):
        customer.vulnerability_list = list(active_vulnerabilities(customer=customer))
        if customer.vulnerability_list:
            services.vulnerability_view_log(customer=customer, user=user, context="record")
    else:
        customer.vulnerability_list = None
    return customer


def customer_timeline(*, customer: Customer, limit: int = 50) -> list[dict]:
    """The customer's contacts and open service requests on one list, newest first."""
    contacts = (
        customer.contacts.select_related("advisor")
        .prefetch_related("services")
        .order_by("-started_at")[:limit]
    )
    requests = (
        customer.requests.filter(status__in=OPEN_REQUEST_STATUSES)
        .select_related("service")
        .order_by("-created_at")[:limit]
    )
    entries = [
        {
            "kind": "contact",
            "when": contact.started_at,
            "contact": contact,
            "channel": contact.get_channel_display(),
            "outcome": contact.get_outcome_display(),
            "reason": contact.reason,
            "advisor": contact.advisor,
            "services": [service.name for service in contact.services.all()],
        }
        for contact in contacts
    ]
    entries += [
        {
            "kind": "request",
            "when": request.created_at,
            "request": request,
            "reference": request.reference,
            "status": request.get_status_display(),
            "service": request.service.name,
            "sla_due": request.sla_due,
        }
        for request in requests
    ]
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries[:limit]


def access_log_list(
    *, reference: str = "", viewed_by: str = "", date_from=None, date_to=None
) -> QuerySet[VulnerabilityAccessLog]:
    """Views of vulnerable customers' records, newest first, with customer and viewer loaded."""
    entries = VulnerabilityAccessLog.objects.select_related("customer", "viewed_by").order_by(
        "-viewed_at", "-id"
    )
    if reference:
        entries = entries.filter(customer__reference__iexact=reference.strip())
    if viewed_by:
        entries = entries.filter(
            Q(viewed_by__email__icontains=viewed_by) | Q(viewed_by__full_name__icontains=viewed_by)
        )
    if date_from:
        entries = entries.filter(viewed_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(viewed_at__date__lte=date_to)
    return entries
