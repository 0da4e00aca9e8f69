"""The service catalogue: what residents can ask for, who owns it, and how advisors handle it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Department

from .lgsl import validate_lgsl_code


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    FACE_TO_FACE = "face_to_face", _("Face to face")
    ONLINE = "online", _("Online")
    EMAIL = "email", _("Email")
    POST = "post", _("Post")


class ReferralRoute(models.TextChoices):
    """What the agreement with the client service says an advisor does."""

    RESOLVE = "resolve", _("Resolve at first point of contact")
    SERVICE_REQUEST = "service_request", _("Raise a service request")
    WARM_TRANSFER = "warm_transfer", _("Warm transfer to the department")
    EMAIL_REFERRAL = "email_referral", _("Refer by email to the department")


class ChangeType(models.TextChoices):
    ROUTINE = "routine", _("Routine change")
    NEW_SERVICE = "new_service", _("New service")
    LEGISLATION_CHANGE = "legislation_change", _("Legislation change")


class Service(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("web address name"), max_length=160, unique=True)
    summary = models.TextField(
        _("summary for residents"), help_text=_("One or two plain sentences.")
    )
    lgsl_code = models.PositiveIntegerField(
        _("LGSL code"), validators=[validate_lgsl_code], db_index=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("owning client department"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    channel_phone = models.BooleanField(_("phone"), default=True)
    channel_face_to_face = models.BooleanField(_("face to face"), default=False)
    channel_online = models.BooleanField(_("online"), default=False)
    channel_email = models.BooleanField(_("email"), default=False)
    channel_post = models.BooleanField(_("post"), default=False)
    online_url = models.URLField(_("online link"), blank=True)
    reportable = models.BooleanField(
        _("can be reported through the portal and Open311"), default=False
    )
    sla_working_days = models.PositiveSmallIntegerField(
        _("SLA in working days"), null=True, blank=True
    )
    referral_route = models.CharField(
        _("agreed referral route"), max_length=32, choices=ReferralRoute.choices
    )
    script = models.TextField(_("advisor script"), blank=True)
    is_active = models.BooleanField(_("offered"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    CHANNEL_FIELDS = {
        Channel.PHONE: "channel_phone",
        Channel.FACE_TO_FACE: "channel_face_to_face",
        Channel.ONLINE: "channel_online",
        Channel.EMAIL: "channel_email",
        Channel.POST: "channel_post",
    }

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel_online=False) | ~Q(online_url=""),
                name="service_online_needs_link",
            ),
            models.CheckConstraint(
                condition=Q(sla_working_days__isnull=True) | Q(sla_working_days__lte=365),
                name="service_sla_at_most_a_year",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def channels(self) -> list[str]:
        return [code for code, field in self.CHANNEL_FIELDS.items() if getattr(self, field)]

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(code).label) for code in self.channels]


class ServiceVersion(models.Model):
    """One saved state of a service: who changed it, when, why, and what it then said."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    change_type = models.CharField(_("kind of change"), max_length=32, choices=ChangeType.choices)
    change_summary = models.CharField(_("what changed and why"), max_length=500)
    data = models.JSONField(_("the service as saved"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="service_version_unique")
        ]
        indexes = [models.Index(fields=["change_type", "changed_at"])]

    def __str__(self):
        return f"{self.service} v{self.number}"


class ServiceAttribute(models.Model):
    """A question a reportable service asks: the portal's form field and Open311's attribute."""

    class Datatype(models.TextChoices):
        # The Open311 GeoReport v2 datatypes.
        STRING = "string", _("Short text")
        NUMBER = "number", _("Number")
        DATETIME = "datetime", _("Date and time")
        TEXT = "text", _("Long text")
        SINGLEVALUELIST = "singlevaluelist", _("Choose one")
        MULTIVALUELIST = "multivaluelist", _("Choose any")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    code = models.SlugField(_("code"), max_length=60)
    description = models.CharField(_("question"), max_length=300)
    datatype = models.CharField(_("kind of answer"), max_length=20, choices=Datatype.choices)
    datatype_description = models.CharField(_("hint"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    # For list datatypes: [{"key": "recycling", "name": "Recycling bin"}, ...]
    values = models.JSONField(_("choices"), default=list, blank=True)

    class Meta:
        ordering = ["service", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "code"], name="service_attribute_code_unique"
            )
        ]

    def __str__(self):
        return f"{self.service}: {self.code}"

    @property
    def is_list(self) -> bool:
        return self.datatype in (self.Datatype.SINGLEVALUELIST, self.Datatype.MULTIVALUELIST)
