"""Every write to users, roles, sites, teams and departments."""

import logging

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from .models import Department, Site, Team, User
from .roles import ROLE_PERMISSIONS, Role

logger = logging.getLogger(__name__)


@transaction.atomic
def role_permissions() -> dict[str, list[str]]:
    """roles.py's permissions plus those each app's AppConfig declares as `role_permissions`.

    An app added later gives its roles their permissions in its own apps.py
    (`role_permissions = {Role.ADVISOR: ["surveys.add_response"], ...}`), so no two apps
    edit the same list.
    """
    merged: dict[str, list[str]] = {role: list(perms) for role, perms in ROLE_PERMISSIONS.items()}
    for config in django_apps.get_app_configs():
        for role, codenames in getattr(config, "role_permissions", {}).items():
            merged.setdefault(role, []).extend(codenames)
    return merged


def roles_sync() -> None:
    """Make each role's group hold exactly the permissions roles.py gives it.

    Permissions whose app has not been migrated yet are skipped, and picked up by the
    next migrate.
    """
    for role, codenames in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=Role(role).label)
        query = Q(pk__in=[])
        for dotted in codenames:
            app_label, codename = dotted.split(".", 1)
            query |= Q(content_type__app_label=app_label, codename=codename)
        permissions = list(Permission.objects.filter(query))
        if len(permissions) < len(set(codenames)):
            logger.debug(
                "Role %s: %d permissions not created yet", role, len(codenames) - len(permissions)
            )
        group.permissions.set(permissions)


def role_group(role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=Role(role).label)
    return group


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None,
    team: Team | None = None,
    roles: list[str] = (),
    job_title: str = "",
) -> User:
    """Create a user with the given roles; the email is unique whatever its case."""
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name, team=team, job_title=job_title
    )
    user.groups.set([role_group(role) for role in roles])
    return user


@transaction.atomic
def user_set_roles(*, user: User, roles: list[str]) -> User:
    """Replace a user's roles."""
    user.groups.set([role_group(role) for role in roles])
    return user


@transaction.atomic
def department_get_or_create(
    *, slug: str, name: str, email: str = "", phone: str = ""
) -> Department:
    department, _ = Department.objects.update_or_create(
        slug=slug, defaults={"name": name, "email": email, "phone": phone}
    )
    return department


@transaction.atomic
def site_get_or_create(*, name: str, kind: str, **fields) -> Site:
    site, _ = Site.objects.update_or_create(name=name, defaults={"kind": kind, **fields})
    site.full_clean()
    return site


@transaction.atomic
def team_get_or_create(*, name: str, site: Site, department: Department | None = None) -> Team:
    team, _ = Team.objects.update_or_create(
        name=name, site=site, defaults={"department": department}
    )
    return team


@transaction.atomic
def two_factor_device_start(*, user: User):
    """The user's unconfirmed authenticator device (a new secret unless one is being set up)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice(user=user, name="Authenticator app", confirmed=False)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def two_factor_device_confirm(*, device, token: str) -> bool:
    """Confirm a device being set up if the code it shows matches; other devices are removed,
    so a user has one authenticator at a time."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def two_factor_requirement_set(*, roles: list[str]) -> None:
    """Make exactly these roles need two-factor sign-in."""
    from .models import TwoFactorRequirement

    TwoFactorRequirement.objects.exclude(role__in=roles).delete()
    for role in roles:
        requirement = TwoFactorRequirement(role=Role(role).value)
        if not TwoFactorRequirement.objects.filter(role=requirement.role).exists():
            requirement.full_clean()
            requirement.save()
