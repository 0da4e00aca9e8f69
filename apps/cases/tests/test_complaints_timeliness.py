import datetime

import pytest

from apps.cases import selectors
from apps.cases.complaint_services import complaint_record
from apps.cases.complaints_models import Complaint

pytestmark = pytest.mark.django_db


def test_share_of_responses_given_by_their_deadline():
    received = datetime.date(2026, 9, 1)
    made = [
        complaint_record(
            kind="complaint",
            channel="letter",
            received_on=received,
            summary=f"C{n}",
            recorded_by=None,
        )
        for n in range(4)
    ]
    due = made[0].stage_1_due
    # Two answered on time, one late, one still waiting after its deadline.
    Complaint.objects.filter(pk__in=[made[0].pk, made[1].pk]).update(stage_1_responded_on=due)
    Complaint.objects.filter(pk=made[2].pk).update(
        stage_1_responded_on=due + datetime.timedelta(days=3)
    )
    # A compliment does not count.
    complaint_record(
        kind="compliment",
        channel="letter",
        received_on=received,
        summary="Thanks",
        recorded_by=None,
    )
    percent = selectors.complaints_timeliness_percent(
        date_from=datetime.date(2026, 9, 1), date_to=datetime.date(2026, 9, 30)
    )
    assert percent == 50.0
    assert (
        selectors.complaints_timeliness_percent(
            date_from=datetime.date(2025, 1, 1), date_to=datetime.date(2025, 1, 31)
        )
        is None
    )
