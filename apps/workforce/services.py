"""Every write to training, qualifications, back to the floor and the strategy."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.catalogue.models import ChangeType, ServiceVersion
from apps.core.calendar import add_working_days
from apps.core.notifications import notify

from .models import (
    ActionStatus,
    Booking,
    Course,
    CpdRecord,
    Enrolment,
    EvidenceLink,
    FloorEvent,
    FollowUpAction,
    Membership,
    Module,
    ModuleResult,
    Objective,
    Observation,
    Placement,
    ProgrammeLevel,
    StrategyAction,
    TrainingRecord,
    TrainingSession,
)

COORDINATED_CHANGES = {ChangeType.NEW_SERVICE, ChangeType.LEGISLATION_CHANGE}


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


def deadline_working_days() -> int:
    return int(getattr(settings, "WORKFORCE_TRAINING_DEADLINE_WORKING_DAYS", 20))


# --- Training -------------------------------------------------------------------------------


@transaction.atomic
def course_create(
    *,
    title: str,
    description: str = "",
    validity_months: int | None = None,
    deadline: datetime.date | None = None,
) -> Course:
    """A new course (not tied to a service change)."""
    return _save(
        Course(
            title=title, description=description, validity_months=validity_months, deadline=deadline
        )
    )


def coordinated_training_people(*, version: ServiceVersion):
    """Who must take the training for a service change.

    The rule: every active customer service advisor (the catalogue does not say which advisor
    teams handle a service, and any advisor can take the call), together with the active
    client service officers whose team belongs to the department that owns the service.
    """
    advisors = User.objects.filter(is_active=True, groups__name=Role.ADVISOR.label)
    officers = User.objects.filter(
        is_active=True,
        groups__name=Role.CLIENT_SERVICE_OFFICER.label,
        team__department_id=version.service.department_id,
    )
    return (advisors | officers).distinct().order_by("pk")


@transaction.atomic
def coordinated_training_open(
    *, version: ServiceVersion, today: datetime.date | None = None
) -> Course | None:
    """Open one coordinated training need for a new service or a legislation change.

    Routine changes open nothing, nor do services loaded by the system rather than changed by
    a member of staff (the demo council's catalogue, an import); a version opens at most one
    course. The deadline is the configured number of working days (20 unless set) after today.
    """
    if version.change_type not in COORDINATED_CHANGES or version.changed_by_id is None:
        return None
    if Course.objects.filter(service_version=version).exists():
        return Course.objects.get(service_version=version)
    today = today or timezone.localdate()
    service = version.service
    course = _save(
        Course(
            title=_("%(service)s: %(change)s")
            % {"service": service.name, "change": ChangeType(version.change_type).label},
            description=version.change_summary,
            service_version=version,
            deadline=add_working_days(today, deadline_working_days(), settings.COUNCIL_NATION),
        )
    )
    TrainingRecord.objects.bulk_create(
        TrainingRecord(course=course, person=person, required=True)
        for person in coordinated_training_people(version=version)
    )
    return course


@transaction.atomic
def session_create(
    *,
    course: Course,
    starts_at: datetime.datetime,
    trainer: str,
    capacity: int,
    place: str = "",
    online: bool = False,
) -> TrainingSession:
    """A session of a course: in a place or online, with a trainer and a number of places."""
    return _save(
        TrainingSession(
            course=course,
            starts_at=starts_at,
            trainer=trainer,
            capacity=capacity,
            place=place,
            online=online,
        )
    )


@transaction.atomic
def booking_create(*, session: TrainingSession, person: User) -> Booking:
    """Book a person on a session; refused when every place is taken or they are booked."""
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if Booking.objects.filter(session=session, person=person).exists():
        raise ValidationError(
            _("%(name)s is already booked on this session") % {"name": person.full_name}
        )
    if Booking.objects.filter(session=session).count() >= session.capacity:
        raise ValidationError(_("This session is full: choose another session"), code="full")
    return _save(Booking(session=session, person=person))


@transaction.atomic
def booking_book_self(
    *, session: TrainingSession, person: User, now: datetime.datetime | None = None
) -> Booking:
    """An advisor or client service officer books themselves onto a session not yet started.

    Refused, like any booking, when the session is full or they are already booked.
    """
    now = now or timezone.now()
    if session.starts_at <= now:
        raise ValidationError(_("This session has started: choose a later session"), code="started")
    return booking_create(session=session, person=person)


@transaction.atomic
def booking_cancel(*, booking: Booking, person: User, now: datetime.datetime | None = None) -> None:
    """A person cancels their own booking, up to the start of the session."""
    now = now or timezone.now()
    booking = Booking.objects.select_for_update().select_related("session").get(pk=booking.pk)
    if booking.person_id != person.pk:
        raise ValidationError(_("You can cancel only your own booking"), code="not_own")
    if booking.session.starts_at <= now:
        raise ValidationError(
            _("The session has started, so the booking can no longer be cancelled"),
            code="started",
        )
    booking.delete()


@transaction.atomic
def course_update(
    *,
    course: Course,
    title: str,
    description: str = "",
    validity_months: int | None = None,
    deadline: datetime.date | None = None,
) -> Course:
    """Change a course's title, description, validity or deadline."""
    course.title, course.description = title, description
    course.validity_months, course.deadline = validity_months, deadline
    return _save(course)


@transaction.atomic
def training_complete(
    *, course: Course, person: User, completed_on: datetime.date, recorded_by: User
) -> TrainingRecord:
    """Record that a person completed a course; the refresher falls due after its validity."""
    if completed_on > timezone.localdate():
        raise ValidationError(
            {"completed_on": _("The date of completion must be today or in the past")}
        )
    record, _created = TrainingRecord.objects.select_for_update().get_or_create(
        course=course, person=person
    )
    record.completed_on = completed_on
    record.expires_on = (
        completed_on + relativedelta(months=course.validity_months)
        if course.validity_months
        else None
    )
    record.recorded_by = recorded_by
    return _save(record)


@transaction.atomic
def booking_record_attendance(*, booking: Booking, attended: bool, recorded_by: User) -> Booking:
    """Record attendance; attending completes the course on the day of the session."""
    booking.attended = attended
    _save(booking)
    if attended:
        day = timezone.localdate(booking.session.starts_at)
        training_complete(
            course=booking.session.course,
            person=booking.person,
            completed_on=min(day, timezone.localdate()),
            recorded_by=recorded_by,
        )
    return booking


@transaction.atomic
def training_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind, once a day, each person whose required coordinated training is overdue."""
    today = today or timezone.localdate()
    overdue = (
        TrainingRecord.objects.select_for_update()
        .filter(required=True, completed_on__isnull=True, course__deadline__lt=today)
        .exclude(last_reminded_on=today)
        .select_related("course", "person")
    )
    sent = 0
    for record in overdue:
        if not record.person.is_active:
            continue
        notify(
            channel="email",
            to=record.person.email,
            subject=_("Training overdue: %(course)s") % {"course": record.course.title},
            body=_(
                "Dear %(name)s,\n\nThe training %(course)s was due by %(deadline)s and is not "
                "yet recorded as complete. Please book a session or speak to your team manager."
            )
            % {
                "name": record.person.full_name,
                "course": record.course.title,
                "deadline": record.course.deadline.strftime("%-d %B %Y"),
            },
            purpose="training_overdue",
        )
        record.last_reminded_on = today
        record.save(update_fields=["last_reminded_on"])
        sent += 1
    return sent


# --- Qualifications -------------------------------------------------------------------------


@transaction.atomic
def enrolment_create(
    *, person: User, level: ProgrammeLevel, started_on: datetime.date
) -> Enrolment:
    """Enrol a person on a level of a programme (once per level)."""
    if Enrolment.objects.filter(person=person, level=level).exists():
        raise ValidationError(
            _("%(name)s is already enrolled on this level") % {"name": person.full_name}
        )
    return _save(Enrolment(person=person, level=level, started_on=started_on))


def level_modules(level: ProgrammeLevel):
    """The modules a level needs: those named on it, or every module of the programme."""
    modules = level.modules.all()
    if modules.exists():
        return modules
    return Module.objects.filter(unit__programme_id=level.programme_id)


def score_passes(*, score: Decimal, pass_mark: Decimal) -> bool:
    """A module is passed by a score strictly above the pass mark (70 fails, 70.5 passes)."""
    return Decimal(score) > Decimal(pass_mark)


@transaction.atomic
def module_result_record(
    *, enrolment: Enrolment, module: Module, score: Decimal, assessed_on: datetime.date
) -> ModuleResult:
    """Record (or correct) a module's score; completes the enrolment when all are passed."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("level__programme")
        .get(pk=enrolment.pk)
    )
    programme = enrolment.level.programme
    if module.unit.programme_id != programme.pk:
        raise ValidationError({"module": _("This module is not part of the programme")})
    result = ModuleResult.objects.filter(
        enrolment=enrolment, module=module
    ).first() or ModuleResult(enrolment=enrolment, module=module)
    result.score = score
    result.assessed_on = assessed_on
    result.passed = score_passes(score=score, pass_mark=programme.pass_mark)
    _save(result)
    needed = set(level_modules(enrolment.level).values_list("pk", flat=True))
    passed = dict(enrolment.results.filter(passed=True).values_list("module_id", "assessed_on"))
    if needed and needed <= passed.keys():
        enrolment.completed_on = max(passed[m] for m in needed)
    else:
        enrolment.completed_on = None
    _save(enrolment)
    return result


