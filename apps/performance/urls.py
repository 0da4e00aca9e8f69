"""Performance."""

from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("imports/", views.ImportListView.as_view(), name="imports"),
    path("imports/new/", views.import_new, name="import-new"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
    path("targets/", views.TargetListView.as_view(), name="targets"),
    path("targets/new/", views.target_edit, name="target-new"),
    path("targets/<int:pk>/", views.target_edit, name="target-edit"),
]
