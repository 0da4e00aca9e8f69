"""Panels other areas add to a customer's or a contact's page without editing its app.

An app lists panel functions on its AppConfig:

    customer_panels = ("apps.operations.panels.safety_warnings",)
    contact_panels = ("apps.surveys.panels.record_survey",)

Each is called as `panel(request=request, obj=customer_or_contact)` and returns HTML
(render_to_string of its own template) or "" when it has nothing to show this user. A
panel checks its own permissions and keeps its own queries few: it runs on every view
of the record.
"""

from django.apps import apps
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe


def panels_for(kind: str, *, request, obj) -> list[str]:
    """Rendered panels of `kind` ("customer" or "contact"), in app order."""
    rendered = []
    for config in apps.get_app_configs():
        for dotted in getattr(config, f"{kind}_panels", ()):
            html = import_string(dotted)(request=request, obj=obj)
            if html:
                rendered.append(mark_safe(html))  # noqa: S308 - a rendered template
    return rendered
