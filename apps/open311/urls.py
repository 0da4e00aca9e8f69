"""Open311 GeoReport v2 at /open311/v2/, and the staff pages that manage it."""

from django.urls import path, re_path, register_converter

from . import staff_views, views


class ResponseFormat:
    regex = "json|xml"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class PhotoExtension:
    regex = "jpg|png"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class Identifier:
    """A request reference or token: anything but a slash or a dot."""

    regex = r"[^/.]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ResponseFormat, "open311_format")
register_converter(Identifier, "open311_id")
register_converter(PhotoExtension, "photo_extension")

app_name = "open311"

urlpatterns = [
    path(
        "discovery.<open311_format:response_format>",
        views.DiscoveryView.as_view(),
        name="discovery",
    ),
    path(
        "services.<open311_format:response_format>",
        views.ServiceListView.as_view(),
        name="services",
    ),
    path(
        "services/<open311_id:service_code>.<open311_format:response_format>",
        views.ServiceDefinitionView.as_view(),
        name="service-definition",
    ),
    path(
        "requests.<open311_format:response_format>",
        views.RequestListView.as_view(),
        name="requests",
    ),
    path(
        "requests/<open311_id:service_request_id>.<open311_format:response_format>",
        views.RequestDetailView.as_view(),
        name="request",
    ),
    path(
        "tokens/<open311_id:token_id>.<open311_format:response_format>",
        views.TokenView.as_view(),
        name="token",
    ),
    # A photo approved for publication, of a public request (the request's `media_url`).
    path("media/<int:pk>.<photo_extension:extension>", views.media, name="media"),
    # Staff pages.
    path("manage/keys/", staff_views.ApiKeyListView.as_view(), name="key-list"),
    path("manage/keys/issue/", staff_views.ApiKeyIssueView.as_view(), name="key-issue"),
    path("manage/keys/<int:pk>/", staff_views.ApiKeyIssuedView.as_view(), name="key-issued"),
    path("manage/keys/<int:pk>/revoke/", staff_views.ApiKeyRevokeView.as_view(), name="key-revoke"),
    path("manage/moderation/", staff_views.TokenListView.as_view(), name="token-list"),
    path("manage/moderation/<int:pk>/", staff_views.TokenDetailView.as_view(), name="token-detail"),
    re_path(r"^(?!manage/)(?P<path>.*)$", views.not_found, name="not-found"),
]
