from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from apps.accounts.middleware import awaiting_two_factor

from .navigation import navigation_for, role_names_for


def shell(request):
    """What every page's header, navigation, phase banner and footer need."""
    user = getattr(request, "user", None)
    navigation = []
    meta_items = []
    if user is not None and user.is_authenticated:
        if not awaiting_two_factor(request):
            navigation = navigation_for(user, request.path, role_names_for(request))
        meta_items.append({"href": reverse("accounts:sign-out"), "text": _("Sign out")})
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_navigation": navigation,
        "phase_tag": {"text": settings.SERVICE_PHASE.capitalize()},
        "phase_html": _("This is a new service. Tell your team manager how it could be better.")
        if user is not None and user.is_authenticated
        else format_html(
            _(
                'This is a new service. Your <a class="govuk-link" href="{}">feedback</a> will help us improve it.'
            ),
            reverse("portal:feedback"),
        ),
        "footer_params": {
            "meta": {"items": meta_items} if meta_items else None,
            "copyright": {"text": f"© {settings.COUNCIL_NAME}"},
        },
    }
