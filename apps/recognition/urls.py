from django.urls import path

from . import views

app_name = "recognition"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("award/", views.AwardView.as_view(), name="award"),
    path("award/<int:year>-<int:month>/", views.AwardRunView.as_view(), name="award-run"),
    path("suggestions/", views.SuggestionListView.as_view(), name="suggestions"),
    path("suggestions/new/", views.SuggestionCreateView.as_view(), name="suggestion-new"),
    path("suggestions/<int:pk>/", views.SuggestionView.as_view(), name="suggestion"),
    path("feedback/", views.FeedbackView.as_view(), name="feedback"),
    path("feedback/new/", views.PulseCreateView.as_view(), name="pulse-new"),
    path("feedback/<int:pk>/", views.PulseAnswerView.as_view(), name="pulse-answer"),
    path("feedback/<int:pk>/results/", views.PulseResultsView.as_view(), name="pulse-results"),
]