@transaction.atomic
def enrolment_record_certificate(
    *, enrolment: Enrolment, certificate_number: str, certificate_date: datetime.date
) -> Enrolment:
    """Record the certificate; only a completed enrolment has one."""
    if enrolment.completed_on is None:
        raise ValidationError(
            _("The qualification is not complete: every module must be passed first")
        )
    enrolment.certificate_number = certificate_number
    enrolment.certificate_date = certificate_date
    return _save(enrolment)


@transaction.atomic
def membership_set(
    *, person: User, level: str, number: str, renewal_date: datetime.date
) -> Membership:
    """A person's Institute of Customer Service membership (one each, replaced when renewed)."""
    membership = Membership.objects.filter(person=person).first() or Membership(person=person)
    membership.level, membership.number, membership.renewal_date = level, number, renewal_date
    return _save(membership)


@transaction.atomic
def cpd_record_add(
    *, person: User, date: datetime.date, activity: str, hours: Decimal
) -> CpdRecord:
    """A CPD activity a person did."""
    return _save(CpdRecord(person=person, date=date, activity=activity, hours=hours))


# --- Back to the floor ----------------------------------------------------------------------


@transaction.atomic
def floor_event_create(
    *, name: str, starts_on: datetime.date, ends_on: datetime.date, hashtag: str = ""
) -> FloorEvent:
    """A back-to-the-floor event."""
    return _save(FloorEvent(name=name, starts_on=starts_on, ends_on=ends_on, hashtag=hashtag))


