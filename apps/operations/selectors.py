"""Every non-trivial read of the operations app, shaped for its pages and the committee reports."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    DateTimeField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from apps.accounts.models import Site
from apps.contacts.models import Contact

from .models import (
    DowntimeIncident,
    ITRecommendation,
    Publication,
    PublicationVersion,
    RemovalTask,
    RootCause,
    SafetyWarning,
    SecurityAssessment,
    SecurityIncident,
    System,
    SystemAlias,
    VisitorCount,
)

# --- System downtime ---------------------------------------------------------------------------


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The period from the start of `start` to the end of `end`, in local time."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


def contacts_affected_subquery():
    """Count of contacts flagged "system unavailable" during an incident (OuterRef rows must
    carry `window_end`): started within the incident's window, naming its system or one of
    its aliases, ignoring case. An incident still open counts up to now."""
    names = SystemAlias.objects.filter(system_id=OuterRef(OuterRef("system_id"))).values("alias")
    flagged = (
        Contact.objects.filter(
            system_unavailable=True,
            started_at__gte=OuterRef("started_at"),
            started_at__lte=OuterRef("window_end"),
        )
        .annotate(named=Lower("unavailable_system"))
        .filter(named__in=Subquery(names))
        .order_by()
        .values("system_unavailable")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(flagged, output_field=IntegerField()), Value(0))


def incidents_with_counts():
    """Incidents with their system and `contacts_affected`, counted live from contacts."""
    return (
        DowntimeIncident.objects.select_related("system")
        .annotate(
            window_end=Coalesce("ended_at", Value(timezone.now(), output_field=DateTimeField()))
        )
        .annotate(contacts_affected=contacts_affected_subquery())
    )


def incident_list(
    *, system=None, planned: str = "", date_from: date | None = None, date_to: date | None = None
):
    incidents = incidents_with_counts().prefetch_related("sites").order_by("-started_at", "-pk")
    if system:
        incidents = incidents.filter(system=system)
    if planned in ("yes", "no"):
        incidents = incidents.filter(planned=planned == "yes")
    if date_from:
        incidents = incidents.filter(window_end__gte=period_bounds(date_from, date_from)[0])
    if date_to:
        incidents = incidents.filter(started_at__lt=period_bounds(date_to, date_to)[1])
    return incidents


def incident_detail(*, pk: int) -> DowntimeIncident:
    return incidents_with_counts().prefetch_related("sites", "actions").get(pk=pk)


def contacts_affected(*, incident: DowntimeIncident):
    """The contacts counted as affected by an incident (the same rule as the count)."""
    end = incident.ended_at or timezone.now()
    names = list(incident.system.aliases.values_list("alias", flat=True))
    return (
        Contact.objects.filter(
            system_unavailable=True, started_at__gte=incident.started_at, started_at__lte=end
        )
        .annotate(named=Lower("unavailable_system"))
        .filter(named__in=names)
        .order_by("started_at")
    )


def _overlap_seconds(incident, start: datetime, end: datetime, now: datetime) -> float:
    began = max(incident.started_at, start)
    finished = min(incident.ended_at or now, end)
    return max((finished - began).total_seconds(), 0.0)


def downtime_figures(*, start: date, end: date) -> list[dict]:
    """Per active system over the period: availability, incidents, MTTR and MTBF.

    Availability is the share of the whole period the system was up, counting only unplanned
    downtime against it: planned maintenance is agreed with Customer Services in advance, so
    it is reported beside availability (`planned_hours`) but not deducted. Mean time to
    restore is the mean length of the unplanned incidents that started in the period and
    have ended; mean time between failures is the period's unplanned uptime divided by the
    number of unplanned incidents (None when there were none).
    """
    period_start, period_end = period_bounds(start, end)
    now = timezone.now()
    period_end_seen = min(period_end, max(now, period_start))
    period_hours = (period_end_seen - period_start).total_seconds() / 3600
    incidents = DowntimeIncident.objects.filter(
        started_at__lt=period_end, system__is_active=True
    ).filter(Q(ended_at__isnull=True) | Q(ended_at__gt=period_start))
    by_system = defaultdict(list)
    for incident in incidents:
        by_system[incident.system_id].append(incident)
    rows = []
    for system in System.objects.filter(is_active=True).order_by("name"):
        mine = by_system.get(system.pk, [])
        unplanned = [i for i in mine if not i.planned]
        down = sum(_overlap_seconds(i, period_start, period_end_seen, now) for i in unplanned)
        planned_down = sum(
            _overlap_seconds(i, period_start, period_end_seen, now) for i in mine if i.planned
        )
        restored = [
            (i.ended_at - i.started_at).total_seconds()
            for i in unplanned
            if i.ended_at is not None and i.started_at >= period_start
        ]
        failures = sum(1 for i in unplanned if i.started_at >= period_start)
        period_seconds = period_hours * 3600
        rows.append(
            {
                "system": system,
                "incidents": sum(1 for i in mine if i.started_at >= period_start),
                "unplanned_incidents": failures,
                "unplanned_hours": down / 3600,
                "planned_hours": planned_down / 3600,
                "availability": (
                    (period_seconds - down) / period_seconds * 100 if period_seconds > 0 else None
                ),
                "mttr_hours": sum(restored) / len(restored) / 3600 if restored else None,
                "mtbf_hours": (period_seconds - down) / failures / 3600 if failures else None,
            }
        )
    return rows


def root_causes_ranked(*, start: date, end: date) -> list[dict]:
    """Root causes of the period's incidents, most frequent first (then most hours lost)."""
    period_start, period_end = period_bounds(start, end)
    now = timezone.now()
    totals: dict[str, dict] = {}
    incidents = DowntimeIncident.objects.filter(
        started_at__gte=period_start, started_at__lt=period_end
    )
    for incident in incidents:
        row = totals.setdefault(incident.root_cause, {"incidents": 0, "hours": 0.0})
        row["incidents"] += 1
        row["hours"] += ((incident.ended_at or now) - incident.started_at).total_seconds() / 3600
    labels = dict(RootCause.choices)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1]["incidents"], -kv[1]["hours"], kv[0]))
    return [{"root_cause": labels[key], "key": key, **value} for key, value in ranked]


