"""Users, roles, sites, teams and client service departments."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import Role


class Department(models.Model):
    """A back-office ("client") service that Customer Services refers work to."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    email = models.EmailField(_("referral email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("client service department")

    def __str__(self):
        return self.name


class Site(models.Model):
    """A place customer services are given from."""

    class Kind(models.TextChoices):
        CONTACT_CENTRE = "contact_centre", _("Contact centre")
        CUSTOMER_SERVICE_CENTRE = "customer_service_centre", _("Customer service centre")
        LIBRARY = "library", _("Library")
        CAP = "cap", _("Community access point")
        REGISTRARS = "registrars", _("Registrars")
        OUT_OF_HOURS = "out_of_hours", _("Out-of-hours service")
        BACK_OFFICE = "back_office", _("Back office")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind of site"), max_length=32, choices=Kind.choices)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    is_public = models.BooleanField(
        _("open to the public"), default=True, help_text=_("Residents can visit in person.")
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(models.Model):
    """A team at a site: an advisor team, or a client service team of a department."""

    name = models.CharField(_("name"), max_length=120)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="teams")
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="teams",
        null=True,
        blank=True,
        help_text=_("Only for client service teams."),
    )

    class Meta:
        ordering = ["site__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="team_name_unique_per_site")
        ]

    def __str__(self):
        return f"{self.name} ({self.site})"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("full_name", email)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A member of council staff (or an assessor or councillor) who signs in with email."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="members", null=True, blank=True
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("can use the Django admin"),
        default=False,
        help_text=_("Only for administrators who maintain reference data."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case")
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def role_names(self) -> list[str]:
        return [group.name for group in self.groups.all()]


class TwoFactorRequirement(models.Model):
    """A role whose members must sign in with a code from an authenticator app as well as
    their password. Administrators add and remove roles in the Django admin."""

    role = models.CharField(
        _("role"),
        max_length=40,
        unique=True,
        choices=Role.choices,
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role"]
        verbose_name = _("role needing two-factor sign-in")
        verbose_name_plural = _("roles needing two-factor sign-in")

    def __str__(self):
        return self.get_role_display()