@transaction.atomic
def placement_create(
    *,
    event: FloorEvent,
    host: str,
    starts_at,
    ends_at,
    participant=None,
    participant_name: str = "",
    service=None,
    team=None,
) -> Placement:
    """A placement: a councillor or senior officer (or named person) with a service or team."""
    if participant is None and not participant_name:
        raise ValidationError(
            {"participant": _("Select the councillor or senior officer, or enter a name")}
        )
    if service is None and team is None:
        raise ValidationError({"team": _("Select the service or the team they join")})
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start")})
    if starts_at and not (event.starts_on <= timezone.localdate(starts_at) <= event.ends_on):
        raise ValidationError({"starts_at": _("The placement must be during the event")})
    return _save(
        Placement(
            event=event,
            participant=participant,
            participant_name=participant_name,
            service=service,
            team=team,
            starts_at=starts_at,
            ends_at=ends_at,
            host=host,
        )
    )


@transaction.atomic
def observation_record(
    *,
    placement: Placement,
    recorded_by: User,
    good_practice: str = "",
    problems: str = "",
    public_post: str = "",
    hashtag: str = "",
) -> Observation:
    """What the participant saw; the event's hashtag is used when none is given."""
    if not (good_practice or problems):
        raise ValidationError(
            {"good_practice": _("Enter the good practice seen or the problems found")}
        )
    hashtag = (hashtag or placement.event.hashtag).strip()
    if hashtag and not hashtag.startswith("#"):
        hashtag = "#" + hashtag
    return _save(
        Observation(
            placement=placement,
            recorded_by=recorded_by,
            good_practice=good_practice,
            problems=problems,
            public_post=public_post,
            hashtag=hashtag,
        )
    )


