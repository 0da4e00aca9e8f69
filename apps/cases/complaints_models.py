"""Complaints, compliments and comments: the two-stage complaints procedure and what it taught."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FeedbackKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    COMPLIMENT = "compliment", _("Compliment")
    COMMENT = "comment", _("Comment or suggestion")


class ReceivedChannel(models.TextChoices):
    PORTAL = "portal", _("Online (portal)")
    CONTACT = "contact", _("During a contact")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    FACE_TO_FACE = "face_to_face", _("Face to face")


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("Awaiting response")
    RESPONDED = "responded", _("Responded")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")


class OmbudsmanDecision(models.TextChoices):
    UPHELD = "upheld", _("Upheld: fault found")
    NOT_UPHELD = "not_upheld", _("Not upheld: no fault found")
    NOT_INVESTIGATED = "not_investigated", _("Closed after initial enquiries")
    PREMATURE = "premature", _("Referred back to the council")


class Theme(models.TextChoices):
    STAFF_CONDUCT = "staff_conduct", _("Staff conduct or attitude")
    DELAY = "delay", _("Delay")
    COMMUNICATION = "communication", _("Communication")
    SERVICE_FAILURE = "service_failure", _("Service not delivered")
    POLICY = "policy", _("Council policy or decision")
    ACCESS = "access", _("Access or accessibility")
    QUALITY = "quality", _("Quality of service")
    HELPFULNESS = "helpfulness", _("Helpful staff")


class Complaint(models.Model):
    """A complaint, compliment or comment, however it arrived.

    A complaint goes through stage 1 and, if the customer is still unhappy, stage 2 (whose
    clock starts on the escalation date), and may then be referred to the Local Government
    and Social Care Ombudsman. Each stage keeps its own deadlines and dates so timeliness
    can be reported per stage.
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=FeedbackKind.choices)
    channel = models.CharField(_("received by"), max_length=16, choices=ReceivedChannel.choices)
    received_on = models.DateField(_("date received"), db_index=True)
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    staff_named = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_naming",
        verbose_name=_("member of staff named"),
    )
    summary = models.TextField(_("summary"))
    themes = models.JSONField(_("themes"), default=list, blank=True)
    feedback = models.OneToOneField(
        "portal.Feedback",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaint",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The procedure (complaints only).
    stage = models.PositiveSmallIntegerField(
        _("stage"), null=True, blank=True, choices=[(1, _("Stage 1")), (2, _("Stage 2"))]
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.OPEN,
        db_index=True,
    )
    stage_1_acknowledge_due = models.DateField(null=True, blank=True)
    stage_1_acknowledged_on = models.DateField(null=True, blank=True)
    stage_1_due = models.DateField(null=True, blank=True, db_index=True)
    stage_1_responded_on = models.DateField(null=True, blank=True)
    stage_1_outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    stage_1_response = models.TextField(blank=True)
    escalated_on = models.DateField(null=True, blank=True)
    escalation_reason = models.TextField(blank=True)
    stage_2_acknowledge_due = models.DateField(null=True, blank=True)
    stage_2_acknowledged_on = models.DateField(null=True, blank=True)
    stage_2_due = models.DateField(null=True, blank=True, db_index=True)
    stage_2_responded_on = models.DateField(null=True, blank=True)
    stage_2_outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    stage_2_response = models.TextField(blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    ombudsman_referred_on = models.DateField(_("referred to the Ombudsman"), null=True, blank=True)
    ombudsman_reference = models.CharField(_("Ombudsman reference"), max_length=40, blank=True)
    ombudsman_decision = models.CharField(
        _("Ombudsman decision"), max_length=20, choices=OmbudsmanDecision.choices, blank=True
    )
    ombudsman_decided_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("complaint, compliment or comment")
        permissions = [
            ("respond_complaint", "Can acknowledge and respond to complaints"),
            ("view_complaint_report", "Can read the complaints and compliments report"),
            ("view_complaint_history", "Can read the change history of complaints"),
        ]
        indexes = [models.Index(fields=["kind", "received_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="complaint", stage__isnull=False)
                | (~models.Q(kind="complaint") & models.Q(stage__isnull=True)),
                name="complaint_stage_only_for_complaints",
            ),
            models.CheckConstraint(
                condition=models.Q(ombudsman_referred_on__isnull=True)
                | models.Q(stage=2, stage_2_responded_on__isnull=False),
                name="complaint_ombudsman_only_after_stage_2",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_complaint(self) -> bool:
        return self.kind == FeedbackKind.COMPLAINT

    def stage_value(self, name: str, stage: int | None = None):
        """A field of the current (or given) stage: stage_value("due") is stage_N_due."""
        stage = stage or self.stage
        return getattr(self, f"stage_{stage}_{name}") if stage else None

    @property
    def response_due(self):
        return self.stage_value("due")

    @property
    def acknowledge_due(self):
        return self.stage_value("acknowledge_due")

    @property
    def acknowledged_on(self):
        return self.stage_value("acknowledged_on")

    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels.get(t, t)) for t in self.themes]


class Remedy(models.Model):
    """What the council did to put a complaint right."""

    class Kind(models.TextChoices):
        APOLOGY = "apology", _("Apology")
        FINANCIAL = "financial", _("Financial remedy")
        PUT_RIGHT = "put_right", _("Service put right")
        OTHER = "other", _("Other")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(_("remedy"), max_length=16, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount (£)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    details = models.CharField(_("details"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="remedy_amount_not_negative",
            )
        ]


class LearningAction(models.Model):
    """Something the council will change because of a complaint, with who owns it and when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="learning_actions"
    )
    text = models.TextField(_("what will change"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="learning_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
