"""The staff API (/api/) and the OpenAPI document of every API, Open311 included."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from apps.cases.api import ServiceRequestViewSet
from apps.catalogue.api import ServiceViewSet

router = SimpleRouter()
router.register("services", ServiceViewSet, basename="service")
router.register("requests", ServiceRequestViewSet, basename="servicerequest")

app_name = "api"

urlpatterns = [
    path(
        "schema/",
        login_not_required(
            SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[AllowAny])
        ),
        name="schema",
    ),
    path("", include(router.urls)),
]
