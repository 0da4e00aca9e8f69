"""Training, qualifications, back to the floor and the customer focus strategy."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL


# --- Training -------------------------------------------------------------------------------


class Course(models.Model):
    """A course staff attend; a coordinated course is opened by a service change."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "A refresher is due this many months after completion. Leave blank if it never expires."
        ),
    )
    service_version = models.OneToOneField(
        "catalogue.ServiceVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_course",
        verbose_name=_("service change"),
    )
    deadline = models.DateField(_("complete by"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "title"]
        permissions = [
            ("view_workforce", "Can open the training and development pages"),
            ("manage_training", "Can manage courses, sessions, bookings and completions"),
            ("view_all_training", "Can see everyone's training and qualifications"),
            ("book_training", "Can book themselves onto training sessions"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_coordinated(self) -> bool:
        return self.service_version_id is not None


class TrainingSession(models.Model):
    """One running of a course: when, where (or online), who trains, how many places."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    trainer = models.CharField(_("trainer"), max_length=150)
    capacity = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_has_places"),
            models.CheckConstraint(
                condition=Q(online=True) | ~Q(place=""), name="session_has_place_or_online"
            ),
        ]

    def __str__(self):
        return f"{self.course} ({self.starts_at:%d %B %Y})"


class Booking(models.Model):
    """A person's place on a session, and whether they attended."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_bookings")
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    booked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session__starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="booking_once_per_session")
        ]


class TrainingRecord(models.Model):
    """A person's place on a course: required (coordinated need) or taken, and completion."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="records")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_records")
    required = models.BooleanField(_("required"), default=False)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    expires_on = models.DateField(_("refresher due"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_reminded_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["course", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["course", "person"], name="training_record_once")
        ]


# --- Qualifications -------------------------------------------------------------------------


class Programme(models.Model):
    """A qualification programme: its units, modules, assessments and pass mark."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    awarding_body = models.CharField(_("awarding body"), max_length=200)
    duration_months = models.PositiveSmallIntegerField(_("length in months"), default=12)
    pass_mark = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("A module is passed by a score strictly above this mark."),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProgrammeLevel(models.Model):
    """A level of a programme (Award, Certificate) and the modules it needs."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="levels")
    name = models.CharField(_("name"), max_length=100)
    svq_level = models.PositiveSmallIntegerField(_("SVQ level"), null=True, blank=True)
    modules = models.ManyToManyField("Module", blank=True, related_name="levels")

    class Meta:
        ordering = ["programme", "svq_level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="level_name_unique")
        ]

    def __str__(self):
        if self.svq_level:
            return f"{self.name} (SVQ level {self.svq_level})"
        return self.name


class Unit(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="units")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unit_number_unique")
        ]

    def __str__(self):
        return f"Unit {self.number}: {self.title}"


class Module(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="modules")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["unit__programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="module_number_unique")
        ]

    def __str__(self):
        return f"Module {self.number}: {self.title}"


class Assessment(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="assessments")
    title = models.CharField(_("title"), max_length=200)

    def __str__(self):
        return self.title


class Enrolment(models.Model):
    """A person taking a level of a programme; complete when every module is passed."""

    person = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="enrolments")
    level = models.ForeignKey(ProgrammeLevel, on_delete=models.PROTECT, related_name="enrolments")
    started_on = models.DateField(_("started on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    certificate_date = models.DateField(_("certificate date"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(fields=["person", "level"], name="enrolment_once_per_level")
        ]

    def __str__(self):
        return f"{self.person} – {self.level.programme} {self.level}"


class ModuleResult(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="results")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(
        _("score (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    assessed_on = models.DateField(_("assessed on"))
    passed = models.BooleanField(_("passed"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["module__number"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module"], name="result_once_per_module")
        ]


class Membership(models.Model):
    """A person's Institute of Customer Service membership."""

    person = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="ics_membership")
    level = models.CharField(_("membership level"), max_length=100)
    number = models.CharField(_("membership number"), max_length=60)
    renewal_date = models.DateField(_("renewal date"))

    history = HistoricalRecords()


