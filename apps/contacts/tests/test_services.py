import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, SiteFactory
from apps.catalogue.models import ReferralRoute
from apps.catalogue.tests.factories import ServiceFactory
from apps.contacts import selectors, services
from apps.contacts.models import (
    ClientServiceCall,
    Contact,
    ContactChannel,
    Outcome,
    ReferralAuthorisation,
)
from apps.contacts.tests.factories import CallReasonFactory
from apps.customers.tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

Status = ReferralAuthorisation.Status


def _log(advisor, **overrides):
    fields = {
        "advisor": advisor,
        "channel": ContactChannel.PHONE,
        "services": [ServiceFactory(referral_route=ReferralRoute.RESOLVE)],
        "reason": "Asked when the bins are collected",
        "outcome": Outcome.RESOLVED,
    }
    fields.update(overrides)
    return services.contact_log(**fields)


def _nothing_written():
    return (
        Contact.objects.count() == 0
        and ReferralAuthorisation.objects.count() == 0
        and ClientServiceCall.objects.count() == 0
    )


@pytest.mark.parametrize(
    "outcome, extra",
    [
        (Outcome.RESOLVED, {}),
        (Outcome.SELF_SERVE, {}),
        (Outcome.ABANDONED, {}),
        (Outcome.SIGNPOSTED, {"signposted_to": "Citizens Advice"}),
    ],
)
def test_outcomes_without_a_referral_write_just_the_contact(make_user, outcome, extra):
    advisor = make_user(Role.ADVISOR)
    customer = CustomerFactory()
    contact = _log(advisor, outcome=outcome, customer=customer, duration_seconds=95, **extra)
    contact.refresh_from_db()
    assert contact.outcome == outcome
    assert contact.customer == customer
    assert contact.team_id == advisor.team_id
    assert contact.services.count() == 1
    assert contact.duration_seconds == 95
    assert (timezone.now() - contact.started_at) >= datetime.timedelta(seconds=95)
    assert ClientServiceCall.objects.count() == 0
    assert ReferralAuthorisation.objects.count() == 0
    assert contact.history.exists()


def test_referral_by_the_agreed_route_logs_a_call_within_process(make_user):
    advisor = make_user(Role.ADVISOR)
    service = ServiceFactory(referral_route=ReferralRoute.WARM_TRANSFER)
    reason = CallReasonFactory(department=service.department, name="Warm transfer")
    contact = _log(advisor, outcome=Outcome.REFERRED, services=[service], call_reason=reason)
    call = ClientServiceCall.objects.get()
    assert call.contact == contact
    assert call.department == service.department
    assert call.reason == reason
    assert call.within_agreed_process is True
    assert call.authorisation is None
    assert not hasattr(contact, "authorisation") or contact.authorisation is None


def test_referral_without_a_listed_reason_uses_the_contact_reason(make_user):
    contact = _log(make_user(Role.ADVISOR), outcome=Outcome.REFERRED)
    assert ClientServiceCall.objects.get().reason_text == contact.reason


def test_referral_outside_the_route_asks_for_authorisation_and_logs_the_call(make_user):
    advisor = make_user(Role.ADVISOR)
    housing = DepartmentFactory(name="Housing", slug="housing")
    contact = _log(
        advisor,
        outcome=Outcome.REFERRED_OUTSIDE,
        referral_department=housing,
        referral_reason="Resident is about to be made homeless tonight",
    )
    authorisation = ReferralAuthorisation.objects.get()
    assert authorisation.contact == contact
    assert authorisation.status == Status.PENDING
    assert authorisation.requested_by == advisor
    assert authorisation.department == housing
    call = ClientServiceCall.objects.get()
    assert call.within_agreed_process is False
    assert call.authorisation == authorisation
    assert call.department == housing


def test_a_service_request_is_raised_in_the_same_transaction(make_user):
    advisor = make_user(Role.ADVISOR)
    service = ServiceFactory(referral_route=ReferralRoute.SERVICE_REQUEST)
    customer = CustomerFactory()
    contact = _log(
        advisor,
        outcome=Outcome.REFERRED,
        services=[service],
        customer=customer,
        raise_request={"description": "Bin not emptied", "address": "1 High Street"},
    )
    request = contact.raised_request
    assert request.reference
    assert request.contact == contact
    assert request.service == service
    assert request.customer == customer
    assert request.address == "1 High Street"


