"""Request times as clients read them: the local time worked out from the database's UTC text
(once an hour) is what w3_datetime writes for the datetime itself, in any hour, across the
clock changes and in zones that are not whole hours off UTC; a fraction of a second is cut,
never rounded, on either database."""

import datetime
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.cases.models import ServiceRequest
from apps.catalogue.tests.factories import ServiceFactory
from apps.open311.representations import w3_datetime, w3_from_utc_text

from .helpers import ROOT

UTC = datetime.UTC
LONDON = zoneinfo.ZoneInfo("Europe/London")
# Kolkata is half an hour off UTC and London before 1847 a minute and 15 seconds off: times
# there take the slow way, not the hour's.
ZONES = [LONDON, zoneinfo.ZoneInfo("Asia/Kolkata"), UTC]


def _utc_text(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


@settings(max_examples=500, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime.datetime(1800, 1, 1), max_value=datetime.datetime(2200, 1, 1)
    ),
    tz=st.sampled_from(ZONES),
)
def test_the_local_time_from_utc_text_is_w3_datetime(moment, tz):
    moment = moment.replace(tzinfo=UTC)
    assert w3_from_utc_text(_utc_text(moment), tz) == w3_datetime(moment, tz)


@pytest.mark.parametrize(
    "change", [datetime.datetime(2026, 3, 29, 1), datetime.datetime(2026, 10, 25, 1)]
)
def test_every_second_around_the_clock_changes(change):
    change = change.replace(tzinfo=UTC)
    for seconds in range(-3 * 3600, 3 * 3600):
        moment = change + datetime.timedelta(seconds=seconds)
        assert w3_from_utc_text(_utc_text(moment), LONDON) == w3_datetime(moment, LONDON)


@pytest.mark.django_db
def test_a_fraction_of_a_second_is_cut_not_rounded(client):
    service = ServiceFactory(reportable=True)
    request = ServiceRequest.objects.create(
        reference="FP-2026-000900",
        service=service,
        department=service.department,
        description="Bin left out",
        created_at=datetime.datetime(2026, 10, 25, 0, 59, 59, 999999, tzinfo=UTC),
    )
    ServiceRequest.objects.filter(pk=request.pk).update(
        updated_at=datetime.datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=UTC)
    )
    for response in (
        client.get(f"{ROOT}requests/{request.reference}.json"),
        client.get(
            f"{ROOT}requests.json",
            {"start_date": "2026-10-01T00:00:00Z", "end_date": "2026-12-01T00:00:00Z"},
        ),
    ):
        [entry] = response.json()
        # The last second of British Summer Time, and the last of Greenwich Mean Time.
        assert entry["requested_datetime"] == "2026-10-25T01:59:59+01:00"
        assert entry["updated_datetime"] == "2026-03-29T00:59:59+00:00"
