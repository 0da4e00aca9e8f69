from django.urls import path

from . import views

app_name = "customers"

urlpatterns = [
    path("", views.CustomerSearchView.as_view(), name="search"),
    path("add/", views.CustomerCreateView.as_view(), name="add"),
    path("access-log/", views.AccessLogListView.as_view(), name="access-log"),
    path("<int:pk>/", views.CustomerDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.CustomerEditView.as_view(), name="edit"),
    path(
        "<int:pk>/vulnerability/add/",
        views.VulnerabilityCreateView.as_view(),
        name="vulnerability-add",
    ),
    path("<int:pk>/merge/", views.CustomerMergeView.as_view(), name="merge"),
    path("<int:pk>/history/", views.CustomerHistoryView.as_view(), name="history"),
]
