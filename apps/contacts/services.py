"""Every write about contacts: logging a contact, referral authorisations and the call log."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Department, Site, User
from apps.catalogue.models import ReferralRoute, Service

from .models import (
    CallReason,
    ClientServiceCall,
    Contact,
    ContactChannel,
    Outcome,
    ReferralAuthorisation,
)


def call_reason_get_or_create(*, department: Department, name: str) -> CallReason:
    """The department's call reason of that name, added to its list if it is not there yet."""
    name = name.strip()
    reason = CallReason.objects.filter(department=department, name__iexact=name).first()
    if reason is not None:
        return reason
    reason = CallReason(department=department, name=name)
    reason.full_clean()
    reason.save()
    return reason


@transaction.atomic
def client_call_log(
    *,
    made_by: User,
    department: Department,
    reason: CallReason | None = None,
    reason_text: str = "",
    within_agreed_process: bool = True,
    contact: Contact | None = None,
    authorisation: ReferralAuthorisation | None = None,
    made_at: datetime.datetime | None = None,
) -> ClientServiceCall:
    """Record one call to a client service; it always has a reason from the department's list
    or in words."""
    reason_text = (reason_text or "").strip()[:300]
    if reason is None and not reason_text:
        raise ValidationError(
            {"call_reason": _("Select the reason for the call, or describe it")}, code="required"
        )
    if reason is not None and reason.department_id != department.pk:
        raise ValidationError(
            {
                "call_reason": _("Select a reason from %(department)s’s list")
                % {"department": department}
            },
            code="wrong_department",
        )
    call = ClientServiceCall(
        contact=contact,
        department=department,
        reason=reason,
        reason_text=reason_text,
        within_agreed_process=within_agreed_process,
        authorisation=authorisation,
        made_by=made_by,
        made_at=made_at or timezone.now(),
    )
    call.full_clean()
    call.save()
    return call


def _contact_errors(
    *,
    channel,
    services,
    reason,
    outcome,
    site,
    signposted_to,
    system_unavailable,
    unavailable_system,
    referral_department,
    referral_reason,
    raise_request,
) -> dict:
    errors: dict[str, str] = {}
    if channel not in ContactChannel.values:
        errors["channel"] = _("Select how the customer contacted us")
    if not services:
        errors["services"] = _("Select at least one service")
    if not reason.strip():
        errors["reason"] = _("Enter the reason for contact")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Select the outcome")
    if channel == ContactChannel.FACE_TO_FACE and site is None:
        errors["site"] = _("Select the site where you saw the customer")
    if outcome == Outcome.SIGNPOSTED and not signposted_to.strip():
        errors["signposted_to"] = _("Enter who you signposted the customer to")
    if system_unavailable and not unavailable_system.strip():
        errors["unavailable_system"] = _("Enter which system was unavailable")
    # An outside-route referral's department defaults to the first service's own.
    if outcome == Outcome.REFERRED_OUTSIDE and not referral_reason.strip():
        errors["referral_reason"] = _(
            "Enter why this referral needs to go outside the agreed route"
        )
    if raise_request is not None:
        if outcome != Outcome.REFERRED:
            errors["raise_request"] = _(
                "A service request can only be raised when the outcome is a referral by the "
                "agreed route"
            )
        elif not any(s.referral_route == ReferralRoute.SERVICE_REQUEST for s in services):
            errors["raise_request"] = _(
                "None of the services you picked is handled by a service request"
            )
        elif not (raise_request.get("description") or "").strip():
            errors["request_description"] = _("Describe what the service request is about")
    return errors


