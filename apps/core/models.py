"""Shared records: the notifier's outbox."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An email or text message firstpoint sends. The default notifier only writes here, so
    staff can read what would have gone out; with GOV.UK Notify configured it is also sent."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to send")
        SENT = "sent", _("Sent")
        KEPT = "kept", _("Kept in the outbox (no sending configured)")
        FAILED = "failed", _("Failed")

    channel = models.CharField(max_length=8, choices=Channel.choices)
    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    purpose = models.CharField(
        max_length=60, db_index=True, help_text="What kind of message this is"
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class TaskMessage(models.Model):
    """A Celery task waiting to be sent to the broker: the transactional outbox.

    `apps.core.tasks_outbox.enqueue` writes the row in the same database transaction as the
    change that needs the work, and sends it once that transaction commits; if the broker
    (Redis) is away the row stays pending and the relay (a beat task every 30 seconds, or
    `manage.py relay_task_outbox`) sends it when the broker is back. Nothing is lost, and
    nothing is sent for a change that was rolled back.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to send")
        SENT = "sent", _("Sent to the broker")

    task = models.CharField(max_length=200, help_text="The Celery task's registered name")
    kwargs = models.JSONField(default=dict, blank=True)
    state = models.CharField(
        max_length=8, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.task} #{self.pk} ({self.state})"

    @property
    def task_id(self) -> str:
        """The Celery task id: the same on every send, so a task can tell a repeat."""
        return f"outbox-{self.pk}"
