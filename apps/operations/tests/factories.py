import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.catalogue.tests.factories import ServiceFactory
from apps.operations.models import (
    DowntimeIncident,
    ITRecommendation,
    ITReview,
    Publication,
    RootCause,
    SafetyWarning,
    SecurityIncident,
    System,
    SystemAlias,
)


def pdf_bytes(text: str = "Leaflet") -> bytes:
    """A small real PDF (one blank page) that pypdf can read."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name="leaflet.pdf", text="Leaflet") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


class SystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = System
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"System {n}")
    category = System.Category.BACK_OFFICE
    owner = "IT service desk"

    @factory.post_generation
    def aliases(self, create, extracted, **kwargs):
        if create:
            for alias in [self.name, *(extracted or [])]:
                SystemAlias.objects.get_or_create(system=self, alias=alias.lower())


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DowntimeIncident

    system = factory.SubFactory(SystemFactory)
    summary = "Unavailable"
    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    ended_at = factory.LazyAttribute(lambda o: o.started_at + datetime.timedelta(hours=1))
    planned = False
    root_cause = RootCause.SOFTWARE
    recorded_by = factory.SubFactory(UserFactory)


class ITReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ITReview

    title = "Independent review of IT support"
    reviewer = "SOCITM Advisory"
    reported_on = datetime.date(2026, 6, 1)


class ITRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ITRecommendation

    review = factory.SubFactory(ITReviewFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Agree a service level for the CRM"
    owner = "Head of IT"
    due_on = datetime.date(2026, 12, 31)


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"Leaflet {n}")
    kind = Publication.Kind.LEAFLET
    service = factory.SubFactory(ServiceFactory)


class SecurityIncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecurityIncident

    site = factory.SubFactory(SiteFactory)
    occurred_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    kind = SecurityIncident.Kind.VERBAL_ABUSE
    severity = SecurityIncident.Severity.LOW
    staff_affected = 1
    description = "Shouted at the reception desk"
    recorded_by = factory.SubFactory(UserFactory)


class SafetyWarningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyWarning

    customer = factory.SubFactory("apps.customers.tests.factories.CustomerFactory")
    reason = "Threatened staff with a weapon in March"
    review_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    recorded_by = factory.SubFactory(UserFactory)
