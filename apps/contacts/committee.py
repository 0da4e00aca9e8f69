"""The front office's sections of committee and meeting reports."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.reporting import Chart, SectionContent, Table, section

from . import selectors


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


@section("contacts", gettext_lazy("Contacts and how they ended"), order=12)
def contacts_outcomes(start: date, end: date) -> SectionContent:
    rates = selectors.contact_outcome_rates(date_from=start, date_to=end)
    return SectionContent(
        paragraphs=[
            _(
                "%(total)s contacts were logged. %(fcr)s were resolved at the first point of "
                "contact; %(referred)s were referred to a client service, and %(outside)s "
                "of referrals went outside the agreed route with a team manager's authorisation."
            )
            % {
                "total": f"{rates['total']:,}",
                "fcr": _percent(rates["fcr_rate"]),
                "referred": _percent(rates["referral_rate"]),
                "outside": _percent(rates["out_of_process_rate"]),
            }
        ],
        tables=[
            Table(
                caption=_("Contact outcomes"),
                head=[_("Measure"), _("Value")],
                rows=[
                    [_("Contacts"), rates["total"]],
                    [_("Resolved at first point of contact"), _percent(rates["fcr_rate"])],
                    [_("Referred to a client service"), _percent(rates["referral_rate"])],
                    [
                        _("Referrals outside the agreed route"),
                        _percent(rates["out_of_process_rate"]),
                    ],
                ],
            )
        ],
    )


@section(
    "call_reasons",
    gettext_lazy("Calls to client services by reason"),
    order=14,
    meetings={"liaison", "working_group"},
)
def call_reasons(start: date, end: date) -> SectionContent:
    rows = selectors.liaison_report_rows(date_from=start, date_to=end)
    top = sorted(rows, key=lambda r: -r["calls"])[:10]
    return SectionContent(
        paragraphs=[
            _(
                "Every call from Customer Services to a client service is logged with its "
                "reason. %(calls)s calls were made in the period, %(outside)s of them outside "
                "the agreed process."
            )
            % {
                "calls": f"{sum(r['calls'] for r in rows):,}",
                "outside": f"{sum(r['outside'] for r in rows):,}",
            }
        ],
        tables=[
            Table(
                caption=_("Calls by department and reason"),
                head=[_("Department"), _("Reason"), _("Calls"), _("Outside the agreed process")],
                rows=[[r["department"], r["reason"], r["calls"], r["outside"]] for r in rows],
            )
        ],
        charts=[
            Chart(
                title=_("The ten most frequent reasons"),
                labels=[r["reason"] for r in top],
                series=[
                    {"name": _("Calls"), "values": [r["calls"] for r in top]},
                    {"name": _("Outside the process"), "values": [r["outside"] for r in top]},
                ],
            )
        ]
        if top
        else [],
    )