def test_a_service_request_needs_a_service_whose_route_is_one(make_user):
    with pytest.raises(ValidationError) as error:
        _log(
            make_user(Role.ADVISOR),
            outcome=Outcome.REFERRED,
            raise_request={"description": "x", "address": ""},
        )
    assert "raise_request" in error.value.message_dict
    assert _nothing_written()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"outcome": Outcome.SIGNPOSTED}, "signposted_to"),
        ({"channel": ContactChannel.FACE_TO_FACE}, "site"),
        ({"outcome": Outcome.REFERRED_OUTSIDE}, "referral_reason"),
        ({"system_unavailable": True}, "unavailable_system"),
        ({"services": []}, "services"),
        ({"reason": "  "}, "reason"),
    ],
)
def test_missing_details_are_refused_and_nothing_is_written(make_user, overrides, field):
    with pytest.raises(ValidationError) as error:
        _log(make_user(Role.ADVISOR), **overrides)
    assert field in error.value.message_dict
    assert _nothing_written()


def test_an_outside_route_referral_goes_to_the_service_s_department_unless_told(make_user):
    contact = _log(
        make_user(Role.ADVISOR), outcome=Outcome.REFERRED_OUTSIDE, referral_reason="Urgent"
    )
    service = contact.services.get()
    assert contact.authorisation.department == service.department
    assert contact.client_calls.get().department == service.department


def test_a_wrong_call_reason_rolls_back_the_contact(make_user):
    other = CallReasonFactory()
    with pytest.raises(ValidationError):
        _log(make_user(Role.ADVISOR), outcome=Outcome.REFERRED, call_reason=other)
    assert _nothing_written()


def test_face_to_face_at_a_site(make_user):
    site = SiteFactory()
    contact = _log(make_user(Role.ADVISOR), channel=ContactChannel.FACE_TO_FACE, site=site)
    assert contact.site == site


@pytest.fixture
def pending(make_user):
    advisor = make_user(Role.ADVISOR)
    _log(
        advisor,
        outcome=Outcome.REFERRED_OUTSIDE,
        referral_department=DepartmentFactory(),
        referral_reason="Urgent repair, vulnerable resident",
    )
    return ReferralAuthorisation.objects.get()


def test_a_team_manager_approves_and_the_advisor_sees_it(make_user, pending):
    manager = make_user(Role.TEAM_MANAGER)
    assert list(selectors.authorisation_queue(manager=manager)) == [pending]
    decided = services.referral_decide(
        authorisation=pending, decided_by=manager, approve=True, reason="Agreed, urgent"
    )
    assert decided.status == Status.APPROVED
    assert decided.decided_by == manager
    assert decided.decided_at is not None
    assert list(selectors.authorisation_queue(manager=manager)) == []
    mine = list(selectors.referrals_for_advisor(advisor=pending.requested_by))
    assert mine[0].status == Status.APPROVED
    assert mine[0].decision_reason == "Agreed, urgent"


def test_a_team_manager_declines_with_a_reason(make_user, pending):
    manager = make_user(Role.TEAM_MANAGER)
    decided = services.referral_decide(
        authorisation=pending, decided_by=manager, approve=False, reason="Use the portal"
    )
    assert decided.status == Status.DECLINED
    with pytest.raises(ValidationError):
        services.referral_decide(
            authorisation=pending, decided_by=make_user(Role.TEAM_MANAGER), approve=True, reason="x"
        )
    pending.refresh_from_db()
    assert pending.status == Status.DECLINED
    assert pending.decided_by == manager


def test_a_decision_needs_a_reason(make_user, pending):
    with pytest.raises(ValidationError):
        services.referral_decide(
            authorisation=pending, decided_by=make_user(Role.TEAM_MANAGER), approve=True, reason=" "
        )
    pending.refresh_from_db()
    assert pending.status == Status.PENDING


def test_a_team_manager_cannot_decide_their_own_request(make_user):
    manager = make_user(Role.TEAM_MANAGER)
    _log(
        manager,
        outcome=Outcome.REFERRED_OUTSIDE,
        referral_department=DepartmentFactory(),
        referral_reason="Urgent",
    )
    authorisation = ReferralAuthorisation.objects.get()
    assert list(selectors.authorisation_queue(manager=manager)) == []
    with pytest.raises(ValidationError):
        services.referral_decide(
            authorisation=authorisation, decided_by=manager, approve=True, reason="Fine"
        )
    authorisation.refresh_from_db()
    assert authorisation.status == Status.PENDING


def test_an_advisor_cannot_decide(make_user, pending):
    with pytest.raises(ValidationError):
        services.referral_decide(
            authorisation=pending, decided_by=make_user(Role.ADVISOR), approve=True, reason="Fine"
        )


def test_call_reason_get_or_create_is_idempotent():
    department = DepartmentFactory()
    first = services.call_reason_get_or_create(department=department, name="Chase a repair")
    again = services.call_reason_get_or_create(department=department, name="chase a repair ")
    assert first == again


def test_client_call_needs_a_reason(make_user):
    with pytest.raises(ValidationError):
        services.client_call_log(made_by=make_user(Role.ADVISOR), department=DepartmentFactory())
    assert ClientServiceCall.objects.count() == 0
