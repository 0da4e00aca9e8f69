import datetime

import factory
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.workforce.models import Course, FloorEvent, Objective, StrategyAction, TrainingSession


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Course {n}")
    validity_months = 12


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    place = "Council offices, room 2"
    trainer = "Pat Trainer"
    capacity = 2


class FloorEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FloorEvent

    name = "Customer Services Week"
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=4))
    hashtag = "#Borchester24"


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Objective {n}")


class StrategyActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyAction

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
