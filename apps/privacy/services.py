"""Every write for data protection: applying the retention schedule, recording and carrying
out subject access and erasure requests."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import RetentionRule, RetentionRun, SubjectRequest
from .retention import RECORD_TYPES, anonymise_customers


def retention_rules_ensure() -> None:
    """Give every record type a rule with the default period, keeping any set already."""
    for key, (record_type, _handler) in RECORD_TYPES.items():
        RetentionRule.objects.get_or_create(
            record_type=key,
            defaults={"keep_for_months": record_type.months, "action": record_type.action},
        )


@transaction.atomic
def retention_rule_update(*, rule: RetentionRule, keep_for_months: int, is_active: bool):
    record_type, _handler = RECORD_TYPES[rule.record_type]
    if keep_for_months < 1:
        raise ValidationError({"keep_for_months": _("Keep records for at least a month")})
    rule.keep_for_months = keep_for_months
    rule.is_active = is_active
    rule.full_clean()
    rule.save()
    return rule


def retention_apply(*, now: datetime.datetime | None = None) -> list[RetentionRun]:
    """Apply every active rule, each in its own transaction, and record what each did."""
    now = now or timezone.now()
    retention_rules_ensure()
    runs = []
    for rule in RetentionRule.objects.filter(is_active=True):
        if rule.record_type not in RECORD_TYPES:
            continue
        _record_type, handler = RECORD_TYPES[rule.record_type]
        cutoff = now - relativedelta(months=rule.keep_for_months)
        with transaction.atomic():
            count = handler(cutoff, rule.action)
            runs.append(
                RetentionRun.objects.create(
                    record_type=rule.record_type, action=rule.action, cutoff=cutoff, count=count
                )
            )
    return runs


@transaction.atomic
def subject_request_record(
    *, kind: str, customer, received_on: datetime.date, identity_checked: bool, user
) -> SubjectRequest:
    """Record a request; the answer is due within one calendar month of receipt."""
    request = SubjectRequest(
        kind=kind,
        customer=customer,
        customer_reference=customer.reference,
        received_on=received_on,
        due_on=received_on + relativedelta(months=1),
        identity_checked=identity_checked,
        recorded_by=user,
    )
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def subject_access_complete(*, request: SubjectRequest, user) -> SubjectRequest:
    if not request.identity_checked:
        raise ValidationError(_("Check the requester's identity before sending their data"))
    request.status = SubjectRequest.Status.COMPLETED
    request.completed_at = timezone.now()
    request.outcome = _("A copy of the data was provided (JSON and PDF).")
    request.save()
    return request


def erasure_holds(customer) -> list[str]:
    """Reasons the law (or the council's duties) require keeping this customer's data."""
    from apps.cases.models import OPEN_STATUSES, ServiceRequest

    holds = []
    open_requests = ServiceRequest.objects.filter(customer=customer, status__in=OPEN_STATUSES)
    if open_requests.exists():
        holds.append(
            _("%(count)s open service requests still need the customer's details")
            % {"count": open_requests.count()}
        )
    return holds


@transaction.atomic
def erasure_carry_out(*, request: SubjectRequest, user) -> SubjectRequest:
    """Erase what the law allows: anonymise the customer and detach them from contacts and
    requests. Refuses, saying why, while anything must be kept. The request is kept."""
    from apps.cases.models import ServiceRequest
    from apps.contacts.models import Contact
    from apps.portal.models import Feedback

    if request.kind != SubjectRequest.Kind.ERASURE or request.status != SubjectRequest.Status.OPEN:
        raise ValidationError(_("This is not an open erasure request"))
    if not request.identity_checked:
        raise ValidationError(_("Check the requester's identity before erasing their data"))
    customer = request.customer
    holds = erasure_holds(customer)
    if holds:
        raise ValidationError(holds)
    email = customer.email
    anonymise_customers([customer.pk], "erasure request")
    Contact.objects.filter(customer=customer).update(customer=None, notes="")
    ServiceRequest.objects.filter(customer=customer).update(
        customer=None, address="", postcode="", uprn=""
    )
    if email:
        Feedback.objects.filter(email__iexact=email).update(name="", email="", phone="")
    request.status = SubjectRequest.Status.COMPLETED
    request.completed_at = timezone.now()
    request.outcome = _(
        "Personal data erased: the customer record was anonymised and detached from their "
        "contacts and requests, which are kept without it for the service's figures."
    )
    request.save()
    return request
