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
    path("api/", include("firstpoint.api_urls")),
    path("django-admin/", admin.site.urls),
    # The public portal for residents, at the site's root.
    path("", include("apps.portal.urls")),
]
