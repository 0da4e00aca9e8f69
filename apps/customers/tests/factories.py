import datetime

import factory

from apps.accounts.tests.factories import UserFactory
from apps.customers.models import Customer, Vulnerability, VulnerabilityCategory
from apps.customers.normalise import search_columns
from apps.customers.services import customer_next_reference


class CustomerFactory(factory.django.DjangoModelFactory):
    """A resident with a name, phone, email and Borchester address; search columns filled."""

    class Meta:
        model = Customer

    reference = factory.LazyFunction(customer_next_reference)
    kind = Customer.Kind.RESIDENT
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    phone = factory.Sequence(lambda n: f"07700 {900000 + n:06d}")
    email = factory.Sequence(lambda n: f"resident{n}@example.com")
    address = factory.Sequence(lambda n: f"{n + 1} Market Street\nBorchester")
    postcode = factory.Sequence(lambda n: f"BC{n % 9 + 1} {n % 10}AB")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        customer = model_class(*args, **kwargs)
        for field, value in search_columns(customer).items():
            setattr(customer, field, value)
        customer.save()
        return customer


class VulnerabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vulnerability

    customer = factory.SubFactory(CustomerFactory)
    categories = factory.LazyFunction(lambda: [VulnerabilityCategory.MENTAL_HEALTH.value])
    lawful_basis = Vulnerability.LawfulBasis.CONSENT
    consent_given_by = "The customer"
    support_notes = "Speak slowly and offer a call back."
    review_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=180))
    recorded_by = factory.SubFactory(UserFactory)
