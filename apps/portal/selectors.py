"""Reads for the public portal: services residents may see, where to go, and feedback."""

from django.db.models import Q, QuerySet

from apps.accounts.models import Site
from apps.catalogue.models import Service
from apps.catalogue.selectors import public_service_list
from apps.customers.models import Customer

from .models import Feedback

FACE_TO_FACE_KINDS = (
    Site.Kind.CUSTOMER_SERVICE_CENTRE,
    Site.Kind.LIBRARY,
    Site.Kind.CAP,
    Site.Kind.REGISTRARS,
)


def public_service(*, slug: str) -> Service | None:
    """One service residents may see (offered, without the advisor script), or None."""
    return public_service_list().filter(slug=slug).first()


def reportable_service(*, slug: str) -> Service | None:
    """One service residents may report a problem with online, or None."""
    return public_service_list(reportable_only=True).filter(slug=slug).first()


def face_to_face_centres() -> list[Site]:
    """The places open to the public where residents can be helped in person."""
    return list(Site.objects.filter(is_public=True, kind__in=FACE_TO_FACE_KINDS).order_by("name"))


def phone_lines_opening_hours() -> str:
    """When the contact centre answers the phone, if the council has recorded it."""
    return (
        Site.objects.filter(kind=Site.Kind.CONTACT_CENTRE)
        .exclude(opening_hours="")
        .order_by("name")
        .values_list("opening_hours", flat=True)
        .first()
        or ""
    )


def customer_for_report(*, email: str, last_name: str) -> Customer | None:
    """The resident's existing record: same email and last name, not merged away."""
    if not email or not last_name:
        return None
    return (
        Customer.objects.filter(
            kind=Customer.Kind.RESIDENT,
            email=email.strip().lower(),
            last_name__iexact=last_name.strip(),
            merged_into__isnull=True,
        )
        .order_by("pk")
        .first()
    )


def feedback_by_reference(*, reference: str) -> Feedback | None:
    return Feedback.objects.select_related("service").filter(reference=reference).first()


def sitemap_services() -> QuerySet:
    """Every service page residents can see (slug and when it last changed), for sitemap.xml."""
    return public_service_list().values("slug", "updated_at").order_by("slug")


def feedback_list(*, kind: str = "", search: str = "", triage: str = "") -> QuerySet[Feedback]:
    """Feedback for staff, newest first, with its service and the record it became loaded.

    triage "waiting" keeps feedback not yet recorded as a complaint, compliment or comment;
    "recorded" keeps feedback that has been."""
    feedback = Feedback.objects.select_related("service", "complaint").order_by(
        "-created_at", "-id"
    )
    if triage == "waiting":
        feedback = feedback.filter(complaint__isnull=True)
    elif triage == "recorded":
        feedback = feedback.filter(complaint__isnull=False)
    if kind:
        feedback = feedback.filter(kind=kind)
    if search:
        feedback = feedback.filter(
            Q(reference__iexact=search.strip())
            | Q(message__icontains=search)
            | Q(about_reference__iexact=search.strip())
        )
    return feedback
