"""Service requests, their lifecycle and their working-day SLAs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")


OPEN_STATUSES = (Status.OPEN, Status.ASSIGNED, Status.IN_PROGRESS)


class Source(models.TextChoices):
    ADVISOR = "advisor", _("Raised by an advisor")
    PORTAL = "portal", _("Reported online")
    OPEN311 = "open311", _("Open311")


class ReferenceCounter(models.Model):
    """The last reference number issued each year (FP-2026-000123), locked while issuing."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)


class ServiceRequest(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, related_name="requests"
    )
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.ADVISOR)
    address = models.TextField(_("location address"), blank=True)
    uprn = models.CharField(_("UPRN"), max_length=12, blank=True)
    postcode = models.CharField(_("location postcode"), max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.TextField(_("description"))
    # Answers to the service's own questions (catalogue.ServiceAttribute), by attribute code.
    attributes = models.JSONField(_("answers to the service's questions"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    public_status_text = models.CharField(_("status residents see"), max_length=300, blank=True)
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.PROTECT, related_name="requests"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_requests",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sla_due = models.DateField(_("due by"), null=True, blank=True, db_index=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("view_servicerequest_history", "Can read the change history of service requests"),
        ]
        indexes = [
            models.Index(fields=["department", "status", "sla_due"]),
            models.Index(fields=["customer", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(latitude__isnull=True) & models.Q(longitude__isnull=True))
                | (
                    models.Q(latitude__gte=-90)
                    & models.Q(latitude__lte=90)
                    & models.Q(longitude__gte=-180)
                    & models.Q(longitude__lte=180)
                ),
                name="service_request_coordinates_valid",
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ServiceRequestUpdate(models.Model):
    """A note on a request: public ones the resident can see, internal ones they cannot."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("update"))
    is_public = models.BooleanField(_("residents can see this"), default=False)
    status_from = models.CharField(max_length=16, choices=Status.choices, blank=True)
    status_to = models.CharField(max_length=16, choices=Status.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class ServiceRequestPhoto(models.Model):
    """A photo sent with a report, re-encoded on upload so no camera or location metadata is kept.

    The file is kept under MEDIA_ROOT, which the web server never serves: staff see it through
    a view that checks they may see the request, and the public (Open311 `media_url`) only
    once someone who may moderate it has approved it for publication, having checked it shows
    no faces, number plates or anything else that should not be public.
    """

    class Moderation(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting moderation")
        APPROVED = "approved", _("Approved for publication")
        REJECTED = "rejected", _("Rejected")

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="request-photos/%Y/%m/")
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.AWAITING
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        permissions = [
            (
                "moderate_servicerequestphoto",
                "Can approve or reject photos sent with reports for publication",
            ),
        ]
        constraints = [
            # A decision always says who made it and when; a photo awaiting one has neither.
            models.CheckConstraint(
                condition=models.Q(
                    moderation="awaiting", moderated_by__isnull=True, moderated_at__isnull=True
                )
                | models.Q(
                    moderation__in=["approved", "rejected"],
                    moderated_by__isnull=False,
                    moderated_at__isnull=False,
                ),
                name="service_request_photo_moderation_recorded",
            )
        ]

    @property
    def extension(self) -> str:
        """The file extension for the photo's (re-encoded) type: PNG or else JPEG."""
        return "png" if self.content_type == "image/png" else "jpg"


from .complaints_models import (  # noqa: E402,F401 - complaints live beside service requests
    Complaint,
    ComplaintStatus,
    FeedbackKind,
    LearningAction,
    OmbudsmanDecision,
    Outcome,
    ReceivedChannel,
    Remedy,
    Theme,
)
