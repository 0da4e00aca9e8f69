import datetime
import random

import pytest
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.cases import demo
from apps.cases.models import ReferenceCounter, ServiceRequest, ServiceRequestUpdate, Status
from apps.catalogue.models import ReferralRoute
from apps.catalogue.tests.factories import ServiceFactory
from apps.contacts.models import Contact

from .factories import make_customer

pytestmark = pytest.mark.django_db


def test_demo_requests_come_from_referred_contacts_and_seed_once():
    advisor = UserFactory()
    request_service = ServiceFactory(sla_working_days=3)
    other_service = ServiceFactory(referral_route=ReferralRoute.WARM_TRANSFER)
    now = timezone.now()
    linked = []
    for n in range(40):
        contact = Contact.objects.create(
            customer=make_customer(),
            channel="phone",
            advisor=advisor,
            reason="Missed bin",
            outcome="referred" if n % 4 else "resolved",
            started_at=now - datetime.timedelta(days=n * 4),
        )
        contact.services.set([request_service if n % 5 else other_service])
        if n % 4 and n % 5:
            linked.append(contact.pk)

    added = demo.seed(random.Random(1), scale=1)
    assert added == ServiceRequest.objects.count() == demo.REQUESTS_PER_SCALE
    from_contacts = ServiceRequest.objects.filter(contact__isnull=False)
    assert sorted(from_contacts.values_list("contact_id", flat=True)) == sorted(linked)
    references = list(ServiceRequest.objects.values_list("reference", flat=True))
    assert len(set(references)) == len(references)
    year = timezone.localdate().year
    numbers = ServiceRequest.objects.filter(reference__startswith=f"FP-{year}-")
    assert ReferenceCounter.objects.get(year=year).last_number == numbers.count()
    statuses = set(ServiceRequest.objects.values_list("status", flat=True))
    assert {Status.CLOSED, Status.OPEN, Status.IN_PROGRESS} <= statuses
    assert ServiceRequest.objects.filter(breached_at__isnull=False).exists()
    assert (
        ServiceRequestUpdate.objects.filter(is_public=True, status_to=Status.OPEN).count() == added
    )
    oldest = ServiceRequestUpdate.objects.order_by("created_at").first()
    assert oldest.created_at < now - datetime.timedelta(days=30)

    assert demo.seed(random.Random(1), scale=1) == 0
    assert ServiceRequest.objects.count() == added
