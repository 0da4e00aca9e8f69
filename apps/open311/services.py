"""Every write of Open311: keys issued, used and revoked; reports posted; tokens decided."""

import hashlib
import hmac
import secrets
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.cases.models import ServiceRequest, Source
from apps.cases.services import service_request_raise
from apps.catalogue.attributes import attribute_answers_clean
from apps.catalogue.models import Service
from apps.core import ratelimit
from apps.customers.models import Customer
from apps.customers.services import customer_create

from .models import ApiKey, Token

PREFIX_LENGTH = 10
DESCRIPTION_MAX = 4000


class ApiKeyRefused(Exception):
    """No key, an unknown key or a revoked one (HTTP 403)."""


class RateLimited(Exception):
    """The key has used up its requests for this hour (HTTP 429)."""


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def api_key_issue(
    *, name: str, created_by: User, rate_limit_per_hour: int = 100, moderated: bool = False
) -> tuple[ApiKey, str]:
    """Issue a key and return it in plain text this once; only its SHA-256 hash is stored,
    with its first characters to find it."""
    while True:
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    key = prefix + secrets.token_urlsafe(32)
    api_key = ApiKey(
        name=(name or "").strip(),
        prefix=prefix,
        key_hash=_hash(key),
        rate_limit_per_hour=rate_limit_per_hour,
        moderated=moderated,
        created_by=created_by,
    )
    api_key.full_clean()
    api_key.save()
    return api_key, key


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    """Revoke a key for good; revoking it again keeps the first revocation time."""
    locked = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["revoked_at"])
    return locked


@transaction.atomic
def api_key_use(*, key: str) -> ApiKey:
    """The live key matching `key`, counted against its hourly limit and its usage; raises
    ApiKeyRefused for a missing, unknown or revoked key and RateLimited past the limit."""
    key = (key or "").strip()
    if not key:
        raise ApiKeyRefused(_("api_key is required to post a service request"))
    api_key = ApiKey.objects.filter(prefix=key[:PREFIX_LENGTH]).first()
    if api_key is None or not hmac.compare_digest(api_key.key_hash, _hash(key)):
        raise ApiKeyRefused(_("Invalid api_key received"))
    if api_key.revoked_at is not None:
        raise ApiKeyRefused(_("This api_key has been revoked"))
    if not ratelimit.hit(
        key=f"open311:{api_key.pk}", limit=api_key.rate_limit_per_hour, period_seconds=3600
    ):
        raise RateLimited(_("Too many requests with this api_key; try again later"))
    now = timezone.now()
    ApiKey.objects.filter(pk=api_key.pk).update(usage_count=F("usage_count") + 1, last_used_at=now)
    api_key.refresh_from_db(fields=["usage_count", "last_used_at"])
    return api_key


def service_notice(service: Service) -> str:
    """What a client may tell the reporter about how long the service takes."""
    if service.sla_working_days is None:
        return ""
    return _("We aim to deal with this within %(days)s working days.") % {
        "days": service.sla_working_days
    }


