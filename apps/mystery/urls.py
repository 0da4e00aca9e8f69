"""Mystery shopping."""

from django.urls import path

from . import setup_views, views

app_name = "mystery"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="home"),
    path("programmes/add/", setup_views.ProgrammeCreateView.as_view(), name="programme-add"),
    path("programmes/<int:pk>/", views.ProgrammeView.as_view(), name="programme"),
    path(
        "programmes/<int:pk>/edit/", setup_views.ProgrammeEditView.as_view(), name="programme-edit"
    ),
    path(
        "programmes/<int:pk>/targets/add/", setup_views.TargetAddView.as_view(), name="target-add"
    ),
    path(
        "programmes/<int:pk>/targets/<int:target>/remove/",
        setup_views.TargetRemoveView.as_view(),
        name="target-remove",
    ),
    path(
        "programmes/<int:pk>/scenarios/add/",
        setup_views.ScenarioAddView.as_view(),
        name="scenario-add",
    ),
    path("scenarios/<int:pk>/", setup_views.ScenarioView.as_view(), name="scenario"),
    path("scenarios/<int:pk>/edit/", setup_views.ScenarioEditView.as_view(), name="scenario-edit"),
    path(
        "scenarios/<int:pk>/delete/",
        setup_views.ScenarioDeleteView.as_view(),
        name="scenario-delete",
    ),
    path(
        "scenarios/<int:pk>/checklist/<int:criterion>/remove/",
        setup_views.CriterionRemoveView.as_view(),
        name="criterion-remove",
    ),
    path("visits/", views.VisitListView.as_view(), name="visits"),
    path("visits/<int:pk>/", views.VisitView.as_view(), name="visit"),
    path("shoppers/", views.ShopperListView.as_view(), name="shoppers"),
    path("shoppers/add/", views.ShopperAddView.as_view(), name="shopper-add"),
    path("results/", views.ResultsView.as_view(), name="results"),
    path("shop/<str:token>/", views.ShopperStartView.as_view(), name="visit-start"),
    path("shop/<str:token>/<slug:step>/", views.ShopperStepView.as_view(), name="visit-step"),
]
