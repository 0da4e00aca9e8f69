"""Reads of training, qualifications, placements and the strategy, shaped for pages."""

import datetime
from collections import OrderedDict

from dateutil.relativedelta import relativedelta
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import (
    ActionStatus,
    Booking,
    Course,
    Enrolment,
    FloorEvent,
    FollowUpAction,
    ModuleResult,
    Objective,
    Observation,
    Placement,
    StrategyAction,
    TrainingRecord,
    TrainingSession,
)
from .services import level_modules


def course_list(*, search: str = "", coordinated: str = "") -> QuerySet[Course]:
    """Courses with their required and completed counts (no N+1 on the list)."""
    courses = Course.objects.select_related("service_version__service").annotate(
        required_count=Count("records", filter=Q(records__required=True)),
        completed_count=Count("records", filter=Q(records__completed_on__isnull=False)),
    )
    if search:
        courses = courses.filter(title__icontains=search)
    if coordinated == "yes":
        courses = courses.filter(service_version__isnull=False)
    elif coordinated == "no":
        courses = courses.filter(service_version__isnull=True)
    return courses.order_by("-created_at", "-pk")


def course_sessions(*, course: Course) -> QuerySet[TrainingSession]:
    return course.sessions.annotate(booked=Count("bookings")).order_by("starts_at")


def bookable_sessions(
    *, person, now: datetime.datetime | None = None, search: str = ""
) -> QuerySet[TrainingSession]:
    """Sessions not yet started, with places booked and whether this person is booked."""
    now = now or timezone.now()
    sessions = (
        TrainingSession.objects.filter(starts_at__gt=now)
        .select_related("course")
        .annotate(
            booked=Count("bookings"),
            mine=Count("bookings", filter=Q(bookings__person=person)),
        )
    )
    if search:
        sessions = sessions.filter(course__title__icontains=search)
    return sessions.order_by("starts_at", "pk")


def session_bookings(*, session: TrainingSession) -> QuerySet[Booking]:
    return session.bookings.select_related("person").order_by("person__full_name")


def _group_label(person) -> str:
    team = person.team
    if team is None:
        return "No team"
    if team.department_id:
        return f"{team.department.name} (client service)"
    return f"Customer Services: {team.name}"


def course_matrix(*, course: Course, today: datetime.date | None = None) -> dict:
    """Who has completed a course and who has not, grouped by team and department.

    A fixed number of queries whatever the number of people.
    """
    today = today or timezone.localdate()
    records = list(
        TrainingRecord.objects.filter(course=course)
        .select_related("person__team__site", "person__team__department")
        .order_by("person__full_name")
    )
    groups: OrderedDict[str, dict] = OrderedDict()
    for record in sorted(records, key=lambda r: (_group_label(r.person), r.person.full_name)):
        label = _group_label(record.person)
        group = groups.setdefault(label, {"label": label, "people": [], "completed": 0})
        record.overdue = (
            record.completed_on is None and course.deadline is not None and course.deadline < today
        )
        group["people"].append(record)
        group["completed"] += record.completed_on is not None
    for group in groups.values():
        group["total"] = len(group["people"])
        group["outstanding"] = group["total"] - group["completed"]
    return {
        "groups": list(groups.values()),
        "total": len(records),
        "completed": sum(r.completed_on is not None for r in records),
        "overdue": sum(r.overdue for r in records),
    }


def person_training(*, person) -> dict:
    """A person's own training: courses they must or did take, and their bookings."""
    return {
        "records": TrainingRecord.objects.filter(person=person)
        .select_related("course")
        .order_by("completed_on", "course__deadline"),
        "bookings": Booking.objects.filter(person=person)
        .select_related("session__course")
        .order_by("-session__starts_at"),
    }


def refreshers_due(*, today: datetime.date, within_days: int = 60) -> QuerySet[TrainingRecord]:
    """Completed training whose refresher is due within the next `within_days` days (or past)."""
    return (
        TrainingRecord.objects.filter(
            expires_on__isnull=False, expires_on__lte=today + datetime.timedelta(days=within_days)
        )
        .select_related("course", "person")
        .order_by("expires_on")
    )


def coordinated_summary(
    *, start: datetime.date, end: datetime.date, today: datetime.date
) -> list[dict]:
    """Coordinated courses opened in a period with their completion and overdue counts."""
    courses = (
        Course.objects.filter(
            service_version__isnull=False,
            created_at__date__gte=start,
            created_at__date__lte=end,
        )
        .annotate(
            required_count=Count("records", filter=Q(records__required=True)),
            completed_count=Count(
                "records", filter=Q(records__required=True, records__completed_on__isnull=False)
            ),
            overdue_count=Count(
                "records",
                filter=Q(
                    records__required=True,
                    records__completed_on__isnull=True,
                    deadline__lt=today,
                ),
            ),
        )
        .order_by("created_at")
    )
    return [
        {
            "title": c.title,
            "deadline": c.deadline,
            "required": c.required_count,
            "completed": c.completed_count,
            "overdue": c.overdue_count,
        }
        for c in courses
    ]


# --- Qualifications -------------------------------------------------------------------------


