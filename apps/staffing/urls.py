"""Staffing and savings."""

from django.urls import path

from . import views

app_name = "staffing"

urlpatterns = [
    path("", views.StaffingHomeView.as_view(), name="home"),
    path("week/", views.WeekView.as_view(), name="week"),
    path("roster/import/", views.RosterImportView.as_view(), name="roster-import"),
    path("scenarios/", views.ScenarioListView.as_view(), name="scenarios"),
    path("scenarios/add/", views.ScenarioFormView.as_view(), name="scenario-add"),
    path("scenarios/compare/", views.CompareView.as_view(), name="compare"),
    path("scenarios/<int:pk>/", views.ScenarioDetailView.as_view(), name="scenario"),
    path("scenarios/<int:pk>/change/", views.ScenarioFormView.as_view(), name="scenario-change"),
    path(
        "scenarios/<int:pk>/history/", views.ScenarioHistoryView.as_view(), name="scenario-history"
    ),
]
