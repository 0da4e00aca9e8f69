import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory, UserFactory
from apps.catalogue import services as catalogue
from apps.catalogue.models import ChangeType
from apps.catalogue.tests.factories import ServiceFactory
from apps.workforce import selectors, services
from apps.workforce.models import ActionStatus, Course, Enrolment, ProgrammeLevel

from .factories import FloorEventFactory, StrategyActionFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def _coordinated_course(people=5):
    housing = DepartmentFactory(slug="housing")
    service = ServiceFactory(department=housing)
    for _ in range(people):
        UserFactory(roles=[Role.ADVISOR])
        UserFactory(roles=[Role.CLIENT_SERVICE_OFFICER], team=TeamFactory(department=housing))
    catalogue.service_update(
        service=service,
        expected_version=service.version,
        changed_by=UserFactory(roles=[Role.QUALITY_LEAD]),
        change_type=ChangeType.LEGISLATION_CHANGE,
        change_summary="New duty",
    )
    return Course.objects.get()


def test_matrix_page_has_a_query_bound(client_as, django_assert_max_num_queries):
    course = _coordinated_course(people=3)
    client = client_as(Role.TEAM_MANAGER)
    url = reverse("workforce:course-matrix", args=[course.pk])
    with django_assert_max_num_queries(12):
        small = client.get(url)
    assert small.status_code == 200
    for person in UserFactory.create_batch(10):
        course.records.create(person=person, required=True)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert "Still to complete" in response.content.decode()


def test_matrix_csv(client_as):
    course = _coordinated_course(people=1)
    response = client_as(Role.HEAD_OF_SERVICE).get(
        reverse("workforce:course-matrix", args=[course.pk]) + "?format=csv"
    )
    body = b"".join(response.streaming_content).decode()
    assert body.count("\n") == 3


def test_course_list_query_bound(client_as, django_assert_max_num_queries):
    _coordinated_course(people=2)
    client = client_as(Role.QUALITY_LEAD)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("workforce:course-list"))
    assert response.status_code == 200


def test_advisor_cannot_see_the_matrix_or_record_completion(client_as):
    course = _coordinated_course(people=1)
    client = client_as(Role.ADVISOR)
    assert client.get(reverse("workforce:course-matrix", args=[course.pk])).status_code == 403
    assert client.get(reverse("workforce:completion-add", args=[course.pk])).status_code == 403
    assert client.get(reverse("workforce:my-training")).status_code == 200
    assert client.get(reverse("workforce:home")).status_code == 200


def test_record_completion_page(client_as):
    course = _coordinated_course(people=1)
    person = course.records.first().person
    client = client_as(Role.TEAM_MANAGER)
    url = reverse("workforce:completion-add", args=[course.pk])
    response = client.post(url, {})
    assert "Select the person who completed the course" in response.content.decode()
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "person": person.pk,
            "completed_on_day": today.day,
            "completed_on_month": today.month,
            "completed_on_year": today.year,
        },
    )
    assert response.status_code == 302
    assert course.records.get(person=person).completed_on == today


def test_bad_ids_are_404(client_as):
    client = client_as(Role.QUALITY_LEAD)
    for name in [
        "course-detail",
        "session-detail",
        "event-detail",
        "enrolment-detail",
        "action-progress",
    ]:
        assert client.get(reverse(f"workforce:{name}", args=[999999])).status_code == 404


def test_full_session_shows_the_error(client_as):
    session = TrainingSessionFactory(capacity=1)
    services.booking_create(session=session, person=UserFactory())
    client = client_as(Role.TEAM_MANAGER)
    response = client.post(
        reverse("workforce:session-detail", args=[session.pk]), {"person": UserFactory().pk}
    )
    assert "This session is full" in response.content.decode()
    assert session.bookings.count() == 1


