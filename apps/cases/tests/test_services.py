import datetime
import re
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory
from apps.cases import selectors, services, tasks
from apps.cases.models import ReferenceCounter, ServiceRequest, ServiceRequestUpdate, Status
from apps.catalogue.tests.factories import ServiceFactory
from apps.core.models import OutboxMessage

from .factories import make_customer, raise_request

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def _officer(make_user, department):
    return make_user(Role.CLIENT_SERVICE_OFFICER, team=TeamFactory(department=department))


def test_references_are_yearly_unique_and_formatted():
    first, second = raise_request(), raise_request()
    year = first.created_at.astimezone(LONDON).year
    assert re.fullmatch(rf"FP-{year}-\d{{6}}", first.reference)
    assert first.reference != second.reference
    assert second.reference == f"FP-{year}-{int(first.reference[-6:]) + 1:06d}"
    assert ReferenceCounter.objects.get(year=year).last_number == 2


def test_the_counter_starts_again_each_year():
    service = ServiceFactory()
    last_year = raise_request(
        service=service, created_at=datetime.datetime(2025, 12, 31, 23, 30, tzinfo=LONDON)
    )
    # 1 January 2026 00:30 in London is still 31 December in UTC: the local year counts.
    new_year = raise_request(
        service=service, created_at=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=LONDON)
    )
    assert last_year.reference == "FP-2025-000001"
    assert new_year.reference == "FP-2026-000001"


def test_sla_counts_working_days_over_christmas_bank_holidays(settings):
    settings.COUNCIL_NATION = "england-and-wales"
    service = ServiceFactory(sla_working_days=1)
    request = raise_request(
        service=service, created_at=datetime.datetime(2026, 12, 24, 10, 0, tzinfo=LONDON)
    )
    # Friday 25 (Christmas), 26-27 weekend, Monday 28 (Boxing Day substitute).
    assert request.sla_due == datetime.date(2026, 12, 29)
    assert request.department == service.department


def test_sla_uses_the_local_date_the_request_was_raised():
    service = ServiceFactory(sla_working_days=1)
    # 00:30 BST on Monday 5 October 2026 is still Sunday in UTC.
    request = raise_request(
        service=service, created_at=datetime.datetime(2026, 10, 5, 0, 30, tzinfo=LONDON)
    )
    assert request.sla_due == datetime.date(2026, 10, 6)


def test_a_service_without_an_sla_has_no_due_date():
    assert raise_request(service=ServiceFactory(sla_working_days=None)).sla_due is None


def test_raising_refuses_bad_input_and_writes_nothing():
    with pytest.raises(ValidationError):
        raise_request(description="   ")
    with pytest.raises(ValidationError):
        raise_request(latitude=51.5)
    with pytest.raises(ValidationError):
        raise_request(latitude=95, longitude=0)
    assert not ServiceRequest.objects.exists()


def test_allowed_transitions_record_who_from_and_to(make_user):
    request = raise_request()
    officer = _officer(make_user, request.department)
    request = services.service_request_change_status(
        request=request,
        expected_version=1,
        changed_by=officer,
        status=Status.IN_PROGRESS,
        public_text="We are on our way",
        note="Crew 4",
    )
    request = services.service_request_change_status(
        request=request, expected_version=2, changed_by=officer, status=Status.RESOLVED
    )
    assert request.resolved_at is not None
    assert request.version == 3
    assert request.public_status_text == "We are on our way"
    changes = list(
        request.updates.exclude(status_from="").values_list(
            "status_from", "status_to", "is_public", "author"
        )
    )
    assert changes == [
        (Status.OPEN, Status.IN_PROGRESS, True, officer.pk),
        (Status.IN_PROGRESS, Status.RESOLVED, False, officer.pk),
    ]
    assert request.updates.get(text="Crew 4").is_public is False
    reopened = services.service_request_change_status(
        request=request, expected_version=3, changed_by=officer, status=Status.IN_PROGRESS
    )
    assert reopened.resolved_at is None
    services.service_request_change_status(
        request=reopened, expected_version=4, changed_by=officer, status=Status.RESOLVED
    )
    closed = services.service_request_change_status(
        request=reopened, expected_version=5, changed_by=officer, status=Status.CLOSED
    )
    assert closed.closed_at is not None


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.OPEN, Status.RESOLVED),
        (Status.OPEN, Status.CLOSED),
        (Status.IN_PROGRESS, Status.ASSIGNED),
        (Status.CLOSED, Status.IN_PROGRESS),
        (Status.REJECTED, Status.OPEN),
        (Status.RESOLVED, Status.REJECTED),
    ],
)
def test_refused_transitions_change_nothing(start, target):
    request = raise_request()
    ServiceRequest.objects.filter(pk=request.pk).update(status=start)
    request.refresh_from_db()
    updates = ServiceRequestUpdate.objects.count()
    with pytest.raises(ValidationError, match="cannot be made"):
        services.service_request_change_status(
            request=request, expected_version=1, changed_by=None, status=target
        )
    request.refresh_from_db()
    assert (request.status, request.version) == (start, 1)
    assert ServiceRequestUpdate.objects.count() == updates


