"""Marking actions done, booking oneself on a session, the councillor's own schedule, edits."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.accounts.roles import Role
from apps.accounts.tests.factories import TeamFactory, UserFactory
from apps.workforce import selectors, services
from apps.workforce.models import (
    ActionStatus,
    Booking,
    Course,
    FloorEvent,
    FollowUpAction,
    Objective,
    StrategyAction,
)

from .factories import (
    CourseFactory,
    FloorEventFactory,
    ObjectiveFactory,
    StrategyActionFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def _placement(event, participant, hour=10):
    starts = timezone.make_aware(datetime.datetime.combine(event.starts_on, datetime.time(hour)))
    return services.placement_create(
        event=event,
        participant=participant,
        team=TeamFactory(),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        host="Tom Baker",
    )


def _follow_up(owner, due_on=None, event=None):
    event = event or FloorEventFactory()
    member = UserFactory(roles=[Role.MEMBER])
    placement = _placement(event, member)
    observation = services.observation_record(
        placement=placement, recorded_by=member, problems="Long queue at reception"
    )
    return services.follow_up_add(
        observation=observation, description="Open a second desk", owner=owner, due_on=due_on
    )


# --- Follow-up and strategy actions done ----------------------------------------------------


def test_open_and_overdue_flags():
    owner = UserFactory()
    action = _follow_up(owner, due_on=TODAY - datetime.timedelta(days=1))
    assert action.is_open and action.is_overdue(TODAY)
    assert not action.is_overdue(TODAY - datetime.timedelta(days=1))
    action.done_on = TODAY
    assert not action.is_open and not action.is_overdue(TODAY)
    assert not FollowUpAction(due_on=None).is_overdue(TODAY)
    strategy = StrategyActionFactory(due_on=TODAY - datetime.timedelta(days=1))
    assert strategy.is_open and strategy.is_overdue(TODAY)
    strategy.status = ActionStatus.DONE
    assert not strategy.is_open and not strategy.is_overdue(TODAY)


def test_owner_marks_a_follow_up_done_with_the_date():
    owner = UserFactory(roles=[Role.ADVISOR])
    action = _follow_up(owner)
    day = timezone.localdate() - datetime.timedelta(days=2)
    services.follow_up_complete(action=action, done_on=day, by=owner)
    action.refresh_from_db()
    assert action.done_on == day
    assert action.history.count() == 2


def test_manager_marks_a_follow_up_done_but_not_someone_else():
    action = _follow_up(UserFactory(roles=[Role.ADVISOR]))
    with pytest.raises(ValidationError):
        services.follow_up_complete(
            action=action, done_on=timezone.localdate(), by=UserFactory(roles=[Role.ADVISOR])
        )
    with pytest.raises(ValidationError):
        services.follow_up_complete(
            action=action, done_on=timezone.localdate(), by=UserFactory(roles=[Role.MEMBER])
        )
    action.refresh_from_db()
    assert action.done_on is None
    manager = UserFactory(roles=[Role.QUALITY_LEAD])
    services.follow_up_complete(action=action, done_on=timezone.localdate(), by=manager)
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()


def test_done_date_cannot_be_in_the_future():
    owner = UserFactory()
    action = _follow_up(owner)
    with pytest.raises(ValidationError) as error:
        services.follow_up_complete(
            action=action, done_on=timezone.localdate() + datetime.timedelta(days=1), by=owner
        )
    assert "done_on" in error.value.error_dict
    strategy = StrategyActionFactory(owner=owner)
    with pytest.raises(ValidationError):
        services.strategy_action_complete(
            action=strategy, done_on=timezone.localdate() + datetime.timedelta(days=1), by=owner
        )


def test_strategy_action_done_by_owner_or_manager():
    owner = UserFactory(roles=[Role.TEAM_MANAGER])
    action = StrategyActionFactory(owner=owner)
    with pytest.raises(ValidationError):
        services.strategy_action_complete(
            action=action,
            done_on=timezone.localdate(),
            by=UserFactory(roles=[Role.HEAD_OF_SERVICE]),
        )
    day = timezone.localdate() - datetime.timedelta(days=1)
    services.strategy_action_complete(action=action, done_on=day, by=owner)
    action.refresh_from_db()
    assert (action.status, action.percent_complete, action.done_on) == (ActionStatus.DONE, 100, day)
    other = StrategyActionFactory()
    services.strategy_action_complete(
        action=other, done_on=day, by=UserFactory(roles=[Role.QUALITY_LEAD])
    )
    assert StrategyAction.objects.get(pk=other.pk).done_on == day


def test_progress_to_done_records_the_date_and_reopening_clears_it():
    action = StrategyActionFactory()
    services.strategy_action_update(action=action, status=ActionStatus.DONE, percent_complete=10)
    assert action.done_on == timezone.localdate() and action.percent_complete == 100
    services.strategy_action_update(action=action, status=ActionStatus.AT_RISK, percent_complete=80)
    assert action.done_on is None


def test_owned_actions_lists_open_first_and_counts_overdue():
    owner = UserFactory()
    late = _follow_up(owner, due_on=timezone.localdate() - datetime.timedelta(days=3))
    done = _follow_up(owner)
    services.follow_up_complete(action=done, done_on=timezone.localdate(), by=owner)
    StrategyActionFactory(owner=owner, due_on=timezone.localdate() - datetime.timedelta(days=1))
    StrategyActionFactory()  # someone else's
    mine = selectors.owned_actions(owner=owner)
    assert [a.pk for a in mine["follow_ups"]] == [late.pk, done.pk]
    assert len(mine["strategy_actions"]) == 1
    assert (mine["open"], mine["overdue"]) == (2, 2)


def test_owner_marks_done_through_the_page(client, django_assert_max_num_queries):
    owner = UserFactory(roles=[Role.ADVISOR])
    action = _follow_up(owner, due_on=timezone.localdate() - datetime.timedelta(days=1))
    strategy = StrategyActionFactory(owner=owner)
    client.force_login(owner)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("workforce:my-actions"))
    assert "Overdue" in page.content.decode()
    url = reverse("workforce:followup-done", args=[action.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"done_on_day": "32", "done_on_month": "1", "done_on_year": "2026"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert FollowUpAction.objects.get(pk=action.pk).done_on is None
    today = timezone.localdate()
    response = client.post(
        url, {"done_on_day": today.day, "done_on_month": today.month, "done_on_year": today.year}
    )
    assert response.status_code == 302 and response["Location"] == reverse("workforce:my-actions")
    assert FollowUpAction.objects.get(pk=action.pk).done_on == today
    response = client.post(
        reverse("workforce:action-done", args=[strategy.pk]),
        {"done_on_day": today.day, "done_on_month": today.month, "done_on_year": today.year},
    )
    assert response.status_code == 302
    assert StrategyAction.objects.get(pk=strategy.pk).status == ActionStatus.DONE
    assert "Done" in client.get(reverse("workforce:my-actions")).content.decode()


def test_someone_else_cannot_mark_done(client_as):
    action = _follow_up(UserFactory())
    strategy = StrategyActionFactory()
    client = client_as(Role.ADVISOR)
    today = timezone.localdate()
    data = {"done_on_day": today.day, "done_on_month": today.month, "done_on_year": today.year}
    assert (
        client.post(reverse("workforce:followup-done", args=[action.pk]), data).status_code == 403
    )
    assert (
        client.post(reverse("workforce:action-done", args=[strategy.pk]), data).status_code == 403
    )
    assert client.get(reverse("workforce:followup-done", args=[99999])).status_code == 404
    assert FollowUpAction.objects.get(pk=action.pk).done_on is None
    assert StrategyAction.objects.get(pk=strategy.pk).done_on is None


def test_manager_sees_flags_and_done_links(client_as):
    action = _follow_up(UserFactory(), due_on=timezone.localdate() - datetime.timedelta(days=1))
    StrategyActionFactory(due_on=timezone.localdate() - datetime.timedelta(days=1))
    client = client_as(Role.QUALITY_LEAD)
    event_page = client.get(
        reverse("workforce:event-detail", args=[action.observation.placement.event_id])
    ).content.decode()
    assert "Overdue" in event_page
    assert reverse("workforce:followup-done", args=[action.pk]) in event_page
    strategy_page = client.get(reverse("workforce:strategy")).content.decode()
    assert "Overdue" in strategy_page and "Mark as done" in strategy_page


# --- Booking oneself on a session -----------------------------------------------------------


def test_book_self_refuses_full_already_booked_and_started():
    session = TrainingSessionFactory(capacity=1)
    advisor = UserFactory(roles=[Role.ADVISOR])
    services.booking_book_self(session=session, person=advisor)
    with pytest.raises(ValidationError, match="already booked"):
        services.booking_book_self(session=session, person=advisor)
    with pytest.raises(ValidationError, match="full"):
        services.booking_book_self(session=session, person=UserFactory(roles=[Role.ADVISOR]))
    started = TrainingSessionFactory(starts_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="started"):
        services.booking_book_self(session=started, person=advisor)
    assert Booking.objects.count() == 1


def test_cancel_own_booking_before_the_start_only():
    session = TrainingSessionFactory()
    advisor = UserFactory(roles=[Role.ADVISOR])
    booking = services.booking_book_self(session=session, person=advisor)
    with pytest.raises(ValidationError):
        services.booking_cancel(booking=booking, person=UserFactory(roles=[Role.ADVISOR]))
    with pytest.raises(ValidationError, match="started"):
        services.booking_cancel(
            booking=booking, person=advisor, now=session.starts_at + datetime.timedelta(minutes=1)
        )
    assert Booking.objects.filter(pk=booking.pk).exists()
    services.booking_cancel(booking=booking, person=advisor)
    assert not Booking.objects.exists()


@settings(max_examples=15, deadline=None)
@given(
    capacity=st.integers(min_value=1, max_value=4), wanting=st.integers(min_value=0, max_value=6)
)
def test_bookings_never_exceed_the_places(capacity, wanting):
    session = TrainingSessionFactory(capacity=capacity)
    booked = 0
    for person in UserFactory.create_batch(wanting):
        try:
            services.booking_book_self(session=session, person=person)
            booked += 1
        except ValidationError:
            pass
    assert booked == min(capacity, wanting) == session.bookings.count()


def test_bookable_sessions_are_upcoming_with_my_flag():
    advisor = UserFactory(roles=[Role.ADVISOR])
    upcoming = TrainingSessionFactory()
    TrainingSessionFactory(starts_at=timezone.now() - datetime.timedelta(hours=1))
    services.booking_book_self(session=upcoming, person=advisor)
    sessions = list(selectors.bookable_sessions(person=advisor))
    assert [(s.pk, s.booked, s.mine) for s in sessions] == [(upcoming.pk, 1, 1)]
    assert list(selectors.bookable_sessions(person=advisor, search="nothing like it")) == []


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.CLIENT_SERVICE_OFFICER])
def test_advisor_and_officer_book_and_cancel_through_the_pages(
    client_as, role, django_assert_max_num_queries
):
    session = TrainingSessionFactory(capacity=1)
    TrainingSessionFactory.create_batch(3)
    client = client_as(role)
    with django_assert_max_num_queries(10):
        listing = client.get(reverse("workforce:session-choose"))
    assert listing.status_code == 200
    assert reverse("workforce:session-book", args=[session.pk]) in listing.content.decode()
    csv = client.get(reverse("workforce:session-choose") + "?format=csv")
    assert b"".join(csv.streaming_content).decode().count("\n") == 5
    book_url = reverse("workforce:session-book", args=[session.pk])
    assert client.get(book_url).status_code == 200
    assert client.post(book_url).status_code == 302
    booking = Booking.objects.get(person=client.user)
    again = client.post(book_url)
    assert again.status_code == 200 and "already booked" in again.content.decode()
    mine = client.get(reverse("workforce:my-training")).content.decode()
    cancel_url = reverse("workforce:booking-cancel", args=[booking.pk])
    assert cancel_url in mine
    assert client.post(cancel_url).status_code == 302
    assert not Booking.objects.exists()


def test_full_session_refused_on_the_page(client_as):
    session = TrainingSessionFactory(capacity=1)
    services.booking_create(session=session, person=UserFactory())
    client = client_as(Role.ADVISOR)
    response = client.post(reverse("workforce:session-book", args=[session.pk]))
    assert response.status_code == 200 and "This session is full" in response.content.decode()
    assert Booking.objects.count() == 1


def test_booking_pages_permissions(client_as):
    session = TrainingSessionFactory()
    someone = UserFactory(roles=[Role.ADVISOR])
    booking = services.booking_create(session=session, person=someone)
    member = client_as(Role.MEMBER)
    assert member.get(reverse("workforce:session-choose")).status_code == 403
    assert member.post(reverse("workforce:session-book", args=[session.pk])).status_code == 403
    advisor = client_as(Role.ADVISOR)
    # someone else's booking is not there for them
    assert advisor.post(reverse("workforce:booking-cancel", args=[booking.pk])).status_code == 404
    assert advisor.post(reverse("workforce:session-book", args=[99999])).status_code == 404
    assert Booking.objects.filter(pk=booking.pk).exists()


def test_started_booking_cannot_be_cancelled_on_the_page(client_as):
    client = client_as(Role.ADVISOR)
    session = TrainingSessionFactory(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    booking = services.booking_create(session=session, person=client.user)
    response = client.post(reverse("workforce:booking-cancel", args=[booking.pk]))
    assert response.status_code == 200 and "no longer be cancelled" in response.content.decode()
    assert Booking.objects.filter(pk=booking.pk).exists()
    assert (
        reverse("workforce:booking-cancel", args=[booking.pk])
        not in client.get(reverse("workforce:my-training")).content.decode()
    )


# --- The councillor's own schedule ----------------------------------------------------------


def test_schedule_for_a_councillor_is_only_their_own():
    event = FloorEventFactory()
    mine, theirs = UserFactory(roles=[Role.MEMBER]), UserFactory(roles=[Role.MEMBER])
    own = _placement(event, mine, hour=9)
    other = _placement(event, theirs, hour=11)
    assert list(selectors.placement_schedule_for(event=event, user=mine)) == [own]
    for role in (Role.QUALITY_LEAD, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE):
        seen = selectors.placement_schedule_for(event=event, user=UserFactory(roles=[role]))
        assert list(seen) == [own, other]


def test_councillor_page_shows_only_their_placements(client_as, django_assert_max_num_queries):
    event = FloorEventFactory()
    client = client_as(Role.MEMBER, full_name="Cllr Ann Sharp")
    _placement(event, client.user, hour=9)
    _placement(event, UserFactory(roles=[Role.MEMBER], full_name="Cllr Bob Other"), hour=11)
    url = reverse("workforce:event-detail", args=[event.pk])
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert "Cllr Ann Sharp" in page and "Cllr Bob Other" not in page
    head = client_as(Role.HEAD_OF_SERVICE).get(url).content.decode()
    assert "Cllr Ann Sharp" in head and "Cllr Bob Other" in head


# --- Edits ----------------------------------------------------------------------------------


def test_course_update_service_and_validation():
    course = CourseFactory(title="Old")
    services.course_update(course=course, title="New", validity_months=24)
    course.refresh_from_db()
    assert (course.title, course.validity_months) == ("New", 24)
    with pytest.raises(ValidationError):
        services.course_update(course=course, title="")
    assert Course.objects.get(pk=course.pk).title == "New"


def test_floor_event_update_keeps_placements_inside():
    event = FloorEventFactory()
    _placement(event, UserFactory(roles=[Role.MEMBER]))
    services.floor_event_update(
        event=event,
        name="Customer Service Week",
        starts_on=event.starts_on,
        ends_on=event.ends_on + datetime.timedelta(days=1),
    )
    assert FloorEvent.objects.get(pk=event.pk).name == "Customer Service Week"
    with pytest.raises(ValidationError, match="outside the event"):
        services.floor_event_update(
            event=event,
            name="Moved",
            starts_on=event.starts_on + datetime.timedelta(days=1),
            ends_on=event.ends_on + datetime.timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        services.floor_event_update(
            event=event,
            name="Backwards",
            starts_on=event.starts_on,
            ends_on=event.starts_on - datetime.timedelta(days=1),
        )
    assert FloorEvent.objects.get(pk=event.pk).name == "Customer Service Week"


def test_objective_update_keeps_numbers_unique():
    first, second = ObjectiveFactory(number=1), ObjectiveFactory(number=2)
    services.objective_update(objective=second, number=3, title="Listen", description="More")
    assert Objective.objects.get(pk=second.pk).number == 3
    with pytest.raises(ValidationError) as error:
        services.objective_update(objective=second, number=first.number, title="Clash")
    assert "number" in error.value.error_dict


def test_edit_pages(client_as):
    course, event, objective = CourseFactory(), FloorEventFactory(), ObjectiveFactory(number=5)
    ObjectiveFactory(number=6)
    client = client_as(Role.QUALITY_LEAD)
    course_url = reverse("workforce:course-edit", args=[course.pk])
    assert course.title in client.get(course_url).content.decode()
    bad = client.post(course_url, {"title": ""})
    assert "Enter the course title" in bad.content.decode()
    assert Course.objects.get(pk=course.pk).title == course.title
    assert client.post(course_url, {"title": "Dealing with difficult calls"}).status_code == 302
    assert Course.objects.get(pk=course.pk).title == "Dealing with difficult calls"

    event_url = reverse("workforce:event-edit", args=[event.pk])
    assert client.get(event_url).status_code == 200
    day = event.starts_on
    data = {
        "name": "Renamed week",
        "starts_on_day": day.day,
        "starts_on_month": day.month,
        "starts_on_year": day.year,
        "ends_on_day": day.day,
        "ends_on_month": day.month,
        "ends_on_year": day.year - 1,
    }
    assert "govuk-error-summary" in client.post(event_url, data).content.decode()
    assert FloorEvent.objects.get(pk=event.pk).name == event.name
    data["ends_on_year"] = day.year
    assert client.post(event_url, data).status_code == 302
    assert FloorEvent.objects.get(pk=event.pk).name == "Renamed week"

    objective_url = reverse("workforce:objective-edit", args=[objective.pk])
    clash = client.post(objective_url, {"number": 6, "title": "Clash"})
    assert clash.status_code == 200 and "govuk-error-summary" in clash.content.decode()
    assert Objective.objects.get(pk=objective.pk).title == objective.title
    assert client.post(objective_url, {"number": 7, "title": "Listen"}).status_code == 302
    assert Objective.objects.get(pk=objective.pk).number == 7


def test_edit_pages_need_the_manager_permission(client_as):
    course, event, objective = CourseFactory(), FloorEventFactory(), ObjectiveFactory()
    client = client_as(Role.ADVISOR)
    for url in (
        reverse("workforce:course-edit", args=[course.pk]),
        reverse("workforce:event-edit", args=[event.pk]),
        reverse("workforce:objective-edit", args=[objective.pk]),
    ):
        assert client.post(url, {"title": "x", "name": "x", "number": 9}).status_code == 403
    assert Course.objects.get(pk=course.pk).title == course.title
    assert (
        client_as(Role.QUALITY_LEAD).get(reverse("workforce:course-edit", args=[99999])).status_code
        == 404
    )
