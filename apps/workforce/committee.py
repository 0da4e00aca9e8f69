"""Training's section of committee and meeting reports."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.reporting import SectionContent, Table, section

from . import selectors
from .models import Enrolment


@section("training", gettext_lazy("Training and qualifications"), order=60)
def training(start: date, end: date) -> SectionContent:
    today = timezone.localdate()
    courses = selectors.coordinated_summary(start=start, end=end, today=today)
    required = sum(c["required"] for c in courses)
    completed = sum(c["completed"] for c in courses)
    overdue = sum(c["overdue"] for c in courses)
    enrolments = selectors.enrolment_list()
    in_progress = enrolments.filter(completed_on__isnull=True).count()
    completed_in_period = Enrolment.objects.filter(
        completed_on__gte=start, completed_on__lte=end
    ).count()
    paragraphs = [
        _(
            "%(courses)s service changes needed coordinated training for Customer Services "
            "and the client service. %(completed)s of %(required)s people have completed it; "
            "%(overdue)s are past the deadline."
        )
        % {
            "courses": len(courses),
            "completed": completed,
            "required": required,
            "overdue": overdue,
        },
        _(
            "%(in_progress)s staff are working towards a professional qualification; "
            "%(done)s completed one in the period."
        )
        % {"in_progress": in_progress, "done": completed_in_period},
    ]
    tables = [
        Table(
            caption=_("Coordinated training for service changes"),
            head=[_("Course"), _("Complete by"), _("People"), _("Completed"), _("Overdue")],
            rows=[
                [
                    c["title"],
                    c["deadline"].strftime("%-d %B %Y") if c["deadline"] else None,
                    c["required"],
                    c["completed"],
                    c["overdue"],
                ]
                for c in courses
            ],
        ),
        Table(
            caption=_("Qualification progress"),
            head=[_("Programme and level"), _("Enrolled"), _("Completed"), _("Modules passed")],
            rows=selectors.qualification_progress_rows(),
        ),
    ]
    return SectionContent(paragraphs=paragraphs, tables=tables)
