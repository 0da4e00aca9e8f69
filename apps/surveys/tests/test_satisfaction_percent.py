import datetime

import pytest
from django.utils import timezone

from apps.surveys import selectors
from apps.surveys.models import Response

from .factories import ResponseFactory

pytestmark = pytest.mark.django_db


def test_share_satisfied_for_the_dashboard_and_none_for_a_small_cell(settings):
    settings.SURVEY_MIN_CELL_SIZE = 4
    when = timezone.make_aware(datetime.datetime(2026, 10, 5, 10))
    for score in (5, 4, 2, 1):
        ResponseFactory(satisfaction=score, finished_at=when)
    assert Response.objects.count() == 4
    october = {"date_from": datetime.date(2026, 10, 1), "date_to": datetime.date(2026, 10, 31)}
    assert selectors.satisfaction_percent(**october) == 50.0
    settings.SURVEY_MIN_CELL_SIZE = 5
    assert selectors.satisfaction_percent(**october) is None
