"""Operations: system downtime and the IT review, the publications register, security at centres."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# --- System downtime ---------------------------------------------------------------------------


class System(models.Model):
    """A system Customer Services depends on, with the person or team who owns it."""

    class Category(models.TextChoices):
        CRM = "crm", _("Customer relationship management (CRM)")
        TELEPHONY = "telephony", _("Telephony")
        PAYMENTS = "payments", _("Payments")
        WEBSITE = "website", _("Website")
        BACK_OFFICE = "back_office", _("Back-office system")

    name = models.CharField(_("name"), max_length=100, unique=True)
    category = models.CharField(_("kind of system"), max_length=16, choices=Category.choices)
    owner = models.CharField(_("owner"), max_length=150)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        permissions = [("view_operations", "Can open the operations pages")]

    def __str__(self):
        return self.name


class SystemAlias(models.Model):
    """A name advisors use for a system when they flag a contact (stored lower case)."""

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["alias"]

    def __str__(self):
        return self.alias


class RootCause(models.TextChoices):
    HARDWARE = "hardware", _("Hardware failure")
    SOFTWARE = "software", _("Software fault")
    NETWORK = "network", _("Network or connectivity")
    SUPPLIER = "supplier", _("Supplier or hosted service")
    CHANGE = "change", _("Change or release")
    CAPACITY = "capacity", _("Capacity or performance")
    POWER = "power", _("Power or building")
    SECURITY = "security", _("Security incident")
    MAINTENANCE = "maintenance", _("Planned maintenance")
    UNKNOWN = "unknown", _("Not yet known")


class DowntimeIncident(models.Model):
    """A period when a system was unavailable, planned or not."""

    system = models.ForeignKey(System, on_delete=models.PROTECT, related_name="incidents")
    summary = models.CharField(_("what happened"), max_length=200)
    started_at = models.DateTimeField(_("start"), db_index=True)
    ended_at = models.DateTimeField(_("end"), null=True, blank=True)
    planned = models.BooleanField(_("planned"), default=False)
    channels = models.JSONField(_("channels affected"), default=list, blank=True)
    sites = models.ManyToManyField(
        "accounts.Site", blank=True, related_name="+", verbose_name=_("sites affected")
    )
    root_cause = models.CharField(
        _("root cause"), max_length=16, choices=RootCause.choices, default=RootCause.UNKNOWN
    )
    root_cause_analysis = models.TextField(_("root cause analysis"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[sites])

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="downtime_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.system}: {self.summary}"


class IncidentAction(models.Model):
    """Something to be done after an incident, with an owner and a date."""

    incident = models.ForeignKey(DowntimeIncident, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=150)
    due_on = models.DateField(_("due"))
    completed_on = models.DateField(_("completed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]


class ITReview(models.Model):
    """The independent review of IT's support to Customer Services."""

    title = models.CharField(_("title"), max_length=200)
    reviewer = models.CharField(_("reviewer"), max_length=150)
    reported_on = models.DateField(_("date of the report"))

    class Meta:
        ordering = ["-reported_on"]

    def __str__(self):
        return self.title


class ITRecommendation(models.Model):
    """One recommendation of an IT review, tracked until it is done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    review = models.ForeignKey(ITReview, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"))
    owner = models.CharField(_("owner"), max_length=150)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    update_notes = models.TextField(_("update notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="recommendation_number")
        ]

    def __str__(self):
        return f"{self.review}: {self.number}"


# --- Publications register ---------------------------------------------------------------------


class Publication(models.Model):
    """A leaflet or poster; its versions are issued and withdrawn by the communications unit."""

    class Kind(models.TextChoices):
        LEAFLET = "leaflet", _("Leaflet")
        POSTER = "poster", _("Poster")

    title = models.CharField(_("title"), max_length=200, unique=True)
    kind = models.CharField(_("leaflet or poster"), max_length=8, choices=Kind.choices)
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name=_("owning service"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        permissions = [("issue_publication", "Can issue and withdraw publications")]

    def __str__(self):
        return self.title


class Format(models.TextChoices):
    STANDARD = "standard", _("Standard print")
    LARGE_PRINT = "large_print", _("Large print")
    EASY_READ = "easy_read", _("Easy read")
    LANGUAGES = "languages", _("Other languages")


def publication_upload_to(instance, filename) -> str:
    # Under MEDIA_ROOT, which the web server does not serve: downloads go through a view.
    return f"publications/{instance.publication_id}/v{instance.number}.pdf"


class PublicationVersion(models.Model):
    """One issued version of a publication; a newer issue withdraws it."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    issued_on = models.DateField(_("date of issue"))
    review_on = models.DateField(_("review date"))
    formats = models.JSONField(_("formats"), default=list)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    document = models.FileField(_("electronic copy"), upload_to=publication_upload_to)
    document_size = models.PositiveIntegerField(default=0)
    distribution_points = models.ManyToManyField(
        "accounts.Site", related_name="+", verbose_name=_("distribution points")
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[distribution_points])

    class Meta:
        ordering = ["publication", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="publication_version"),
            models.UniqueConstraint(
                fields=["publication"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_current_version_per_publication",
            ),
        ]

    def __str__(self):
        return f"{self.publication} (version {self.number})"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None


