import factory

from apps.accounts.tests.factories import DepartmentFactory
from apps.catalogue.models import ReferralRoute, Service


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary = "A council service."
    lgsl_code = 524
    department = factory.SubFactory(DepartmentFactory)
    channel_phone = True
    referral_route = ReferralRoute.SERVICE_REQUEST
    sla_working_days = 5
    script = "Ask for the **address**."
