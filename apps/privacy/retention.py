"""The record types the retention schedule covers, with their defaults and what applying a
rule does to each. Every handler removes personal data in bulk and returns how many records
it changed; simple-history's copies of a record go with it."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ANONYMISED_TEXT = "[removed under the retention schedule]"


@dataclass(frozen=True)
class RecordType:
    key: str
    label: str
    months: int
    action: str  # "anonymise" or "delete"
    actions: tuple[str, ...]


def _mark(model_label: str, ids: list[int], reason: str) -> None:
    from .models import AnonymisedRecord

    AnonymisedRecord.objects.bulk_create(
        [AnonymisedRecord(model=model_label, object_id=i, reason=reason) for i in ids],
        ignore_conflicts=True,
    )


def _not_yet(model_label: str):
    from .models import AnonymisedRecord

    return AnonymisedRecord.objects.filter(model=model_label).values("object_id")


def anonymise_customers(ids: list[int], reason: str) -> int:
    """Remove everything that identifies these customers, keeping their reference so the
    figures they are part of still count them once."""
    from apps.customers.models import Customer, Vulnerability

    if not ids:
        return 0
    Vulnerability.objects.filter(customer_id__in=ids).delete()
    Vulnerability.history.filter(customer_id__in=ids).delete()
    count = Customer.objects.filter(pk__in=ids).update(
        first_name="",
        last_name="",
        business_name="",
        date_of_birth=None,
        phone="",
        phone_other="",
        email="",
        address="",
        postcode="",
        uprn="",
        language="",
        accessibility_needs=[],
        accessibility_notes="",
        search_name="",
        search_phone="",
        search_postcode="",
    )
    Customer.history.filter(id__in=ids).delete()
    _mark("customers.customer", ids, reason)
    return count


def customers(cutoff: datetime, action: str) -> int:
    """Customers with no contact, request or change since the cutoff."""
    from apps.customers.models import Customer

    idle = (
        Customer.objects.filter(updated_at__lt=cutoff, merged_into__isnull=True)
        .exclude(pk__in=_not_yet("customers.customer"))
        .exclude(contacts__started_at__gte=cutoff)
        .exclude(requests__created_at__gte=cutoff)
        .values_list("pk", flat=True)
    )
    return anonymise_customers(list(idle), "retention")


def contacts(cutoff: datetime, action: str) -> int:
    from apps.contacts.models import Contact

    old = Contact.objects.filter(started_at__lt=cutoff).exclude(
        Q(customer__isnull=True) & Q(notes="")
    )
    ids = list(old.values_list("pk", flat=True))
    count = Contact.objects.filter(pk__in=ids).update(customer=None, notes="")
    Contact.history.filter(id__in=ids).delete()
    return count


def service_requests(cutoff: datetime, action: str) -> int:
    from apps.cases.models import ServiceRequest, ServiceRequestPhoto

    old = ServiceRequest.objects.filter(closed_at__lt=cutoff).exclude(
        pk__in=_not_yet("cases.servicerequest")
    )
    ids = list(old.values_list("pk", flat=True))
    for photo in ServiceRequestPhoto.objects.filter(request_id__in=ids):
        photo.image.delete(save=False)
    ServiceRequestPhoto.objects.filter(request_id__in=ids).delete()
    count = ServiceRequest.objects.filter(pk__in=ids).update(
        customer=None,
        description=ANONYMISED_TEXT,
        address="",
        uprn="",
        postcode="",
        latitude=None,
        longitude=None,
        attributes={},
    )
    ServiceRequest.history.filter(id__in=ids).delete()
    _mark("cases.servicerequest", ids, "retention")
    return count


def vulnerability(cutoff: datetime, action: str) -> int:
    """Vulnerability records whose review date (or end) is older than the cutoff."""
    from apps.customers.models import Vulnerability

    old = Vulnerability.objects.filter(Q(review_date__lt=cutoff.date()) | Q(ended_at__lt=cutoff))
    ids = list(old.values_list("pk", flat=True))
    Vulnerability.history.filter(id__in=ids).delete()
    return old.delete()[0]


def portal_feedback(cutoff: datetime, action: str) -> int:
    from apps.portal.models import Feedback

    old = Feedback.objects.filter(created_at__lt=cutoff).exclude(name="", email="", phone="")
    return old.update(name="", email="", phone="", wants_reply=False)


def outbox(cutoff: datetime, action: str) -> int:
    from apps.core.models import OutboxMessage

    return OutboxMessage.objects.filter(created_at__lt=cutoff).delete()[0]


RECORD_TYPES: dict[str, tuple[RecordType, object]] = {
    rt.key: (rt, handler)
    for rt, handler in [
        (
            RecordType(
                "customers", _("Customer records with no activity"), 72, "anonymise", ("anonymise",)
            ),
            customers,
        ),
        (RecordType("contacts", _("Contacts"), 72, "anonymise", ("anonymise",)), contacts),
        (
            RecordType(
                "service_requests", _("Closed service requests"), 72, "anonymise", ("anonymise",)
            ),
            service_requests,
        ),
        (
            RecordType(
                "vulnerability",
                _("Vulnerability records after their review date"),
                12,
                "delete",
                ("delete",),
            ),
            vulnerability,
        ),
        (
            RecordType(
                "portal_feedback",
                _("Contact details on portal feedback"),
                24,
                "anonymise",
                ("anonymise",),
            ),
            portal_feedback,
        ),
        (RecordType("outbox", _("Emails and texts sent"), 12, "delete", ("delete",)), outbox),
    ]
}
