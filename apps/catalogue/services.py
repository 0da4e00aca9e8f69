"""Every write to the service catalogue. Each change is kept as a numbered version."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.accounts.models import User

from .models import ChangeType, Service, ServiceVersion
from .signals import service_version_recorded

# What a version records of the service, in the order a history page shows it.
VERSIONED_FIELDS = [
    "name",
    "summary",
    "lgsl_code",
    "department_id",
    "channel_phone",
    "channel_face_to_face",
    "channel_online",
    "channel_email",
    "channel_post",
    "online_url",
    "reportable",
    "sla_working_days",
    "referral_route",
    "script",
    "is_active",
]


class StaleEdit(ValidationError):
    """Somebody else saved the record after this editor opened it."""


def _snapshot(service: Service) -> dict:
    return {field: getattr(service, field) for field in VERSIONED_FIELDS}


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:150] or "service"
    slug, n = base, 2
    while Service.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _record_version(*, service, changed_by, change_type, change_summary) -> ServiceVersion:
    version = ServiceVersion(
        service=service,
        number=service.version,
        change_type=change_type,
        change_summary=change_summary,
        data=_snapshot(service),
        changed_by=changed_by,
    )
    version.full_clean()
    version.save()
    service_version_recorded.send(sender=ServiceVersion, version=version)
    return version


@transaction.atomic
def service_create(
    *,
    created_by: User | None,
    change_summary: str = "",
    change_type: str = ChangeType.NEW_SERVICE,
    **fields,
) -> Service:
    """Add a service to the catalogue as version 1, recording who added it and why."""
    service = Service(**fields)
    service.slug = _unique_slug(service.name)
    service.version = 1
    service.full_clean()
    service.save()
    _record_version(
        service=service,
        changed_by=created_by,
        change_type=change_type,
        change_summary=change_summary or _("Added to the catalogue"),
    )
    return service


@transaction.atomic
def service_update(
    *,
    service: Service,
    expected_version: int,
    changed_by: User | None,
    change_type: str,
    change_summary: str,
    **fields,
) -> Service:
    """Change a service and keep the new state as the next version.

    Refuses (StaleEdit) when the service has been saved since the editor loaded
    `expected_version`, so one person's change never silently overwrites another's.
    """
    locked = Service.objects.select_for_update().get(pk=service.pk)
    if locked.version != expected_version:
        raise StaleEdit(
            _(
                "Somebody else changed this service while you were editing it. "
                "Check their change in the history, then make yours again."
            ),
            code="stale",
        )
    for name, value in fields.items():
        if name not in VERSIONED_FIELDS and name not in {"department"}:
            raise ValueError(f"{name} is not a field of a service that can be changed")
        setattr(locked, name, value)
    if "name" in fields:
        locked.slug = _unique_slug(locked.name, exclude_pk=locked.pk)
    locked.version += 1
    locked.full_clean()
    locked.save()
    _record_version(
        service=locked,
        changed_by=changed_by,
        change_type=change_type,
        change_summary=change_summary,
    )
    return locked
