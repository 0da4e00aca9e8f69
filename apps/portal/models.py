"""What residents send through the public portal that is not a service request."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Feedback(models.Model):
    """A compliment, complaint or comment; the complaints process (a later issue) works these."""

    class Kind(models.TextChoices):
        COMPLIMENT = "compliment", _("Compliment")
        COMPLAINT = "complaint", _("Complaint")
        COMMENT = "comment", _("Comment or suggestion")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(_("kind of feedback"), max_length=16, choices=Kind.choices)
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
    )
    about_reference = models.CharField(
        _("request or contact reference"),
        max_length=30,
        blank=True,
        help_text=_("A reference the resident quoted, if any."),
    )
    message = models.TextField(_("feedback"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    wants_reply = models.BooleanField(_("wants a reply"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(wants_reply=False) | ~models.Q(email="") | ~models.Q(phone=""),
                name="feedback_reply_needs_a_way_to_reply",
            )
        ]

    def __str__(self):
        return self.reference
