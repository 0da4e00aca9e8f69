"""The public publications page (leaflets and posters), outside the staff area."""

from django.urls import path  # noqa: F401

app_name = "publications"

urlpatterns: list = []
