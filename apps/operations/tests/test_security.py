import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import SiteFactory
from apps.customers.tests.factories import CustomerFactory
from apps.operations import panels, selectors, services, tasks
from apps.operations.models import SafetyWarning, SafetyWarningAccess

from .factories import SafetyWarningFactory, SecurityIncidentFactory

pytestmark = pytest.mark.django_db
TZ = timezone.get_current_timezone()


def test_incidents_per_thousand_visitors_are_computed(make_user):
    site = SiteFactory()
    for day in (3, 10, 20):
        SecurityIncidentFactory(
            site=site, occurred_at=datetime.datetime(2026, 2, day, 11, tzinfo=TZ)
        )
    SecurityIncidentFactory(site=site, occurred_at=datetime.datetime(2026, 5, 1, 11, tzinfo=TZ))
    services.visitor_count_record(site=site, month=datetime.date(2026, 1, 15), visitors=1000)
    services.visitor_count_record(site=site, month=datetime.date(2026, 2, 1), visitors=1500)
    services.visitor_count_record(site=site, month=datetime.date(2026, 2, 1), visitors=2000)
    rate = selectors.incident_rate(
        site=site, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)
    )
    assert rate == {"incidents": 3, "visitors": 3000, "per_thousand": Decimal("1.00")}
    assessment = services.security_assessment_record(
        assessed_by=make_user(Role.HEAD_OF_SERVICE),
        site=site,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        risk="medium",
        security_staff_needed=False,
        recommendation="Keep under review",
    )
    assert assessment.incidents_per_thousand == Decimal("1.00")
    [row] = selectors.incident_rates(
        start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)
    )
    assert row["per_thousand"] == Decimal("1.00")


def test_no_visitors_means_no_rate():
    site = SiteFactory()
    SecurityIncidentFactory(site=site)
    today = timezone.localdate()
    assert (
        selectors.incident_rate(
            site=site, start=today.replace(day=1) - datetime.timedelta(days=40), end=today
        )["per_thousand"]
        is None
    )


def test_a_security_incident_cannot_be_in_the_future(make_user):
    with pytest.raises(ValidationError):
        services.security_incident_record(
            recorded_by=make_user(Role.ADVISOR),
            site=SiteFactory(),
            occurred_at=timezone.now() + datetime.timedelta(days=1),
            kind="theft",
            severity="low",
            staff_affected=0,
            police_involved=False,
            description="x",
        )


def _panel(user, customer):
    request = RequestFactory().get("/")
    request.user = user
    return panels.safety_warnings(request=request, obj=customer)


def test_safety_warnings_are_hidden_from_roles_without_permission_and_views_are_logged(make_user):
    warning = SafetyWarningFactory(reason="Aggressive to staff at Eastgate")
    advisor = make_user(Role.ADVISOR)
    html = _panel(advisor, warning.customer)
    assert "Aggressive to staff at Eastgate" in html
    assert "govuk-warning-text" in html
    assert SafetyWarningAccess.objects.filter(warning=warning, viewed_by=advisor).count() == 1

    for role in (Role.CLIENT_SERVICE_OFFICER, Role.COMMUNICATIONS, Role.MEMBER, Role.IT_SERVICES):
        assert _panel(make_user(role), warning.customer) == ""
    assert SafetyWarningAccess.objects.count() == 1


def test_safety_warnings_expire_unless_reviewed(make_user):
    today = timezone.localdate()
    lapsed = SafetyWarningFactory(review_on=today - datetime.timedelta(days=1))
    current = SafetyWarningFactory(review_on=today + datetime.timedelta(days=5))
    # Past its review date it is no longer shown, even before the daily task runs.
    assert not selectors.active_safety_warnings(customer=lapsed.customer).exists()
    assert tasks.expire_safety_warnings() == 1
    lapsed.refresh_from_db()
    current.refresh_from_db()
    assert lapsed.expired_at is not None and current.expired_at is None
    assert lapsed.history.count() == 2  # the expiry is audited
    assert "govuk-warning-text" not in _panel(make_user(Role.ADVISOR), lapsed.customer)
    assert list(selectors.active_safety_warnings(customer=current.customer)) == [current]

    services.safety_warning_review(
        warning=lapsed, reason=lapsed.reason, review_on=today + datetime.timedelta(days=30)
    )
    assert list(selectors.active_safety_warnings(customer=lapsed.customer)) == [lapsed]


def test_a_safety_warning_needs_a_future_review_date(make_user):
    with pytest.raises(ValidationError):
        services.safety_warning_add(
            customer=CustomerFactory(),
            recorded_by=make_user(Role.TEAM_MANAGER),
            reason="x",
            review_on=timezone.localdate(),
        )
    assert not SafetyWarning.objects.exists()
