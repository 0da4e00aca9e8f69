import random

import pytest
from django.db.models import F

from apps.accounts import demo as accounts_demo
from apps.catalogue import demo as catalogue_demo
from apps.contacts import demo
from apps.contacts.models import (
    CallReason,
    ClientServiceCall,
    Contact,
    Outcome,
    ReferralAuthorisation,
)
from apps.customers.tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def test_demo_seed_is_realistic_and_idempotent():
    accounts_demo.seed(random.Random(1))
    catalogue_demo.seed(random.Random(1))
    CustomerFactory.create_batch(30)
    added = demo.seed(random.Random(7), scale=1)
    assert added == 3000 == Contact.objects.count()
    assert CallReason.objects.values("department").distinct().count() >= 10
    resolved = Contact.objects.filter(outcome=Outcome.RESOLVED).count() / added
    assert 0.5 < resolved < 0.8
    assert Contact.objects.filter(customer__isnull=True).exists()
    assert Contact.objects.filter(services__isnull=True).count() == 0
    referrals = Contact.objects.filter(outcome__in=[Outcome.REFERRED, Outcome.REFERRED_OUTSIDE])
    assert ClientServiceCall.objects.filter(contact__isnull=False).count() == referrals.count()
    outside = Contact.objects.filter(outcome=Outcome.REFERRED_OUTSIDE).count()
    assert ReferralAuthorisation.objects.count() == outside
    assert ReferralAuthorisation.objects.filter(status="approved").count() > outside / 2
    assert not ReferralAuthorisation.objects.filter(decided_by=F("requested_by")).exists()
    assert demo.seed(random.Random(7), scale=1) == 0
    assert Contact.objects.count() == 3000
