import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import TeamFactory, UserFactory
from apps.contacts.tests.factories import ContactFactory
from apps.surveys.models import Response, SamplingRate, SurveyAction, ValueReview

from .factories import ResponseFactory, SurveyActionFactory

pytestmark = pytest.mark.django_db


def test_results_page_query_count_is_bounded(client_as, django_assert_max_num_queries):
    client = client_as(Role.QUALITY_LEAD)
    team = TeamFactory()
    for channel in ("phone", "email", "web_chat"):
        for score in (1, 3, 4, 5) * 5:
            ResponseFactory(channel=channel, satisfaction=score, team=team)
    for by in ("channel", "team", "month", "site", "service"):
        with django_assert_max_num_queries(12):
            page = client.get(reverse("surveys:results"), {"by": by})
        assert page.status_code == 200
    assert b"Too few responses" not in page.content


def test_results_page_suppresses_small_cells(client_as):
    client = client_as(Role.QUALITY_LEAD)
    ResponseFactory.create_batch(3, channel="letter")
    page = client.get(reverse("surveys:results"))
    assert b"Too few responses to show" in page.content


def test_responses_list_query_count_and_csv(client_as, django_assert_max_num_queries):
    client = client_as(Role.QUALITY_LEAD)
    ResponseFactory.create_batch(20, advisor=UserFactory(), team=TeamFactory())
    with django_assert_max_num_queries(12):
        page = client.get(reverse("surveys:responses"))
    assert page.status_code == 200
    csv = client.get(reverse("surveys:responses"), {"format": "csv"})
    assert b"Satisfaction" in b"".join(csv.streaming_content)


def test_an_advisor_sees_only_their_own_results(client_as):
    client = client_as(Role.ADVISOR)
    colleague = UserFactory(roles=[Role.ADVISOR], team=client.user.team)
    assert client.get(reverse("surveys:advisor-results", args=[client.user.pk])).status_code == 200
    assert client.get(reverse("surveys:advisor-results", args=[colleague.pk])).status_code == 403
    theirs = ResponseFactory(advisor=colleague)
    assert client.get(reverse("surveys:response", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("surveys:advisor-results", args=[999999])).status_code == 404


def test_a_team_manager_sees_their_team_advisors_results(client_as):
    client = client_as(Role.TEAM_MANAGER)
    advisor = UserFactory(roles=[Role.ADVISOR], team=client.user.team)
    stranger = UserFactory(roles=[Role.ADVISOR])
    assert client.get(reverse("surveys:team")).status_code == 200
    assert client.get(reverse("surveys:advisor-results", args=[advisor.pk])).status_code == 200
    assert client.get(reverse("surveys:advisor-results", args=[stranger.pk])).status_code == 403


def test_advisor_records_a_survey_from_the_contact(client_as):
    client = client_as(Role.ADVISOR)
    contact = ContactFactory(advisor=client.user)
    page = client.get(reverse("contacts:detail", args=[contact.pk]))
    assert reverse("surveys:record", args=[contact.pk]).encode() in page.content
    form = client.get(reverse("surveys:record", args=[contact.pk]))
    started = form.context["started"]
    bad = client.post(reverse("surveys:record", args=[contact.pk]), {"started": started})
    assert bad.status_code == 400 and b"govuk-error-summary" in bad.content
    assert not Response.objects.exists()
    done = client.post(
        reverse("surveys:record", args=[contact.pk]),
        {
            "started": started,
            "q_satisfaction": "4",
            "q_ease": "5",
            "q_resolved": "yes",
            "q_would_use_again": "yes",
        },
    )
    response = Response.objects.get()
    assert done.status_code == 302 and response.started_at is not None
    assert client.get(done.url).status_code == 200
    other = ContactFactory()
    assert client.get(reverse("surveys:record", args=[other.pk])).status_code == 403
    assert client.get(reverse("surveys:record", args=[999999])).status_code == 404


def test_sampling_rates_are_edited_by_the_quality_lead_only(client_as, client):
    quality = client_as(Role.QUALITY_LEAD)
    data = dict.fromkeys(
        ("phone", "face_to_face", "email", "web_chat", "letter", "social_media", "out_of_hours"),
        "10",
    )
    bad = quality.post(reverse("surveys:sampling"), data | {"phone": "150"})
    assert bad.status_code == 400 and not SamplingRate.objects.exists()
    assert quality.post(reverse("surveys:sampling"), data | {"phone": "2.5"}).status_code == 302
    assert str(SamplingRate.objects.get(channel="phone").rate) == "0.0250"
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    assert client.get(reverse("surveys:sampling")).status_code == 403


def test_quality_lead_logs_an_action(client_as):
    client = client_as(Role.QUALITY_LEAD)
    bad = client.post(reverse("surveys:actions"), {"finding": ""})
    assert bad.status_code == 400 and not SurveyAction.objects.exists()
    today = timezone.localdate()
    client.post(
        reverse("surveys:actions"),
        {
            "finding": "Long waits",
            "action": "More staff",
            "owner": "Team manager",
            "action_date_day": today.day,
            "action_date_month": today.month,
            "action_date_year": today.year,
            "status": "done",
        },
    )
    assert SurveyAction.objects.get().owner == "Team manager"
    assert client.get(reverse("surveys:actions")).status_code == 200


def test_value_review_is_built_decided_and_downloaded(client_as, client):
    quality = client_as(Role.QUALITY_LEAD)
    ResponseFactory.create_batch(12, mode="advisor", satisfaction=5)
    ResponseFactory.create_batch(12, mode="independent", satisfaction=3)
    SurveyActionFactory()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=365)
    built = quality.post(
        reverse("surveys:reviews"),
        {
            "title": "Survey value review 2026",
            "period_start_day": start.day,
            "period_start_month": start.month,
            "period_start_year": start.year,
            "period_end_day": today.day,
            "period_end_month": today.month,
            "period_end_year": today.year,
            "hourly_rate": "18.50",
        },
    )
    review = ValueReview.objects.get()
    assert built.status_code == 302
    assert review.figures["suggestion"] == "change"
    page = quality.get(reverse("surveys:review", args=[review.pk]))
    assert b"Suggested from the figures: Change" in page.content
    assert quality.post(reverse("surveys:review", args=[review.pk]), {}).status_code == 400
    quality.post(
        reverse("surveys:review", args=[review.pk]),
        {"recommendation": "change", "reasoning": "Move to independent surveys."},
    )
    review.refresh_from_db()
    assert review.recommendation == "change"
    pdf = quality.get(reverse("surveys:review", args=[review.pk]), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    client.force_login(UserFactory(roles=[Role.MEMBER]))
    assert client.get(reverse("surveys:review", args=[review.pk])).status_code == 200
    assert client.post(reverse("surveys:reviews"), {}).status_code == 403
    assert client.get(reverse("surveys:review", args=[999999])).status_code == 404


def test_the_answer_page_is_public_and_unknown_links_are_gone(client):
    page = client.get(reverse("surveys:answer", args=["not-a-real-token"]))
    assert page.status_code == 404 and b"no longer works" in page.content


def test_committee_section_summarises_by_channel_and_the_latest_recommendation():
    from apps.core.reporting import sections

    ResponseFactory.create_batch(10, channel="phone", satisfaction=5)
    section = next(s for s in sections("scrutiny") if s.key == "surveys")
    assert section.order == 30
    today = timezone.localdate()
    content = section.build(today - datetime.timedelta(days=1), today)
    assert content.tables[0].rows[0][0] == "Phone"
    assert "No survey value review" in content.paragraphs[-1]
    content.as_json()
