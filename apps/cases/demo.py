"""Demo service requests: raised from the demo contacts that were referred by the agreed route
to a service that takes service requests, with a realistic lifecycle over six months."""

import datetime
import random
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.catalogue.models import ReferralRoute, Service
from apps.contacts.models import Contact, Outcome
from apps.customers.models import Customer

from .models import OPEN_STATUSES, ServiceRequest, ServiceRequestUpdate, Status
from .services import reference_numbers_reserve, sla_due_date

REQUESTS_PER_SCALE = 600
UNLINKED = 12
STREETS = [
    "Market Street",
    "Church Lane",
    "Mill Road",
    "Station Road",
    "Park Avenue",
    "High Street",
]
DESCRIPTIONS = [
    "Reported by the resident on the phone.",
    "Resident says this has happened before.",
    "Outside the front of the property.",
    "Access is from the back lane.",
    "Resident asked to be kept informed.",
]
PUBLIC_TEXTS = {
    Status.ASSIGNED: "An officer has been given your request.",
    Status.IN_PROGRESS: "We are working on your request.",
    Status.RESOLVED: "We have dealt with your request.",
    Status.REJECTED: "We cannot deal with this: it is not the council's responsibility.",
}


def _first_services() -> list[tuple[int, int]]:
    """(contact id, id of its first service) for referred contacts, oldest link first."""
    through = Contact.services.through
    rows = (
        through.objects.filter(contact__outcome=Outcome.REFERRED)
        .order_by("contact_id", "id")
        .values_list("contact_id", "service_id")
    )
    first: dict[int, int] = {}
    for contact_id, service_id in rows.iterator(chunk_size=5000):
        first.setdefault(contact_id, service_id)
    return list(first.items())


def _lifecycle(rng, created_at, sla_due, today, now):
    """Status and timestamps for a request raised at created_at, as it would stand today."""
    local_created = timezone.localtime(created_at)
    due = sla_due or (local_created.date() + datetime.timedelta(days=14))
    overdue = due < today

    def at(day: datetime.date, hour_from=9, hour_to=17):
        moment = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(rng.randint(hour_from, hour_to - 1))),
        ) + datetime.timedelta(minutes=rng.randint(0, 59))
        return min(max(moment, created_at + datetime.timedelta(hours=1)), now)

    state = {"resolved_at": None, "closed_at": None, "breached_at": None}
    roll = rng.random()
    if overdue:
        if roll < 0.78:
            span = max((due - local_created.date()).days, 0)
            state["resolved_at"] = at(
                local_created.date() + datetime.timedelta(rng.randint(0, span))
            )
            status = Status.RESOLVED
        elif roll < 0.9:
            state["resolved_at"] = at(due + datetime.timedelta(days=rng.randint(1, 6)))
            status = Status.RESOLVED
            state["breached_at"] = at(due + datetime.timedelta(days=1), 0, 1)
        elif roll < 0.94:
            status = Status.REJECTED
        else:
            status = rng.choice([Status.ASSIGNED, Status.IN_PROGRESS])
            state["breached_at"] = at(due + datetime.timedelta(days=1), 0, 1)
        if status == Status.RESOLVED and rng.random() < 0.7:
            state["closed_at"] = min(
                state["resolved_at"] + datetime.timedelta(days=rng.randint(2, 7)), now
            )
            status = Status.CLOSED
    else:
        status = rng.choices(
            [Status.OPEN, Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED],
            weights=[35, 25, 25, 15],
        )[0]
        if status == Status.RESOLVED:
            state["resolved_at"] = at(min(today, local_created.date() + datetime.timedelta(1)))
    if state["resolved_at"] and state["resolved_at"] <= created_at:
        state["resolved_at"] = created_at + datetime.timedelta(hours=2)
    return status, state


def _path(status: str) -> list[str]:
    """The statuses a request passed through to reach `status`."""
    return {
        Status.OPEN: [],
        Status.ASSIGNED: [Status.ASSIGNED],
        Status.IN_PROGRESS: [Status.ASSIGNED, Status.IN_PROGRESS],
        Status.RESOLVED: [Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED],
        Status.CLOSED: [Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED],
        Status.REJECTED: [Status.REJECTED],
    }[status]


