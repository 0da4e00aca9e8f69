"""Service navigation by role.

An app lists its entries in its AppConfig as `navigation`; core reads them without
importing the app, and shows an entry only to a user holding its permission.

Every entry belongs to a section. The header (GOV.UK service navigation) keeps to a few
links, as the Design System asks: Home, then at most HEADER_AREAS of the user's areas, then
"All areas" when they have more. The areas in the header are the ones an entry names as
everyday work for one of the user's roles (`everyday_for`), topped up with the user's other
areas in menu order when there is room. The staff home lists every area the user may see,
grouped by section, so each stays one click away without JavaScript.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import user_logged_in
from django.db import models
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Home, up to this many areas, and "All areas": six links at most.
HEADER_AREAS = 4
ALL_AREAS_ANCHOR = "all-areas"
ROLES_SESSION_KEY = "navigation_role_names"


class Section(models.TextChoices):
    """The headings the staff home groups areas under, in the order it shows them."""

    FRONT_OFFICE = "front_office", _("Front office")
    REQUESTS_AND_COMPLAINTS = "requests_and_complaints", _("Requests and complaints")
    QUALITY = "quality", _("Quality")
    PERFORMANCE_AND_REPORTS = "performance_and_reports", _("Performance and reports")
    PEOPLE = "people", _("People")
    OPERATIONS = "operations", _("Operations and data protection")
    ADMINISTRATION = "administration", _("Administration")


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    order: int = 100
    section: str = field(kw_only=True)
    # Roles (accounts.roles.Role) whose header shows this entry: their everyday work.
    everyday_for: tuple = field(default=(), kw_only=True)

    def __post_init__(self):
        Section(self.section)  # a misspelt section fails when the app loads, not on a page


def declared_items() -> list[NavItem]:
    """Every entry every installed app declares, in menu order."""
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "navigation", ()))
    return sorted(items, key=lambda i: (i.order, str(i.label)))


def _role_name(role) -> str:
    # A role's group is named by its label (accounts.services.role_group).
    return str(getattr(role, "label", role))


def _area(item: NavItem) -> dict:
    return {
        "href": reverse(item.url_name),
        "text": str(item.label),
        "section": Section(item.section),
        "everyday_for": {_role_name(role) for role in item.everyday_for},
    }


def _current_area(areas: list[dict], current_path: str) -> dict | None:
    """The area the page belongs to: the one whose address is the longest start of the path."""
    matching = [a for a in areas if current_path.startswith(a["href"])]
    return max(matching, key=lambda a: len(a["href"]), default=None)


def _header_areas(areas: list[dict], role_names: set[str]) -> list[dict]:
    """The user's everyday areas (the first HEADER_AREAS), topped up with their other areas
    while there is room, in menu order."""
    everyday = [i for i, a in enumerate(areas) if a["everyday_for"] & role_names]
    others = [i for i in range(len(areas)) if i not in everyday]
    chosen = set(everyday[:HEADER_AREAS])
    chosen.update(others[: HEADER_AREAS - len(chosen)])
    return [areas[i] for i in sorted(chosen)]


def _link(area: dict, current_path: str, current: dict | None) -> dict:
    """A service navigation item: aria-current="page" on the page itself, "true" within it."""
    link = {"href": area["href"], "text": area["text"]}
    if current is area:
        if current_path == area["href"]:
            link["current"] = True
        else:
            link["active"] = True
    return link


def _areas_for(user) -> list[dict]:
    if user is None or not user.is_authenticated:
        return []
    return [
        _area(item)
        for item in declared_items()
        if not item.permission or user.has_perm(item.permission)
    ]


def navigation_for(user, current_path: str, role_names=None) -> list[dict]:
    """The GOV.UK service navigation items for this user: Home, at most HEADER_AREAS of their
    areas, and "All areas" when they have more; the one they are in is marked.

    `role_names` (the names of the user's roles) are read from the user when not given.
    """
    if user is None or not user.is_authenticated:
        return []
    areas = _areas_for(user)
    if role_names is None:
        role_names = getattr(user, "role_names", ())
    role_names = set(role_names)
    home = {"href": reverse("core:home"), "text": str(_("Home"))}
    current = _current_area(areas, current_path)
    in_header = _header_areas(areas, role_names)

    header = [{**home, "current": True} if current_path == home["href"] else home]
    header += [_link(area, current_path, current) for area in in_header]
    if len(in_header) < len(areas):
        more = {"href": f"{home['href']}#{ALL_AREAS_ANCHOR}", "text": str(_("All areas"))}
        if current is not None and not any(a is current for a in in_header):
            more["active"] = True  # the page's own area is reached through "All areas"
        header.append(more)
    return header


def sections_for(user) -> list[dict]:
    """Every area this user may see, grouped under the sections that hold any, in order."""
    areas = _areas_for(user)
    sections = [
        {
            "heading": section.label,
            "id": section.value.replace("_", "-"),
            "items": [
                {"href": a["href"], "text": a["text"]} for a in areas if a["section"] == section
            ],
        }
        for section in Section
    ]
    return [s for s in sections if s["items"]]


@receiver(user_logged_in, dispatch_uid="core.remember_role_names")
def remember_role_names(sender, request, user, **kwargs):
    """Note at sign-in the roles that choose this person's header, so pages need no query.

    A change of role shows in the header from the next sign-in; what an area needs (its
    permission) is still checked on every page."""
    if request is not None and hasattr(request, "session"):
        request.session[ROLES_SESSION_KEY] = sorted(getattr(user, "role_names", ()))


def role_names_for(request) -> list[str]:
    """The names of the signed-in user's roles, kept in the session (noted now if missing)."""
    session = getattr(request, "session", None)
    if session is None:
        return list(getattr(request.user, "role_names", ()))
    if ROLES_SESSION_KEY not in session:
        session[ROLES_SESSION_KEY] = sorted(getattr(request.user, "role_names", ()))
    return session[ROLES_SESSION_KEY]
