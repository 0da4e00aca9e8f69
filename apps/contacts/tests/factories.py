import factory
from django.utils import timezone

from apps.accounts.tests.factories import DepartmentFactory, UserFactory
from apps.contacts.models import CallReason, ClientServiceCall, Contact, ContactChannel, Outcome


class CallReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallReason

    department = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"Reason {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    channel = ContactChannel.PHONE
    advisor = factory.SubFactory(UserFactory)
    reason = "Asked about bins"
    outcome = Outcome.RESOLVED
    started_at = factory.LazyFunction(timezone.now)


class ClientServiceCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientServiceCall

    department = factory.SubFactory(DepartmentFactory)
    reason = factory.SubFactory(CallReasonFactory, department=factory.SelfAttribute("..department"))
    made_by = factory.SubFactory(UserFactory)
    made_at = factory.LazyFunction(timezone.now)
