"""Every write to customers, their vulnerability records, the access log and merges."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User

from .models import (
    Customer,
    CustomerMerge,
    Vulnerability,
    VulnerabilityAccessLog,
    VulnerabilityCategory,
)
from .normalise import search_columns

REFERENCE_PREFIX = "C-"
REFERENCE_DIGITS = 7

# What customer_create and customer_update may set, in the order forms ask for it;
# everything else is kept by the services.
EDITABLE_FIELDS = (
    "kind",
    "first_name",
    "last_name",
    "business_name",
    "date_of_birth",
    "phone",
    "phone_other",
    "email",
    "address",
    "postcode",
    "uprn",
    "preferred_channel",
    "language",
    "accessibility_needs",
    "accessibility_notes",
)


def format_reference(number: int) -> str:
    return f"{REFERENCE_PREFIX}{number:0{REFERENCE_DIGITS}d}"


def customer_next_reference() -> str:
    """The reference after the highest one issued (references sort as numbers: fixed width)."""
    last = (
        Customer.objects.filter(reference__startswith=REFERENCE_PREFIX)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = 0
    if last:
        tail = last[len(REFERENCE_PREFIX) :]
        number = int(tail) if tail.isdigit() else Customer.objects.count()
    return format_reference(number + 1)


def _apply(customer: Customer, fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"{', '.join(sorted(unknown))} cannot be set on a customer")
    for name, value in fields.items():
        setattr(customer, name, value)
    customer.email = (customer.email or "").strip().lower()
    for name, value in search_columns(customer).items():
        setattr(customer, name, value)


def _check_identity(customer: Customer) -> None:
    if customer.kind == Customer.Kind.BUSINESS and not customer.business_name:
        raise ValidationError(
            {"business_name": _("Enter the business name")}, code="business_name_required"
        )
    if customer.kind == Customer.Kind.RESIDENT and not customer.last_name:
        raise ValidationError({"last_name": _("Enter the last name")}, code="last_name_required")


@transaction.atomic
def customer_create(*, created_by: User | None = None, **fields) -> Customer:
    """Add a customer with a new unique reference and current search columns."""
    customer = Customer()
    _apply(customer, fields)
    _check_identity(customer)
    for _attempt in range(5):
        customer.reference = customer_next_reference()
        customer.full_clean()
        try:
            # Two advisors adding at once can pick the same reference: retry with the next.
            with transaction.atomic():
                customer.save()
        except IntegrityError:
            customer.pk = None
            continue
        return customer
    raise ValidationError(_("Could not issue a customer reference. Try again."), code="reference")


@transaction.atomic
def customer_update(*, customer: Customer, changed_by: User | None, **fields) -> Customer:
    """Change a customer's details, keeping the search columns in step; merged records are frozen."""
    locked = Customer.objects.select_for_update().get(pk=customer.pk)
    if locked.merged_into_id:
        raise ValidationError(
            _("This record was merged into %(reference)s. Change that record instead.")
            % {"reference": locked.merged_into.reference},
            code="merged",
        )
    _apply(locked, fields)
    _check_identity(locked)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def vulnerability_record(
    *,
    customer: Customer,
    recorded_by: User,
    categories: list[str],
    lawful_basis: str,
    consent_given_by: str = "",
    support_notes: str = "",
    review_date: datetime.date,
) -> Vulnerability:
    """Record vulnerability only with a category, a lawful basis (naming who consented when
    the basis is consent) and a future review date; it replaces the customer's earlier record."""
    consent_given_by = (consent_given_by or "").strip()
    errors = {}
    valid = set(VulnerabilityCategory.values)
    if not categories:
        errors["categories"] = _("Select at least one kind of vulnerability")
    elif set(categories) - valid:
        errors["categories"] = _("Select kinds of vulnerability from the list")
    if lawful_basis == Vulnerability.LawfulBasis.CONSENT and not consent_given_by:
        errors["consent_given_by"] = _(
            "Enter who gave consent: the customer, or the person who gave it for them"
        )
    if review_date is None or review_date <= timezone.localdate():
        errors["review_date"] = _("Review date must be in the future")
    if customer.merged_into_id:
        errors["__all__"] = _(
            "This record was merged. Record vulnerability on the one it was merged into."
        )
    if errors:
        raise ValidationError(errors)
    vulnerability = Vulnerability(
        customer=customer,
        recorded_by=recorded_by,
        categories=list(dict.fromkeys(categories)),
        lawful_basis=lawful_basis,
        consent_given_by=consent_given_by,
        support_notes=support_notes.strip(),
        review_date=review_date,
    )
    vulnerability.full_clean()
    vulnerability.save()
    Vulnerability.objects.filter(customer=customer, ended_at__isnull=True).exclude(
        pk=vulnerability.pk
    ).update(ended_at=timezone.now())
    return vulnerability


def vulnerability_view_log(*, customer: Customer, user: User, context: str = "record") -> None:
    """Write who looked at a vulnerable customer's record, and when (one row per view)."""
    VulnerabilityAccessLog.objects.create(customer=customer, viewed_by=user, context=context[:100])


@transaction.atomic
def customer_merge(
    *, survivor: Customer, duplicate: Customer, merged_by: User, reason: str
) -> CustomerMerge:
    """Move a duplicate's contacts, requests and vulnerability records to the survivor, hide the
    duplicate from search, and record who merged them, when, why and how much moved."""
    reason = (reason or "").strip()
    locked = {
        c.pk: c
        for c in Customer.objects.select_for_update().filter(pk__in=[survivor.pk, duplicate.pk])
    }
    if survivor.pk == duplicate.pk:
        raise ValidationError(_("A customer cannot be merged into themselves"), code="same")
    survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
    if duplicate.merged_into_id:
        raise ValidationError(
            _("%(reference)s has already been merged") % {"reference": duplicate.reference},
            code="already_merged",
        )
    if survivor.merged_into_id:
        raise ValidationError(
            _("%(reference)s has been merged into another record")
            % {"reference": survivor.reference},
            code="survivor_merged",
        )
    if not reason:
        raise ValidationError({"reason": _("Enter why these records are the same customer")})
    moved = {
        "contacts": duplicate.contacts.update(customer=survivor),
        "requests": duplicate.requests.update(customer=survivor),
        "vulnerabilities": Vulnerability.objects.filter(customer=duplicate).update(
            customer=survivor
        ),
    }
    # Records merged into the duplicate earlier now point at the survivor too.
    Customer.objects.filter(merged_into=duplicate).update(merged_into=survivor)
    duplicate.merged_into = survivor
    duplicate.save(update_fields=["merged_into", "updated_at"])
    merge = CustomerMerge(
        survivor=survivor, duplicate=duplicate, merged_by=merged_by, reason=reason, moved=moved
    )
    merge.full_clean()
    merge.save()
    return merge
