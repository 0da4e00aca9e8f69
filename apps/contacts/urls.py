from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("log/", views.ContactLogView.as_view(), name="log"),
    path("<int:pk>/", views.ContactDetailView.as_view(), name="detail"),
    path("<int:pk>/history/", views.ContactHistoryView.as_view(), name="history"),
    path("authorisations/", views.AuthorisationQueueView.as_view(), name="authorisations"),
    # pk is the contact's: a contact has at most one authorisation.
    path("<int:pk>/decide/", views.AuthorisationDecideView.as_view(), name="authorisation-decide"),
    path("my-referrals/", views.MyReferralsView.as_view(), name="my-referrals"),
    path("client-calls/log/", views.ClientCallView.as_view(), name="client-call"),
    path("liaison-report/", views.LiaisonReportView.as_view(), name="liaison-report"),
]
