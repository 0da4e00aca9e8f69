"""Training and development."""

from django.urls import path

from . import views

app_name = "workforce"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("mine/", views.MyTrainingView.as_view(), name="my-training"),
    path("mine/cpd/", views.CpdCreateView.as_view(), name="cpd-add"),
    path("mine/membership/", views.MembershipView.as_view(), name="membership"),
    path("mine/actions/", views.MyActionsView.as_view(), name="my-actions"),
    path("mine/sessions/", views.SessionChoiceView.as_view(), name="session-choose"),
    path(
        "mine/bookings/<int:pk>/cancel/", views.BookingCancelView.as_view(), name="booking-cancel"
    ),
    path("sessions/<int:pk>/book/", views.SessionBookView.as_view(), name="session-book"),
    path("courses/<int:pk>/edit/", views.CourseEditView.as_view(), name="course-edit"),
    path("back-to-the-floor/<int:pk>/edit/", views.FloorEventEditView.as_view(), name="event-edit"),
    path("follow-ups/<int:pk>/done/", views.FollowUpDoneView.as_view(), name="followup-done"),
    path(
        "strategy/objectives/<int:pk>/edit/",
        views.ObjectiveEditView.as_view(),
        name="objective-edit",
    ),
    path(
        "strategy/actions/<int:pk>/done/",
        views.StrategyActionDoneView.as_view(),
        name="action-done",
    ),
    path("courses/", views.CourseListView.as_view(), name="course-list"),
    path("courses/add/", views.CourseCreateView.as_view(), name="course-add"),
    path("courses/<int:pk>/", views.CourseDetailView.as_view(), name="course-detail"),
    path("courses/<int:pk>/matrix/", views.CourseMatrixView.as_view(), name="course-matrix"),
    path("courses/<int:pk>/sessions/add/", views.SessionCreateView.as_view(), name="session-add"),
    path("courses/<int:pk>/complete/", views.CompletionCreateView.as_view(), name="completion-add"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session-detail"),
    path("bookings/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("qualifications/", views.ProgrammeListView.as_view(), name="programme-list"),
    path("qualifications/enrolments/", views.EnrolmentListView.as_view(), name="enrolment-list"),
    path("qualifications/enrol/", views.EnrolmentCreateView.as_view(), name="enrolment-add"),
    path(
        "qualifications/enrolments/<int:pk>/",
        views.EnrolmentDetailView.as_view(),
        name="enrolment-detail",
    ),
    path(
        "qualifications/enrolments/<int:pk>/result/",
        views.ModuleResultView.as_view(),
        name="result-add",
    ),
    path(
        "qualifications/enrolments/<int:pk>/certificate/",
        views.CertificateView.as_view(),
        name="certificate",
    ),
    path("back-to-the-floor/", views.FloorEventListView.as_view(), name="event-list"),
    path("back-to-the-floor/add/", views.FloorEventCreateView.as_view(), name="event-add"),
    path("back-to-the-floor/<int:pk>/", views.FloorEventDetailView.as_view(), name="event-detail"),
    path(
        "back-to-the-floor/<int:pk>/placements/add/",
        views.PlacementCreateView.as_view(),
        name="placement-add",
    ),
    path(
        "back-to-the-floor/<int:pk>/posts.csv",
        views.ObservationExportView.as_view(),
        name="observation-export",
    ),
    path(
        "placements/<int:pk>/observe/",
        views.ObservationCreateView.as_view(),
        name="observation-add",
    ),
    path(
        "observations/<int:pk>/actions/add/",
        views.FollowUpCreateView.as_view(),
        name="followup-add",
    ),
    path("strategy/", views.StrategyView.as_view(), name="strategy"),
    path("strategy/objectives/add/", views.ObjectiveCreateView.as_view(), name="objective-add"),
    path(
        "strategy/objectives/<int:pk>/actions/add/",
        views.StrategyActionCreateView.as_view(),
        name="action-add",
    ),
    path(
        "strategy/actions/<int:pk>/progress/",
        views.ActionProgressView.as_view(),
        name="action-progress",
    ),
    path(
        "strategy/actions/<int:pk>/evidence/",
        views.EvidenceCreateView.as_view(),
        name="evidence-add",
    ),
]
