from django.contrib import admin
from django.urls import include, path

from apps.core.views import health

urlpatterns = [
    path("health/", health, name="health"),
    path("staff/", include("apps.core.urls")),
    path("", include("apps.accounts.urls")),
    path("services/", include("apps.catalogue.urls")),
    path("customers/", include("apps.customers.urls")),
    path("contacts/", include("apps.contacts.urls")),
    path("requests/", include("apps.cases.urls")),
    path("open311/v2/", include("apps.open311.urls")),
    path("surveys/", include("apps.surveys.urls")),
    path("mystery-shopping/", include("apps.mystery.urls")),
    path("performance/", include("apps.performance.urls")),
    path("staffing/", include("apps.staffing.urls")),
    path("workforce/", include("apps.workforce.urls")),
    path("recognition/", include("apps.recognition.urls")),
    path("operations/", include("apps.operations.urls")),
    path("assurance/", include("apps.assurance.urls")),
    path("data-protection/", include("apps.privacy.urls")),
    path("complaints/", include("apps.cases.complaint_urls")),
    path("publications/", include("apps.operations.public_urls")),
    path("api/", include("firstpoint.api_urls")),
    path("django-admin/", admin.site.urls),
    # The public portal for residents, at the site's root.
    path("", include("apps.portal.urls")),
]
