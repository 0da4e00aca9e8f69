"""Listeners to other areas' signals; each calls a service and does nothing else."""

from . import services


def invite_on_close(sender, request, **kwargs):
    """A resident's request closed: offer them the portal survey."""
    services.invitation_for_closed_request(request=request)
