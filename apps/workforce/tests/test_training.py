import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory, UserFactory
from apps.catalogue import services as catalogue
from apps.catalogue.models import ChangeType
from apps.catalogue.tests.factories import ServiceFactory
from apps.core.calendar import add_working_days
from apps.core.models import OutboxMessage
from apps.workforce import selectors, services
from apps.workforce.models import Course, TrainingRecord

from .factories import CourseFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    housing = DepartmentFactory(name="Housing", slug="housing")
    waste = DepartmentFactory(name="Waste", slug="waste")
    return {
        "service": ServiceFactory(name="Homelessness advice", department=housing),
        "advisor": UserFactory(roles=[Role.ADVISOR]),
        "housing_officer": UserFactory(
            roles=[Role.CLIENT_SERVICE_OFFICER], team=TeamFactory(department=housing)
        ),
        "waste_officer": UserFactory(
            roles=[Role.CLIENT_SERVICE_OFFICER], team=TeamFactory(department=waste)
        ),
        "manager": UserFactory(roles=[Role.TEAM_MANAGER]),
        "gone": UserFactory(roles=[Role.ADVISOR], is_active=False),
    }


def _change(service, change_type, user=None):
    return catalogue.service_update(
        service=service,
        expected_version=service.version,
        changed_by=user or UserFactory(roles=[Role.QUALITY_LEAD]),
        change_type=change_type,
        change_summary="Homelessness Reduction Act duties",
        sla_working_days=3,
    )


def test_legislation_change_opens_training_for_advisors_and_owning_officers(council, settings):
    settings.WORKFORCE_TRAINING_DEADLINE_WORKING_DAYS = 10
    _change(council["service"], ChangeType.LEGISLATION_CHANGE)
    course = Course.objects.get()
    assert course.service_version.service == council["service"]
    assert course.description == "Homelessness Reduction Act duties"
    assert course.deadline == add_working_days(timezone.localdate(), 10, settings.COUNCIL_NATION)
    people = set(course.records.values_list("person", flat=True))
    assert people == {council["advisor"].pk, council["housing_officer"].pk}
    assert all(course.records.values_list("required", flat=True))


def test_routine_change_opens_no_training(council):
    _change(council["service"], ChangeType.ROUTINE)
    assert not Course.objects.exists()


def test_new_service_opens_training_once(council):
    service = council["service"]
    _change(service, ChangeType.NEW_SERVICE)
    version = service.versions.order_by("-number").first()
    services.coordinated_training_open(version=version)
    assert Course.objects.count() == 1


def test_matrix_groups_people_and_shows_who_completed(council):
    _change(council["service"], ChangeType.LEGISLATION_CHANGE)
    course = Course.objects.get()
    services.training_complete(
        course=course,
        person=council["advisor"],
        completed_on=timezone.localdate(),
        recorded_by=council["manager"],
    )
    matrix = selectors.course_matrix(course=course)
    assert (matrix["total"], matrix["completed"]) == (2, 1)
    by_label = {g["label"]: g for g in matrix["groups"]}
    assert by_label["Housing (client service)"]["outstanding"] == 1
    advisor_group = next(
        g for label, g in by_label.items() if label.startswith("Customer Services")
    )
    assert advisor_group["completed"] == 1


def test_reminders_go_to_overdue_people_only_once_a_day(council):
    _change(council["service"], ChangeType.LEGISLATION_CHANGE)
    course = Course.objects.get()
    services.training_complete(
        course=course,
        person=council["advisor"],
        completed_on=timezone.localdate(),
        recorded_by=council["manager"],
    )
    # Not yet overdue: nothing is sent.
    assert services.training_reminders_send(today=course.deadline) == 0
    later = course.deadline + datetime.timedelta(days=1)
    assert services.training_reminders_send(today=later) == 1
    message = OutboxMessage.objects.get(purpose="training_overdue")
    assert message.to == council["housing_officer"].email
    assert services.training_reminders_send(today=later) == 0
    assert services.training_reminders_send(today=later + datetime.timedelta(days=1)) == 1


def test_reminder_task_is_scheduled_daily():
    from django.apps import apps

    schedule = apps.get_app_config("workforce").beat_schedule
    entry = schedule["workforce-training-reminders"]
    assert entry["task"] == "workforce.remind_overdue_training"
    assert entry["schedule"] == 86400


def test_session_refuses_booking_when_full():
    session = TrainingSessionFactory(capacity=2)
    first, second, third = UserFactory.create_batch(3)
    services.booking_create(session=session, person=first)
    services.booking_create(session=session, person=second)
    with pytest.raises(ValidationError, match="full"):
        services.booking_create(session=session, person=third)
    assert session.bookings.count() == 2


def test_booking_twice_is_refused():
    session = TrainingSessionFactory(capacity=5)
    person = UserFactory()
    services.booking_create(session=session, person=person)
    with pytest.raises(ValidationError):
        services.booking_create(session=session, person=person)


def test_completion_sets_refresher_due_after_validity_months():
    course = CourseFactory(validity_months=12)
    person, manager = UserFactory.create_batch(2)
    record = services.training_complete(
        course=course, person=person, completed_on=datetime.date(2025, 2, 28), recorded_by=manager
    )
    assert record.expires_on == datetime.date(2026, 2, 28)
    assert list(selectors.refreshers_due(today=datetime.date(2026, 1, 15))) == [record]


def test_attendance_completes_the_course():
    session = TrainingSessionFactory(
        starts_at=timezone.now() - datetime.timedelta(days=1), capacity=3
    )
    person, manager = UserFactory.create_batch(2)
    booking = services.booking_create(session=session, person=person)
    services.booking_record_attendance(booking=booking, attended=True, recorded_by=manager)
    record = TrainingRecord.objects.get(course=session.course, person=person)
    assert record.completed_on is not None


def test_completion_in_the_future_is_refused():
    course = CourseFactory()
    person = UserFactory()
    with pytest.raises(ValidationError):
        services.training_complete(
            course=course,
            person=person,
            completed_on=timezone.localdate() + datetime.timedelta(days=1),
            recorded_by=person,
        )
    assert not TrainingRecord.objects.exists()
