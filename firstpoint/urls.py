from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("apps.core.urls")),
    path("", include("apps.accounts.urls")),
    path("services/", include("apps.catalogue.urls")),
    path("customers/", include("apps.customers.urls")),
    path("contacts/", include("apps.contacts.urls")),
    path("requests/", include("apps.cases.urls")),
    path("django-admin/", admin.site.urls),
]
