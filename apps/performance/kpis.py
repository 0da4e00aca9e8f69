"""The KPIs firstpoint reports, how each is worked out from period totals, and their RAG."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    unit: str  # "count", "percent" or "seconds"
    higher_is_better: bool = True


KPIS = [
    Kpi("calls_offered", _("Calls offered"), "count"),
    Kpi("calls_answered", _("Calls answered"), "count"),
    Kpi("abandoned_rate", _("Abandoned rate"), "percent", higher_is_better=False),
    Kpi("service_level", _("Service level (answered within the threshold)"), "percent"),
    Kpi("asa", _("Average speed of answer"), "seconds", higher_is_better=False),
    Kpi("aht", _("Average handle time"), "seconds", higher_is_better=False),
    Kpi("occupancy", _("Occupancy"), "percent"),
    Kpi("contacts", _("Contacts on every channel"), "count"),
    Kpi("fcr_rate", _("Resolved at first point of contact"), "percent"),
    Kpi("referral_rate", _("Referred to a client service"), "percent", higher_is_better=False),
    Kpi(
        "out_of_process_rate",
        _("Referrals outside the agreed route"),
        "percent",
        higher_is_better=False,
    ),
    Kpi("request_sla", _("Service requests resolved by their due date"), "percent"),
    Kpi("satisfaction", _("Customer satisfaction"), "percent"),
    Kpi("complaints_timeliness", _("Complaints answered on time"), "percent"),
]
BY_KEY = {k.key: k for k in KPIS}


def _share(part, whole):
    return 100.0 * part / whole if whole else None


def _mean(total, count):
    return total / count if count and total is not None else None


def compute(totals: dict) -> dict[str, float | None]:
    """KPI values from period totals (as selectors.period_totals returns them); None where
    there is nothing to divide by or the figure is not available."""
    t = totals
    referrals = t["referred"] + t["referred_outside"]
    return {
        "calls_offered": t["offered"],
        "calls_answered": t["answered"],
        "abandoned_rate": _share(t["abandoned"], t["offered"]),
        "service_level": _share(t["answered_within_threshold"], t["answered"]),
        "asa": _mean(t["wait_seconds"], t["answered_with_wait"]),
        "aht": _mean(t["handle_seconds"], t["answered"]),
        # Only where the phone system sent staffed (agent on queue) time.
        "occupancy": _share(t["handle_seconds_staffed"], t["staffed_seconds"])
        if t["staffed_seconds"]
        else None,
        "contacts": t["contacts"],
        "fcr_rate": _share(t["resolved"], t["contacts"]),
        "referral_rate": _share(referrals, t["contacts"]),
        "out_of_process_rate": _share(t["referred_outside"], referrals),
        "request_sla": _share(t["requests_met"], t["requests_resolved"]),
        "satisfaction": t.get("satisfaction"),
        "complaints_timeliness": t.get("complaints_timeliness"),
    }


def rag(kpi: Kpi, value: float | None, target) -> str | None:
    """ "green" on or better than target, "amber" within its margin, else "red"; None with no
    target or no value."""
    if value is None or target is None:
        return None
    gap = (value - target.value) if kpi.higher_is_better else (target.value - value)
    if gap >= 0:
        return "green"
    if gap >= -target.amber_margin:
        return "amber"
    return "red"


def display(kpi: Kpi, value) -> str:
    if value is None:
        return str(_("not available"))
    if kpi.unit == "percent":
        return f"{value:.1f}%"
    if kpi.unit == "seconds":
        return f"{value:.0f} s"
    return f"{value:,.0f}"
