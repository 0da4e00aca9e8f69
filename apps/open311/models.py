"""Open311 GeoReport v2: the keys that clients post with, and tokens for moderated reports."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A key issued to one Open311 client. Only a hash is kept; the key is shown once."""

    name = models.CharField(_("client name"), max_length=150)
    prefix = models.CharField(
        max_length=12, unique=True, help_text="The key's first characters, to find it"
    )
    key_hash = models.CharField(max_length=128)
    rate_limit_per_hour = models.PositiveIntegerField(_("requests an hour"), default=100)
    moderated = models.BooleanField(
        _("reports wait for moderation"),
        default=False,
        help_text=_("Posts from this client get a token until staff accept them."),
    )
    usage_count = models.PositiveIntegerField(default=0)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        permissions = [("manage_apikey", "Can issue and revoke Open311 keys")]

    def __str__(self):
        return self.name


class Token(models.Model):
    """A posted report waiting for moderation; becomes a service request when accepted."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    api_key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="tokens")
    payload = models.JSONField(help_text="The validated report, as posted")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    service_request = models.OneToOneField(
        "cases.ServiceRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
