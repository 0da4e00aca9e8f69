"""Shared pieces of the staff API: read-only viewsets guarded by each model's view permission."""

from django.contrib.auth.decorators import login_not_required
from rest_framework import viewsets
from rest_framework.permissions import DjangoModelPermissions


class ModelViewPermissions(DjangoModelPermissions):
    """Reading needs the model's view permission, not only a signed-in user."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }


class StaffReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Answers 403 (not a redirect to the sign-in page) to a caller without a session."""

    permission_classes = [ModelViewPermissions]

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        return login_not_required(super().as_view(actions, **initkwargs))
