from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.ServiceListView.as_view(), name="service-list"),
    path("add/", views.ServiceCreateView.as_view(), name="service-add"),
    path("<slug:slug>/", views.ServiceDetailView.as_view(), name="service-detail"),
    path("<slug:slug>/edit/", views.ServiceEditView.as_view(), name="service-edit"),
    path("<slug:slug>/history/", views.ServiceHistoryView.as_view(), name="service-history"),
]