class RemovalTask(models.Model):
    """Take a withdrawn version's printed stock out of one distribution point."""

    version = models.ForeignKey(
        PublicationVersion, on_delete=models.CASCADE, related_name="removal_tasks"
    )
    site = models.ForeignKey("accounts.Site", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("removal confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [("confirm_removal", "Can confirm obsolete stock removed at their site")]
        constraints = [
            models.UniqueConstraint(fields=["version", "site"], name="one_removal_per_site"),
            models.CheckConstraint(
                condition=models.Q(confirmed_at__isnull=True)
                | models.Q(confirmed_by__isnull=False),
                name="removal_confirmed_by_someone",
            ),
        ]


# --- Security at customer service centres ------------------------------------------------------


class SecurityIncident(models.Model):
    class Kind(models.TextChoices):
        VERBAL_ABUSE = "verbal_abuse", _("Verbal abuse or threats")
        PHYSICAL_ASSAULT = "physical_assault", _("Physical assault")
        DAMAGE = "damage", _("Damage to property")
        THEFT = "theft", _("Theft")
        DISTURBANCE = "disturbance", _("Disturbance or refusal to leave")
        OTHER = "other", _("Other")

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    site = models.ForeignKey("accounts.Site", on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField(_("date and time"), db_index=True)
    kind = models.CharField(_("type of incident"), max_length=20, choices=Kind.choices)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    staff_affected = models.PositiveSmallIntegerField(_("staff affected"), default=0)
    police_involved = models.BooleanField(_("police involved"), default=False)
    description = models.TextField(_("what happened"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at"]


class VisitorCount(models.Model):
    """How many people visited a centre in a month (the month's first day)."""

    site = models.ForeignKey("accounts.Site", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"))
    visitors = models.PositiveIntegerField(_("visitors"))

    class Meta:
        ordering = ["-month", "site__name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "month"], name="one_count_per_site_month"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="month_is_first_day"),
        ]


class SecurityAssessment(models.Model):
    """Whether a centre needs security staff, judged on its incidents per thousand visitors."""

    class Risk(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    site = models.ForeignKey("accounts.Site", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    incidents = models.PositiveIntegerField(_("incidents"))
    visitors = models.PositiveIntegerField(_("visitors"))
    incidents_per_thousand = models.DecimalField(
        _("incidents per thousand visitors"), max_digits=8, decimal_places=2, null=True
    )
    risk = models.CharField(_("risk rating"), max_length=8, choices=Risk.choices)
    security_staff_needed = models.BooleanField(_("security staff recommended"))
    recommendation = models.TextField(_("recommendation"))
    decision = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("date of decision"), null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "site__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="assessment_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_on__isnull=True) | ~models.Q(decision=""),
                name="assessment_decision_has_text",
            ),
        ]


class SafetyWarning(models.Model):
    """A warning to staff about their safety when dealing with a customer."""

    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="safety_warnings"
    )
    reason = models.TextField(_("reason"))
    review_on = models.DateField(_("review date"))
    expired_at = models.DateTimeField(_("expired"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review_on", "pk"]


class SafetyWarningAccess(models.Model):
    """Who saw a safety warning, and when."""

    warning = models.ForeignKey(SafetyWarning, on_delete=models.CASCADE, related_name="access_log")
    viewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-viewed_at"]
