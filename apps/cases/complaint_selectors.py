"""Reads for complaints: the list with its flags, one record, and the report's figures."""

import datetime
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.core.calendar import add_working_days

from .complaints_models import (
    Complaint,
    ComplaintStatus,
    FeedbackKind,
    LearningAction,
    Outcome,
    ReceivedChannel,
    Theme,
)
from .services import user_department_id

DUE_SOON_WORKING_DAYS = 2


def _nation() -> str:
    return getattr(settings, "COUNCIL_NATION", "england-and-wales")


def due_soon_horizon(today: datetime.date) -> datetime.date:
    return add_working_days(today, DUE_SOON_WORKING_DAYS, _nation())


def _overdue_q(today: datetime.date) -> Q:
    return Q(status=ComplaintStatus.OPEN) & (
        Q(stage=1, stage_1_due__lt=today) | Q(stage=2, stage_2_due__lt=today)
    )


def _due_soon_q(today: datetime.date) -> Q:
    horizon = due_soon_horizon(today)
    return Q(status=ComplaintStatus.OPEN) & (
        Q(stage=1, stage_1_due__gte=today, stage_1_due__lte=horizon)
        | Q(stage=2, stage_2_due__gte=today, stage_2_due__lte=horizon)
    )


def complaint_flag(complaint: Complaint, today: datetime.date) -> str:
    """ "overdue", "due_soon" or "" for a complaint awaiting a response at its stage."""
    if complaint.status != ComplaintStatus.OPEN or complaint.response_due is None:
        return ""
    if complaint.response_due < today:
        return "overdue"
    if complaint.response_due <= due_soon_horizon(today):
        return "due_soon"
    return ""


def complaints_visible_to(user) -> QuerySet[Complaint]:
    """Every record for managers; only their own department's for a client service officer."""
    records = Complaint.objects.select_related("service", "department", "customer", "staff_named")
    own = user_department_id(user)
    if own is not None:
        records = records.filter(department_id=own)
    return records


def complaint_list(
    *,
    user,
    kind: str = "",
    stage: int | str | None = None,
    status: str = "",
    service=None,
    flag: str = "",
    search: str = "",
    today: datetime.date | None = None,
) -> QuerySet[Complaint]:
    """Records the user may see, filtered as the list page asks, newest first."""
    today = today or timezone.localdate()
    records = complaints_visible_to(user)
    if kind:
        records = records.filter(kind=kind)
    if stage:
        records = records.filter(stage=int(stage))
    if status:
        records = records.filter(status=status)
    if service is not None:
        records = records.filter(service=service)
    if flag == "overdue":
        records = records.filter(_overdue_q(today))
    elif flag == "due_soon":
        records = records.filter(_due_soon_q(today))
    if search:
        records = records.filter(
            Q(reference__iexact=search.strip()) | Q(summary__icontains=search.strip())
        )
    return records.order_by("-received_on", "-id")


def complaint_detail(*, user, reference: str) -> Complaint | None:
    return (
        complaints_visible_to(user)
        .select_related("contact", "feedback", "recorded_by")
        .prefetch_related("remedies", "learning_actions__owner")
        .filter(reference=reference)
        .first()
    )


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _on_time(rows, done_key: str, due_key: str, today: datetime.date) -> dict:
    """Of the rows whose deadline has passed or that were done: how many were on time."""
    met = missed = 0
    for row in rows:
        due, done = row[due_key], row[done_key]
        if due is None:
            continue
        if done is not None:
            if done <= due:
                met += 1
            else:
                missed += 1
        elif due < today:
            missed += 1
    return {"met": met, "missed": missed, "rate": _percent(met, met + missed)}


