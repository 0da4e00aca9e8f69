"""A customer's opt-out from survey invitations: the panel, the page and sampling."""

import datetime
import random
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.contacts.tests.factories import ContactFactory
from apps.customers.tests.factories import CustomerFactory
from apps.surveys import services
from apps.surveys.models import Invitation, OptOut

pytestmark = pytest.mark.django_db


def test_recording_and_withdrawing_an_opt_out(make_user):
    user = make_user(Role.ADVISOR)
    customer = CustomerFactory()
    first = services.opt_out_record(customer=customer, user=user)
    assert services.opt_out_record(customer=customer, user=user) == first
    assert first.recorded_by == user and OptOut.objects.count() == 1
    assert services.opt_out_withdraw(customer=customer, user=user) is True
    assert not OptOut.objects.exists()
    assert services.opt_out_withdraw(customer=customer, user=user) is False
    # The history keeps who recorded it and who withdrew it.
    kinds = list(OptOut.history.order_by("history_date").values_list("history_type", flat=True))
    assert kinds == ["+", "-"]


def test_the_customer_panel_shows_the_state_and_the_button(client_as):
    client = client_as(Role.ADVISOR)
    customer = CustomerFactory()
    page = client.get(reverse("customers:detail", args=[customer.pk]))
    assert b"Stop sending survey invitations" in page.content
    OptOut.objects.create(customer=customer)
    page = client.get(reverse("customers:detail", args=[customer.pk]))
    assert b"they have opted out" in page.content
    assert b"Start sending survey invitations again" in page.content


def test_an_advisor_opts_a_customer_out_through_the_page_and_sampling_skips_them(client_as):
    client = client_as(Role.ADVISOR)
    services.sampling_rate_set(channel="phone", rate=Decimal("1"), user=None)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    noon = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(12)))
    customer = CustomerFactory()
    other = ContactFactory(channel="phone", started_at=noon, customer=CustomerFactory())
    ContactFactory(channel="phone", started_at=noon, customer=customer)
    url = reverse("surveys:opt-out", args=[customer.pk])
    page = client.post(url, {"action": "opt_out"})
    assert page.status_code == 302 and page.url == reverse("customers:detail", args=[customer.pk])
    assert OptOut.objects.get().customer == customer
    assert services.contacts_sample(day=yesterday, rng=random.Random(1)) == 1
    assert Invitation.objects.get().contact == other


def test_withdrawing_through_the_page_lets_them_be_sampled_again(client_as):
    client = client_as(Role.TEAM_MANAGER)
    services.sampling_rate_set(channel="phone", rate=Decimal("1"), user=None)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    noon = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(12)))
    customer = CustomerFactory()
    OptOut.objects.create(customer=customer)
    contact = ContactFactory(channel="phone", started_at=noon, customer=customer)
    page = client.post(reverse("surveys:opt-out", args=[customer.pk]), {"action": "withdraw"})
    assert page.status_code == 302 and not OptOut.objects.exists()
    assert services.contacts_sample(day=yesterday, rng=random.Random(1)) == 1
    assert Invitation.objects.get().contact == contact


def test_opt_out_bad_input_and_permissions(client_as):
    customer = CustomerFactory()
    url = reverse("surveys:opt-out", args=[customer.pk])
    client = client_as(Role.ADVISOR)
    assert client.get(url).status_code == 405
    assert client.post(url, {"action": "delete"}).status_code == 400
    assert client.post(url).status_code == 400
    missing = reverse("surveys:opt-out", args=[999999])
    assert client.post(missing, {"action": "opt_out"}).status_code == 404
    assert not OptOut.objects.exists()
    communications = client_as(Role.COMMUNICATIONS)
    assert communications.post(url, {"action": "opt_out"}).status_code == 403
    assert not OptOut.objects.exists()