def enrolment_list(*, person=None, programme=None, status: str = "") -> QuerySet[Enrolment]:
    """Enrolments with person, level and passed-module count loaded up front."""
    enrolments = Enrolment.objects.select_related("person__team", "level__programme").annotate(
        passed_count=Count("results", filter=Q(results__passed=True))
    )
    if person is not None:
        enrolments = enrolments.filter(person=person)
    if programme is not None:
        enrolments = enrolments.filter(level__programme=programme)
    if status == "complete":
        enrolments = enrolments.filter(completed_on__isnull=False)
    elif status == "in_progress":
        enrolments = enrolments.filter(completed_on__isnull=True)
    return enrolments.order_by("-started_on", "person__full_name")


def enrolment_progress(*, enrolment: Enrolment, today: datetime.date | None = None) -> dict:
    """Each module needed with its result, and time used against the programme's months."""
    today = today or timezone.localdate()
    results = {r.module_id: r for r in ModuleResult.objects.filter(enrolment=enrolment)}
    modules = list(level_modules(enrolment.level).select_related("unit").order_by("number"))
    programme = enrolment.level.programme
    due = enrolment.started_on + relativedelta(months=programme.duration_months)
    delta = relativedelta(min(today, due), enrolment.started_on)
    months_used = max(0, delta.years * 12 + delta.months)
    passed = sum(1 for m in modules if m.pk in results and results[m.pk].passed)
    return {
        "modules": [{"module": m, "result": results.get(m.pk)} for m in modules],
        "passed": passed,
        "needed": len(modules),
        "months_used": months_used,
        "duration_months": programme.duration_months,
        "due_on": due,
        "behind": enrolment.completed_on is None and today > due,
    }


# --- Back to the floor ----------------------------------------------------------------------


def floor_event_list() -> QuerySet[FloorEvent]:
    return FloorEvent.objects.annotate(placement_count=Count("placements")).order_by("-starts_on")


def placement_schedule_for(*, event: FloorEvent, user) -> QuerySet[Placement]:
    """The schedule a person may see: everyone's for managers and the head of service, only
    their own placements for a councillor or senior officer."""
    if user.has_perm("workforce.view_all_placements"):
        return placement_schedule(event=event)
    return placement_schedule(event=event, participant=user)


def placement_schedule(*, event: FloorEvent, participant=None) -> QuerySet[Placement]:
    """The event's placements in time order, with observations and actions loaded."""
    placements = event.placements.select_related(
        "participant", "service", "team__site"
    ).prefetch_related(
        Prefetch(
            "observations",
            queryset=Observation.objects.prefetch_related("actions__owner"),
        )
    )
    if participant is not None:
        placements = placements.filter(participant=participant)
    return placements.order_by("starts_at")


def observation_posts(*, event: FloorEvent) -> QuerySet[Observation]:
    """Observations with a public post, for the communications unit to publish."""
    return (
        Observation.objects.filter(placement__event=event)
        .exclude(public_post="")
        .select_related("placement__participant", "placement__service", "placement__team__site")
        .order_by("placement__starts_at", "recorded_at")
    )


# --- Customer focus strategy ----------------------------------------------------------------


def owned_actions(*, owner, today: datetime.date | None = None) -> dict:
    """A person's follow-up and strategy actions, open ones first, with overdue flags."""
    today = today or timezone.localdate()
    follow_ups = list(
        FollowUpAction.objects.filter(owner=owner)
        .select_related("observation__placement__event")
        .order_by(F("done_on").asc(nulls_first=True), "due_on", "pk")
    )
    strategy = list(
        StrategyAction.objects.filter(owner=owner)
        .select_related("objective")
        .order_by(F("done_on").asc(nulls_first=True), "due_on", "pk")
    )
    for action in [*follow_ups, *strategy]:
        action.overdue = action.is_overdue(today)
    return {
        "follow_ups": follow_ups,
        "strategy_actions": strategy,
        "open": sum(a.is_open for a in [*follow_ups, *strategy]),
        "overdue": sum(a.overdue for a in [*follow_ups, *strategy]),
    }


def strategy_objectives() -> QuerySet[Objective]:
    return Objective.objects.prefetch_related(
        Prefetch(
            "actions",
            queryset=StrategyAction.objects.select_related("owner").prefetch_related("evidence"),
        )
    )


def strategy_status(*, today: datetime.date | None = None) -> dict:
    """The one-page status: actions by status and the overdue ones."""
    today = today or timezone.localdate()
    counts = dict(
        StrategyAction.objects.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    overdue = (
        StrategyAction.objects.filter(due_on__lt=today)
        .exclude(status=ActionStatus.DONE)
        .select_related("owner", "objective")
        .order_by("due_on")
    )
    return {
        "counts": [
            {"status": status, "label": status.label, "count": counts.get(status.value, 0)}
            for status in ActionStatus
        ],
        "total": sum(counts.values()),
        "overdue": list(overdue),
    }


def qualification_progress_rows() -> list[list]:
    """Per programme level: people enrolled, completed, and modules passed in all."""
    levels = (
        Enrolment.objects.values("level__programme__name", "level__name")
        .annotate(
            enrolled=Count("pk", distinct=True),
            completed=Count("pk", filter=Q(completed_on__isnull=False), distinct=True),
            passed=Count("results", filter=Q(results__passed=True)),
        )
        .order_by("level__programme__name", "level__name")
    )
    return [
        [
            f"{row['level__programme__name']}: {row['level__name']}",
            row["enrolled"],
            row["completed"],
            row["passed"],
        ]
        for row in levels
    ]
