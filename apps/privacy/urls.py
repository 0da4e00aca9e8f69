from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("retention/<int:pk>/", views.RuleEditView.as_view(), name="rule"),
    path("requests/", views.RequestListView.as_view(), name="requests"),
    path("requests/new/", views.RequestCreateView.as_view(), name="request-new"),
    path("requests/<int:pk>/", views.RequestView.as_view(), name="request"),
]