def test_a_rejection_must_tell_the_resident_why():
    request = raise_request()
    with pytest.raises(ValidationError) as error:
        services.service_request_change_status(
            request=request, expected_version=1, changed_by=None, status=Status.REJECTED
        )
    assert "public_text" in error.value.message_dict
    rejected = services.service_request_change_status(
        request=request,
        expected_version=1,
        changed_by=None,
        status=Status.REJECTED,
        public_text="This road is maintained by National Highways",
    )
    assert rejected.status == Status.REJECTED


def test_a_stale_edit_is_refused_and_writes_nothing(make_user):
    request = raise_request()
    officer = _officer(make_user, request.department)
    services.service_request_change_status(
        request=request, expected_version=1, changed_by=officer, status=Status.IN_PROGRESS
    )
    updates = ServiceRequestUpdate.objects.count()
    with pytest.raises(services.StaleEdit, match="Somebody else changed this request"):
        services.service_request_change_status(
            request=request,
            expected_version=1,
            changed_by=officer,
            status=Status.REJECTED,
            public_text="No",
        )
    with pytest.raises(services.StaleEdit):
        services.service_request_assign(
            request=request, expected_version=1, assignee=officer, changed_by=officer
        )
    request.refresh_from_db()
    assert (request.status, request.version, request.assignee) == (Status.IN_PROGRESS, 2, None)
    assert ServiceRequestUpdate.objects.count() == updates


def test_assign_to_someone_in_the_department_only(make_user):
    request = raise_request()
    officer = _officer(make_user, request.department)
    outsider = _officer(make_user, DepartmentFactory())
    with pytest.raises(ValidationError) as error:
        services.service_request_assign(
            request=request, expected_version=1, assignee=outsider, changed_by=None
        )
    assert "assignee" in error.value.message_dict
    assigned = services.service_request_assign(
        request=request, expected_version=1, assignee=officer, changed_by=officer
    )
    assert (assigned.status, assigned.assignee, assigned.version) == (
        Status.ASSIGNED,
        officer,
        2,
    )
    assert assigned.updates.filter(status_from=Status.OPEN, status_to=Status.ASSIGNED).exists()


def test_an_officer_cannot_change_another_department_s_request(make_user):
    request = raise_request()
    outsider = _officer(make_user, DepartmentFactory())
    with pytest.raises(PermissionDenied):
        services.service_request_change_status(
            request=request, expected_version=1, changed_by=outsider, status=Status.IN_PROGRESS
        )
    with pytest.raises(PermissionDenied):
        services.service_request_add_update(
            request=request, author=outsider, text="Mine now", is_public=False
        )
    # A manager (no department) may change any request.
    manager = make_user(Role.TEAM_MANAGER)
    services.service_request_change_status(
        request=request, expected_version=1, changed_by=manager, status=Status.IN_PROGRESS
    )


def test_the_resident_sees_public_updates_only_and_only_with_proof():
    customer = make_customer(email="Pat.Smith@Example.com", postcode="bc1 2ab")
    request = raise_request(customer=customer)
    services.service_request_add_update(
        request=request, author=None, text="Crew sent", is_public=True
    )
    services.service_request_add_update(
        request=request, author=None, text="Resident is rude", is_public=False
    )
    for proof in ("pat.smith@example.COM", "BC12AB", " bc1 2AB "):
        assert (
            selectors.request_for_resident(
                reference=request.reference.lower(), email_or_postcode=proof
            )
            == request
        )
    for proof in ("someone@example.com", "BC1 2AC", ""):
        assert (
            selectors.request_for_resident(reference=request.reference, email_or_postcode=proof)
            is None
        )
    assert (
        selectors.request_for_resident(reference="FP-1999-000001", email_or_postcode="BC12AB")
        is None
    )
    texts = [u.text for u in selectors.public_updates(request=request)]
    assert "Crew sent" in texts
    assert "Resident is rude" not in texts


def test_open_requests_for_customer():
    customer = make_customer()
    open_one = raise_request(customer=customer)
    done = raise_request(customer=customer)
    ServiceRequest.objects.filter(pk=done.pk).update(status=Status.CLOSED)
    raise_request()
    assert list(selectors.open_requests_for_customer(customer=customer)) == [open_one]


