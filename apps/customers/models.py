"""Residents and businesses, their needs, and vulnerability (special category data)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Customer(models.Model):
    class Kind(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        BUSINESS = "business", _("Business")

    class PreferredChannel(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        LETTER = "letter", _("Letter")
        SMS = "sms", _("Text message")
        FACE_TO_FACE = "face_to_face", _("Face to face")

    reference = models.CharField(_("customer reference"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.RESIDENT)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    business_name = models.CharField(_("business name"), max_length=200, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    phone_other = models.CharField(_("other phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    uprn = models.CharField(_("UPRN"), max_length=12, blank=True)
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=16, choices=PreferredChannel.choices, blank=True
    )
    language = models.CharField(_("preferred language"), max_length=60, blank=True)
    # Accessibility needs, as codes from AccessibilityNeed (a short list kept in JSON).
    accessibility_needs = models.JSONField(_("accessibility needs"), default=list, blank=True)
    accessibility_notes = models.TextField(_("other accessibility needs"), blank=True)
    # Normalised copies for fast, indexed search: digits of phone numbers, postcode
    # without spaces, lower-case name. Kept current by the customers services.
    search_name = models.CharField(max_length=220, blank=True, db_index=True, editable=False)
    search_phone = models.CharField(max_length=30, blank=True, db_index=True, editable=False)
    search_postcode = models.CharField(max_length=10, blank=True, db_index=True, editable=False)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name", "business_name"]
        indexes = [
            models.Index(fields=["email"]),
            models.Index(fields=["uprn"]),
        ]
        permissions = [
            ("view_vulnerability", "Can see vulnerability information"),
            ("change_vulnerability", "Can record vulnerability information"),
            ("merge_customer", "Can merge duplicate customers"),
            ("view_customer_history", "Can read the change history of customers"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.kind == self.Kind.BUSINESS and self.business_name:
            return self.business_name
        return " ".join(p for p in (self.first_name, self.last_name) if p) or self.reference


class AccessibilityNeed(models.TextChoices):
    LARGE_PRINT = "large_print", _("Large print")
    BRAILLE = "braille", _("Braille")
    EASY_READ = "easy_read", _("Easy read")
    BSL = "bsl", _("British Sign Language interpreter")
    INTERPRETER = "interpreter", _("Spoken language interpreter")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    TEXT_RELAY = "text_relay", _("Relay UK (text relay)")
    STEP_FREE = "step_free", _("Step-free access")
    MORE_TIME = "more_time", _("More time or a call back")


class VulnerabilityCategory(models.TextChoices):
    BEREAVEMENT = "bereavement", _("Bereavement")
    DISABILITY = "disability", _("Disability")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    FINANCIAL_HARDSHIP = "financial_hardship", _("Financial hardship")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
    DIGITAL_EXCLUSION = "digital_exclusion", _("Digital exclusion")
    LIMITED_ENGLISH = "limited_english", _("Limited English")
    OLDER_PERSON = "older_person", _("Older person living alone")
    CARER = "carer", _("Carer")
    OTHER = "other", _("Other")


class Vulnerability(models.Model):
    """Special category data: recorded with consent or a recorded lawful basis, reviewed on a date."""

    class LawfulBasis(models.TextChoices):
        CONSENT = "consent", _("Explicit consent")
        VITAL_INTERESTS = "vital_interests", _("Vital interests")
        SAFEGUARDING = "safeguarding", _("Safeguarding of children and individuals at risk")
        PUBLIC_TASK = "public_task", _("Substantial public interest (statutory function)")

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="vulnerabilities")
    categories = models.JSONField(_("categories"), default=list)
    lawful_basis = models.CharField(_("lawful basis"), max_length=32, choices=LawfulBasis.choices)
    consent_given_by = models.CharField(
        _("consent given by"),
        max_length=150,
        blank=True,
        help_text=_("The customer, or who gave consent on their behalf."),
    )
    support_notes = models.TextField(_("how to support them"), blank=True)
    review_date = models.DateField(_("review date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(lawful_basis="consent") | ~models.Q(consent_given_by=""),
                name="vulnerability_consent_names_who",
            )
        ]


class VulnerabilityAccessLog(models.Model):
    """Who looked at a vulnerable customer's record, and when."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="access_log")
    viewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    viewed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    context = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-viewed_at"]


class CustomerMerge(models.Model):
    """An audited merge of a duplicate customer into the one that survives."""

    survivor = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="merges")
    duplicate = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="+")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=500)
    moved = models.JSONField(default=dict, help_text="How many records of each kind moved.")