def incidents_in_period(*, start: date, end: date):
    period_start, period_end = period_bounds(start, end)
    return incidents_with_counts().filter(started_at__gte=period_start, started_at__lt=period_end)


def recommendations_open():
    return ITRecommendation.objects.filter(
        status__in=ITRecommendation.OPEN_STATUSES
    ).select_related("review")


# --- Publications register ---------------------------------------------------------------------


def _outstanding_removals():
    return RemovalTask.objects.filter(confirmed_at__isnull=True)


def register(*, search: str = "", service=None, overdue: bool = False, today=None):
    """Publications with their current version (or none) and count of sites with old stock."""
    today = today or timezone.localdate()
    current = PublicationVersion.objects.filter(
        publication=OuterRef("pk"), withdrawn_at__isnull=True
    )
    obsolete_sites = (
        _outstanding_removals()
        .filter(version__publication=OuterRef("pk"))
        .order_by()
        .values("version__publication")
        .annotate(n=Count("site", distinct=True))
        .values("n")
    )
    publications = (
        Publication.objects.select_related("service")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=PublicationVersion.objects.filter(withdrawn_at__isnull=True),
                to_attr="current_versions",
            )
        )
        .annotate(
            review_on=Subquery(current.values("review_on")[:1]),
            obsolete_sites=Coalesce(Subquery(obsolete_sites, output_field=IntegerField()), 0),
        )
        .order_by("title")
    )
    if search:
        publications = publications.filter(title__icontains=search)
    if service:
        publications = publications.filter(service=service)
    if overdue:
        publications = publications.filter(review_on__lt=today)
    return publications


def publication_detail(*, pk: int) -> Publication:
    return (
        Publication.objects.select_related("service")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=PublicationVersion.objects.select_related("issued_by").prefetch_related(
                    "distribution_points",
                    Prefetch(
                        "removal_tasks",
                        queryset=RemovalTask.objects.select_related("site", "confirmed_by"),
                    ),
                ),
            )
        )
        .get(pk=pk)
    )


def current_publications():
    """What the public publications page lists: every current version, by title."""
    return (
        PublicationVersion.objects.filter(withdrawn_at__isnull=True)
        .select_related("publication__service")
        .order_by("publication__title")
    )


def reviews_due(*, today: date | None = None, within_days: int = 0):
    """Current versions whose review date has passed (or falls within `within_days`)."""
    today = today or timezone.localdate()
    return current_publications().filter(review_on__lte=today + timedelta(days=within_days))


