"""Every write the public portal makes: a resident's report and their feedback."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.cases.models import ServiceRequest, Source
from apps.cases.services import service_request_photo_add, service_request_raise
from apps.catalogue.models import Service
from apps.core.formats import long_date
from apps.core.notifications import notify
from apps.customers.models import Customer
from apps.customers.services import customer_create

from . import selectors
from .models import Feedback

CONFIRMATION_PURPOSE = "portal_confirmation"
FEEDBACK_PREFIX = "FB"


def _customer_for_report(
    *, first_name: str, last_name: str, email: str, phone: str, address: str, postcode: str
) -> Customer:
    existing = selectors.customer_for_report(email=email, last_name=last_name)
    if existing is not None:
        # A resident's existing record is reused as it is: a public form may not change it.
        return existing
    return customer_create(
        created_by=None,
        kind=Customer.Kind.RESIDENT,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        address=address,
        postcode=postcode,
    )


@transaction.atomic
def report_submit(
    *,
    service: Service,
    answers: dict,
    description: str,
    address: str = "",
    postcode: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    photo: bytes | None = None,
    photo_filename: str = "",
    track_url: str = "",
) -> ServiceRequest:
    """Raise a resident's report as a portal request for the service's department, with
    their customer record (reused when the email and last name match) and photo, all or
    nothing; then email them the reference."""
    customer = _customer_for_report(
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        address=address if postcode else "",
        postcode=postcode,
    )
    request = service_request_raise(
        service=service,
        customer=customer,
        contact=None,
        description=description,
        raised_by=None,
        address=address,
        postcode=postcode,
        latitude=latitude,
        longitude=longitude,
        source=Source.PORTAL,
        attributes=answers,
    )
    if photo:
        service_request_photo_add(request=request, image_bytes=photo, filename=photo_filename)
    lines = [
        _("Dear %(name)s,") % {"name": first_name},
        "",
        _("We have received your report: %(service)s.") % {"service": service.name},
        _("Your reference number is %(reference)s.") % {"reference": request.reference},
        "",
        _("%(department)s will look at it.") % {"department": service.department.name},
    ]
    if request.sla_due:
        lines.append(
            _("We expect to deal with it by %(date)s.") % {"date": long_date(request.sla_due)}
        )
    if track_url:
        lines += ["", _("Track your request at %(url)s") % {"url": track_url}]
    notify(
        channel="email",
        to=email,
        subject=_("We have received your report: %(reference)s") % {"reference": request.reference},
        body="\n".join(lines),
        purpose=CONFIRMATION_PURPOSE,
    )
    return request


def feedback_reference(year: int, number: int) -> str:
    return f"{FEEDBACK_PREFIX}-{year}-{number:06d}"


def _feedback_next_reference(year: int) -> str:
    prefix = f"{FEEDBACK_PREFIX}-{year}-"
    last = (
        Feedback.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last[len(prefix) :]) if last and last[len(prefix) :].isdigit() else 0
    return feedback_reference(year, number + 1)


@transaction.atomic
def feedback_submit(
    *,
    kind: str,
    message: str,
    service: Service | None = None,
    about_reference: str = "",
    name: str = "",
    email: str = "",
    phone: str = "",
    wants_reply: bool = False,
) -> Feedback:
    """Store a compliment, complaint or comment under a new unique reference (FB-2026-000123);
    a reply needs an email or phone. Emails a confirmation when an email is given."""
    feedback = Feedback(
        kind=kind,
        message=(message or "").strip(),
        service=service,
        about_reference=(about_reference or "").strip().upper(),
        name=(name or "").strip(),
        email=(email or "").strip().lower(),
        phone=(phone or "").strip(),
        wants_reply=wants_reply,
    )
    if wants_reply and not (feedback.email or feedback.phone):
        raise ValidationError(
            {"email": _("Enter an email address or a phone number so we can reply")},
            code="reply_needs_contact",
        )
    year = timezone.localdate().year
    for _attempt in range(5):
        feedback.reference = _feedback_next_reference(year)
        feedback.full_clean(exclude=["reference"])
        try:
            # Two residents sending at once can pick the same reference: retry with the next.
            with transaction.atomic():
                feedback.save()
        except IntegrityError:
            feedback.pk = None
            continue
        break
    else:
        raise ValidationError(_("Could not issue a reference. Try again."), code="reference")
    if feedback.email:
        lines = [
            _("Thank you for your feedback."),
            _("Your reference number is %(reference)s.") % {"reference": feedback.reference},
        ]
        if wants_reply:
            lines.append(_("We will reply to you."))
        notify(
            channel="email",
            to=feedback.email,
            subject=_("We have received your feedback: %(reference)s")
            % {"reference": feedback.reference},
            body="\n".join(lines),
            purpose=CONFIRMATION_PURPOSE,
        )
    return feedback
