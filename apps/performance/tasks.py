from celery import shared_task

from . import services
from .models import ImportRun


@shared_task(name="performance.import_run")
def import_run(run_id: int) -> None:
    run = ImportRun.objects.filter(pk=run_id).first()
    if run and run.status == ImportRun.Status.PENDING:
        services.import_run_execute(run=run)


@shared_task(name="performance.refresh_rollups")
def refresh_rollups() -> int:
    return services.rollups_refresh_recent()