class CpdRecord(models.Model):
    """Continuing professional development: what, when and for how long."""

    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="cpd_records")
    date = models.DateField(_("date"))
    activity = models.CharField(_("activity"), max_length=300)
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )

    class Meta:
        ordering = ["-date"]


# --- Back to the floor ----------------------------------------------------------------------


class FloorEvent(models.Model):
    """A back-to-the-floor event, such as Customer Services Week."""

    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    hashtag = models.CharField(_("hashtag"), max_length=60, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        permissions = [
            ("view_placements", "Can see back-to-the-floor placements"),
            ("view_all_placements", "Can see everyone's back-to-the-floor placements"),
            ("manage_placements", "Can arrange placements and record observations"),
            ("export_observations", "Can export observation posts"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.name


class Placement(models.Model):
    """A councillor or senior officer joining a service or team for a time, with a host."""

    event = models.ForeignKey(FloorEvent, on_delete=models.CASCADE, related_name="placements")
    participant = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="placements"
    )
    participant_name = models.CharField(_("participant name"), max_length=150, blank=True)
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    host = models.CharField(_("host"), max_length=150)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participant__isnull=False) | ~Q(participant_name=""),
                name="placement_has_participant",
            ),
            models.CheckConstraint(
                condition=Q(service__isnull=False) | Q(team__isnull=False),
                name="placement_has_service_or_team",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="placement_ends_after_start"
            ),
        ]

    @property
    def who(self) -> str:
        return self.participant.full_name if self.participant_id else self.participant_name

    @property
    def where(self) -> str:
        return str(self.team) if self.team_id else str(self.service)


class Observation(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="observations")
    good_practice = models.TextField(_("good practice seen"), blank=True)
    problems = models.TextField(_("problems found"), blank=True)
    public_post = models.CharField(_("public post"), max_length=280, blank=True)
    hashtag = models.CharField(_("hashtag"), max_length=60, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-recorded_at"]


class FollowUpAction(models.Model):
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    def is_overdue(self, today: datetime.date) -> bool:
        """Open and past its due date."""
        return self.done_on is None and self.due_on is not None and self.due_on < today


# --- Customer focus strategy ----------------------------------------------------------------


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    DONE = "done", _("Done")


RAG = {
    ActionStatus.NOT_STARTED: "grey",
    ActionStatus.ON_TRACK: "green",
    ActionStatus.AT_RISK: "amber",
    ActionStatus.OFF_TRACK: "red",
    ActionStatus.DONE: "green",
}


class Objective(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["number"]
        permissions = [
            ("view_strategy", "Can see the customer focus strategy"),
            ("manage_strategy", "Can change the customer focus strategy"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class StrategyAction(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    start_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("per cent complete"), default=0, validators=[MaxValueValidator(100)]
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["objective__number", "due_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="action_percent_at_most_100"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def rag(self) -> str:
        return RAG[ActionStatus(self.status)]

    @property
    def is_open(self) -> bool:
        return self.status != ActionStatus.DONE

    def is_overdue(self, today: datetime.date) -> bool:
        """Not done and past its due date."""
        return self.is_open and self.due_on < today


def validate_site_path(value: str) -> None:
    """An evidence link must be a path on this site that a page answers."""
    if not value.startswith("/") or value.startswith("//"):
        raise ValidationError(_("Enter a path on firstpoint starting with /"), code="not_path")
    try:
        resolve(value.split("?", 1)[0])
    except Resolver404:
        raise ValidationError(
            _("No page in firstpoint has the path %(path)s"), params={"path": value}, code="no_page"
        ) from None


class EvidenceLink(models.Model):
    action = models.ForeignKey(StrategyAction, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    path = models.CharField(
        _("path in firstpoint"), max_length=300, validators=[validate_site_path]
    )

    def __str__(self):
        return self.title
