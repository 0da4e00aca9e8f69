"""Reads of the service catalogue, for staff pages, the portal and the other apps."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from .lgsl import lgsl_codes
from .models import Service, ServiceVersion


def service_search(queryset: QuerySet[Service], search: str) -> QuerySet[Service]:
    """Services matching the words of a search, best first.

    A name that starts with the search ranks first, then a name containing it, then an LGSL
    code or a summary or script that mentions it.
    """
    search = search.strip()
    if not search:
        return queryset
    match = (
        Q(name__icontains=search)
        | Q(summary__icontains=search)
        | Q(department__name__icontains=search)
    )
    if search.isdigit():
        match |= Q(lgsl_code=int(search))
    return (
        queryset.filter(match)
        .annotate(
            rank=Case(
                When(name__istartswith=search, then=Value(0)),
                When(name__icontains=search, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "name")
    )


def service_list(
    *,
    search: str = "",
    department=None,
    channel: str = "",
    referral_route: str = "",
    reportable: bool | None = None,
    include_withdrawn: bool = False,
) -> QuerySet[Service]:
    """Services for the staff catalogue, with their department loaded (no N+1)."""
    services = Service.objects.select_related("department")
    if not include_withdrawn:
        services = services.filter(is_active=True)
    if department:
        services = services.filter(department=department)
    if channel:
        services = services.filter(**{Service.CHANNEL_FIELDS[channel]: True})
    if referral_route:
        services = services.filter(referral_route=referral_route)
    if reportable is not None:
        services = services.filter(reportable=reportable)
    return service_search(services.order_by("name"), search)


def public_service_list(*, search: str = "", reportable_only: bool = False) -> QuerySet[Service]:
    """What residents may see: offered services only, without the advisor script."""
    services = Service.objects.filter(is_active=True).select_related("department").defer("script")
    if reportable_only:
        services = services.filter(reportable=True)
    return service_search(services.order_by("name"), search)


def service_versions(*, service: Service) -> list[dict]:
    """The service's versions, newest first, each with the fields it changed."""
    versions = list(
        ServiceVersion.objects.filter(service=service)
        .select_related("changed_by")
        .order_by("-number")
    )
    rows = []
    for index, version in enumerate(versions):
        previous = versions[index + 1].data if index + 1 < len(versions) else {}
        changed = [
            field
            for field, value in version.data.items()
            if not previous or previous.get(field) != value
        ]
        rows.append({"version": version, "changed_fields": changed})
    return rows


def lgsl_label(code: int) -> str:
    return lgsl_codes().get(code, "")
