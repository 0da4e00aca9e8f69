"""Staffing and savings: the advisors rostered, and the savings scenarios put to members."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RosterImport(models.Model):
    """One roster file, imported whole or not at all."""

    filename = models.CharField(_("file name"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    shift_count = models.PositiveIntegerField(_("shifts"), default=0)
    replaced_count = models.PositiveIntegerField(_("shifts replaced"), default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        permissions = [("view_staffing", "Can see the staffing and savings area")]

    def __str__(self):
        return self.filename


class RosterShift(models.Model):
    """Advisors on the phones from `start_time` to `end_time` on `date` (London time): one
    named advisor, or a count of advisors; for one queue, or every queue when blank."""

    roster_import = models.ForeignKey(RosterImport, on_delete=models.CASCADE, related_name="shifts")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    advisor_email = models.EmailField(_("advisor email"), blank=True)
    advisors = models.PositiveIntegerField(
        _("advisors"), default=1, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    queue = models.CharField(_("queue"), max_length=100, blank=True)

    class Meta:
        ordering = ["date", "start_time", "pk"]
        indexes = [models.Index(fields=["date", "queue"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="staffing_shift_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(advisors__gte=1), name="staffing_shift_advisors"),
        ]

    def __str__(self):
        return f"{self.date} {self.start_time}-{self.end_time}"


class SavingUnit(models.TextChoices):
    MONEY = "money", _("Money (£)")
    FTE = "fte", _("Full-time equivalent posts (FTE)")


class SavingsScenario(models.Model):
    """A savings scenario: today's figures and targets, three years of savings and channel
    shift. The year-by-year result is worked out from these whenever it is shown."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    first_year = models.PositiveIntegerField(
        _("first financial year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the first financial year starts, for example 2027 for 2027/28"),
    )
    # Base figures: today.
    calls_per_year = models.PositiveIntegerField(
        _("calls a year"), validators=[MinValueValidator(1)]
    )
    aht_seconds = models.PositiveIntegerField(
        _("average handle time in seconds"), validators=[MinValueValidator(1)]
    )
    current_fte = models.DecimalField(
        _("advisor posts today (FTE)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    shrinkage_percent = models.DecimalField(
        _("shrinkage (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(Decimal("95"))],
    )
    opening_hours_per_week = models.DecimalField(
        _("phone lines open (hours a week)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("47.5"),
        validators=[MinValueValidator(1), MaxValueValidator(168)],
    )
    fte_hours_per_week = models.DecimalField(
        _("hours in a full-time week"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("37"),
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    patience_seconds = models.PositiveIntegerField(
        _("average caller patience in seconds"), default=180, validators=[MinValueValidator(1)]
    )
    cost_per_fte = models.DecimalField(
        _("cost of one FTE a year (£)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    # Today's targets.
    target_service_level_percent = models.DecimalField(
        _("service level target (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(1), MaxValueValidator(Decimal("99.9"))],
    )
    target_answer_seconds = models.PositiveIntegerField(
        _("answered within (seconds)"), validators=[MinValueValidator(1)]
    )
    target_asa_seconds = models.PositiveIntegerField(
        _("average answer time target (seconds)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    target_abandonment_percent = models.DecimalField(
        _("abandoned calls target (at most %)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    # Three years of savings (each year's own saving, on top of the years before) and channel shift.
    saving_unit = models.CharField(_("savings are in"), max_length=10, choices=SavingUnit.choices)
    saving_year_1 = models.DecimalField(
        _("saving in year 1"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    saving_year_2 = models.DecimalField(
        _("saving in year 2"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    saving_year_3 = models.DecimalField(
        _("saving in year 3"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    shift_year_1 = models.DecimalField(
        _("calls moving online in year 1 (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    shift_year_2 = models.DecimalField(
        _("calls moving online in year 2 (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    shift_year_3 = models.DecimalField(
        _("calls moving online in year 3 (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.name

    @property
    def savings(self) -> list[Decimal]:
        return [self.saving_year_1, self.saving_year_2, self.saving_year_3]

    @property
    def shifts(self) -> list[Decimal]:
        return [self.shift_year_1, self.shift_year_2, self.shift_year_3]
