"""Accreditation (Customer Service Excellence, the CCA Global Standard and any framework loaded
from a file) and the committee and meeting reports issued to members."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.reporting import MEETINGS


class Framework(models.Model):
    """A standard an accreditation is assessed against, loaded from a JSON file."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=40)
    description = models.TextField(_("description"), blank=True)
    reference_title = models.CharField(_("official document"), max_length=300, blank=True)
    reference_url = models.URLField(_("where to find the official document"), blank=True)
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.version})"


class Requirement(models.Model):
    """A criterion, sub-criterion or element of a framework. Elements (leaves) are rated."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="requirements")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("what it asks for"), blank=True)
    level = models.PositiveSmallIntegerField(_("level"))
    position = models.PositiveIntegerField(_("position"))
    is_element = models.BooleanField(_("rated"), default=False)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="requirement_code_unique")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Accreditation(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        ACCREDITED = "accredited", _("Accredited")
        LAPSED = "lapsed", _("Lapsed")

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("what it covers"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    certificate_awarded = models.DateField(_("certificate awarded"), null=True, blank=True)
    certificate_expires = models.DateField(_("certificate expires"), null=True, blank=True)
    reminder_days = models.PositiveSmallIntegerField(
        _("remind this many days before the certificate expires"), default=90
    )
    reminded_for = models.DateField(
        _("reminder sent for the expiry date"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        permissions = [
            ("manage_accreditation", "Can manage accreditations and their evidence"),
            ("view_every_accreditation", "Can read every accreditation without a grant"),
        ]

    def __str__(self):
        return self.title


class Rating(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Not assessed yet")
    COMPLIANCE_PLUS = "compliance_plus", _("Compliance plus")
    COMPLIANT = "compliant", _("Compliant")
    PARTIAL = "partial", _("Partial compliance")
    NOT_COMPLIANT = "not_compliant", _("Not compliant")


class ElementAssessment(models.Model):
    """The self-assessment of one element for one accreditation."""

    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="assessments"
    )
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(
        _("rating"), max_length=20, choices=Rating.choices, default=Rating.NOT_ASSESSED
    )
    commentary = models.TextField(_("how we meet it"), blank=True)
    gaps = models.TextField(_("gaps"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["accreditation", "requirement"], name="one_assessment_per_element"
            )
        ]


class Evidence(models.Model):
    """Something that shows an element is met: a live record in firstpoint, a document or a note.

    A record is linked by its address in firstpoint (a path such as `/surveys/reviews/3/`),
    which does not change when the record is edited, so the link keeps working and always
    shows the record as it is now.
    """

    class Kind(models.TextChoices):
        RECORD = "record", _("A record or report in firstpoint")
        DOCUMENT = "document", _("An uploaded document")
        NOTE = "note", _("A written statement")

    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="evidence"
    )
    requirements = models.ManyToManyField(Requirement, related_name="+", verbose_name=_("elements"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    path = models.CharField(_("address in firstpoint"), max_length=500, blank=True)
    document = models.FileField(_("document"), upload_to="assurance/evidence/%Y/", blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    description = models.TextField(_("what it shows"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["document"])

    class Meta:
        ordering = ["-added_at"]

    def __str__(self):
        return self.title


class Action(models.Model):
    """A step in the action plan that closes a gap."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="actions"
    )
    requirement = models.ForeignKey(
        Requirement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    due = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "due"]


class AssessmentVisit(models.Model):
    class Kind(models.TextChoices):
        INITIAL = "initial", _("Initial assessment")
        ANNUAL = "annual", _("Annual review")
        REASSESSMENT = "reassessment", _("Reassessment")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting the assessor's report")
        ACCREDITED = "accredited", _("Accredited")
        PARTIAL = "partial", _("Accredited with partial compliances to address")
        NOT_ACCREDITED = "not_accredited", _("Not accredited")

    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="visits"
    )
    kind = models.CharField(_("kind of visit"), max_length=20, choices=Kind.choices)
    visit_date = models.DateField(_("date of the visit"))
    assessing_body = models.CharField(_("assessing body"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("assessor's findings"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-visit_date"]


class AssessorGrant(models.Model):
    """Time-limited, read-only access for an assessor to one accreditation."""

    accreditation = models.ForeignKey(
        Accreditation, on_delete=models.CASCADE, related_name="grants"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessor_grants"
    )
    starts = models.DateField(_("from"))
    ends = models.DateField(_("until"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-ends"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")), name="grant_ends_after_start"
            )
        ]


MEETING_CHOICES = list(MEETINGS.items())


class CommitteeReport(models.Model):
    """A report for one meeting and period. Drafts show live figures; issuing freezes them."""

    meeting = models.CharField(_("meeting"), max_length=20, choices=MEETING_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    sections = models.JSONField(_("sections"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-pk"]
        permissions = [("issue_committeereport", "Can issue committee reports")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class IssuedReport(models.Model):
    """A report as members received it: its content and its PDF, never recomputed."""

    report = models.ForeignKey(CommitteeReport, on_delete=models.PROTECT, related_name="issues")
    version = models.PositiveIntegerField(_("version"))
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.JSONField()
    pdf = models.BinaryField()

    class Meta:
        ordering = ["report", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["report", "version"], name="one_issue_per_version")
        ]
