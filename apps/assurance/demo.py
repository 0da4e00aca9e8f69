"""Demo accreditations: CSE with a partly completed self-assessment, and the CCA standard."""

import datetime

from django.utils import timezone

from apps.accounts.models import User

from . import services
from .models import Accreditation, Evidence, Framework, Rating


def seed(rng, *, scale: int) -> int:
    if Accreditation.objects.exists():
        return Accreditation.objects.count()
    quality = User.objects.filter(email="quality@borchester.example").first()
    head = User.objects.filter(email="head@borchester.example").first()
    today = timezone.localdate()
    cse = services.accreditation_create(
        framework=Framework.objects.get(code="cse"),
        title="Customer Service Excellence",
        scope="Customer Services: contact centre, customer service centres and registrars",
        status=Accreditation.Status.ACCREDITED,
        certificate_awarded=today - datetime.timedelta(days=300),
        certificate_expires=today + datetime.timedelta(days=65),
    )
    services.accreditation_create(
        framework=Framework.objects.get(code="cca-global-standard"),
        title="CCA Global Standard",
        scope="The contact centre and out-of-hours service",
    )
    ratings = [Rating.COMPLIANT] * 6 + [Rating.COMPLIANCE_PLUS, Rating.PARTIAL]
    elements = list(cse.framework.requirements.filter(is_element=True).order_by("position"))
    for element in elements[:30]:
        services.element_assess(
            accreditation=cse,
            requirement=element,
            rating=rng.choice(ratings),
            commentary="Evidence gathered by the customer focus manager.",
            user=quality,
        )
    by_code = {e.code: e for e in elements}
    services.evidence_add(
        accreditation=cse,
        requirements=[by_code["1.3.1"], by_code["1.3.3"]],
        kind=Evidence.Kind.RECORD,
        title="Satisfaction surveys",
        path="/surveys/",
        description="Post-interaction surveys on every channel, advisor-administered and independent.",
        user=quality,
    )
    services.evidence_add(
        accreditation=cse,
        requirements=[by_code["4.3.2"], by_code["4.3.3"]],
        kind=Evidence.Kind.RECORD,
        title="Complaints report",
        path="/complaints/",
        description="Volumes, timeliness, outcomes and learning actions.",
        user=quality,
    )
    if quality:
        services.action_create(
            accreditation=cse,
            requirement=by_code["1.2.4"],
            description="Publish 'you said, we did' for the last survey round on the website.",
            owner=quality,
            due=today + datetime.timedelta(days=30),
        )
    last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
    services.report_create(
        meeting="working_group",
        title=f"Member Working Group, {last_month_end:%B %Y}",
        period_start=last_month_end.replace(day=1),
        period_end=last_month_end,
        user=head,
    )
    return Accreditation.objects.count()
