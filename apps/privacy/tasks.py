from celery import shared_task

from . import services


@shared_task(name="privacy.apply_retention")
def apply_retention() -> dict:
    return {run.record_type: run.count for run in services.retention_apply()}
