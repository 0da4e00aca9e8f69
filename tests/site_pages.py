"""The site's pages as its URL configuration declares them, for tests that visit every one."""

from django.urls import URLPattern, URLResolver, get_resolver

# Never visited or posted to by a page-walking test: Open311 and the API (checked by their
# own tests), Django's admin (staff flag, not roles), health, and signing out (which would
# end the walk).
NOT_PAGES = ("/open311/", "/api/", "/django-admin/", "/health/", "/sign-out/")
# Not staff pages either: signing in and the public register of publications.
PUBLIC_OR_ELSEWHERE = (*NOT_PAGES, "/sign-in/", "/publications/")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def _plain_routes():
    """(path, view callback) of every route without parameters."""
    for route, pattern in _walk(get_resolver().url_patterns):
        if "<" in route or "(?P" in route or "^" in route or "\\" in route:
            continue  # needs a record, or a regex route
        yield "/" + route, pattern.callback


def staff_pages() -> list[tuple[str, object]]:
    """(path, view callback) of every staff page whose URL has no parameters."""
    return [
        (path, callback)
        for path, callback in _plain_routes()
        if not path.startswith(PUBLIC_OR_ELSEWHERE)
        and getattr(callback, "login_required", True) is not False  # else a portal page
    ]


def public_pages() -> list[tuple[str, object]]:
    """(path, view callback) of every page a resident reaches without signing in."""
    return [
        (path, callback)
        for path, callback in _plain_routes()
        if not path.startswith(NOT_PAGES) and getattr(callback, "login_required", True) is False
    ]
