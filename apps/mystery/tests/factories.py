import datetime

import factory

from apps.accounts.tests.factories import SiteFactory
from apps.catalogue.tests.factories import ServiceFactory
from apps.mystery.models import Channel, Criterion, Programme, Scenario, Shopper, Target


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    start = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=60))
    end = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Scenario {n}")
    channel = Channel.FACE_TO_FACE
    service = factory.SubFactory(ServiceFactory)
    brief = "Ask about council tax."


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    scenario = factory.SubFactory(ScenarioFactory)
    text = factory.Sequence(lambda n: f"Checked thing {n}")
    cse_criterion = 4
    cse_code = "4.1"
    weight = 1


class ShopperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shopper

    name = factory.Sequence(lambda n: f"Shopper {n}")
    email = factory.Sequence(lambda n: f"shopper{n}@example.com")
    kind = Shopper.Kind.RESIDENT
    consent_given_on = datetime.date(2026, 1, 1)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    programme = factory.SubFactory(ProgrammeFactory)
    channel = Channel.FACE_TO_FACE
    site = factory.SubFactory(SiteFactory)
    visits = 3
