"""The complaints and compliments section of committee and meeting reports."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.reporting import SectionContent, section

from . import complaint_reports, complaint_selectors


@section("complaints", gettext_lazy("Complaints and compliments"), order=40)
def complaints(start: date, end: date) -> SectionContent:
    report = complaint_selectors.complaint_report(date_from=start, date_to=end)
    tables = complaint_reports.report_tables(report)
    keep = {
        _("Volumes"),
        _("Timeliness against deadlines"),
        _("Outcomes of complaints by service"),
        _("Learning actions"),
    }
    timeliness = report["timeliness"]
    return SectionContent(
        paragraphs=[
            _(
                "%(complaints)s complaints, %(compliments)s compliments and %(comments)s comments "
                "were received. %(ack)s of complaints were acknowledged on time and %(resp)s "
                "answered at stage 1 on time; %(stage_2)s went to stage 2 (%(resp2)s answered on "
                "time) and %(ombudsman)s were referred to the Ombudsman. %(open)s learning "
                "actions are open and %(closed)s closed."
            )
            % {
                "complaints": report["volumes"]["complaint"],
                "compliments": report["volumes"]["compliment"],
                "comments": report["volumes"]["comment"],
                "ack": complaint_reports.percent(timeliness["acknowledged_stage_1"]["rate"]),
                "resp": complaint_reports.percent(timeliness["responded_stage_1"]["rate"]),
                "stage_2": report["stage_2"],
                "resp2": complaint_reports.percent(timeliness["responded_stage_2"]["rate"]),
                "ombudsman": report["ombudsman"],
                "open": report["learning_actions"]["open"],
                "closed": report["learning_actions"]["closed"],
            }
        ],
        tables=[t for t in tables if t.caption in keep],
        charts=[complaint_reports.outcomes_chart(report)],
    )