def sites_holding_obsolete_stock():
    """Each site with removals still to confirm, and which withdrawn versions it holds."""
    tasks = _outstanding_removals().select_related("site", "version__publication")
    sites: dict[int, dict] = {}
    for task in tasks.order_by("site__name", "version__publication__title"):
        row = sites.setdefault(task.site_id, {"site": task.site, "versions": []})
        row["versions"].append(task.version)
    return list(sites.values())


def removal_tasks(*, site=None, outstanding: bool = True):
    tasks = RemovalTask.objects.select_related(
        "site", "version__publication", "confirmed_by"
    ).order_by("site__name", "created_at", "pk")
    if site is not None:
        tasks = tasks.filter(site=site)
    if outstanding:
        tasks = tasks.filter(confirmed_at__isnull=True)
    return tasks


# --- Security ----------------------------------------------------------------------------------


def _per_thousand(incidents: int, visitors: int) -> Decimal | None:
    if not visitors:
        return None
    return (Decimal(incidents) * 1000 / Decimal(visitors)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def incident_rate(*, site, start: date, end: date) -> dict:
    """Incidents per thousand visitors at a site over the months from `start` to `end`."""
    period_start, period_end = period_bounds(start, end)
    incidents = SecurityIncident.objects.filter(
        site=site, occurred_at__gte=period_start, occurred_at__lt=period_end
    ).count()
    visitors = (
        VisitorCount.objects.filter(
            site=site, month__gte=start.replace(day=1), month__lte=end
        ).aggregate(total=Sum("visitors"))["total"]
        or 0
    )
    return {
        "incidents": incidents,
        "visitors": visitors,
        "per_thousand": _per_thousand(incidents, visitors),
    }


def incident_rates(*, start: date, end: date) -> list[dict]:
    """Incident rates for every public site with visitors or incidents in the period."""
    period_start, period_end = period_bounds(start, end)
    incidents = dict(
        SecurityIncident.objects.filter(occurred_at__gte=period_start, occurred_at__lt=period_end)
        .values_list("site")
        .annotate(n=Count("pk"))
        .order_by()
    )
    visitors = dict(
        VisitorCount.objects.filter(month__gte=start.replace(day=1), month__lte=end)
        .values_list("site")
        .annotate(n=Sum("visitors"))
        .order_by()
    )
    rows = []
    for site in Site.objects.filter(pk__in={*incidents, *visitors}).order_by("name"):
        found, seen = incidents.get(site.pk, 0), visitors.get(site.pk, 0)
        rows.append(
            {
                "site": site,
                "incidents": found,
                "visitors": seen,
                "per_thousand": _per_thousand(found, seen),
            }
        )
    return rows


def security_incident_list(*, site=None, severity: str = "", police: bool = False):
    incidents = SecurityIncident.objects.select_related("site", "recorded_by").order_by(
        "-occurred_at", "-pk"
    )
    if site:
        incidents = incidents.filter(site=site)
    if severity:
        incidents = incidents.filter(severity=severity)
    if police:
        incidents = incidents.filter(police_involved=True)
    return incidents


def assessments(*, start: date | None = None, end: date | None = None):
    found = SecurityAssessment.objects.select_related("site", "assessed_by")
    if start:
        found = found.filter(period_end__gte=start)
    if end:
        found = found.filter(period_start__lte=end)
    return found


def centres():
    return Site.objects.filter(is_public=True).order_by("name")


# --- Safety warnings ---------------------------------------------------------------------------


def active_safety_warnings(*, customer, today: date | None = None):
    """A customer's warnings still in force: not expired and not past their review date."""
    today = today or timezone.localdate()
    return SafetyWarning.objects.filter(
        customer=customer, expired_at__isnull=True, review_on__gte=today
    ).order_by("review_on", "pk")


def safety_warning_list(*, state: str = "", today: date | None = None):
    today = today or timezone.localdate()
    warnings = SafetyWarning.objects.select_related("customer", "recorded_by").annotate(
        views=Count("access_log")
    )
    if state == "active":
        warnings = warnings.filter(expired_at__isnull=True, review_on__gte=today)
    elif state == "expired":
        warnings = warnings.filter(Q(expired_at__isnull=False) | Q(review_on__lt=today))
    elif state == "due":
        warnings = warnings.filter(
            expired_at__isnull=True, review_on__gte=today, review_on__lte=today + timedelta(30)
        )
    return warnings.order_by("review_on", "pk")
