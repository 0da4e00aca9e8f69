from django.urls import path

from . import views

app_name = "assurance"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accreditations/new/", views.AccreditationCreateView.as_view(), name="accreditation-new"),
    path("accreditations/<int:pk>/", views.AccreditationView.as_view(), name="accreditation"),
    path(
        "accreditations/<int:pk>/elements/<str:code>/",
        views.ElementView.as_view(),
        name="element",
    ),
    path("accreditations/<int:pk>/evidence/", views.EvidenceListView.as_view(), name="evidence"),
    path(
        "accreditations/<int:pk>/evidence/add/",
        views.EvidenceAddView.as_view(),
        name="evidence-add",
    ),
    path(
        "accreditations/<int:pk>/evidence/<int:evidence_pk>/document/",
        views.EvidenceDocumentView.as_view(),
        name="evidence-document",
    ),
    path("accreditations/<int:pk>/actions/", views.ActionListView.as_view(), name="actions"),
    path("accreditations/<int:pk>/visits/add/", views.VisitAddView.as_view(), name="visit-add"),
    path("accreditations/<int:pk>/assessors/", views.GrantView.as_view(), name="grants"),
    path("frameworks/", views.FrameworkView.as_view(), name="frameworks"),
    path("reports/", views.ReportListView.as_view(), name="reports"),
    path("reports/new/", views.ReportCreateView.as_view(), name="report-new"),
    path("reports/<int:pk>/", views.ReportView.as_view(), name="report"),
    path(
        "reports/<int:pk>/versions/<int:version>/",
        views.IssuedReportView.as_view(),
        name="issued",
    ),
    path(
        "reports/<int:pk>/versions/<int:version>/pdf/",
        views.IssuedReportPdfView.as_view(),
        name="issued-pdf",
    ),
]