def test_advisor_sees_only_their_own_enrolment(client_as):
    level = ProgrammeLevel.objects.get(name="Award")
    client = client_as(Role.ADVISOR)
    mine = services.enrolment_create(
        person=client.user, level=level, started_on=timezone.localdate()
    )
    theirs = services.enrolment_create(
        person=UserFactory(), level=level, started_on=timezone.localdate()
    )
    assert client.get(reverse("workforce:enrolment-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("workforce:enrolment-detail", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("workforce:enrolment-list")).status_code == 403


def test_enrolment_list_query_bound(client_as, django_assert_max_num_queries):
    level = ProgrammeLevel.objects.get(name="Certificate")
    for person in UserFactory.create_batch(5):
        services.enrolment_create(person=person, level=level, started_on=timezone.localdate())
    client = client_as(Role.HEAD_OF_SERVICE)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("workforce:enrolment-list"))
    assert response.status_code == 200
    assert Enrolment.objects.count() == 5


def test_member_sees_placements_and_communications_exports_posts(client_as, make_user):
    event = FloorEventFactory()
    member = make_user(Role.MEMBER)
    starts = timezone.make_aware(datetime.datetime.combine(event.starts_on, datetime.time(10)))
    placement = services.placement_create(
        event=event,
        participant=member,
        team=TeamFactory(),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        host="Tom Baker",
    )
    services.observation_record(
        placement=placement,
        recorded_by=member,
        good_practice="Calm and kind",
        public_post="Great work on the phones today",
    )
    client = client_as(Role.MEMBER)
    assert client.get(reverse("workforce:event-detail", args=[event.pk])).status_code == 200
    assert client.get(reverse("workforce:observation-export", args=[event.pk])).status_code == 403
    comms = client_as(Role.COMMUNICATIONS)
    response = comms.get(reverse("workforce:observation-export", args=[event.pk]))
    body = b"".join(response.streaming_content).decode()
    assert "Great work on the phones today" in body
    assert "#Borchester24" in body


def test_placement_needs_someone_and_somewhere():
    event = FloorEventFactory()
    starts = timezone.make_aware(datetime.datetime.combine(event.starts_on, datetime.time(10)))
    with pytest.raises(ValidationError):
        services.placement_create(
            event=event,
            team=TeamFactory(),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            host="x",
        )
    with pytest.raises(ValidationError):
        services.placement_create(
            event=event,
            participant_name="Jo Cleary",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            host="x",
        )


def test_evidence_link_must_be_a_path_on_this_site():
    action = StrategyActionFactory()
    services.evidence_link_add(action=action, title="Courses", path="/workforce/courses/")
    for bad in ["https://example.com/", "/no-such-page-here/", "//evil.example/"]:
        with pytest.raises(ValidationError):
            services.evidence_link_add(action=action, title="Bad", path=bad)
    assert action.evidence.count() == 1


def test_strategy_status_counts_and_overdue(client_as, django_assert_max_num_queries):
    today = timezone.localdate()
    late = StrategyActionFactory(due_on=today - datetime.timedelta(days=1))
    done = StrategyActionFactory(due_on=today - datetime.timedelta(days=1))
    services.strategy_action_update(action=done, status=ActionStatus.DONE, percent_complete=10)
    StrategyActionFactory()
    status = selectors.strategy_status(today=today)
    assert status["overdue"] == [late]
    counts = {c["status"]: c["count"] for c in status["counts"]}
    assert counts[ActionStatus.DONE] == 1 and counts[ActionStatus.NOT_STARTED] == 2
    done.refresh_from_db()
    assert done.percent_complete == 100
    client = client_as(Role.QUALITY_LEAD)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("workforce:strategy")).status_code == 200
    assert client_as(Role.ADVISOR).get(reverse("workforce:strategy")).status_code == 403


def test_committee_section():
    from apps.core.reporting import sections

    _coordinated_course(people=1)
    section = next(s for s in sections() if s.key == "training")
    assert section.order == 60
    today = timezone.localdate()
    content = section.build(today - datetime.timedelta(days=30), today)
    assert content.tables[0].rows[0][2] == 2


def test_pages_render_for_managers(client_as):
    course = _coordinated_course(people=1)
    client = client_as(Role.QUALITY_LEAD)
    for url in [
        reverse("workforce:home"),
        reverse("workforce:course-detail", args=[course.pk]),
        reverse("workforce:programme-list"),
        reverse("workforce:event-list"),
        reverse("workforce:course-add"),
        reverse("workforce:session-add", args=[course.pk]),
        reverse("workforce:enrolment-add"),
        reverse("workforce:event-add"),
        reverse("workforce:objective-add"),
    ]:
        assert client.get(url).status_code == 200, url


def test_demo_seed_runs_twice():
    import random

    from apps.workforce import demo

    UserFactory(roles=[Role.TEAM_MANAGER])
    UserFactory(roles=[Role.QUALITY_LEAD])
    UserFactory.create_batch(3, roles=[Role.ADVISOR])
    assert demo.seed(random.Random(1), scale=1) > 0
    assert demo.seed(random.Random(1), scale=1) == 0


def test_add_a_session_online_or_in_a_place(client_as):
    from .factories import CourseFactory

    course = CourseFactory()
    client = client_as(Role.QUALITY_LEAD)
    url = reverse("workforce:session-add", args=[course.pk])
    day = timezone.localdate() + datetime.timedelta(days=3)
    data = {
        "day_day": day.day,
        "day_month": day.month,
        "day_year": day.year,
        "time": "09:30",
        "trainer": "Pat",
        "capacity": "10",
    }
    response = client.post(url, data)
    assert "Enter the place, or tick online" in response.content.decode()
    assert not course.sessions.exists()
    response = client.post(url, {**data, "online": "on"})
    assert response.status_code == 302
    session = course.sessions.get()
    assert session.online and timezone.localtime(session.starts_at).hour == 9


def test_home_lists_refreshers_due(client_as):
    from .factories import CourseFactory

    course = CourseFactory(validity_months=1)
    person = UserFactory(full_name="Refresh Me")
    services.training_complete(
        course=course, person=person, completed_on=timezone.localdate(), recorded_by=person
    )
    response = client_as(Role.TEAM_MANAGER).get(reverse("workforce:home"))
    assert "Refresh Me" in response.content.decode()
