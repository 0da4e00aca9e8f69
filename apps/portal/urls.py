from django.urls import path

from . import report_views, staff_views, views

app_name = "portal"

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("staff/feedback/", staff_views.FeedbackListView.as_view(), name="staff-feedback"),
    path("find-a-service/", views.FindServiceView.as_view(), name="find-a-service"),
    path("find-a-service/<slug:slug>/", views.ServicePageView.as_view(), name="service"),
    path(
        "report/<slug:slug>/problem/",
        report_views.ReportProblemView.as_view(),
        name="report-problem",
    ),
    path(
        "report/<slug:slug>/location/",
        report_views.ReportLocationView.as_view(),
        name="report-location",
    ),
    path("report/<slug:slug>/photo/", report_views.ReportPhotoView.as_view(), name="report-photo"),
    path(
        "report/<slug:slug>/your-details/",
        report_views.ReportContactView.as_view(),
        name="report-contact",
    ),
    path(
        "report/<slug:slug>/check-your-answers/",
        report_views.ReportCheckView.as_view(),
        name="report-check",
    ),
    path("report-sent/", report_views.ReportDoneView.as_view(), name="report-done"),
    path("track/", views.TrackView.as_view(), name="track"),
    path("track/your-request/", views.TrackResultView.as_view(), name="track-result"),
    path("feedback/", views.FeedbackView.as_view(), name="feedback"),
    path("feedback/sent/", views.FeedbackSentView.as_view(), name="feedback-sent"),
    path(
        "accessibility/",
        views.InformationPageView.as_view(template_name="portal/accessibility.html"),
        name="accessibility",
    ),
    path(
        "cookies/",
        views.CookiesView.as_view(),
        name="cookies",
    ),
    path(
        "privacy/",
        views.InformationPageView.as_view(template_name="portal/privacy.html"),
        name="privacy",
    ),
    path("sitemap.xml", views.SitemapView.as_view(), name="sitemap"),
]
