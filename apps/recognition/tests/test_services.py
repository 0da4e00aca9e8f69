import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from apps.accounts.roles import Role
from apps.accounts.tests.factories import TeamFactory, UserFactory
from apps.core.models import OutboxMessage
from apps.recognition import selectors, services
from apps.recognition.models import AwardMonth, Nomination, PulseAnswer, Suggestion

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


class TestAward:
    def test_a_month_runs_from_nominations_to_a_decision(self, make_user):
        manager = make_user(Role.TEAM_MANAGER)
        alice, bob = make_user(Role.ADVISOR), make_user(Role.ADVISOR)
        first = services.nomination_create(
            nominee=alice, source="staff", reason="Kind", nominated_by=bob
        )
        second = services.nomination_create(
            nominee=bob, source="manager", reason="Calm", nominated_by=manager
        )
        month = first.award_month
        with pytest.raises(ValidationError):
            services.award_decide(
                award_month=month, winner=first, reasons="x", panel="", user=manager
            )
        services.award_shortlist(award_month=month, nomination_ids=[first.pk], user=manager)
        second.refresh_from_db()
        with pytest.raises(ValidationError):
            services.award_decide(
                award_month=month, winner=second, reasons="x", panel="", user=manager
            )
        services.award_decide(
            award_month=month, winner=first, reasons="Outstanding", panel="Panel", user=manager
        )
        assert list(selectors.winners()) == [month]
        assert OutboxMessage.objects.filter(to=alice.email, purpose="monthly_award").exists()
        # Once decided, new nominations go to next month.
        late = services.nomination_create(
            nominee=bob, source="staff", reason="Late", nominated_by=alice
        )
        assert late.award_month.month > month.month

    def test_nobody_nominates_themselves(self, make_user):
        alice = make_user(Role.ADVISOR)
        with pytest.raises(ValidationError):
            services.nomination_create(
                nominee=alice, source="staff", reason="Me", nominated_by=alice
            )


class TestNominationsFromElsewhere:
    def test_a_compliment_naming_staff_becomes_one_nomination(self, make_user):
        from apps.cases.complaint_services import complaint_record
        from apps.cases.signals import compliment_recorded

        alice = make_user(Role.ADVISOR)
        compliment = complaint_record(
            kind="compliment",
            channel="letter",
            received_on=TODAY,
            summary="So helpful on the phone",
            recorded_by=None,
            staff_named=alice,
        )
        # The same compliment announced twice still nominates once.
        compliment_recorded.send(sender=type(compliment), compliment=compliment)
        nomination = Nomination.objects.get()
        assert nomination.nominee == alice
        assert nomination.source == Nomination.Source.COMPLIMENT
        assert "So helpful" in nomination.reason

    def test_a_shared_positive_mystery_finding_becomes_a_nomination(self, make_user):
        from apps.mystery.signals import positive_finding_shared

        bob = make_user(Role.ADVISOR)
        finding = SimpleNamespace(pk=7, staff_member=bob, text="Greeted the shopper warmly")
        positive_finding_shared.send(sender=object, finding=finding)
        nomination = Nomination.objects.get()
        assert nomination.nominee == bob
        assert nomination.source == Nomination.Source.MYSTERY_SHOPPING


class TestSuggestions:
    def test_an_anonymous_suggestion_keeps_no_name_anywhere(self, make_user):
        advisor = make_user(Role.ADVISOR)
        suggestion = services.suggestion_submit(
            title="Idea", idea="Do it", user=advisor, anonymous=True
        )
        assert suggestion.submitted_by is None
        assert not hasattr(suggestion.history.first(), "submitted_by")

    def test_a_response_is_required_and_implemented_ones_record_their_benefit(self, make_user):
        manager = make_user(Role.TEAM_MANAGER)
        advisor = make_user(Role.ADVISOR)
        suggestion = services.suggestion_submit(
            title="Idea", idea="Do it", user=advisor, anonymous=False
        )
        with pytest.raises(ValidationError) as caught:
            services.suggestion_respond(
                suggestion=suggestion, status="not_taken_forward", response=" ", user=manager
            )
        assert "response" in caught.value.error_dict
        with pytest.raises(ValidationError) as caught:
            services.suggestion_respond(
                suggestion=suggestion, status="implemented", response="Done", user=manager
            )
        assert "benefit" in caught.value.error_dict
        services.suggestion_respond(
            suggestion=suggestion,
            status="implemented",
            response="Done",
            user=manager,
            hours_saved_a_month=12,
        )
        assert Suggestion.objects.get().status == "implemented"
        assert OutboxMessage.objects.filter(
            to=advisor.email, purpose="suggestion_response"
        ).exists()


class TestPulse:
    def _survey(self):
        return services.pulse_create(
            title="Pulse",
            statements=["I feel valued", "I have what I need"],
            opens=TODAY,
            closes=TODAY,
            user=None,
        )

    def test_results_by_team_show_only_where_five_or_more_answered(self):
        survey = self._survey()
        big, small = TeamFactory(name="Contact centre"), TeamFactory(name="Registrars")
        for n in range(5):
            services.pulse_answer(survey=survey, user=UserFactory(team=big), scores=[4, 5 - n % 2])
        for _n in range(4):
            services.pulse_answer(survey=survey, user=UserFactory(team=small), scores=[1, 1])
        results = selectors.pulse_results(survey)
        teams = {t["team"].name: t for t in results["teams"]}
        assert teams["Contact centre"]["rows"][0]["mean"] == 4
        assert teams["Contact centre"]["answers"] == 5
        assert teams["Registrars"]["rows"] is None and teams["Registrars"]["answers"] is None
        assert results["overall"] is not None

    def test_fewer_than_five_answers_show_nothing_at_all(self):
        survey = self._survey()
        for _n in range(4):
            services.pulse_answer(survey=survey, user=UserFactory(), scores=[3, 3], comment="hmm")
        results = selectors.pulse_results(survey)
        assert results["overall"] is None and results["comments"] == []

    def test_each_person_answers_once_and_the_answer_does_not_name_them(self):
        survey = self._survey()
        user = UserFactory(team=TeamFactory())
        services.pulse_answer(survey=survey, user=user, scores=[3, 4])
        with pytest.raises(ValidationError):
            services.pulse_answer(survey=survey, user=user, scores=[3, 4])
        answer = PulseAnswer.objects.get()
        assert answer.team_id == user.team_id
        assert not any(f.name == "user" for f in PulseAnswer._meta.get_fields())

    def test_scores_must_be_one_to_five_for_every_statement(self):
        survey = self._survey()
        with pytest.raises(ValidationError):
            services.pulse_answer(survey=survey, user=UserFactory(), scores=[3])
        with pytest.raises(ValidationError):
            services.pulse_answer(survey=survey, user=UserFactory(), scores=[3, 6])
        assert not PulseAnswer.objects.exists()
        assert AwardMonth.objects.count() == 0
