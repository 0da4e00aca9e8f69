from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("due-soon/", views.DueSoonView.as_view(), name="due-soon"),
    path("overdue/", views.BreachedView.as_view(), name="breached"),
    path("<str:reference>/", views.RequestDetailView.as_view(), name="detail"),
    path("<str:reference>/status/", views.ChangeStatusView.as_view(), name="change-status"),
    path("<str:reference>/assign/", views.AssignView.as_view(), name="assign"),
    path("<str:reference>/history/", views.RequestHistoryView.as_view(), name="history"),
    path("<str:reference>/notes/", views.AddUpdateView.as_view(), name="add-update"),
    path("<str:reference>/photos/<int:pk>/", views.RequestPhotoView.as_view(), name="photo"),
    path(
        "<str:reference>/photos/<int:pk>/moderation/",
        views.ModeratePhotoView.as_view(),
        name="moderate-photo",
    ),
]
