"""Mystery shopping: programmes, scenarios and their checklists, the shopper panel, seeded
allocation runs, visits completed through one-time links, access checks, findings and actions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CSECriterion(models.IntegerChoices):
    """The five criteria of Customer Service Excellence. The assurance app holds the full
    framework; here a checklist item keeps only the criterion number and an element code."""

    CUSTOMER_INSIGHT = 1, _("1 Customer Insight")
    CULTURE = 2, _("2 The Culture of the Organisation")
    INFORMATION_ACCESS = 3, _("3 Information and Access")
    DELIVERY = 4, _("4 Delivery")
    TIMELINESS_QUALITY = 5, _("5 Timeliness and Quality of Service")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    FACE_TO_FACE = "face_to_face", _("Face to face")
    EMAIL = "email", _("Email")
    WEB = "web", _("Web")
    WEB_CHAT = "web_chat", _("Web chat")


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Morning (9am to 12 noon)")
    MIDDAY = "midday", _("Midday (12 noon to 2pm)")
    AFTERNOON = "afternoon", _("Afternoon (2pm to 5pm)")


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start", "name"]
        permissions = [("manage_mystery", "Can manage mystery shopping")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="mystery_period")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must be the same as or after the start")})


class Target(models.Model):
    """How many visits a programme wants on a channel (at a site, for face to face)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    site = models.ForeignKey(
        "accounts.Site", verbose_name=_("site"), on_delete=models.PROTECT, null=True, blank=True
    )
    visits = models.PositiveSmallIntegerField(_("visits"))

    class Meta:
        ordering = ["channel", "site__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "channel", "site"], name="mystery_target_unique"
            )
        ]


class Scenario(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="scenarios")
    title = models.CharField(_("title"), max_length=150)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    service = models.ForeignKey(
        "catalogue.Service", verbose_name=_("service"), on_delete=models.PROTECT
    )
    brief = models.TextField(_("what the shopper asks or does"))
    instructions = models.TextField(_("instructions for the shopper"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["channel", "title"]

    def __str__(self):
        return self.title


class Criterion(models.Model):
    """One item of a scenario's checklist, weighted and mapped to a CSE criterion."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="criteria")
    text = models.CharField(_("what the shopper checks"), max_length=300)
    cse_criterion = models.PositiveSmallIntegerField(
        _("CSE criterion"), choices=CSECriterion.choices
    )
    cse_code = models.CharField(
        _("CSE element"),
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(
                r"^[1-5]\.[0-9]{1,2}$", _("Enter the element code as a number such as 3.2")
            )
        ],
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1), name="mystery_weight_positive")
        ]

    def __str__(self):
        return self.text

    def clean(self):
        # "3.2" is an element of criterion 3: the code must name the criterion it is under.
        if (
            self.cse_code
            and self.cse_criterion
            and not self.cse_code.startswith(f"{self.cse_criterion}.")
        ):
            raise ValidationError(
                {
                    "cse_code": _("The element code must start with %(n)s. for criterion %(n)s")
                    % {"n": self.cse_criterion}
                }
            )


class Shopper(models.Model):
    class Kind(models.TextChoices):
        RESIDENT = "resident", _("Local resident")
        DISABLED = "disabled", _("Disabled person")
        BUSINESS = "business", _("Business")
        OFFICER = "officer", _("Council officer")

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"))
    kind = models.CharField(_("kind of shopper"), max_length=20, choices=Kind.choices)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("officer's department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("An officer never shops a service of their own department."),
    )
    access_needs = models.TextField(_("access needs"), blank=True)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    is_active = models.BooleanField(_("on the panel"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="officer") | Q(department__isnull=False),
                name="mystery_officer_has_department",
            )
        ]

    def __str__(self):
        return self.name


class AllocationRun(models.Model):
    """One seeded random allocation: the seed is kept so anyone can repeat it and see the
    same visits come out."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="allocation_runs"
    )
    seed = models.BigIntegerField(_("seed"))
    method = models.TextField(_("method"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class Visit(models.Model):
    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        SUBMITTED = "submitted", _("Submitted")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="visits")
    run = models.ForeignKey(
        AllocationRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits"
    )
    scenario = models.ForeignKey(Scenario, on_delete=models.PROTECT, related_name="visits")
    shopper = models.ForeignKey(Shopper, on_delete=models.PROTECT, related_name="visits")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    site = models.ForeignKey(
        "accounts.Site", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    day = models.DateField(_("day"))
    time_of_day = models.CharField(_("time of day"), max_length=12, choices=TimeOfDay.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ASSIGNED)
    token_digest = models.CharField(max_length=64, unique=True)
    link_expires_at = models.DateTimeField()
    visited_on = models.DateField(_("date of the visit"), null=True, blank=True)
    staff_description = models.CharField(_("who served you"), max_length=200, blank=True)
    summary = models.TextField(_("what happened"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token_digest"])

    class Meta:
        ordering = ["day", "pk"]
        indexes = [models.Index(fields=["status", "submitted_at"])]


class Answer(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    met = models.BooleanField()
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "criterion"], name="mystery_answer_once")
        ]


class Check(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_APPLICABLE = "na", _("Not applicable or could not check")


class AccessCheck(models.Model):
    """The disabled access check a shopper fills in on a face-to-face visit."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="access_check")
    parking_bays = models.PositiveSmallIntegerField(_("accessible parking bays"), default=0)
    parking_distance_metres = models.PositiveSmallIntegerField(
        _("distance from the bays to the entrance, in metres"), null=True, blank=True
    )
    parking_signed = models.CharField(_("bays clearly signed"), max_length=3, choices=Check.choices)
    parking_charges = models.CharField(_("parking charges"), max_length=200, blank=True)
    step_free_entrance = models.CharField(
        _("step-free entrance"), max_length=3, choices=Check.choices
    )
    doors = models.CharField(
        _("doors easy to open or automatic"), max_length=3, choices=Check.choices
    )
    hearing_loop = models.CharField(
        _("hearing loop working and signed"), max_length=3, choices=Check.choices
    )
    seating = models.CharField(
        _("seating available while waiting"), max_length=3, choices=Check.choices
    )
    accessible_toilet = models.CharField(
        _("accessible toilet available"), max_length=3, choices=Check.choices
    )
    signage = models.CharField(
        _("signs and printed information in a large enough size"),
        max_length=3,
        choices=Check.choices,
    )
    staff_awareness = models.CharField(
        _("staff aware of disabled customers' needs"), max_length=3, choices=Check.choices
    )
    comments = models.TextField(_("anything else about access"), blank=True)

    YES_NO_FIELDS = (
        "parking_signed",
        "step_free_entrance",
        "doors",
        "hearing_loop",
        "seating",
        "accessible_toilet",
        "signage",
        "staff_awareness",
    )


class Finding(models.Model):
    class Kind(models.TextChoices):
        POSITIVE = "positive", _("Positive finding")
        IMPROVEMENT = "improvement", _("Needs improvement")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("finding"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mystery_findings",
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class FollowUpAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="mystery_actions",
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
