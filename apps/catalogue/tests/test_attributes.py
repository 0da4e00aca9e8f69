import pytest
from django.core.exceptions import ValidationError

from apps.catalogue.attributes import attribute_answers_clean
from apps.catalogue.models import ServiceAttribute
from apps.catalogue.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
D = ServiceAttribute.Datatype


@pytest.fixture
def service():
    service = ServiceFactory(name="Report fly-tipping")
    for order, (code, datatype, required, values) in enumerate(
        [
            ("waste_kind", D.MULTIVALUELIST, True, ["household", "tyres"]),
            ("amount", D.SINGLEVALUELIST, False, ["bag", "van"]),
            ("depth", D.NUMBER, False, []),
            ("seen", D.DATETIME, False, []),
            ("note", D.STRING, False, []),
        ],
        1,
    ):
        ServiceAttribute.objects.create(
            service=service,
            code=code,
            description=f"Question {code}",
            datatype=datatype,
            required=required,
            order=order,
            values=[{"key": v, "name": v.title()} for v in values],
        )
    return service


def test_good_answers_are_normalised(service):
    clean = attribute_answers_clean(
        service=service,
        answers={
            "waste_kind": ["tyres"],
            "amount": "van",
            "depth": " 12.5 ",
            "seen": "2026-11-20T08:30:00",
        },
    )
    assert clean == {
        "waste_kind": ["tyres"],
        "amount": "van",
        "depth": "12.5",
        "seen": "2026-11-20T08:30:00",
    }


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({}, "waste_kind"),
        ({"waste_kind": ["asbestos"]}, "waste_kind"),
        ({"waste_kind": "tyres", "amount": ["bag", "van"]}, "amount"),
        ({"waste_kind": "tyres", "depth": "deep"}, "depth"),
        ({"waste_kind": "tyres", "depth": "NaN"}, "depth"),
        ({"waste_kind": "tyres", "seen": "yesterday"}, "seen"),
        ({"waste_kind": "tyres", "note": "x" * 301}, "note"),
        ({"waste_kind": "tyres", "colour": "red"}, "colour"),
    ],
)
def test_bad_answers_are_refused_by_code(service, answers, code):
    with pytest.raises(ValidationError) as error:
        attribute_answers_clean(service=service, answers=answers)
    assert code in error.value.message_dict


def test_a_missing_required_answer_is_allowed_when_not_required(service):
    assert attribute_answers_clean(service=service, answers={}, require=False) == {}
