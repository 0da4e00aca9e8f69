import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.accounts.roles import Role
from apps.contacts.tests.factories import ContactFactory
from apps.operations import selectors, services
from apps.operations.models import ITRecommendation, RootCause, SystemAlias

from .factories import IncidentFactory, ITRecommendationFactory, SystemFactory

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def at(day, hour=0, minute=0):
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=TZ)


def figures_for(system, start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 10)):
    rows = selectors.downtime_figures(start=start, end=end)
    return next(r for r in rows if r["system"] == system)


def test_availability_mttr_and_mtbf_on_hand_made_incidents():
    crm = SystemFactory(name="CRM")
    # A ten-day period (240 hours): two unplanned outages of 2h and 4h, one planned of 10h.
    IncidentFactory(system=crm, started_at=at(2, 9), ended_at=at(2, 11))
    IncidentFactory(system=crm, started_at=at(5, 8), ended_at=at(5, 12))
    IncidentFactory(system=crm, started_at=at(7, 0), ended_at=at(7, 10), planned=True)
    row = figures_for(crm)
    assert row["incidents"] == 3
    assert row["unplanned_incidents"] == 2
    assert row["unplanned_hours"] == pytest.approx(6)
    assert row["planned_hours"] == pytest.approx(10)
    # Planned maintenance is not deducted from availability.
    assert row["availability"] == pytest.approx((240 - 6) / 240 * 100)
    assert row["mttr_hours"] == pytest.approx(3)
    assert row["mtbf_hours"] == pytest.approx((240 - 6) / 2)


def test_downtime_is_clipped_to_the_period_and_no_failures_means_no_mtbf():
    phones = SystemFactory(name="Telephony")
    quiet = SystemFactory(name="Payments")
    # Started the day before the period: only the 6 hours inside the period count.
    IncidentFactory(system=phones, started_at=at(1) - timedelta(hours=6), ended_at=at(1, 6))
    row = figures_for(phones)
    assert row["unplanned_hours"] == pytest.approx(6)
    assert row["unplanned_incidents"] == 0  # it started before the period
    assert row["mtbf_hours"] is None
    assert figures_for(quiet)["availability"] == pytest.approx(100)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=600), min_size=1, max_size=5))
def test_availability_is_total_minus_unplanned(durations):
    system = SystemFactory()
    start = at(1)
    for index, minutes in enumerate(durations):
        began = start + timedelta(days=index, hours=1)
        IncidentFactory(
            system=system, started_at=began, ended_at=began + timedelta(minutes=minutes)
        )
    row = figures_for(system)
    assert row["availability"] == pytest.approx((240 * 60 - sum(durations)) / (240 * 60) * 100)
    assert row["mttr_hours"] == pytest.approx(sum(durations) / len(durations) / 60)


def test_root_causes_are_ranked_by_count_then_hours():
    system = SystemFactory()
    IncidentFactory(
        system=system, started_at=at(2), ended_at=at(2, 1), root_cause=RootCause.NETWORK
    )
    IncidentFactory(
        system=system, started_at=at(3), ended_at=at(3, 1), root_cause=RootCause.NETWORK
    )
    IncidentFactory(
        system=system, started_at=at(4), ended_at=at(4, 9), root_cause=RootCause.SUPPLIER
    )
    IncidentFactory(system=system, started_at=at(5), ended_at=at(5, 2), root_cause=RootCause.CHANGE)
    ranked = selectors.root_causes_ranked(
        start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 10)
    )
    assert [r["key"] for r in ranked] == ["network", "supplier", "change"]


def test_contacts_affected_counts_flagged_contacts_in_the_window_naming_the_system():
    crm = SystemFactory(name="Waste CRM", aliases=["Bartec"])
    other = SystemFactory(name="Telephony")
    incident = IncidentFactory(system=crm, started_at=at(3, 9), ended_at=at(3, 11))
    flagged = {"system_unavailable": True}
    ContactFactory(started_at=at(3, 9, 30), unavailable_system="Waste CRM", **flagged)
    ContactFactory(started_at=at(3, 10), unavailable_system="waste crm", **flagged)
    ContactFactory(started_at=at(3, 10, 30), unavailable_system="BARTEC", **flagged)
    # Not counted: before, after, another system, not flagged.
    ContactFactory(started_at=at(3, 8, 59), unavailable_system="Waste CRM", **flagged)
    ContactFactory(started_at=at(3, 11, 1), unavailable_system="Waste CRM", **flagged)
    ContactFactory(started_at=at(3, 10), unavailable_system="Telephony", **flagged)
    ContactFactory(started_at=at(3, 10))
    IncidentFactory(system=other, started_at=at(3, 9), ended_at=at(3, 11))

    counted = {i.pk: i.contacts_affected for i in selectors.incident_list()}
    assert counted[incident.pk] == 3
    assert selectors.contacts_affected(incident=incident).count() == 3
    assert selectors.incident_detail(pk=incident.pk).contacts_affected == 3


def test_an_open_incident_counts_contacts_up_to_now():
    system = SystemFactory(name="Revenues system")
    incident = IncidentFactory(
        system=system, started_at=timezone.now() - timedelta(hours=1), ended_at=None
    )
    ContactFactory(system_unavailable=True, unavailable_system="Revenues system")
    assert selectors.incident_detail(pk=incident.pk).contacts_affected == 1


def test_system_aliases_are_kept_lower_case_and_unique(make_user):
    system = services.system_save(name="Waste CRM", category="crm", owner="IT", aliases=["Bartec"])
    assert set(system.aliases.values_list("alias", flat=True)) == {"waste crm", "bartec"}
    with pytest.raises(ValidationError):
        services.system_save(name="Other", category="crm", owner="IT", aliases=["BARTEC"])
    assert SystemAlias.objects.count() == 2


def test_an_incident_cannot_end_before_it_starts(make_user):
    with pytest.raises(ValidationError):
        services.incident_save(
            recorded_by=make_user(Role.IT_SERVICES),
            system=SystemFactory(),
            summary="Down",
            started_at=at(3, 10),
            ended_at=at(3, 9),
            planned=False,
            root_cause="unknown",
        )


def test_recommendation_updates_are_added_not_replaced(make_user):
    recommendation = ITRecommendationFactory()
    it = make_user(Role.IT_SERVICES, full_name="Ivy Tech")
    services.it_recommendation_update(
        recommendation=recommendation,
        status="in_progress",
        note="Supplier engaged",
        by=it,
        on=datetime.date(2026, 7, 1),
    )
    services.it_recommendation_update(
        recommendation=recommendation,
        status="done",
        note="Service level signed",
        by=it,
        on=datetime.date(2026, 8, 1),
    )
    recommendation.refresh_from_db()
    assert recommendation.status == ITRecommendation.Status.DONE
    assert recommendation.update_notes.splitlines() == [
        "01/07/2026 Ivy Tech: Supplier engaged",
        "01/08/2026 Ivy Tech: Service level signed",
    ]
    assert not selectors.recommendations_open().exists()
    with pytest.raises(ValidationError):
        services.it_recommendation_update(
            recommendation=recommendation, status="done", note=" ", by=it
        )
