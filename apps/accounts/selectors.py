"""Reads of users, sites and teams shaped for pages."""

from django.db.models import Q, QuerySet

from .models import User


def user_list(*, search: str = "", role: str = "") -> QuerySet[User]:
    """Users with their team, site and roles loaded up front (no N+1 on the list)."""
    users = User.objects.select_related("team__site", "team__department").prefetch_related("groups")
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    if role:
        users = users.filter(groups__name=role)
    return users.order_by("full_name")


def two_factor_required_roles() -> set[str]:
    """The labels of the roles (groups) whose members must use two-factor sign-in."""
    from .models import TwoFactorRequirement
    from .roles import Role

    return {
        Role(value).label for value in TwoFactorRequirement.objects.values_list("role", flat=True)
    }


def two_factor_device(user: User, *, confirmed: bool = True):
    """The user's authenticator (TOTP) device, confirmed or still being set up, or None."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def two_factor_state(user: User) -> str:
    """What two-factor sign-in asks of this user: "device" (they have one: enter a code),
    "required" (their role needs it and they have none yet: set one up) or "none"."""
    from django.conf import settings

    if not getattr(settings, "TWO_FACTOR_ENABLED", True):
        return "none"
    if two_factor_device(user) is not None:
        return "device"
    if two_factor_required_roles() & set(user.groups.values_list("name", flat=True)):
        return "required"
    return "none"
