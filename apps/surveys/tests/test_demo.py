import random

import pytest

from apps.contacts.tests.factories import ContactFactory
from apps.surveys import demo
from apps.surveys.models import Invitation, Mode, Response, SamplingRate, SurveyAction

pytestmark = pytest.mark.django_db


def test_demo_seeds_a_year_of_both_modes_once(monkeypatch):
    monkeypatch.setattr(demo, "RESPONSES_PER_SCALE", 300)
    ContactFactory.create_batch(3, channel="phone")
    added = demo.seed(random.Random(1), scale=1)
    assert added == Response.objects.count() == 300
    assert set(Response.objects.values_list("mode", flat=True)) == {Mode.ADVISOR, Mode.INDEPENDENT}
    answered = Invitation.objects.filter(used_at__isnull=False).count()
    assert answered == Response.objects.filter(mode=Mode.INDEPENDENT).count()
    assert Invitation.objects.count() == answered * 4
    assert SamplingRate.objects.count() == 7 and SurveyAction.objects.count() == 4
    assert demo.seed(random.Random(1), scale=1) == 0
