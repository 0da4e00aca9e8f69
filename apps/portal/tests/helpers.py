"""Shared pieces of the portal's tests: a reportable service and photos."""

from apps.accounts.tests.factories import DepartmentFactory
from apps.catalogue.models import ServiceAttribute
from apps.catalogue.tests.factories import ServiceFactory

D = ServiceAttribute.Datatype


def missed_bin_service(**fields):
    waste = DepartmentFactory(name="Waste and recycling", slug="waste", phone="01632 960 111")
    service = ServiceFactory(
        name="Report a missed bin collection",
        slug="report-a-missed-bin-collection",
        summary="Tell us if we did not empty your bin.",
        department=waste,
        reportable=True,
        sla_working_days=2,
        **fields,
    )
    ServiceAttribute.objects.create(
        service=service,
        code="bin_type",
        description="Which bin was missed?",
        datatype=D.SINGLEVALUELIST,
        required=True,
        order=1,
        values=[
            {"key": "general", "name": "General waste"},
            {"key": "recycling", "name": "Recycling"},
        ],
    )
    ServiceAttribute.objects.create(
        service=service,
        code="missed_on",
        description="When was it missed?",
        datatype=D.DATETIME,
        required=False,
        order=2,
    )
    return service