@transaction.atomic
def contact_log(
    *,
    advisor: User,
    channel: str,
    services: list[Service],
    reason: str,
    outcome: str,
    customer=None,
    site: Site | None = None,
    signposted_to: str = "",
    notes: str = "",
    duration_seconds: int = 0,
    started_at: datetime.datetime | None = None,
    system_unavailable: bool = False,
    unavailable_system: str = "",
    referral_department: Department | None = None,
    referral_reason: str = "",
    call_reason: CallReason | None = None,
    call_reason_text: str = "",
    raise_request: dict | None = None,
) -> Contact:
    """Record a contact and everything its outcome requires, all or nothing.

    A referral by the agreed route logs a call to the client service; a referral outside it
    also asks a team manager for authorisation; signposting names where, face to face names
    the site, and a service request is raised only for a service whose agreed route is one.
    """
    services = list(services)
    errors = _contact_errors(
        channel=channel,
        services=services,
        reason=reason,
        outcome=outcome,
        site=site,
        signposted_to=signposted_to,
        system_unavailable=system_unavailable,
        unavailable_system=unavailable_system,
        referral_department=referral_department,
        referral_reason=referral_reason,
        raise_request=raise_request,
    )
    if errors:
        raise ValidationError(errors)
    duration_seconds = max(int(duration_seconds or 0), 0)
    now = timezone.now()
    contact = Contact(
        customer=customer,
        channel=channel,
        site=site,
        advisor=advisor,
        team_id=advisor.team_id,
        reason=reason.strip(),
        outcome=outcome,
        signposted_to=signposted_to.strip() if outcome == Outcome.SIGNPOSTED else "",
        notes=notes.strip(),
        duration_seconds=duration_seconds,
        started_at=started_at or now - datetime.timedelta(seconds=duration_seconds),
        system_unavailable=system_unavailable,
        unavailable_system=unavailable_system.strip() if system_unavailable else "",
    )
    contact.full_clean()
    contact.save()
    contact.services.set(services)

    if outcome in (Outcome.REFERRED, Outcome.REFERRED_OUTSIDE):
        department = referral_department or services[0].department
        authorisation = None
        if outcome == Outcome.REFERRED_OUTSIDE:
            authorisation = ReferralAuthorisation(
                contact=contact,
                department=department,
                requested_by=advisor,
                request_reason=referral_reason.strip(),
            )
            authorisation.full_clean()
            authorisation.save()
        client_call_log(
            made_by=advisor,
            department=department,
            reason=call_reason,
            reason_text=call_reason_text or (None if call_reason else contact.reason),
            within_agreed_process=outcome == Outcome.REFERRED,
            contact=contact,
            authorisation=authorisation,
            made_at=now,
        )

    contact.raised_request = None
    if raise_request is not None:
        # Imported here: cases depends on contacts (ServiceRequest.contact), not the reverse.
        from apps.cases.services import service_request_raise

        service = next(s for s in services if s.referral_route == ReferralRoute.SERVICE_REQUEST)
        contact.raised_request = service_request_raise(
            service=service,
            customer=customer,
            contact=contact,
            description=raise_request["description"].strip(),
            raised_by=advisor,
            address=(raise_request.get("address") or "").strip(),
            source="advisor",
        )
    return contact


@transaction.atomic
def referral_decide(
    *, authorisation: ReferralAuthorisation, decided_by: User, approve: bool, reason: str
) -> ReferralAuthorisation:
    """A team manager approves or declines a pending referral, once, with a reason, and never
    their own request."""
    locked = ReferralAuthorisation.objects.select_for_update().get(pk=authorisation.pk)
    if not decided_by.has_perm("contacts.authorise_referral"):
        raise ValidationError(_("Only a team manager can decide a referral"), code="permission")
    if locked.requested_by_id == decided_by.pk:
        raise ValidationError(
            _("You cannot decide your own request; another team manager must"), code="own"
        )
    if locked.status != ReferralAuthorisation.Status.PENDING:
        raise ValidationError(
            _("%(who)s has already decided this request")
            % {"who": locked.decided_by or _("Another team manager")},
            code="decided",
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Enter the reason for your decision")}, code="required")
    locked.status = (
        ReferralAuthorisation.Status.APPROVED if approve else ReferralAuthorisation.Status.DECLINED
    )
    locked.decided_by = decided_by
    locked.decided_at = timezone.now()
    locked.decision_reason = reason.strip()
    locked.full_clean()
    locked.save()
    return locked
