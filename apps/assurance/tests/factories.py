import factory

from apps.assurance.models import Accreditation, Framework


class AccreditationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accreditation

    framework = factory.LazyFunction(lambda: Framework.objects.get(code="cse"))
    title = factory.Sequence(lambda n: f"Customer Service Excellence {n}")