def complaint_report(
    *,
    date_from: datetime.date,
    date_to: datetime.date,
    service=None,
    channel: str = "",
    today: datetime.date | None = None,
) -> dict:
    """Volumes, timeliness per stage, outcomes and themes by service and channel, and
    learning actions, for records received from date_from to date_to inclusive.

    Timeliness counts a stage as late when it was acknowledged or answered after its
    deadline, or is still waiting after it."""
    today = today or timezone.localdate()
    records = Complaint.objects.filter(received_on__gte=date_from, received_on__lte=date_to)
    if service is not None:
        records = records.filter(service=service)
    if channel:
        records = records.filter(channel=channel)
    rows = list(
        records.values(
            "id",
            "kind",
            "channel",
            "stage",
            "status",
            "outcome",
            "themes",
            "service__name",
            "stage_1_acknowledge_due",
            "stage_1_acknowledged_on",
            "stage_1_due",
            "stage_1_responded_on",
            "stage_2_acknowledge_due",
            "stage_2_acknowledged_on",
            "stage_2_due",
            "stage_2_responded_on",
            "ombudsman_referred_on",
        )
    )
    complaints = [r for r in rows if r["kind"] == FeedbackKind.COMPLAINT]
    stage_2 = [r for r in complaints if r["stage"] == 2]
    volumes = Counter(r["kind"] for r in rows)
    channel_labels = dict(ReceivedChannel.choices)
    theme_labels = dict(Theme.choices)
    outcomes_by_service: dict[str, Counter] = defaultdict(Counter)
    outcomes_by_channel: dict[str, Counter] = defaultdict(Counter)
    themes_by_service: dict[str, Counter] = defaultdict(Counter)
    themes_by_channel: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        service_name = r["service__name"] or "Not known"
        channel_name = str(channel_labels.get(r["channel"], r["channel"]))
        if r["kind"] == FeedbackKind.COMPLAINT and r["outcome"]:
            outcomes_by_service[service_name][r["outcome"]] += 1
            outcomes_by_channel[channel_name][r["outcome"]] += 1
        for theme in r["themes"] or []:
            label = str(theme_labels.get(theme, theme))
            themes_by_service[service_name][label] += 1
            themes_by_channel[channel_name][label] += 1
    actions = LearningAction.objects.filter(complaint_id__in=[r["id"] for r in complaints])
    action_counts = Counter(actions.values_list("status", flat=True))
    overdue_actions = actions.filter(status=LearningAction.Status.OPEN, due_on__lt=today).count()

    def outcome_rows(grouped):
        return [
            {
                "name": name,
                **{o: counts.get(o, 0) for o in Outcome.values},
                "total": sum(counts.values()),
            }
            for name, counts in sorted(grouped.items())
        ]

    def theme_rows(grouped):
        return [
            {"name": name, "theme": theme, "count": count}
            for name, counts in sorted(grouped.items())
            for theme, count in counts.most_common()
        ]

    return {
        "date_from": date_from,
        "date_to": date_to,
        "volumes": {kind: volumes.get(kind, 0) for kind in FeedbackKind.values},
        "total": len(rows),
        "stage_2": len(stage_2),
        "ombudsman": sum(1 for r in complaints if r["ombudsman_referred_on"]),
        "timeliness": {
            "acknowledged_stage_1": _on_time(
                complaints, "stage_1_acknowledged_on", "stage_1_acknowledge_due", today
            ),
            "responded_stage_1": _on_time(complaints, "stage_1_responded_on", "stage_1_due", today),
            "acknowledged_stage_2": _on_time(
                stage_2, "stage_2_acknowledged_on", "stage_2_acknowledge_due", today
            ),
            "responded_stage_2": _on_time(stage_2, "stage_2_responded_on", "stage_2_due", today),
        },
        "outcomes": {o: sum(1 for r in complaints if r["outcome"] == o) for o in Outcome.values},
        "outcomes_by_service": outcome_rows(outcomes_by_service),
        "outcomes_by_channel": outcome_rows(outcomes_by_channel),
        "themes_by_service": theme_rows(themes_by_service),
        "themes_by_channel": theme_rows(themes_by_channel),
        "learning_actions": {
            "open": action_counts.get(LearningAction.Status.OPEN, 0),
            "closed": action_counts.get(LearningAction.Status.CLOSED, 0),
            "overdue": overdue_actions,
        },
    }


def staff_for_choice() -> QuerySet:
    from apps.accounts.models import User

    return User.objects.filter(is_active=True).order_by("full_name")


def complaints_timeliness_percent(
    *, date_from: datetime.date, date_to: datetime.date
) -> float | None:
    """Share of complaint responses (stage 1 and stage 2) given by their deadline, for
    complaints received in the period, as a percentage; None when none has fallen due."""
    today = timezone.localdate()
    rows = list(
        Complaint.objects.filter(
            kind=FeedbackKind.COMPLAINT, received_on__gte=date_from, received_on__lte=date_to
        ).values("stage_1_due", "stage_1_responded_on", "stage_2_due", "stage_2_responded_on")
    )
    first = _on_time(rows, "stage_1_responded_on", "stage_1_due", today)
    second = _on_time(rows, "stage_2_responded_on", "stage_2_due", today)
    met, due = (
        first["met"] + second["met"],
        first["met"] + first["missed"] + second["met"] + second["missed"],
    )
    return None if due == 0 else 100 * met / due
