from django.urls import path

from . import views

app_name = "operations"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # System downtime and the IT review
    path("downtime/", views.IncidentListView.as_view(), name="incidents"),
    path("downtime/log/", views.IncidentFormView.as_view(), name="incident-add"),
    path("downtime/<int:pk>/", views.IncidentDetailView.as_view(), name="incident"),
    path("downtime/<int:pk>/change/", views.IncidentFormView.as_view(), name="incident-edit"),
    path(
        "downtime/<int:pk>/history/", views.IncidentHistoryView.as_view(), name="incident-history"
    ),
    path("downtime/actions/<int:pk>/done/", views.ActionCompleteView.as_view(), name="action-done"),
    path("downtime/figures/", views.DowntimeFiguresView.as_view(), name="figures"),
    path("systems/", views.SystemListView.as_view(), name="systems"),
    path("systems/add/", views.SystemFormView.as_view(), name="system-add"),
    path("systems/<int:pk>/change/", views.SystemFormView.as_view(), name="system-edit"),
    path("it-review/", views.ReviewListView.as_view(), name="reviews"),
    path("it-review/add/", views.ReviewAddView.as_view(), name="review-add"),
    path(
        "it-review/<int:pk>/recommendations/add/",
        views.RecommendationAddView.as_view(),
        name="recommendation-add",
    ),
    path(
        "it-review/recommendations/<int:pk>/",
        views.RecommendationUpdateView.as_view(),
        name="recommendation",
    ),
    # Publications register
    path("publications/", views.RegisterView.as_view(), name="register"),
    path("publications/add/", views.PublicationAddView.as_view(), name="publication-add"),
    path("publications/<int:pk>/", views.PublicationDetailView.as_view(), name="publication"),
    path("publications/<int:pk>/issue/", views.IssueView.as_view(), name="publication-issue"),
    path(
        "publications/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="publication-withdraw"
    ),
    path(
        "publications/versions/<int:pk>/copy.pdf",
        views.VersionDownloadView.as_view(),
        name="version-download",
    ),
    path("publications/removals/", views.RemovalsView.as_view(), name="removals"),
    path(
        "publications/removals/<int:pk>/confirm/",
        views.RemovalConfirmView.as_view(),
        name="removal-confirm",
    ),
    # Security at customer service centres
    path("security/", views.SecurityView.as_view(), name="security"),
    path(
        "security/incidents/", views.SecurityIncidentListView.as_view(), name="security-incidents"
    ),
    path(
        "security/incidents/record/",
        views.SecurityIncidentAddView.as_view(),
        name="security-incident-add",
    ),
    path("security/visitors/", views.VisitorCountView.as_view(), name="visitors"),
    path("security/assessments/add/", views.AssessmentAddView.as_view(), name="assessment-add"),
    path(
        "security/assessments/<int:pk>/decide/",
        views.AssessmentDecideView.as_view(),
        name="assessment-decide",
    ),
    path("safety-warnings/", views.SafetyWarningListView.as_view(), name="safety-warnings"),
    path(
        "safety-warnings/customer/<int:customer_pk>/add/",
        views.SafetyWarningAddView.as_view(),
        name="safety-warning-add",
    ),
    path(
        "safety-warnings/<int:pk>/review/",
        views.SafetyWarningReviewView.as_view(),
        name="safety-warning-review",
    ),
    path(
        "safety-warnings/<int:pk>/history/",
        views.SafetyWarningHistoryView.as_view(),
        name="safety-warning-history",
    ),
]
