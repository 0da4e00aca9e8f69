"""The Open311 GeoReport v2 endpoints, in JSON and XML (the URL's suffix says which)."""

import datetime
import re

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions as drf_exceptions
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.cases.photos import photo_response

from . import representations, selectors, services
from .formats import Open311JSONRenderer, Open311XMLRenderer, SuffixNegotiation, to_xml
from .models import Token

ATTRIBUTE_KEY = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")


class Open311Error(Exception):
    def __init__(self, status: int, *descriptions: str):
        self.status = status
        self.descriptions = [str(d) for d in descriptions]


def _error_data(status: int, descriptions: list[str]) -> list[dict]:
    return [{"code": status, "description": d} for d in descriptions]


def _validation_descriptions(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    out = []
    for field, messages in error.message_dict.items():
        out.extend(messages if field == "__all__" else (f"{field}: {m}" for m in messages))
    return out


FORMAT_PARAMETER = OpenApiParameter(
    "response_format", str, OpenApiParameter.PATH, enum=["json", "xml"], description="json or xml"
)
JURISDICTION_PARAMETER = OpenApiParameter(
    "jurisdiction_id", str, OpenApiParameter.QUERY, required=False
)
ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Bad arguments"),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="Missing, invalid or revoked api_key"),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not found"),
    429: OpenApiResponse(OpenApiTypes.OBJECT, description="Too many requests"),
}


class Open311View(APIView):
    """Public, session-free, CSRF-free; every failure answers in the specification's format."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [Open311JSONRenderer, Open311XMLRenderer]
    parser_classes = [FormParser, MultiPartParser, JSONParser]
    content_negotiation_class = SuffixNegotiation

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))

    def get_format_suffix(self, **kwargs):
        return kwargs.get("response_format")

    def respond(self, data, *, root: str, item: str | None = None, status: int = 200):
        response = Response(data, status=status)
        response.xml_root, response.xml_item = root, item
        return response

    def params(self) -> dict:
        """The call's arguments: the query string, and for a POST its body as well."""
        values = {}
        for key in self.request.query_params:
            values[key] = self.request.query_params.get(key)
        if self.request.method == "POST":
            data = self.request.data
            if not hasattr(data, "keys"):
                raise Open311Error(400, _("The request body must be a set of named fields"))
            for key in data:
                value = data.get(key)
                values[key] = value
        for key, value in values.items():
            if isinstance(value, str) and "\x00" in value:
                raise Open311Error(400, _("%(name)s contains a null character") % {"name": key})
        return values

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if any("\x00" in str(value) for value in kwargs.values()):
            raise Open311Error(404, _("Not found"))
        jurisdiction = self.params().get("jurisdiction_id")
        if jurisdiction not in (None, "", settings.OPEN311_JURISDICTION_ID):
            raise Open311Error(404, _("jurisdiction_id not found"))

    def handle_exception(self, exc):
        if isinstance(exc, Open311Error):
            status, descriptions = exc.status, exc.descriptions
        elif isinstance(exc, ValidationError):
            status, descriptions = 400, _validation_descriptions(exc)
        elif isinstance(exc, drf_exceptions.UnsupportedMediaType | drf_exceptions.ParseError):
            status, descriptions = 400, [str(exc.detail)]
        elif isinstance(exc, drf_exceptions.APIException):
            status, descriptions = exc.status_code, [str(exc.detail)]
        else:
            raise exc
        if getattr(self.request, "accepted_renderer", None) is None:
            self.request.accepted_renderer, self.request.accepted_media_type = (
                SuffixNegotiation().select_renderer(
                    self.request,
                    self.get_renderers(),
                    self.get_format_suffix(**self.kwargs),
                )
            )
        return self.respond(
            _error_data(status, descriptions), root="errors", item="error", status=status
        )


def _split(value) -> list[str]:
    return [part.strip() for part in str(value or "").split(",") if part.strip()]


