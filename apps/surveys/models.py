"""Satisfaction surveys: versioned questions, invitations by one-time link, responses in
three modes, sampling rates, the action log and the survey value review.

A response holds foreign keys to the contact, advisor, team, site and service, never a
name, email or phone number: personal data stays on the customer record.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.contacts.models import ContactChannel

STANDARD_SURVEY_SLUG = "post-interaction"


class Mode(models.TextChoices):
    ADVISOR = "advisor", _("Advisor-administered")
    INDEPENDENT = "independent", _("Independent")
    PORTAL = "portal", _("Portal")


class ResponseChannel(models.TextChoices):
    """The channel the resident used for the interaction the survey is about."""

    PHONE = ContactChannel.PHONE.value, ContactChannel.PHONE.label
    FACE_TO_FACE = ContactChannel.FACE_TO_FACE.value, ContactChannel.FACE_TO_FACE.label
    EMAIL = ContactChannel.EMAIL.value, ContactChannel.EMAIL.label
    WEB_CHAT = ContactChannel.WEB_CHAT.value, ContactChannel.WEB_CHAT.label
    LETTER = ContactChannel.LETTER.value, ContactChannel.LETTER.label
    SOCIAL_MEDIA = ContactChannel.SOCIAL_MEDIA.value, ContactChannel.SOCIAL_MEDIA.label
    OUT_OF_HOURS = ContactChannel.OUT_OF_HOURS.value, ContactChannel.OUT_OF_HOURS.label
    PORTAL = "portal", _("Online (portal)")


class Survey(models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        permissions = [
            ("view_all_results", "Can see every advisor's survey results"),
            ("view_team_results", "Can see the survey results of their own team's advisors"),
            ("manage_surveys", "Can manage surveys, sampling, actions and value reviews"),
        ]

    def __str__(self):
        return self.name


class Question(models.Model):
    """One version of a question. Rewording a question adds a version; answers keep theirs."""

    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 to 5")
        YES_NO = "yes_no", _("Yes or no")
        CHOICE = "choice", _("Choice")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=300)
    hint = models.CharField(_("hint"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("must be answered"), default=True)
    is_current = models.BooleanField(_("current version"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "position", "key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "key", "version"], name="survey_question_version_unique"
            ),
            models.UniqueConstraint(
                fields=["survey", "key"],
                condition=models.Q(is_current=True),
                name="survey_question_one_current_version",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="choice") | ~models.Q(choices=[]),
                name="survey_choice_question_has_choices",
            ),
        ]

    def __str__(self):
        return f"{self.text} (v{self.version})"


class SamplingRate(models.Model):
    """The share of a channel's contacts sent an independent survey each day."""

    channel = models.CharField(
        _("channel"), max_length=16, choices=ContactChannel.choices, unique=True
    )
    rate = models.DecimalField(
        _("sampling rate"),
        max_digits=5,
        decimal_places=4,
        help_text=_("Share of contacts invited, from 0 to 1"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["channel"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rate__gte=0) & models.Q(rate__lte=1),
                name="survey_sampling_rate_between_0_and_1",
            )
        ]

    def __str__(self):
        return f"{self.get_channel_display()}: {self.rate}"


class SamplingRun(models.Model):
    """A day whose contacts have been sampled, so a day is never sampled twice."""

    day = models.DateField(unique=True)
    invited = models.PositiveIntegerField(default=0)
    run_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day"]


class OptOut(models.Model):
    """A customer who asked not to be sent surveys; withdrawing it deletes the row (its
    history keeps who recorded and who withdrew it)."""

    customer = models.OneToOneField(
        "customers.Customer", on_delete=models.CASCADE, related_name="survey_opt_out"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"Survey opt-out of customer {self.customer_id}"


class Invitation(models.Model):
    """An invitation to answer a survey through a one-time link; only its hash is stored."""

    class Via(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message")

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    via = models.CharField(_("sent by"), max_length=8, choices=Via.choices)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    service_request = models.OneToOneField(
        "cases.ServiceRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_invitation",
    )
    # What the interaction was, for response rates by channel, site, team and service.
    channel = models.CharField(_("channel"), max_length=16, choices=ResponseChannel.choices)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    site = models.ForeignKey(
        "accounts.Site", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), db_index=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["mode", "sent_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["contact"],
                condition=models.Q(mode="independent"),
                name="survey_one_independent_invitation_per_contact",
            ),
            models.CheckConstraint(
                condition=~models.Q(mode="advisor"), name="survey_invitation_not_advisor_mode"
            ),
        ]

    def __str__(self):
        return f"{self.get_mode_display()} invitation {self.pk}"


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, db_index=True)
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    service_request = models.ForeignKey(
        "cases.ServiceRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ResponseChannel.choices)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    site = models.ForeignKey(
        "accounts.Site", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), db_index=True)
    # The standard questions' answers, kept here too so results aggregate in one query.
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    ease = models.PositiveSmallIntegerField(_("ease"), null=True, blank=True)
    resolved = models.BooleanField(_("resolved"), null=True, blank=True)
    would_use_again = models.BooleanField(_("would use the channel again"), null=True, blank=True)

    class Meta:
        ordering = ["-finished_at"]
        indexes = [
            models.Index(fields=["mode", "finished_at"]),
            models.Index(fields=["advisor", "finished_at"]),
            models.Index(fields=["team", "finished_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="survey_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(ease__isnull=True) | models.Q(ease__gte=1, ease__lte=5),
                name="survey_ease_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(started_at__isnull=True)
                | models.Q(started_at__lte=models.F("finished_at")),
                name="survey_started_before_finished",
            ),
        ]

    def __str__(self):
        return f"Survey response {self.pk}"

    @property
    def elapsed_minutes(self) -> float | None:
        if self.started_at is None:
            return None
        return round((self.finished_at - self.started_at).total_seconds() / 60, 1)


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    yes_no = models.BooleanField(null=True, blank=True)
    choice = models.CharField(max_length=150, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_unique")
        ]


class SurveyAction(models.Model):
    """Something done because of what the surveys found (the action log)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    finding = models.TextField(_("what the surveys found"))
    action = models.TextField(_("action taken"))
    owner = models.CharField(_("owner"), max_length=150)
    action_date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    evidence_url = models.CharField(
        _("evidence"),
        max_length=500,
        blank=True,
        help_text=_(
            "Address of the results or responses that show it, for example /surveys/results/?by=site"
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-action_date", "-pk"]

    def __str__(self):
        return self.action[:80]


class ValueReview(models.Model):
    """The survey value review for the scrutiny committee; figures are kept as built."""

    class Recommendation(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        CHANGE = "change", _("Change")
        STOP = "stop", _("Stop")

    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    hourly_rate = models.DecimalField(
        _("advisor cost per hour (£)"), max_digits=7, decimal_places=2
    )
    figures = models.JSONField(default=dict, editable=False)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    reasoning = models.TextField(_("reasoning"), blank=True)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    built_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-built_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="survey_review_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(recommendation="") | ~models.Q(reasoning=""),
                name="survey_review_recommendation_has_reasoning",
            ),
        ]

    def __str__(self):
        return self.title