@transaction.atomic
def follow_up_add(
    *, observation: Observation, description: str, owner: User, due_on: datetime.date | None = None
) -> FollowUpAction:
    """A follow-up action from an observation, with its owner."""
    return _save(
        FollowUpAction(observation=observation, description=description, owner=owner, due_on=due_on)
    )


def _check_done_on(done_on: datetime.date) -> None:
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The date it was done must be today or in the past")})


def can_complete_follow_up(*, action: FollowUpAction, user: User) -> bool:
    """The action's owner, or whoever arranges placements, marks it done."""
    return action.owner_id == user.pk or user.has_perm("workforce.manage_placements")


def can_complete_strategy_action(*, action: StrategyAction, user: User) -> bool:
    """The action's owner, or whoever manages the strategy, marks it done."""
    return action.owner_id == user.pk or user.has_perm("workforce.manage_strategy")


@transaction.atomic
def follow_up_complete(
    *, action: FollowUpAction, done_on: datetime.date, by: User
) -> FollowUpAction:
    """Mark a follow-up action done on a date (its owner or a manager)."""
    if not can_complete_follow_up(action=action, user=by):
        raise ValidationError(_("Only the owner or a manager can mark this action done"))
    _check_done_on(done_on)
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    action.done_on = done_on
    return _save(action)


@transaction.atomic
def floor_event_update(
    *,
    event: FloorEvent,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    hashtag: str = "",
) -> FloorEvent:
    """Change an event; its placements must still fall within its days."""
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day must be on or after the first day")})
    outside = [
        p
        for p in event.placements.all()
        if not (starts_on <= timezone.localdate(p.starts_at) <= ends_on)
    ]
    if outside:
        raise ValidationError(
            _("%(count)s placements would fall outside the event: move them first")
            % {"count": len(outside)}
        )
    event.name, event.starts_on, event.ends_on, event.hashtag = name, starts_on, ends_on, hashtag
    return _save(event)


# --- Customer focus strategy ----------------------------------------------------------------


@transaction.atomic
def objective_update(
    *, objective: Objective, number: int, title: str, description: str = ""
) -> Objective:
    """Change an objective's number, title or description (numbers stay unique)."""
    objective.number, objective.title, objective.description = number, title, description
    return _save(objective)


@transaction.atomic
def strategy_action_complete(
    *, action: StrategyAction, done_on: datetime.date, by: User
) -> StrategyAction:
    """Mark a strategy action done on a date (its owner or a manager): done is 100 per cent."""
    if not can_complete_strategy_action(action=action, user=by):
        raise ValidationError(_("Only the owner or a manager can mark this action done"))
    _check_done_on(done_on)
    action = StrategyAction.objects.select_for_update().get(pk=action.pk)
    action.status, action.percent_complete, action.done_on = ActionStatus.DONE, 100, done_on
    return _save(action)


@transaction.atomic
def objective_create(*, number: int, title: str, description: str = "") -> Objective:
    """An objective of the customer focus strategy."""
    return _save(Objective(number=number, title=title, description=description))


@transaction.atomic
def strategy_action_create(
    *,
    objective: Objective,
    title: str,
    owner: User,
    due_on: datetime.date,
    start_on: datetime.date | None = None,
) -> StrategyAction:
    """An action under an objective, with its owner and dates."""
    if start_on and due_on < start_on:
        raise ValidationError({"due_on": _("The due date must be on or after the start")})
    return _save(
        StrategyAction(
            objective=objective, title=title, owner=owner, due_on=due_on, start_on=start_on
        )
    )


@transaction.atomic
def strategy_action_update(
    *, action: StrategyAction, status: str, percent_complete: int
) -> StrategyAction:
    """Progress on an action; done means 100 per cent."""
    if status == ActionStatus.DONE:
        percent_complete = 100
        action.done_on = action.done_on or timezone.localdate()
    else:
        action.done_on = None
    action.status, action.percent_complete = status, percent_complete
    return _save(action)


@transaction.atomic
def evidence_link_add(*, action: StrategyAction, title: str, path: str) -> EvidenceLink:
    """Link an action to its evidence elsewhere in firstpoint (a path this site answers)."""
    return _save(EvidenceLink(action=action, title=title, path=path))