def _parse_date(value: str, name: str) -> datetime.datetime:
    parsed = None
    for candidate in (value, value.replace(" ", "+")):  # '+' arrives as a space when unencoded
        try:
            parsed = parse_datetime(candidate.strip())
        except ValueError:
            parsed = None
        if parsed is not None:
            break
    if parsed is None:
        raise Open311Error(
            400,
            _("%(name)s must be a W3C date and time, such as 2026-11-23T14:05:00+00:00")
            % {"name": name},
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _window(params: dict) -> tuple[datetime.datetime, datetime.datetime]:
    """The spec's date range: 90 days at most, the most recent 90 when no dates are given."""
    start = _parse_date(params["start_date"], "start_date") if params.get("start_date") else None
    end = _parse_date(params["end_date"], "end_date") if params.get("end_date") else None
    try:
        if start is None and end is None:
            end = timezone.now()
            start = end - selectors.DEFAULT_WINDOW
        elif start is None:
            start = end - selectors.DEFAULT_WINDOW
        elif end is None:
            end = start + selectors.DEFAULT_WINDOW
    except OverflowError:
        raise Open311Error(400, _("The dates are out of range")) from None
    if end < start:
        raise Open311Error(400, _("end_date must be after start_date"))
    if end - start > selectors.DEFAULT_WINDOW:
        raise Open311Error(400, _("start_date and end_date may not span more than 90 days"))
    return start, end


class DiscoveryView(Open311View):
    @extend_schema(
        operation_id="open311_discovery",
        tags=["Open311"],
        parameters=[FORMAT_PARAMETER, JURISDICTION_PARAMETER],
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def get(self, request, response_format):
        url = request.build_absolute_uri(reverse("open311:discovery", args=["json"]))
        root = url.rsplit("/", 1)[0]
        return self.respond(representations.discovery(url=root), root="discovery")


class ServiceListView(Open311View):
    @extend_schema(
        operation_id="open311_services",
        tags=["Open311"],
        parameters=[FORMAT_PARAMETER, JURISDICTION_PARAMETER],
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def get(self, request, response_format):
        data = [representations.service_entry(s) for s in selectors.open311_services()]
        return self.respond(data, root="services", item="service")


class ServiceDefinitionView(Open311View):
    @extend_schema(
        operation_id="open311_service_definition",
        tags=["Open311"],
        parameters=[FORMAT_PARAMETER, JURISDICTION_PARAMETER],
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def get(self, request, service_code, response_format):
        service = selectors.open311_service(service_code=service_code)
        if service is None:
            raise Open311Error(404, _("service_code not found"))
        return self.respond(representations.service_definition(service), root="service_definition")


class PostSerializer(serializers.Serializer):
    """The fields of a POST, for the API's documentation (the view reads them itself)."""

    api_key = serializers.CharField()
    service_code = serializers.CharField()
    jurisdiction_id = serializers.CharField(required=False)
    lat = serializers.FloatField(required=False)
    long = serializers.FloatField(required=False)
    address_string = serializers.CharField(required=False)
    address_id = serializers.CharField(required=False)
    email = serializers.CharField(required=False)
    device_id = serializers.CharField(required=False)
    account_id = serializers.CharField(required=False)
    first_name = serializers.CharField(required=False)
    last_name = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    description = serializers.CharField(required=False)
    media_url = serializers.CharField(required=False)


def _attributes(request) -> dict:
    data = request.data
    answers: dict = {}
    if isinstance(data.get("attribute"), dict):  # a JSON body may nest them
        answers.update({str(k): v for k, v in data["attribute"].items()})
    for key in data:
        match = ATTRIBUTE_KEY.match(str(key))
        if not match:
            continue
        values = data.getlist(key) if hasattr(data, "getlist") else data.get(key)
        if isinstance(values, list) and len(values) == 1 and not match.group(2):
            values = values[0]
        answers[match.group(1)] = values
    for code, value in answers.items():
        items = value if isinstance(value, list) else [value]
        if any(isinstance(v, dict | list) for v in items):
            raise Open311Error(400, _("attribute[%(code)s]: give plain values") % {"code": code})
    return answers


def _text(params: dict, name: str) -> str:
    value = params.get(name)
    if value is None:
        return ""
    if isinstance(value, dict | list):
        raise Open311Error(400, _("%(name)s must be a plain value") % {"name": name})
    return str(value)


class RequestListView(Open311View):
    @extend_schema(
        operation_id="open311_requests",
        tags=["Open311"],
        parameters=[
            FORMAT_PARAMETER,
            JURISDICTION_PARAMETER,
            OpenApiParameter("service_request_id", str, description="Comma-separated ids"),
            OpenApiParameter("service_code", str, description="Comma-separated codes"),
            OpenApiParameter("start_date", str, description="W3C date and time"),
            OpenApiParameter("end_date", str, description="W3C date and time"),
            OpenApiParameter("status", str, description="open, closed or both"),
        ],
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def get(self, request, response_format):
        params = self.params()
        ids = _split(params.get("service_request_id"))
        statuses = [s.lower() for s in _split(params.get("status"))]
        unknown = [s for s in statuses if s not in selectors.STATUS_MAP]
        if unknown:
            raise Open311Error(400, _("status must be open or closed"))
        if ids:
            found = selectors.open311_request_list(service_request_ids=ids)
        else:
            start, end = _window(params)
            found = selectors.open311_request_list(
                service_codes=_split(params.get("service_code")),
                start=start,
                end=end,
                statuses=statuses,
            )
        data = representations.request_entries(found, absolute=request.build_absolute_uri)
        return self.respond(data, root="service_requests", item="request")

    @extend_schema(
        operation_id="open311_request_create",
        tags=["Open311"],
        parameters=[FORMAT_PARAMETER],
        request={
            "application/x-www-form-urlencoded": PostSerializer,
            "multipart/form-data": PostSerializer,
        },
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def post(self, request, response_format):
        params = self.params()
        api_key = services.api_key_use(key=_text(params, "api_key"))
        code = _text(params, "service_code").strip()
        if not code:
            raise Open311Error(400, _("service_code is required"))
        service = selectors.open311_service(service_code=code)
        if service is None:
            raise Open311Error(404, _("service_code not found"))
        result = services.open311_request_post(
            api_key=api_key,
            service=service,
            description=_text(params, "description"),
            address_string=_text(params, "address_string"),
            address_id=_text(params, "address_id"),
            lat=_text(params, "lat"),
            long=_text(params, "long"),
            attributes=_attributes(request),
            email=_text(params, "email"),
            first_name=_text(params, "first_name"),
            last_name=_text(params, "last_name"),
            phone=_text(params, "phone"),
            media_url=_text(params, "media_url"),
        )
        if isinstance(result, Token):
            data = [{"token": str(result.token)}]
        else:
            data = [
                {
                    "service_request_id": result.reference,
                    "service_notice": services.service_notice(service) or None,
                    "account_id": None,
                }
            ]
        return self.respond(data, root="service_requests", item="request")

    def handle_exception(self, exc):
        if isinstance(exc, services.ApiKeyRefused):
            exc = Open311Error(403, str(exc))
        elif isinstance(exc, services.RateLimited):
            exc = Open311Error(429, str(exc))
        return super().handle_exception(exc)


class RequestDetailView(Open311View):
    @extend_schema(
        operation_id="open311_request",
        tags=["Open311"],
        parameters=[FORMAT_PARAMETER, JURISDICTION_PARAMETER],
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def get(self, request, service_request_id, response_format):
        found = selectors.open311_request(service_request_id=service_request_id)
        if found is None:
            raise Open311Error(404, _("service_request_id not found"))
        data = representations.request_entries([found], absolute=request.build_absolute_uri)
        return self.respond(data, root="service_requests", item="request")


class TokenView(Open311View):
    @extend_schema(
        operation_id="open311_token",
        tags=["Open311"],
        parameters=[FORMAT_PARAMETER, JURISDICTION_PARAMETER],
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def get(self, request, token_id, response_format):
        token = selectors.token_get(token=token_id)
        if token is None:
            raise Open311Error(404, _("token not found"))
        request_id = token.service_request.reference if token.service_request else None
        data = [{"service_request_id": request_id, "token": str(token.token)}]
        return self.respond(data, root="service_requests", item="request")


@require_safe
@login_not_required
def media(request, pk: int, extension: str):
    """A photo sent with a request, only once staff have approved it for publication and
    only while the request is one Open311 lists; anything else is not found."""
    photo = selectors.approved_photo(pk=pk)
    if photo is None or photo.extension != extension:
        raise Http404
    return photo_response(photo)


@csrf_exempt
@login_not_required
def not_found(request, path=""):
    """Any other address under the API: the specification's 404, in XML unless .json."""
    data = _error_data(404, [_("Not found")])
    if request.path.endswith(".json"):
        return HttpResponse(
            Open311JSONRenderer().render(data), status=404, content_type="application/json"
        )
    return HttpResponse(
        to_xml(data, root="errors", item="error"),
        status=404,
        content_type="text/xml; charset=utf-8",
    )
