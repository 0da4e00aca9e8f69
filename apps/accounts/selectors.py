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
