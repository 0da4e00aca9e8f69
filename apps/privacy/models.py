"""Data protection: the retention schedule and what it did, and subject rights requests."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RetentionRule(models.Model):
    """How long one kind of record is kept, and what happens to it then."""

    class Action(models.TextChoices):
        ANONYMISE = "anonymise", _("Anonymise (keep the figures, remove who it was about)")
        DELETE = "delete", _("Delete")

    record_type = models.CharField(_("record type"), max_length=40, unique=True)
    keep_for_months = models.PositiveIntegerField(_("keep for (months)"))
    action = models.CharField(_("then"), max_length=10, choices=Action.choices)
    is_active = models.BooleanField(_("applied by the scheduled task"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["record_type"]
        permissions = [("manage_retention", "Can change the retention schedule")]


class RetentionRun(models.Model):
    """What one application of one rule did: kept as the record the law expects."""

    record_type = models.CharField(max_length=40)
    action = models.CharField(max_length=10)
    cutoff = models.DateTimeField()
    count = models.PositiveIntegerField()
    ran_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-ran_at"]


class AnonymisedRecord(models.Model):
    """A record whose personal data has been removed, so it is not processed twice."""

    model = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    anonymised_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "object_id"], name="anonymised_once")
        ]


class SubjectRequest(models.Model):
    """A subject access or erasure request under UK GDPR, kept after the data has gone.

    The customer link is cleared by erasure; the reference and what was done remain.
    """

    class Kind(models.TextChoices):
        ACCESS = "access", _("Subject access (a copy of their data)")
        ERASURE = "erasure", _("Erasure (right to be forgotten)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")
        REFUSED = "refused", _("Refused in part or in full")

    kind = models.CharField(_("kind of request"), max_length=10, choices=Kind.choices)
    customer = models.ForeignKey(
        "customers.Customer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    customer_reference = models.CharField(_("customer reference"), max_length=20)
    received_on = models.DateField(_("received"))
    due_on = models.DateField(_("respond by"))
    identity_checked = models.BooleanField(_("identity checked"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    outcome = models.TextField(_("what was done"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        permissions = [("handle_subject_request", "Can handle subject access and erasure requests")]
