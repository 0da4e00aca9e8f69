"""Mystery shopping."""

from django.urls import path

from . import views

app_name = "mystery"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="home"),
    path("programmes/<int:pk>/", views.ProgrammeView.as_view(), name="programme"),
    path("visits/", views.VisitListView.as_view(), name="visits"),
    path("visits/<int:pk>/", views.VisitView.as_view(), name="visit"),
    path("shoppers/", views.ShopperListView.as_view(), name="shoppers"),
    path("shoppers/add/", views.ShopperAddView.as_view(), name="shopper-add"),
    path("results/", views.ResultsView.as_view(), name="results"),
    path("shop/<str:token>/", views.ShopperStartView.as_view(), name="visit-start"),
    path("shop/<str:token>/<slug:step>/", views.ShopperStepView.as_view(), name="visit-step"),
]
