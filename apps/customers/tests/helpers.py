"""Rows in other apps' tables, made directly with the ORM, for merge and timeline tests."""

import itertools

from django.utils import timezone

from apps.accounts.tests.factories import DepartmentFactory, UserFactory
from apps.cases.models import ServiceRequest
from apps.catalogue.tests.factories import ServiceFactory
from apps.contacts.models import Contact

_numbers = itertools.count(1)


def make_contact(customer, *, reason="Missed bin", started_at=None, advisor=None):
    contact = Contact.objects.create(
        customer=customer,
        channel="phone",
        advisor=advisor or UserFactory(),
        reason=reason,
        outcome="resolved",
        started_at=started_at or timezone.now(),
    )
    contact.services.add(ServiceFactory())
    return contact


def make_request(customer, *, status="open", created_at=None, service=None):
    return ServiceRequest.objects.create(
        reference=f"FP-2026-{next(_numbers):06d}",
        service=service or ServiceFactory(),
        customer=customer,
        description="Bin not emptied",
        status=status,
        department=DepartmentFactory(),
        created_at=created_at or timezone.now(),
    )
