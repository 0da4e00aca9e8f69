"""The panel on a contact's page: record the customer's survey, or show the one recorded."""

from django.template.loader import render_to_string

from .models import Mode


def record_survey(*, request, obj) -> str:
    user = request.user
    if not user.has_perm("surveys.add_response"):
        return ""
    recorded = obj.survey_responses.filter(mode=Mode.ADVISOR).only("pk").first()
    return render_to_string(
        "surveys/_contact_panel.html", {"contact": obj, "recorded": recorded}, request=request
    )
