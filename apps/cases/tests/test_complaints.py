"""The complaints procedure: deadlines, stages, the Ombudsman, compliments, portal feedback,
and the report's figures."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory, UserFactory
from apps.cases import complaint_selectors as selectors
from apps.cases import complaint_services as services
from apps.cases.complaints_models import Complaint, LearningAction
from apps.cases.signals import compliment_recorded
from apps.catalogue.tests.factories import ServiceFactory
from apps.core.models import OutboxMessage
from apps.portal.models import Feedback

pytestmark = pytest.mark.django_db
D = datetime.date


def record(**fields):
    fields.setdefault("kind", "complaint")
    fields.setdefault("channel", "letter")
    fields.setdefault("received_on", D(2026, 4, 2))
    fields.setdefault("summary", "The bin was missed again")
    fields.setdefault("recorded_by", None)
    return services.complaint_record(**fields)


@pytest.fixture
def manager():
    return UserFactory(roles=[Role.QUALITY_LEAD])


def test_deadlines_skip_christmas_and_new_year_bank_holidays():
    # Wed 23 December 2026: 25 and 28 December and 1 January are bank holidays.
    assert services.stage_deadlines(stage=1, started_on=D(2026, 12, 23)) == (
        D(2027, 1, 4),
        D(2027, 1, 11),
    )
    assert services.stage_deadlines(stage=2, started_on=D(2026, 12, 23))[1] == D(2027, 1, 25)


def test_a_complaint_received_before_easter_gets_deadlines_after_it():
    complaint = record(received_on=D(2026, 4, 2))  # Thursday before Good Friday
    assert complaint.stage == 1 and complaint.status == "open"
    assert complaint.stage_1_acknowledge_due == D(2026, 4, 13)
    assert complaint.stage_1_due == D(2026, 4, 20)
    assert complaint.reference.startswith("CMP-2026-")


@override_settings(COMPLAINT_DEADLINES={"stage_1": 3})
def test_deadlines_come_from_settings():
    complaint = record(received_on=D(2026, 11, 16))
    assert complaint.stage_1_due == D(2026, 11, 19)
    assert complaint.stage_1_acknowledge_due == D(2026, 11, 23)


def test_the_full_procedure_and_escalation_restarts_the_clock(manager):
    complaint = record(received_on=D(2026, 3, 2))
    complaint = services.complaint_acknowledge(complaint=complaint, by=manager, on=D(2026, 3, 3))
    complaint = services.complaint_respond(
        complaint=complaint, by=manager, on=D(2026, 3, 10), outcome="not_upheld", response="No"
    )
    assert complaint.status == "responded" and complaint.outcome == "not_upheld"
    complaint = services.complaint_escalate(
        complaint=complaint, by=manager, on=D(2026, 6, 1), reason="Still unhappy"
    )
    assert complaint.stage == 2 and complaint.status == "open" and complaint.outcome == ""
    # 20 working days from the escalation date (not from 2 March), past the 25 May holiday.
    assert complaint.stage_2_due == D(2026, 6, 29)
    assert complaint.stage_2_acknowledge_due == D(2026, 6, 8)
    assert complaint.stage_1_due == D(2026, 3, 16)  # stage 1's record is kept
    complaint = services.complaint_respond(
        complaint=complaint, by=manager, on=D(2026, 6, 20), outcome="partly_upheld", response="Yes"
    )
    assert complaint.stage_2_acknowledged_on == D(2026, 6, 20)  # a response acknowledges
    complaint = services.complaint_close(complaint=complaint, by=manager, on=D(2026, 6, 21))
    assert complaint.status == "closed" and complaint.outcome == "partly_upheld"
    complaint = services.complaint_refer_to_ombudsman(
        complaint=complaint, by=manager, on=D(2026, 8, 1), ombudsman_reference="26 001 234"
    )
    complaint = services.complaint_record_ombudsman_decision(
        complaint=complaint, by=manager, decision="not_upheld", on=D(2026, 10, 1)
    )
    assert complaint.ombudsman_decision == "not_upheld"
    assert complaint.history.count() >= 7


def test_transitions_that_the_procedure_refuses(manager):
    complaint = record(received_on=D(2026, 3, 2))
    with pytest.raises(ValidationError):  # not answered at stage 1 yet
        services.complaint_escalate(complaint=complaint, by=manager, on=D(2026, 3, 5), reason="x")
    with pytest.raises(ValidationError):  # nothing to close
        services.complaint_close(complaint=complaint, by=manager, on=D(2026, 3, 5))
    with pytest.raises(ValidationError):  # before it was received
        services.complaint_acknowledge(complaint=complaint, by=manager, on=D(2026, 3, 1))
    services.complaint_acknowledge(complaint=complaint, by=manager, on=D(2026, 3, 3))
    with pytest.raises(ValidationError):  # twice
        services.complaint_acknowledge(complaint=complaint, by=manager, on=D(2026, 3, 4))
    services.complaint_respond(
        complaint=complaint, by=manager, on=D(2026, 3, 4), outcome="upheld", response="Sorry"
    )
    with pytest.raises(ValidationError):  # twice
        services.complaint_respond(
            complaint=complaint, by=manager, on=D(2026, 3, 5), outcome="upheld", response="x"
        )
    compliment = record(kind="compliment")
    with pytest.raises(ValidationError):
        services.complaint_respond(
            complaint=compliment, by=manager, on=D(2026, 4, 2), outcome="upheld", response="x"
        )


def test_the_ombudsman_only_after_the_stage_2_response(manager):
    complaint = record(received_on=D(2026, 3, 2))
    services.complaint_respond(
        complaint=complaint, by=manager, on=D(2026, 3, 4), outcome="upheld", response="Sorry"
    )
    with pytest.raises(ValidationError):  # stage 1 only
        services.complaint_refer_to_ombudsman(
            complaint=complaint, by=manager, on=D(2026, 4, 1), ombudsman_reference="1"
        )
    services.complaint_escalate(complaint=complaint, by=manager, on=D(2026, 3, 9), reason="x")
    with pytest.raises(ValidationError):  # stage 2 not answered
        services.complaint_refer_to_ombudsman(
            complaint=complaint, by=manager, on=D(2026, 4, 1), ombudsman_reference="1"
        )
    complaint.refresh_from_db()
    assert complaint.ombudsman_referred_on is None


def test_an_officer_responds_only_to_their_own_department():
    waste, housing = DepartmentFactory(), DepartmentFactory()
    officer = UserFactory(roles=[Role.CLIENT_SERVICE_OFFICER], team=TeamFactory(department=waste))
    complaint = record(department=housing)
    with pytest.raises(PermissionDenied):
        services.complaint_acknowledge(complaint=complaint, by=officer, on=D(2026, 4, 7))
    mine = record(service=ServiceFactory(department=waste))
    assert mine.department == waste
    services.complaint_acknowledge(complaint=mine, by=officer, on=D(2026, 4, 7))


def test_a_compliment_reaches_the_staff_member_and_their_team_managers():
    team = TeamFactory()
    staff = UserFactory(roles=[Role.ADVISOR], team=team, email="ann@borchester.example")
    UserFactory(roles=[Role.TEAM_MANAGER], team=team, email="boss@borchester.example")
    UserFactory(roles=[Role.TEAM_MANAGER], email="other@borchester.example")  # another team
    received = []

    def listener(sender, compliment, **kwargs):
        received.append(compliment)

    compliment_recorded.connect(listener)
    try:
        compliment = record(kind="compliment", staff_named=staff)
    finally:
        compliment_recorded.disconnect(listener)
    assert received == [compliment]
    assert compliment.status == "closed" and compliment.stage is None
    assert set(OutboxMessage.objects.filter(purpose="compliment").values_list("to", flat=True)) == {
        "ann@borchester.example",
        "boss@borchester.example",
    }


def test_a_compliment_naming_nobody_sends_nothing():
    record(kind="compliment")
    assert not OutboxMessage.objects.filter(purpose="compliment").exists()


def test_portal_feedback_becomes_a_complaint_once(manager):
    service = ServiceFactory()
    feedback = Feedback.objects.create(
        reference="FB-1", kind="complaint", service=service, message="Rude on the phone"
    )
    complaint = services.complaint_record_from_feedback(feedback=feedback, recorded_by=manager)
    assert complaint.channel == "portal" and complaint.feedback == feedback
    assert complaint.summary == "Rude on the phone" and complaint.service == service
    assert complaint.department == service.department
    with pytest.raises(ValidationError):
        services.complaint_record_from_feedback(feedback=feedback, recorded_by=manager)
    assert Complaint.objects.count() == 1


def test_the_list_flags_overdue_and_due_soon(manager):
    today = D(2026, 11, 23)
    overdue = record(received_on=D(2026, 10, 1))
    soon = record(received_on=D(2026, 11, 11))  # due 25 November
    later = record(received_on=D(2026, 11, 20))
    user = manager
    flags = {c.pk: selectors.complaint_flag(c, today) for c in (overdue, soon, later)}
    assert flags == {overdue.pk: "overdue", soon.pk: "due_soon", later.pk: ""}
    listed = selectors.complaint_list(user=user, flag="overdue", today=today)
    assert list(listed) == [overdue]
    assert list(selectors.complaint_list(user=user, flag="due_soon", today=today)) == [soon]
    assert set(selectors.complaint_list(user=user, stage=1, today=today)) == {overdue, soon, later}


def test_report_figures_on_hand_made_data(manager):
    service = ServiceFactory(name="Waste")
    today = D(2026, 11, 23)
    on_time = record(received_on=D(2026, 3, 2), service=service, channel="email", themes=["delay"])
    services.complaint_acknowledge(complaint=on_time, by=manager, on=D(2026, 3, 3))
    services.complaint_respond(
        complaint=on_time, by=manager, on=D(2026, 3, 10), outcome="upheld", response="Sorry"
    )
    late = record(received_on=D(2026, 3, 2), service=service, channel="letter", themes=["delay"])
    services.complaint_acknowledge(complaint=late, by=manager, on=D(2026, 3, 20))
    services.complaint_respond(
        complaint=late, by=manager, on=D(2026, 3, 31), outcome="not_upheld", response="No"
    )
    services.complaint_escalate(complaint=late, by=manager, on=D(2026, 4, 1), reason="x")
    record(received_on=D(2026, 3, 5))  # never answered: late on both counts
    record(kind="compliment", received_on=D(2026, 3, 5), themes=["helpfulness"])
    record(received_on=D(2025, 3, 5))  # outside the period
    services.learning_action_add(
        complaint=on_time, by=manager, text="Brief the crews", owner=manager, due_on=D(2026, 5, 1)
    )
    done = services.learning_action_add(
        complaint=late, by=manager, text="Fix the round", owner=manager, due_on=D(2026, 5, 1)
    )
    services.learning_action_close(action=done, by=manager, on=D(2026, 4, 20))

    report = selectors.complaint_report(
        date_from=D(2026, 1, 1), date_to=D(2026, 6, 30), today=today
    )
    assert report["volumes"] == {"complaint": 3, "compliment": 1, "comment": 0}
    t = report["timeliness"]
    assert (t["acknowledged_stage_1"]["met"], t["acknowledged_stage_1"]["missed"]) == (1, 2)
    assert (t["responded_stage_1"]["met"], t["responded_stage_1"]["missed"]) == (1, 2)
    assert t["responded_stage_1"]["rate"] == pytest.approx(1 / 3)
    assert (t["responded_stage_2"]["met"], t["responded_stage_2"]["missed"]) == (0, 1)
    assert report["stage_2"] == 1
    assert report["outcomes"] == {"upheld": 1, "partly_upheld": 0, "not_upheld": 0}
    assert report["outcomes_by_service"] == [
        {"name": "Waste", "upheld": 1, "partly_upheld": 0, "not_upheld": 0, "total": 1}
    ]
    assert {"name": "Waste", "theme": "Delay", "count": 2} in report["themes_by_service"]
    assert report["learning_actions"] == {"open": 1, "closed": 1, "overdue": 1}
    only_email = selectors.complaint_report(
        date_from=D(2026, 1, 1), date_to=D(2026, 6, 30), channel="email", today=today
    )
    assert only_email["volumes"]["complaint"] == 1
    assert LearningAction.objects.count() == 2


def test_the_committee_section_reports_the_period(manager):
    from apps.cases.committee import complaints

    record(received_on=D(2026, 3, 2))
    content = complaints(D(2026, 1, 1), D(2026, 6, 30))
    assert "1 complaints" in content.paragraphs[0]
    assert content.tables and content.charts
    assert content.as_json()["tables"][0]["caption"] == "Volumes"


def test_the_demo_seeds_complaints_once():
    import random

    from apps.cases.complaints_demo import seed

    ServiceFactory()
    UserFactory(roles=[Role.QUALITY_LEAD], team=TeamFactory())
    assert seed(random.Random(1), scale=1) > 30
    assert Complaint.objects.filter(kind="compliment", staff_named__isnull=False).exists()
    assert seed(random.Random(1), scale=1) == 0
