"""Satisfaction surveys."""

from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("contacts/<int:pk>/record/", views.RecordView.as_view(), name="record"),
    path("responses/", views.ResponseListView.as_view(), name="responses"),
    path("responses/<int:pk>/", views.ResponseDetailView.as_view(), name="response"),
    path("results/", views.ResultsView.as_view(), name="results"),
    path("results/advisors/<int:advisor>/", views.ResultsView.as_view(), name="advisor-results"),
    path("results/team/", views.TeamResultsView.as_view(), name="team"),
    path("sampling/", views.SamplingView.as_view(), name="sampling"),
    path("actions/", views.ActionListView.as_view(), name="actions"),
    path("value-reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("value-reviews/<int:pk>/", views.ReviewView.as_view(), name="review"),
    path("questions/", views.QuestionsView.as_view(), name="questions"),
    path("questions/<int:pk>/reword/", views.QuestionRewordView.as_view(), name="question-reword"),
    path("questions/<int:pk>/retire/", views.QuestionRetireView.as_view(), name="question-retire"),
    path("<int:pk>/questions/add/", views.QuestionAddView.as_view(), name="question-add"),
    path("customers/<int:pk>/invitations/", views.OptOutView.as_view(), name="opt-out"),
    path("answer/<str:token>/", views.AnswerView.as_view(), name="answer"),
]
