"""Telephony records imported from the councils' phone systems, the daily rollups every
dashboard reads, and the targets the head of service sets."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def default_service_level_seconds() -> int:
    return int(getattr(settings, "SERVICE_LEVEL_SECONDS", 20))


class Queue(models.Model):
    """A phone queue as the phone system names it; the team and site that answer it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    site = models.ForeignKey(
        "accounts.Site", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    service_level_seconds = models.PositiveIntegerField(
        _("answered within (seconds) for the service level"),
        default=default_service_level_seconds,
    )

    class Meta:
        ordering = ["name"]
        permissions = [
            ("view_dashboard", "Can view performance dashboards"),
            ("view_service_dashboard", "Can view the whole service's and any team's dashboard"),
        ]

    def __str__(self):
        return self.name


class CallOutcome(models.TextChoices):
    ANSWERED = "answered", _("Answered")
    ABANDONED = "abandoned", _("Abandoned")
    OVERFLOWED = "overflowed", _("Overflowed")
    CALLBACK = "callback", _("Callback")


class CallRecord(models.Model):
    """One call as the phone system recorded it; a call id is unique within its system."""

    source_system = models.CharField(max_length=40)
    call_id = models.CharField(max_length=80)
    # No foreign key constraint in the database: a year of calls is millions of rows, and
    # checking each one at commit doubled the import's time. The imports write the queue
    # before any call that names it, and PROTECT still stops a queue with calls from being
    # deleted through Django. The index is (queue, offered_at) in Meta.
    queue = models.ForeignKey(
        Queue,
        on_delete=models.PROTECT,
        related_name="calls",
        db_constraint=False,
        db_index=False,
    )
    offered_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    agent = models.CharField(max_length=120, blank=True)
    outcome = models.CharField(max_length=12, choices=CallOutcome.choices)
    # Kept at import so rollups and service levels need no date arithmetic in SQL.
    wait_seconds = models.PositiveIntegerField(null=True, blank=True)
    handle_seconds = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source_system", "call_id"], name="call_unique"),
        ]
        indexes = [models.Index(fields=["queue", "offered_at"])]


class IntervalRecord(models.Model):
    """A queue's totals for one 15 or 30-minute interval."""

    source_system = models.CharField(max_length=40)
    queue = models.ForeignKey(Queue, on_delete=models.PROTECT, related_name="intervals")
    interval_start = models.DateTimeField()
    interval_minutes = models.PositiveSmallIntegerField()
    offered = models.PositiveIntegerField()
    answered = models.PositiveIntegerField()
    abandoned = models.PositiveIntegerField()
    answered_within_threshold = models.PositiveIntegerField()
    handle_seconds = models.PositiveIntegerField()
    wait_seconds = models.PositiveIntegerField(null=True, blank=True)
    staffed_seconds = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["queue", "interval_start"], name="interval_unique"),
            models.CheckConstraint(
                condition=models.Q(interval_minutes__in=[15, 30]), name="interval_minutes_15_30"
            ),
        ]


class ImportKind(models.TextChoices):
    CALLS = "calls", _("Call-level rows")
    INTERVALS = "intervals", _("Interval totals")


class ImportRun(models.Model):
    """One file loaded (or refused) from a phone system, with its progress and errors."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Rejected")

    kind = models.CharField(_("what the file holds"), max_length=12, choices=ImportKind.choices)
    profile = models.CharField(_("export layout"), max_length=40)
    file = models.FileField(upload_to="performance/imports/%Y/%m/", blank=True)
    filename = models.CharField(max_length=255)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_loaded = models.PositiveIntegerField(default=0)
    rows_duplicate = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("import_telephony", "Can import phone system files")]

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, int(100 * self.rows_done / self.rows_total))


class DailyQueueStats(models.Model):
    """A queue's day: from its interval totals where it has any, else from its calls."""

    date = models.DateField()
    queue = models.ForeignKey(Queue, on_delete=models.CASCADE, related_name="+")
    offered = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    abandoned = models.PositiveIntegerField(default=0)
    answered_within_threshold = models.PositiveIntegerField(default=0)
    handle_seconds = models.PositiveBigIntegerField(default=0)
    wait_seconds = models.PositiveBigIntegerField(null=True, blank=True)
    staffed_seconds = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["queue", "date"], name="daily_queue_unique"),
        ]
        indexes = [models.Index(fields=["date"])]


class DailyContactStats(models.Model):
    """Contacts logged on a day, by team, site, channel and outcome."""

    date = models.DateField()
    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, null=True, related_name="+")
    site = models.ForeignKey("accounts.Site", on_delete=models.CASCADE, null=True, related_name="+")
    channel = models.CharField(max_length=16)
    outcome = models.CharField(max_length=20)
    contacts = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["date"])]


class DailyRequestStats(models.Model):
    """Service requests resolved on a day, by department, and how many by their due date."""

    date = models.DateField()
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.CASCADE, null=True, related_name="+"
    )
    resolved = models.PositiveIntegerField()
    resolved_within_sla = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["date"])]


class Target(models.Model):
    """What the head of service aims for on one KPI over a period."""

    kpi = models.CharField(_("measure"), max_length=40)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    value = models.FloatField(_("target"))
    amber_margin = models.FloatField(
        _("amber margin"),
        default=5.0,
        help_text=_("How far short of the target, in the measure's own units, is still amber."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period_start"], name="target_unique"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="target_period_order",
            ),
        ]
