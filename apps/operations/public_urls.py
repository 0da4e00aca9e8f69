"""The public publications page (leaflets and posters), outside the staff area."""

from django.urls import path

from . import public_views

app_name = "publications"

urlpatterns = [
    path("", public_views.publication_list, name="list"),
    path("<int:pk>/download/", public_views.publication_download, name="download"),
]
