"""Panels: on a contact's page, record the customer's survey (or show the one recorded); on a
customer's page, whether they are sent survey invitations."""

from django.template.loader import render_to_string

from . import selectors
from .models import Mode


def record_survey(*, request, obj) -> str:
    user = request.user
    if not user.has_perm("surveys.add_response"):
        return ""
    recorded = obj.survey_responses.filter(mode=Mode.ADVISOR).only("pk").first()
    return render_to_string(
        "surveys/_contact_panel.html", {"contact": obj, "recorded": recorded}, request=request
    )


def survey_invitations(*, request, obj) -> str:
    """Whether the customer has opted out of survey invitations, with a button to change it."""
    user = request.user
    if not (user.has_perm("surveys.add_optout") or user.has_perm("surveys.delete_optout")):
        return ""
    return render_to_string(
        "surveys/_customer_panel.html",
        {
            "customer": obj,
            "opted_out": selectors.customer_opted_out(obj),
            "can_opt_out": user.has_perm("surveys.add_optout"),
            "can_withdraw": user.has_perm("surveys.delete_optout"),
        },
        request=request,
    )