def _raised_on(day, service, **fields):
    return raise_request(
        service=service,
        created_at=datetime.datetime.combine(day, datetime.time(10), LONDON),
        **fields,
    )


def test_due_soon_and_breached_lists():
    today = datetime.date(2026, 11, 23)  # a Monday
    service = ServiceFactory(sla_working_days=1)
    overdue = _raised_on(datetime.date(2026, 11, 19), service)  # due Friday 20
    due_today = _raised_on(datetime.date(2026, 11, 20), service)  # due Monday 23
    due_wednesday = _raised_on(datetime.date(2026, 11, 24), service)  # due 25 (2 days)
    later = raise_request(service=ServiceFactory(sla_working_days=10))
    resolved = _raised_on(datetime.date(2026, 11, 18), service)
    ServiceRequest.objects.filter(pk=resolved.pk).update(status=Status.RESOLVED)
    assert list(selectors.due_soon(today=today)) == [due_today, due_wednesday]
    assert list(selectors.breached(today=today)) == [overdue]
    assert later not in selectors.due_soon(today=today)
    other = DepartmentFactory()
    assert not selectors.breached(department=other, today=today).exists()


def test_mark_breaches_once_and_notify_each_department_once():
    today = datetime.date(2026, 11, 23)
    waste = ServiceFactory(
        sla_working_days=1, department=DepartmentFactory(email="waste@x.example")
    )
    roads = ServiceFactory(
        sla_working_days=1, department=DepartmentFactory(email="roads@x.example")
    )
    a = _raised_on(datetime.date(2026, 11, 18), waste)
    b = _raised_on(datetime.date(2026, 11, 19), waste)
    c = _raised_on(datetime.date(2026, 11, 19), roads)
    not_yet = _raised_on(datetime.date(2026, 11, 20), roads)
    assert services.service_requests_mark_breaches(today=today) == 3
    assert services.service_requests_mark_breaches(today=today) == 0
    messages = OutboxMessage.objects.filter(purpose=services.BREACH_PURPOSE)
    assert sorted(messages.values_list("to", flat=True)) == ["roads@x.example", "waste@x.example"]
    waste_message = messages.get(to="waste@x.example")
    assert a.reference in waste_message.body and b.reference in waste_message.body
    assert c.reference not in waste_message.body
    assert waste_message.state == OutboxMessage.State.KEPT
    not_yet.refresh_from_db()
    assert not_yet.breached_at is None
    first = ServiceRequest.objects.get(pk=a.pk).breached_at
    services.service_requests_mark_breaches(today=today + datetime.timedelta(days=1))
    assert ServiceRequest.objects.get(pk=a.pk).breached_at == first
    # The next day, only the newly overdue request is reported.
    latest = OutboxMessage.objects.filter(purpose=services.BREACH_PURPOSE).order_by("-pk")
    assert OutboxMessage.objects.count() == 3
    assert not_yet.reference in latest.first().body


def test_the_scheduled_task_runs_through_celery():
    service = ServiceFactory(sla_working_days=1)
    raise_request(service=service, created_at=datetime.datetime(2020, 1, 6, 10, tzinfo=LONDON))
    result = tasks.mark_breaches.delay()
    assert result.get() == 1
    assert tasks.mark_breaches.name == "cases.mark_breaches"
    assert OutboxMessage.objects.filter(purpose="sla_breach").count() == 1


def test_sla_compliance_counts_met_missed_and_ignores_rejected():
    service = ServiceFactory(sla_working_days=1)
    day = datetime.date(2026, 3, 2)  # Monday; due Tuesday 3 March
    met = _raised_on(day, service)
    late = _raised_on(day, service)
    rejected = _raised_on(day, service)
    ServiceRequest.objects.filter(pk=met.pk).update(
        status=Status.RESOLVED, resolved_at=datetime.datetime(2026, 3, 3, 23, 0, tzinfo=LONDON)
    )
    ServiceRequest.objects.filter(pk=late.pk).update(
        status=Status.CLOSED, resolved_at=datetime.datetime(2026, 3, 4, 9, 0, tzinfo=LONDON)
    )
    ServiceRequest.objects.filter(pk=rejected.pk).update(status=Status.REJECTED)
    report = selectors.sla_compliance(date_from=day, date_to=day)
    assert (report["total"], report["met"], report["missed"], report["percent"]) == (2, 1, 1, 50.0)
    assert report["by_department"][0]["department"] == service.department.name
    empty = selectors.sla_compliance(
        date_from=datetime.date(2020, 1, 1), date_to=datetime.date(2020, 1, 2)
    )
    assert empty["percent"] is None
