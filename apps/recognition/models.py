"""Recognition and staff voice: the monthly award, the suggestion scheme and pulse surveys
with "you said, we did"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AwardMonth(models.Model):
    """One month of the award scheme: nominations, a shortlist and the panel's decision."""

    class Status(models.TextChoices):
        OPEN = "open", _("Taking nominations")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        DECIDED = "decided", _("Decided")

    month = models.DateField(_("month"), unique=True, help_text="The first day of the month")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="open")
    winner = models.ForeignKey(
        "Nomination", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    panel = models.CharField(_("panel"), max_length=300, blank=True)
    reasons = models.TextField(_("the panel's reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month"]
        permissions = [("run_award", "Can shortlist and decide the monthly award")]

    def __str__(self):
        return self.month.strftime("%B %Y")


class Nomination(models.Model):
    class Source(models.TextChoices):
        STAFF = "staff", _("A colleague")
        MANAGER = "manager", _("A manager")
        COMPLIMENT = "compliment", _("A resident's compliment")
        MYSTERY_SHOPPING = "mystery_shopping", _("Mystery shopping")

    award_month = models.ForeignKey(
        AwardMonth, on_delete=models.PROTECT, related_name="nominations"
    )
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="award_nominations",
        verbose_name=_("who you are nominating"),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("why they deserve it"))
    source_reference = models.CharField(max_length=100, blank=True)
    shortlisted = models.BooleanField(_("shortlisted"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            # A compliment or a mystery-shopping finding nominates someone once.
            models.UniqueConstraint(
                fields=["source", "source_reference"],
                condition=~models.Q(source_reference=""),
                name="nomination_from_a_source_once",
            )
        ]


class Suggestion(models.Model):
    class Status(models.TextChoices):
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        IMPLEMENTED = "implemented", _("Implemented")
        NOT_TAKEN_FORWARD = "not_taken_forward", _("Not taken forward")

    title = models.CharField(_("your idea in a few words"), max_length=150)
    idea = models.TextField(_("your idea"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        help_text="Empty when the suggestion was made anonymously",
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNDER_REVIEW
    )
    response = models.TextField(_("our response"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    hours_saved_a_month = models.DecimalField(
        _("hours saved a month"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    money_saved_a_year = models.DecimalField(
        _("money saved a year (£)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    benefit = models.TextField(_("the benefit"), blank=True)
    history = HistoricalRecords(excluded_fields=["submitted_by"])

    class Meta:
        ordering = ["-submitted_at"]
        permissions = [("respond_suggestion", "Can triage and respond to suggestions")]

    def __str__(self):
        return self.title


class PulseSurvey(models.Model):
    """A short, recurring staff survey. Answers are anonymous: who answered is kept apart
    from what they answered, and results show by team only where enough people answered."""

    title = models.CharField(_("title"), max_length=150)
    statements = models.JSONField(_("statements"), help_text="Statements rated 1 to 5")
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gte=models.F("opens")), name="pulse_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.title


class PulseAnswer(models.Model):
    """What one person answered, with their team but not who they are."""

    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="answers")
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scores = models.JSONField()
    comment = models.TextField(blank=True)


class PulseParticipation(models.Model):
    """That someone answered (so they answer once), kept apart from the answer."""

    survey = models.ForeignKey(PulseSurvey, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="answer_a_pulse_survey_once")
        ]


class YouSaidWeDid(models.Model):
    """A theme from staff feedback and what was done about it, shown to all staff."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")

    survey = models.ForeignKey(
        PulseSurvey, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    theme = models.CharField(_("theme"), max_length=150)
    you_said = models.TextField(_("you said"))
    we_did = models.TextField(_("we did (or will do)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="planned")
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at"]
        permissions = [("manage_staff_feedback", "Can run pulse surveys and publish responses")]
