"""The staff-safety warning on a customer's page, for roles that must be warned."""

from django.template.loader import render_to_string

from . import selectors, services


def safety_warnings(*, request, obj) -> str:
    """Active warnings as GOV.UK warning text; each showing is logged. Empty for other roles."""
    user = request.user
    if not user.has_perm("operations.view_safetywarning"):
        return ""
    warnings = list(selectors.active_safety_warnings(customer=obj))
    if warnings:
        services.safety_warning_access_log(warnings=warnings, user=user)
    if not warnings and not user.has_perm("operations.add_safetywarning"):
        return ""
    return render_to_string(
        "operations/_safety_panel.html",
        {
            "warnings": warnings,
            "customer": obj,
            "perms_add": user.has_perm("operations.add_safetywarning"),
        },
        request=request,
    )
