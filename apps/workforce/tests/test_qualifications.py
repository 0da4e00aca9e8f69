import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from apps.accounts.tests.factories import UserFactory
from apps.workforce import selectors, services
from apps.workforce.models import Module, Programme, ProgrammeLevel

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 5)


@pytest.fixture
def scottish():
    return Programme.objects.get(name__startswith="Customer Service Professional Qualification")


def test_the_scottish_qualification_is_shipped_as_data(scottish):
    assert scottish.units.count() == 3
    assert Module.objects.filter(unit__programme=scottish).count() == 8
    assert scottish.duration_months == 12
    levels = {level.name: level.svq_level for level in scottish.levels.all()}
    assert levels == {"Award": 5, "Certificate": 6}
    assert scottish.pass_mark == Decimal("70")


@given(score=st.decimals(min_value=0, max_value=100, places=2))
def test_pass_is_strictly_above_the_mark(score):
    assert services.score_passes(score=score, pass_mark=Decimal(70)) is (score > 70)


def _enrol(scottish, level_name):
    level = ProgrammeLevel.objects.get(programme=scottish, name=level_name)
    return services.enrolment_create(person=UserFactory(), level=level, started_on=START)


def _modules(scottish):
    return list(Module.objects.filter(unit__programme=scottish).order_by("number"))


def test_seventy_fails_and_seventy_point_five_passes(scottish):
    enrolment = _enrol(scottish, "Award")
    module = _modules(scottish)[0]
    result = services.module_result_record(
        enrolment=enrolment, module=module, score=Decimal("70"), assessed_on=START
    )
    assert not result.passed
    result = services.module_result_record(
        enrolment=enrolment, module=module, score=Decimal("70.5"), assessed_on=START
    )
    assert result.passed


@pytest.mark.parametrize("level_name,svq", [("Award", 5), ("Certificate", 6)])
def test_completion_needs_every_module_passed(scottish, level_name, svq):
    enrolment = _enrol(scottish, level_name)
    modules = _modules(scottish)
    for number, module in enumerate(modules[:-1]):
        services.module_result_record(
            enrolment=enrolment,
            module=module,
            score=Decimal("85"),
            assessed_on=START + datetime.timedelta(days=30 * number),
        )
    services.module_result_record(
        enrolment=enrolment, module=modules[-1], score=Decimal("70"), assessed_on=START
    )
    enrolment.refresh_from_db()
    assert enrolment.completed_on is None
    with pytest.raises(ValidationError):
        services.enrolment_record_certificate(
            enrolment=enrolment, certificate_number="X1", certificate_date=START
        )
    last = datetime.date(2026, 11, 2)
    services.module_result_record(
        enrolment=enrolment, module=modules[-1], score=Decimal("71"), assessed_on=last
    )
    enrolment.refresh_from_db()
    assert enrolment.completed_on == last
    assert enrolment.level.svq_level == svq
    services.enrolment_record_certificate(
        enrolment=enrolment, certificate_number="SQA-123", certificate_date=last
    )
    progress = selectors.enrolment_progress(enrolment=enrolment, today=last)
    assert (progress["passed"], progress["needed"], progress["months_used"]) == (8, 8, 9)


def test_award_completion_does_not_complete_the_certificate(scottish):
    person = UserFactory()
    award = services.enrolment_create(
        person=person, level=scottish.levels.get(name="Award"), started_on=START
    )
    certificate = services.enrolment_create(
        person=person, level=scottish.levels.get(name="Certificate"), started_on=START
    )
    for module in _modules(scottish):
        services.module_result_record(
            enrolment=award, module=module, score=Decimal("90"), assessed_on=START
        )
    award.refresh_from_db()
    certificate.refresh_from_db()
    assert award.completed_on == START
    assert certificate.completed_on is None


def test_a_level_can_need_fewer_modules():
    programme = Programme.objects.create(
        name="ICS Level 2", awarding_body="Institute of Customer Service", pass_mark=50
    )
    unit = programme.units.create(number=1, title="Basics")
    first = unit.modules.create(number=1, title="One")
    unit.modules.create(number=2, title="Two")
    level = programme.levels.create(name="Award")
    level.modules.set([first])
    enrolment = services.enrolment_create(person=UserFactory(), level=level, started_on=START)
    services.module_result_record(enrolment=enrolment, module=first, score=60, assessed_on=START)
    enrolment.refresh_from_db()
    assert enrolment.completed_on == START


def test_cpd_and_membership():
    person = UserFactory()
    services.membership_set(
        person=person, level="Individual member", number="ICS-1", renewal_date=START
    )
    services.membership_set(person=person, level="Fellow", number="ICS-1", renewal_date=START)
    person.refresh_from_db()
    assert person.ics_membership.level == "Fellow"
    services.cpd_record_add(person=person, date=START, activity="Webinar", hours=Decimal("1.5"))
    with pytest.raises(ValidationError):
        services.cpd_record_add(person=person, date=START, activity="Nothing", hours=Decimal("0"))
    assert person.cpd_records.count() == 1
