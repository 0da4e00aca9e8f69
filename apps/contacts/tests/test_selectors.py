import datetime

import pytest
from django.utils import timezone

from apps.accounts.tests.factories import DepartmentFactory
from apps.contacts import selectors
from apps.contacts.models import Outcome
from apps.contacts.tests.factories import (
    CallReasonFactory,
    ClientServiceCallFactory,
    ContactFactory,
)

pytestmark = pytest.mark.django_db


def test_liaison_report_groups_counts_and_examples(django_assert_num_queries):
    now = timezone.now()
    waste = DepartmentFactory(name="Waste")
    housing = DepartmentFactory(name="Housing")
    chase = CallReasonFactory(department=waste, name="Chase a missed bin")
    repairs = CallReasonFactory(department=housing, name="Urgent repair")
    for n in range(5):
        ClientServiceCallFactory(
            department=waste,
            reason=chase,
            reason_text=f"missed bin {n}",
            within_agreed_process=n != 0,
            made_at=now - datetime.timedelta(hours=n),
        )
    ClientServiceCallFactory(department=housing, reason=repairs, within_agreed_process=False)
    ClientServiceCallFactory(department=housing, reason=None, reason_text="Asked about a grant")
    # Outside the period: not counted.
    ClientServiceCallFactory(
        department=waste, reason=chase, made_at=now - datetime.timedelta(days=40)
    )

    today = timezone.localdate()
    with django_assert_num_queries(2):
        rows = selectors.liaison_report_rows(
            date_from=today - datetime.timedelta(days=7), date_to=today
        )
    by_key = {(r["department"], r["reason"]): r for r in rows}
    assert [r["department"] for r in rows] == ["Housing", "Housing", "Waste"]
    bins = by_key[("Waste", "Chase a missed bin")]
    assert bins["calls"] == 5
    assert bins["outside"] == 1
    assert bins["outside_share"] == pytest.approx(0.2)
    assert bins["examples"] == ["missed bin 0", "missed bin 1", "missed bin 2"]
    assert by_key[("Housing", "Urgent repair")]["outside_share"] == 1.0
    other = [r for r in rows if r["reason_id"] is None][0]
    assert other["examples"] == ["Asked about a grant"]

    only_housing = selectors.liaison_report_rows(
        date_from=today - datetime.timedelta(days=7), date_to=today, department=housing
    )
    assert {r["department"] for r in only_housing} == {"Housing"}
    assert sum(r["calls"] for r in only_housing) == 2


def test_outcome_rates():
    for outcome, n in [
        (Outcome.RESOLVED, 6),
        (Outcome.REFERRED, 3),
        (Outcome.REFERRED_OUTSIDE, 1),
    ]:
        for _ in range(n):
            ContactFactory(outcome=outcome)
    today = timezone.localdate()
    rates = selectors.contact_outcome_rates(date_from=today, date_to=today)
    assert rates["total"] == 10
    assert rates["fcr_rate"] == pytest.approx(0.6)
    assert rates["referral_rate"] == pytest.approx(0.4)
    assert rates["out_of_process_rate"] == pytest.approx(0.25)
    empty = selectors.contact_outcome_rates(
        date_from=today - datetime.timedelta(days=9), date_to=today - datetime.timedelta(days=8)
    )
    assert empty["total"] == 0 and empty["fcr_rate"] is None


def test_contacts_for_customer_newest_first():
    from apps.customers.tests.factories import CustomerFactory

    customer = CustomerFactory()
    old = ContactFactory(customer=customer, started_at=timezone.now() - datetime.timedelta(days=3))
    new = ContactFactory(customer=customer)
    ContactFactory()
    assert selectors.contacts_for_customer(customer=customer) == [new, old]
    assert selectors.contacts_for_customer(customer=customer, limit=1) == [new]
