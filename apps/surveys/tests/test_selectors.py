import datetime
import math

import pytest
from django.utils import timezone
from scipy import stats as scipy_stats
from statsmodels.stats.proportion import proportion_confint

from apps.accounts.roles import Role
from apps.accounts.tests.factories import TeamFactory, UserFactory
from apps.contacts.tests.factories import ContactFactory
from apps.surveys import selectors
from apps.surveys.models import Invitation, Mode
from apps.surveys.services import standard_survey

from .factories import ResponseFactory, SurveyActionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def _at(day: datetime.date, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _responses(scores, **fields):
    for score in scores:
        ResponseFactory(satisfaction=score, finished_at=_at(TODAY), **fields)


def test_results_by_channel_give_mean_distribution_wilson_and_response_rate(settings):
    settings.SURVEY_MIN_CELL_SIZE = 10
    _responses([5] * 6 + [4] * 4 + [2] * 2, channel="phone")
    _responses([5] * 3, channel="email")
    survey = standard_survey()
    for used in [True] * 3 + [False] * 5:
        Invitation.objects.create(
            survey=survey,
            mode=Mode.INDEPENDENT,
            via="email",
            channel="phone",
            token_digest=f"{Invitation.objects.count():064d}",
            sent_at=_at(TODAY),
            expires_at=_at(TODAY + datetime.timedelta(days=14)),
            used_at=_at(TODAY) if used else None,
        )
    cells = {c.key: c for c in selectors.results_by(by="channel", start=TODAY, end=TODAY)}
    phone = cells["phone"]
    assert phone.responses == 12 and phone.distribution == [0, 2, 0, 4, 6]
    assert math.isclose(phone.mean, (30 + 16 + 4) / 12)
    low, high = proportion_confint(10, 12, method="wilson")
    assert math.isclose(phone.share_interval.low, low) and math.isclose(
        phone.share_interval.high, high
    )
    scores = [5] * 6 + [4] * 4 + [2] * 2
    t_low, _ = scipy_stats.t.interval(0.95, 11, loc=phone.mean, scale=scipy_stats.sem(scores))
    assert math.isclose(phone.mean_interval.low, t_low)
    assert math.isclose(phone.response_rate, 3 / 8)
    # Three email responses are fewer than ten: no figures, only that there are too few.
    email = cells["email"]
    assert email.suppressed and email.mean is None and email.share_satisfied is None


def test_the_minimum_cell_size_is_configurable(settings):
    settings.SURVEY_MIN_CELL_SIZE = 3
    _responses([5, 5, 1], channel="email")
    (cell,) = selectors.results_by(by="channel", start=TODAY, end=TODAY)
    assert not cell.suppressed and cell.mean is not None


def test_results_by_month_site_team_and_service_are_labelled():
    team = TeamFactory(name="Blue team")
    _responses([4] * 10, team=team)
    (cell,) = selectors.results_by(by="team", start=TODAY, end=TODAY)
    assert cell.label.startswith("Blue team")
    (month,) = selectors.results_by(by="month", start=TODAY, end=TODAY)
    assert month.label == "June 2026"
    for by in ("site", "service"):
        (other,) = selectors.results_by(by=by, start=TODAY, end=TODAY)
        assert other.label == "Not recorded"


def test_advisor_results_are_seen_by_the_advisor_their_team_manager_and_quality_lead():
    team, other_team = TeamFactory(), TeamFactory()
    advisor = UserFactory(roles=[Role.ADVISOR], team=team)
    colleague = UserFactory(roles=[Role.ADVISOR], team=team)
    manager = UserFactory(roles=[Role.TEAM_MANAGER], team=team)
    other_manager = UserFactory(roles=[Role.TEAM_MANAGER], team=other_team)
    quality = UserFactory(roles=[Role.QUALITY_LEAD])
    head = UserFactory(roles=[Role.HEAD_OF_SERVICE])
    check = selectors.can_view_advisor_results
    assert check(viewer=advisor, advisor=advisor)
    assert not check(viewer=colleague, advisor=advisor)
    assert check(viewer=manager, advisor=advisor)
    assert not check(viewer=other_manager, advisor=advisor)
    assert check(viewer=quality, advisor=advisor) and check(viewer=head, advisor=advisor)
    mine = ResponseFactory(advisor=advisor)
    theirs = ResponseFactory(advisor=colleague)
    assert list(selectors.responses_visible_to(advisor)) == [mine]
    assert set(selectors.responses_visible_to(manager)) == {mine, theirs}
    assert not selectors.responses_visible_to(other_manager).exists()
    assert selectors.responses_visible_to(quality).count() == 2


def test_value_review_figures_on_hand_made_data(settings):
    settings.SURVEY_MIN_CELL_SIZE = 5
    start, end = TODAY - datetime.timedelta(days=30), TODAY
    advisor_scores = [5] * 8 + [4] * 2
    independent_scores = [5] * 2 + [4] * 3 + [3] * 3 + [2] * 2
    for score in advisor_scores:
        finished = _at(TODAY)
        ResponseFactory(
            mode=Mode.ADVISOR,
            satisfaction=score,
            finished_at=finished,
            started_at=finished - datetime.timedelta(minutes=3),
        )
    survey = standard_survey()
    for i, score in enumerate(independent_scores):
        invitation = Invitation.objects.create(
            survey=survey,
            mode=Mode.INDEPENDENT,
            via="email",
            channel="phone",
            token_digest=f"{i:064d}",
            sent_at=_at(TODAY),
            used_at=_at(TODAY),
            expires_at=_at(TODAY + datetime.timedelta(days=14)),
        )
        ResponseFactory(
            mode=Mode.INDEPENDENT, satisfaction=score, finished_at=_at(TODAY), invitation=invitation
        )
    for i in range(30):
        Invitation.objects.create(
            survey=survey,
            mode=Mode.INDEPENDENT,
            via="sms",
            channel="phone",
            token_digest=f"9{i:063d}",
            sent_at=_at(TODAY),
            expires_at=_at(TODAY + datetime.timedelta(days=14)),
        )
    ContactFactory.create_batch(40, started_at=_at(TODAY))
    SurveyActionFactory(action_date=TODAY)
    SurveyActionFactory(action_date=start - datetime.timedelta(days=1))

    figures = selectors.value_review_figures(start=start, end=end, hourly_rate=20.0)
    advisor, independent = figures["advisor"], figures["independent"]
    assert advisor["responses"] == 10 and math.isclose(advisor["response_rate"], 10 / 40)
    assert independent["responses"] == 10 and math.isclose(independent["response_rate"], 10 / 40)
    assert math.isclose(advisor["mean"], 4.8) and math.isclose(independent["mean"], 3.5)
    assert math.isclose(figures["comparison"]["mean_difference"], 1.3)
    expected = scipy_stats.mannwhitneyu(advisor_scores, independent_scores)
    assert math.isclose(figures["comparison"]["mann_whitney_p"], expected.pvalue)
    welch = scipy_stats.ttest_ind(advisor_scores, independent_scores, equal_var=False)
    assert math.isclose(figures["comparison"]["welch_p"], welch.pvalue)
    assert math.isclose(figures["comparison"]["share_difference"], 1.0 - 0.5)
    assert math.isclose(figures["time"]["minutes"], 30)
    assert math.isclose(figures["time"]["cost"], 10.0)
    assert figures["actions"]["count"] == 1
    assert figures["suggestion"] == "change"


def test_suggestion_is_stop_when_biased_and_nothing_was_done_and_continue_when_alike():
    base = {
        "minimum": 10,
        "advisor": {"scored": 100},
        "independent": {"scored": 100},
        "comparison": {"mean_difference": 0.6, "mann_whitney_p": 0.001, "share_p": 0.01},
        "actions": {"count": 0},
        "time": {"minutes": 500, "cost": 150.0},
    }
    assert selectors.suggest_recommendation(base)[0] == "stop"
    alike = base | {"comparison": {"mean_difference": 0.02, "mann_whitney_p": 0.8, "share_p": 0.7}}
    assert selectors.suggest_recommendation(alike)[0] == "continue"
    few = base | {"independent": {"scored": 3}}
    assert selectors.suggest_recommendation(few)[0] == "continue"
