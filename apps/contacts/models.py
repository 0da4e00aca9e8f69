"""Contacts with residents on every channel, referrals and the client-services call log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Phone")
    FACE_TO_FACE = "face_to_face", _("Face to face")
    EMAIL = "email", _("Email")
    WEB_CHAT = "web_chat", _("Web chat")
    LETTER = "letter", _("Letter")
    SOCIAL_MEDIA = "social_media", _("Social media")
    OUT_OF_HOURS = "out_of_hours", _("Out-of-hours")


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved at first point of contact")
    REFERRED = "referred", _("Referred to a client service by the agreed route")
    REFERRED_OUTSIDE = "referred_outside", _("Referred outside the agreed route")
    SIGNPOSTED = "signposted", _("Signposted to another organisation")
    SELF_SERVE = "self_serve", _("Self-serve assisted")
    ABANDONED = "abandoned", _("Abandoned")


class Contact(models.Model):
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        help_text=_("Empty for an anonymous contact."),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ContactChannel.choices)
    site = models.ForeignKey(
        "accounts.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts"
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    services = models.ManyToManyField(
        "catalogue.Service", related_name="contacts", verbose_name=_("services")
    )
    reason = models.CharField(_("reason for contact"), max_length=300)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    signposted_to = models.CharField(_("signposted to"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    duration_seconds = models.PositiveIntegerField(_("duration in seconds"), default=0)
    started_at = models.DateTimeField(_("started at"), db_index=True)
    system_unavailable = models.BooleanField(_("a system was unavailable"), default=False)
    unavailable_system = models.CharField(
        _("system that was unavailable"), max_length=100, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[services])

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["customer", "-started_at"]),
            models.Index(fields=["outcome", "started_at"]),
            models.Index(fields=["channel", "started_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="signposted") | ~models.Q(signposted_to=""),
                name="contact_signposted_names_where",
            ),
            models.CheckConstraint(
                condition=~models.Q(channel="face_to_face") | models.Q(site__isnull=False),
                name="contact_face_to_face_has_site",
            ),
            models.CheckConstraint(
                condition=models.Q(system_unavailable=False) | ~models.Q(unavailable_system=""),
                name="contact_unavailable_names_system",
            ),
        ]
        permissions = [
            ("authorise_referral", "Can authorise referrals outside the agreed route"),
            ("view_liaison_report", "Can read the liaison meeting report"),
            ("view_contact_history", "Can read the change history of contacts"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} contact {self.pk}"


class ReferralAuthorisation(models.Model):
    """A team manager's decision on a referral outside the route agreed with the client service."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a team manager")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="authorisation")
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    request_reason = models.TextField(_("why it needs to go outside the agreed route"))
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="pending")
                | (models.Q(decided_by__isnull=False) & ~models.Q(decision_reason="")),
                name="authorisation_decision_has_who_and_why",
            )
        ]


class CallReason(models.Model):
    """A reason Customer Services calls a client service, from each department's own list."""

    department = models.ForeignKey(
        "accounts.Department", on_delete=models.CASCADE, related_name="call_reasons"
    )
    name = models.CharField(_("reason"), max_length=150)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["department__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="call_reason_unique")
        ]

    def __str__(self):
        return self.name


class ClientServiceCall(models.Model):
    """One call from Customer Services to a client service, with its reason (scrutiny rec. v)."""

    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="client_calls"
    )
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.PROTECT, related_name="client_calls"
    )
    reason = models.ForeignKey(
        CallReason, on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    reason_text = models.CharField(_("details"), max_length=300, blank=True)
    within_agreed_process = models.BooleanField(_("within the agreed process"), default=True)
    authorisation = models.ForeignKey(
        ReferralAuthorisation, on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-made_at"]
        indexes = [models.Index(fields=["department", "made_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason__isnull=False) | ~models.Q(reason_text=""),
                name="client_call_has_a_reason",
            )
        ]
