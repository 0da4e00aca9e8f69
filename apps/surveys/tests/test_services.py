import datetime
import random
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.cases.models import ServiceRequest
from apps.cases.signals import service_request_closed
from apps.cases.tests.factories import raise_request
from apps.contacts.models import Contact
from apps.contacts.tests.factories import ContactFactory
from apps.core.models import OutboxMessage
from apps.customers.tests.factories import CustomerFactory
from apps.surveys import services
from apps.surveys.models import Invitation, Mode, OptOut, Question, Response

pytestmark = pytest.mark.django_db

ANSWERS = {
    "satisfaction": 5,
    "ease": 4,
    "resolved": True,
    "would_use_again": False,
    "comments": "Quick and friendly",
}


def _token_from_outbox() -> str:
    body = OutboxMessage.objects.latest("pk").body
    return body.split("/surveys/answer/")[1].split("/")[0]


def test_standard_survey_is_seeded_once_with_its_questions():
    survey = services.standard_survey()
    assert services.standard_survey() == survey
    assert list(survey.questions.values_list("key", flat=True)) == [
        "satisfaction",
        "ease",
        "resolved",
        "would_use_again",
        "comments",
    ]


def test_revising_a_question_keeps_earlier_answers_on_their_version():
    contact = ContactFactory()
    first = services.response_record_by_advisor(
        contact=contact, answers=ANSWERS, started_at=timezone.now(), recorded_by=contact.advisor
    )
    question = Question.objects.get(key="satisfaction", is_current=True)
    revised = services.question_revise(question=question, text="How happy were you?")
    assert revised.version == 2
    assert first.answers.get(question__key="satisfaction").question.version == 1
    with pytest.raises(ValidationError):
        services.question_revise(question=question, text="Again")


def test_advisor_survey_records_the_time_it_took_and_no_personal_data():
    customer = CustomerFactory()
    contact = ContactFactory(customer=customer)
    started = timezone.now() - datetime.timedelta(minutes=3)
    response = services.response_record_by_advisor(
        contact=contact, answers=ANSWERS, started_at=started, recorded_by=contact.advisor
    )
    assert response.mode == Mode.ADVISOR
    assert 2.9 <= response.elapsed_minutes <= 3.1
    assert (response.satisfaction, response.resolved, response.would_use_again) == (5, True, False)
    assert response.advisor == contact.advisor and response.contact == contact
    stored = " ".join(
        str(v) for v in Response.objects.filter(pk=response.pk).values().get().values()
    )
    assert customer.email not in stored and customer.last_name not in stored


def test_advisor_survey_with_a_missing_answer_writes_nothing():
    contact = ContactFactory()
    with pytest.raises(ValidationError):
        services.response_record_by_advisor(
            contact=contact,
            answers={**ANSWERS, "ease": None},
            started_at=timezone.now(),
            recorded_by=contact.advisor,
        )
    assert not Response.objects.exists()


def test_sampling_rates_hold_over_many_contacts():
    services.sampling_rate_set(channel="phone", rate=Decimal("0.2"), user=None)
    services.sampling_rate_set(channel="email", rate=Decimal("0.5"), user=None)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    noon = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(12)))
    customers = [CustomerFactory() for _ in range(20)]
    advisor = UserFactory()
    Contact.objects.bulk_create(
        Contact(
            channel="phone" if i < 1000 else "email",
            started_at=noon,
            customer=customers[i % 20],
            advisor=advisor,
            reason="Bins",
            outcome="resolved",
        )
        for i in range(1400)
    )
    invited = services.contacts_sample(day=yesterday, rng=random.Random(7))
    phone = Invitation.objects.filter(channel="phone").count()
    email = Invitation.objects.filter(channel="email").count()
    assert invited == phone + email
    # 0.2 x 1000: sd 12.6; 0.5 x 400: sd 10. Four standard deviations either side.
    assert 150 <= phone <= 250
    assert 160 <= email <= 240
    # Run again: nobody is invited twice.
    assert services.contacts_sample(day=yesterday, rng=random.Random(8)) == 0


def test_sampling_skips_anonymous_contacts_and_opted_out_customers_and_no_details():
    services.sampling_rate_set(channel="phone", rate=Decimal("1"), user=None)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    noon = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(12)))
    opted_out = CustomerFactory()
    OptOut.objects.create(customer=opted_out)
    ContactFactory(channel="phone", started_at=noon, customer=opted_out)
    ContactFactory(channel="phone", started_at=noon, customer=None)
    ContactFactory(channel="phone", started_at=noon, customer=CustomerFactory(email="", phone=""))
    sms_only = ContactFactory(channel="phone", started_at=noon, customer=CustomerFactory(email=""))
    ContactFactory(
        channel="phone", started_at=noon - datetime.timedelta(days=1), customer=CustomerFactory()
    )
    assert services.contacts_sample(day=yesterday, rng=random.Random(1)) == 1
    invitation = Invitation.objects.get()
    assert invitation.contact == sms_only and invitation.via == "sms"
    assert OutboxMessage.objects.get().channel == "sms"


def test_one_time_link_answers_once_and_then_stops_working():
    contact = ContactFactory(customer=CustomerFactory())
    invitation = services.invitation_send_independent(contact=contact)
    token = _token_from_outbox()
    assert services.invitation_by_token(token) == invitation
    response = services.response_record_by_link(plain=token, answers=ANSWERS)
    assert response.mode == Mode.INDEPENDENT and response.invitation == invitation
    assert response.advisor == contact.advisor and response.started_at is None
    assert services.invitation_by_token(token) is None
    with pytest.raises(ValidationError):
        services.response_record_by_link(plain=token, answers=ANSWERS)
    assert Response.objects.count() == 1


def test_links_cannot_be_guessed_and_only_a_digest_is_stored():
    contact = ContactFactory(customer=CustomerFactory())
    invitation = services.invitation_send_independent(contact=contact)
    token = _token_from_outbox()
    assert len(token) >= 40
    assert token not in invitation.token_digest
    assert services.invitation_by_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert services.invitation_by_token(invitation.token_digest) is None
    assert services.invitation_by_token("") is None


def test_links_expire_after_the_configured_days(settings):
    settings.SURVEY_LINK_EXPIRY_DAYS = 3
    contact = ContactFactory(customer=CustomerFactory())
    invitation = services.invitation_send_independent(contact=contact)
    token = _token_from_outbox()
    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=3)
    later = timezone.now() + datetime.timedelta(days=3, minutes=1)
    assert services.invitation_by_token(token, now=later) is None
    assert services.invitation_by_token(token, now=later - datetime.timedelta(minutes=2))


def test_closing_a_request_invites_the_resident_to_the_portal_survey():
    request = raise_request()
    service_request_closed.send(sender=ServiceRequest, request=request)
    invitation = Invitation.objects.get()
    assert invitation.mode == Mode.PORTAL and invitation.service_request == request
    assert invitation.service == request.service
    message = OutboxMessage.objects.get(purpose=services.INVITATION_PURPOSE)
    assert message.to == request.customer.email
    # Sent again (reopened and closed): not invited twice.
    service_request_closed.send(sender=ServiceRequest, request=request)
    assert Invitation.objects.count() == 1
    response = services.response_record_by_link(plain=_token_from_outbox(), answers=ANSWERS)
    assert response.mode == Mode.PORTAL and response.service_request == request


def test_closing_a_request_without_contact_details_invites_nobody():
    request = raise_request(customer=CustomerFactory(email="", phone=""))
    service_request_closed.send(sender=ServiceRequest, request=request)
    assert not Invitation.objects.exists()
