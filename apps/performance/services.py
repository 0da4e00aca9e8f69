"""Writes for performance: imports from phone systems, targets and rollup refreshes."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from . import rollups
from .importing import ImportResult, load_file, validate_file
from .models import ImportRun, Target
from .profiles import get_profile


@transaction.atomic
def import_run_create(*, user, kind: str, profile: str, upload) -> ImportRun:
    """Store an uploaded file and record the import waiting to run."""
    get_profile(profile)
    run = ImportRun(kind=kind, profile=profile, filename=upload.name[:255], created_by=user)
    run.file.save(upload.name, upload, save=False)
    run.full_clean()
    run.save()
    return run


def _save_progress(run: ImportRun, **fields) -> None:
    # Saved straight away (outside any transaction) so the progress page sees it.
    for name, value in fields.items():
        setattr(run, name, value)
    ImportRun.objects.filter(pk=run.pk).update(**fields)


def import_run_execute(*, run: ImportRun) -> ImportResult:
    """Check every row of the stored file (progress saved as it goes), then load it all in
    one transaction, or nothing if any row is bad; record the outcome on the run."""
    profile = get_profile(run.profile)
    _save_progress(run, status=ImportRun.Status.RUNNING, rows_done=0)
    with run.file.open("rb") as handle:
        checked = validate_file(
            handle,
            kind=run.kind,
            profile=profile,
            on_progress=lambda n: _save_progress(run, rows_done=n),
        )
    if checked.ok:
        # The load is one transaction (and on PostgreSQL one COPY on this connection), so
        # nothing can be saved part-way through it: the page shows the rows checked.
        _save_progress(run, rows_total=checked.rows, rows_done=checked.rows)
        with run.file.open("rb") as handle:
            result = load_file(handle, kind=run.kind, profile=profile)
    else:
        result = checked
    _save_progress(
        run,
        status=ImportRun.Status.DONE if result.ok else ImportRun.Status.FAILED,
        rows_total=result.rows,
        rows_done=result.rows,
        rows_loaded=result.loaded,
        rows_duplicate=result.duplicates,
        errors=result.errors,
        error_count=result.error_count,
        finished_at=timezone.now(),
    )
    return result


def rollups_refresh_recent(*, days: int = 7, today: datetime.date | None = None) -> int:
    """Rebuild the contacts and service request rollups of the last `days` days (a request
    resolved or a contact logged late lands in a recent day)."""
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=days)
    return rollups.contact_days_refresh(first=first, last=today) + rollups.request_days_refresh(
        first=first, last=today
    )


def rollups_rebuild(*, first: datetime.date, last: datetime.date) -> int:
    """Rebuild every rollup for the dates given (after a bulk load or a correction)."""
    return (
        rollups.contact_days_refresh(first=first, last=last)
        + rollups.request_days_refresh(first=first, last=last)
        + rollups.queue_all_refresh()
    )


@transaction.atomic
def target_save(*, target: Target | None = None, **fields) -> Target:
    """Create or change a KPI's target for a period."""
    target = target or Target()
    for name, value in fields.items():
        setattr(target, name, value)
    target.full_clean()
    target.save()
    return target