def seed(rng: random.Random, scale: int = 1) -> int:
    """Raise the demo service requests once; returns how many were added (0 when seeded)."""
    if ServiceRequest.objects.exists():
        return 0
    target = REQUESTS_PER_SCALE * scale
    services = {
        s.pk: s for s in Service.objects.filter(referral_route=ReferralRoute.SERVICE_REQUEST)
    }
    if not services:
        return 0
    links = [(c, s) for c, s in _first_services() if s in services]
    rng.shuffle(links)
    links = sorted(links[:target])
    contacts = Contact.objects.in_bulk([c for c, _ in links])
    customer_ids = list(Customer.objects.order_by("pk").values_list("pk", flat=True)[:5000])
    customers = Customer.objects.in_bulk(
        {c.customer_id for c in contacts.values() if c.customer_id}
    )
    officers = defaultdict(list)
    for user in User.objects.filter(team__department__isnull=False, is_active=True).select_related(
        "team"
    ):
        officers[user.team.department_id].append(user)

    now = timezone.now()
    today = timezone.localdate()
    plans = []
    for contact_id, service_id in links:
        contact = contacts[contact_id]
        plans.append(
            {
                "service": services[service_id],
                "contact": contact,
                "customer": customers.get(contact.customer_id),
                "created_at": min(
                    contact.started_at + datetime.timedelta(minutes=rng.randint(2, 20)), now
                ),
                "raised_by_id": contact.advisor_id,
            }
        )
    service_list = sorted(services.values(), key=lambda s: s.pk)
    # A handful reported online or through Open311; more when there are few demo contacts.
    extra = max(UNLINKED, target - len(plans))
    for _ in range(extra):
        customer_id = rng.choice(customer_ids) if customer_ids else None
        plans.append(
            {
                "service": rng.choice(service_list),
                "contact": None,
                "customer": None,
                "customer_id": customer_id,
                "created_at": now - datetime.timedelta(minutes=rng.randint(30, 182 * 24 * 60)),
                "raised_by_id": None,
            }
        )
    plans.sort(key=lambda p: p["created_at"])

    with transaction.atomic():
        by_year = defaultdict(list)
        for plan in plans:
            by_year[timezone.localtime(plan["created_at"]).year].append(plan)
        for year, items in by_year.items():
            for plan, reference in zip(
                items, reference_numbers_reserve(year=year, count=len(items)), strict=True
            ):
                plan["reference"] = reference

        requests, timelines = [], []
        for plan in plans:
            service = plan["service"]
            created_at = plan["created_at"]
            sla_due = sla_due_date(service=service, created_at=created_at)
            status, state = _lifecycle(rng, created_at, sla_due, today, now)
            customer = plan["customer"]
            team = officers.get(service.department_id) or []
            assignee = rng.choice(team) if team and status != Status.OPEN else None
            public_text = PUBLIC_TEXTS.get(status, "") if rng.random() < 0.6 else ""
            if status == Status.REJECTED:
                public_text = PUBLIC_TEXTS[Status.REJECTED]
            address = (
                customer.address
                if customer and customer.address
                else f"{rng.randint(1, 180)} {rng.choice(STREETS)}, Borchester"
            )
            path = _path(status)
            requests.append(
                ServiceRequest(
                    reference=plan["reference"],
                    service=service,
                    customer_id=customer.pk if customer else plan.get("customer_id"),
                    contact=plan["contact"],
                    source="advisor" if plan["contact"] else rng.choice(["portal", "open311"]),
                    address=address,
                    uprn=customer.uprn if customer else "",
                    description=f"{service.name}. {rng.choice(DESCRIPTIONS)}",
                    status=status,
                    public_status_text=public_text,
                    department_id=service.department_id,
                    assignee=assignee,
                    raised_by_id=plan["raised_by_id"],
                    sla_due=sla_due,
                    breached_at=state["breached_at"],
                    created_at=created_at,
                    resolved_at=state["resolved_at"],
                    closed_at=state["closed_at"],
                    version=1 + len(path),
                )
            )
            timelines.append((path, state, public_text, assignee))
        ServiceRequest.objects.bulk_create(requests, batch_size=1000)

        updates = []
        for request, (path, state, public_text, assignee) in zip(requests, timelines, strict=True):
            end = (
                state["closed_at"]
                or state["resolved_at"]
                or min(now, request.created_at + datetime.timedelta(days=rng.randint(1, 4)))
            )
            updates.append(
                ServiceRequestUpdate(
                    request=request,
                    author_id=request.raised_by_id,
                    text="We have received your request.",
                    is_public=True,
                    status_to=Status.OPEN,
                    created_at=request.created_at,
                )
            )
            previous = Status.OPEN
            for step, status in enumerate(path, start=1):
                if status == Status.RESOLVED and state["resolved_at"]:
                    when = state["resolved_at"]
                elif status == Status.CLOSED and state["closed_at"]:
                    when = state["closed_at"]
                else:
                    when = request.created_at + (end - request.created_at) * step / (len(path) + 1)
                is_last = status == path[-1]
                text = (
                    public_text
                    if is_last and public_text
                    else f"Status changed from {Status(previous).label} to {Status(status).label}"
                )
                updates.append(
                    ServiceRequestUpdate(
                        request=request,
                        author=assignee,
                        text=text,
                        is_public=bool(is_last and public_text),
                        status_from=previous,
                        status_to=status,
                        created_at=when,
                    )
                )
                previous = status
            if request.status in OPEN_STATUSES and rng.random() < 0.2:
                updates.append(
                    ServiceRequestUpdate(
                        request=request,
                        author=assignee,
                        text="Called the resident to check access.",
                        is_public=False,
                        created_at=min(now, request.created_at + datetime.timedelta(hours=3)),
                    )
                )
        # created_at is auto_now_add, which bulk_create overwrites; put the real times back.
        timestamps = [u.created_at for u in updates]
        ServiceRequestUpdate.objects.bulk_create(updates, batch_size=2000)
        for update, when in zip(updates, timestamps, strict=True):
            update.created_at = when
        ServiceRequestUpdate.objects.bulk_update(updates, ["created_at"], batch_size=1000)
    return len(requests)
