"""Service navigation by role.

An app lists its entries in its AppConfig as `navigation`; core reads them without
importing the app, and shows an entry only to a user holding its permission.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    order: int = 100


def navigation_for(user, current_path: str) -> list[dict]:
    """Return the entries this user may see, in order, marking the one they are in."""
    if not user.is_authenticated:
        return []
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "navigation", ()))
    entries = []
    for item in sorted(items, key=lambda i: (i.order, str(i.label))):
        if item.permission and not user.has_perm(item.permission):
            continue
        href = reverse(item.url_name)
        active = current_path == href or (href != "/" and current_path.startswith(href))
        entries.append({"href": href, "text": str(item.label), "active": active})
    return entries
