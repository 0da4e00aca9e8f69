from django.urls import path

from . import complaint_views as views

app_name = "complaints"

urlpatterns = [
    path("", views.ComplaintListView.as_view(), name="list"),
    path("record/", views.ComplaintRecordView.as_view(), name="record"),
    path("report/", views.ComplaintReportView.as_view(), name="report"),
    path("<str:reference>/", views.ComplaintDetailView.as_view(), name="detail"),
    path("<str:reference>/history/", views.ComplaintHistoryView.as_view(), name="history"),
    path("<str:reference>/<slug:action>/", views.ComplaintActionView.as_view(), name="action"),
]
