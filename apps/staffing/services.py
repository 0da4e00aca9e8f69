"""Every write in staffing: roster imports and savings scenarios."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from .models import RosterImport, RosterShift, SavingsScenario
from .roster import parse_roster


@transaction.atomic
def roster_import(*, imported_by, filename: str, content: bytes) -> RosterImport:
    """Import a roster file whole or not at all: any faulty row rejects the file, naming
    every fault by line and column. The file's shifts replace those already held for the
    same dates and queues, so importing a corrected roster never counts advisors twice."""
    rows, errors = parse_roster(content)
    if errors:
        raise ValidationError([str(e) for e in errors])
    covered = {(row.date, row.queue) for row in rows}
    replace = Q(pk__in=[])
    for day, queue in covered:
        replace |= Q(date=day, queue=queue)
    old = RosterShift.objects.filter(replace)
    replaced = old.count()
    old.delete()
    record = RosterImport(
        filename=filename[:255] or "roster.csv",
        imported_by=imported_by,
        shift_count=len(rows),
        replaced_count=replaced,
    )
    record.full_clean()
    record.save()
    shifts = [
        RosterShift(
            roster_import=record,
            date=row.date,
            start_time=row.start_time,
            end_time=row.end_time,
            advisor_email=row.advisor_email,
            advisors=row.advisors,
            queue=row.queue,
        )
        for row in rows
    ]
    for shift in shifts[:1]:
        shift.full_clean(exclude=["roster_import"])
    RosterShift.objects.bulk_create(shifts, batch_size=2000)
    return record


SCENARIO_FIELDS = [
    "name",
    "description",
    "first_year",
    "calls_per_year",
    "aht_seconds",
    "current_fte",
    "shrinkage_percent",
    "opening_hours_per_week",
    "fte_hours_per_week",
    "patience_seconds",
    "cost_per_fte",
    "target_service_level_percent",
    "target_answer_seconds",
    "target_asa_seconds",
    "target_abandonment_percent",
    "saving_unit",
    "saving_year_1",
    "saving_year_2",
    "saving_year_3",
    "shift_year_1",
    "shift_year_2",
    "shift_year_3",
]


@transaction.atomic
def savings_scenario_create(*, created_by, **fields) -> SavingsScenario:
    """Save a new savings scenario; every figure is checked before anything is written."""
    scenario = SavingsScenario(created_by=created_by)
    for name in SCENARIO_FIELDS:
        if name in fields:
            setattr(scenario, name, fields[name])
    scenario.full_clean()
    scenario.save()
    return scenario


@transaction.atomic
def savings_scenario_update(*, scenario: SavingsScenario, changed_by, **fields) -> SavingsScenario:
    """Change a scenario's figures, recording who did it in the scenario's history."""
    for name in SCENARIO_FIELDS:
        if name in fields:
            setattr(scenario, name, fields[name])
    scenario.full_clean()
    scenario._history_user = changed_by
    scenario.save()
    return scenario