def _coordinate(value, *, name: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise ValidationError({name: _("%(name)s must be a number") % {"name": name}}) from None
    if abs(number) > limit:
        raise ValidationError(
            {
                name: _("%(name)s must be between -%(limit)s and %(limit)s")
                % {"name": name, "limit": limit}
            }
        )
    return number.quantize(Decimal("0.000001"))


def _contact_clean(*, first_name: str, last_name: str, email: str, phone: str) -> dict:
    contact = {
        "first_name": (first_name or "").strip(),
        "last_name": (last_name or "").strip(),
        "email": (email or "").strip().lower(),
        "phone": (phone or "").strip(),
    }
    errors = {}
    for field, limit in (("first_name", 100), ("last_name", 100), ("phone", 30), ("email", 254)):
        if len(contact[field]) > limit:
            errors[field] = _("%(field)s must be %(limit)s characters or fewer") % {
                "field": field,
                "limit": limit,
            }
    if contact["email"]:
        try:
            validate_email(contact["email"])
        except ValidationError:
            errors["email"] = _("email is not a valid email address")
        if not contact["last_name"]:
            errors["last_name"] = _("last_name is required when an email is given")
    if errors:
        raise ValidationError(errors)
    return contact


def _customer_for(contact: dict) -> Customer | None:
    # Contact details make a customer only when they could identify one.
    if not (contact["last_name"] or contact["email"]):
        return None
    if contact["email"]:
        existing = (
            Customer.objects.filter(
                kind=Customer.Kind.RESIDENT,
                email=contact["email"],
                last_name__iexact=contact["last_name"],
                merged_into__isnull=True,
            )
            .order_by("pk")
            .first()
        )
        if existing is not None:
            return existing
    return customer_create(created_by=None, kind=Customer.Kind.RESIDENT, **contact)


def _raise(*, service: Service, report: dict) -> ServiceRequest:
    return service_request_raise(
        service=service,
        customer=_customer_for(report["contact"]),
        contact=None,
        description=report["description"],
        raised_by=None,
        address=report["address"],
        uprn=report["uprn"],
        latitude=None if report["latitude"] is None else Decimal(report["latitude"]),
        longitude=None if report["longitude"] is None else Decimal(report["longitude"]),
        source=Source.OPEN311,
        attributes=report["attributes"],
    )


@transaction.atomic
def open311_request_post(
    *,
    api_key: ApiKey,
    service: Service,
    description: str = "",
    address_string: str = "",
    address_id: str = "",
    lat=None,
    long=None,
    attributes: dict | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    media_url: str = "",
) -> ServiceRequest | Token:
    """A report posted by an Open311 client: it needs a location (lat and long, an address or
    a UPRN) and valid answers to the service's questions; a moderated key's report waits as a
    Token, any other becomes a service request at once."""
    if not service.reportable or not service.is_active:
        raise ValidationError({"service_code": _("This service cannot be reported")})
    latitude = _coordinate(lat, name="lat", limit=90)
    longitude = _coordinate(long, name="long", limit=180)
    address_string = (address_string or "").strip()
    address_id = (address_id or "").strip()
    if (latitude is None) != (longitude is None):
        raise ValidationError({"lat": _("Give both lat and long, or neither")})
    if latitude is None and not address_string and not address_id:
        raise ValidationError(
            {"location": _("A location is required: lat and long, address_string or address_id")}
        )
    if len(address_id) > 12:
        raise ValidationError({"address_id": _("address_id must be 12 characters or fewer")})
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError({"description": _("description must be 4000 characters or fewer")})
    media_url = (media_url or "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise ValidationError({"media_url": _("media_url is not a valid URL")}) from None
        # The photo is not fetched (that would let a client make us call any address);
        # its link is kept with the description for the officer.
        description = f"{description}\n\n{_('Photo')}: {media_url}".strip()
    try:
        answers = attribute_answers_clean(service=service, answers=attributes or {})
    except ValidationError as error:
        # Named as the client sent them: attribute[code].
        raise ValidationError(
            {f"attribute[{code}]": messages for code, messages in error.message_dict.items()}
        ) from None
    report = {
        "service_code": service.slug,
        "description": description or service.name,
        "address": address_string,
        "uprn": address_id,
        "latitude": None if latitude is None else str(latitude),
        "longitude": None if longitude is None else str(longitude),
        "attributes": answers,
        "contact": _contact_clean(
            first_name=first_name, last_name=last_name, email=email, phone=phone
        ),
    }
    if api_key.moderated:
        token = Token(api_key=api_key, payload=report)
        token.full_clean()
        token.save()
        return token
    return _raise(service=service, report=report)


def _lock_pending(token: Token) -> Token:
    locked = Token.objects.select_for_update().get(pk=token.pk)
    if locked.status != Token.Status.PENDING:
        raise ValidationError(
            _("This report has already been %(status)s")
            % {"status": locked.get_status_display().lower()},
            code="decided",
        )
    return locked


@transaction.atomic
def token_accept(*, token: Token, accepted_by: User) -> ServiceRequest:
    """Turn a pending report into a service request, once; the report is checked again
    against the service as it is now."""
    locked = _lock_pending(token)
    service = Service.objects.filter(slug=locked.payload.get("service_code")).first()
    if service is None or not service.reportable or not service.is_active:
        raise ValidationError(_("The service of this report can no longer be reported"))
    request = _raise(service=service, report=locked.payload)
    locked.status = Token.Status.ACCEPTED
    locked.service_request = request
    locked.decided_at = timezone.now()
    locked.full_clean()
    locked.save()
    return request


@transaction.atomic
def token_reject(*, token: Token, rejected_by: User | None = None) -> Token:
    """Refuse a pending report, once; nothing is raised."""
    locked = _lock_pending(token)
    locked.status = Token.Status.REJECTED
    locked.decided_at = timezone.now()
    locked.full_clean()
    locked.save()
    return locked
