import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.recognition import services
from apps.recognition.models import Suggestion

pytestmark = pytest.mark.django_db


def test_the_suggestion_list_stays_within_its_query_budget(
    client_as, django_assert_max_num_queries
):
    client = client_as(Role.ADVISOR)
    for n in range(15):
        services.suggestion_submit(
            title=f"Idea {n}", idea="Do it", user=client.user, anonymous=n % 2 == 0
        )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("recognition:suggestions"))
    assert response.status_code == 200
    assert "Idea 14" in response.content.decode()


def test_a_suggestion_without_a_title_writes_nothing(client_as):
    client = client_as(Role.ADVISOR)
    response = client.post(
        reverse("recognition:suggestion-new"), {"idea": "x", "anonymous": "named"}
    )
    assert response.status_code == 200
    assert "Give your idea a short title" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_an_advisor_cannot_respond_or_run_the_award(client_as):
    client = client_as(Role.ADVISOR)
    suggestion = services.suggestion_submit(
        title="Idea", idea="x", user=client.user, anonymous=False
    )
    response = client.post(
        reverse("recognition:suggestion", args=[suggestion.pk]),
        {"status": "accepted", "response": "ok"},
    )
    assert response.status_code == 403
    month = services.award_month_for()
    url = reverse("recognition:award-run", args=[month.month.year, month.month.month])
    assert client.get(url).status_code == 403


def test_pulse_results_are_for_managers_only(client_as):
    import datetime

    survey = services.pulse_create(
        title="Pulse",
        statements=["A"],
        opens=datetime.date.today(),
        closes=datetime.date.today(),
        user=None,
    )
    client = client_as(Role.ADVISOR)
    assert client.get(reverse("recognition:pulse-results", args=[survey.pk])).status_code == 403
    assert client.get(reverse("recognition:pulse-answer", args=[survey.pk])).status_code == 200
