"""Core's periodic tasks."""

from celery import shared_task

from . import tasks_outbox


@shared_task(name="core.relay_task_outbox")
def relay_task_outbox() -> int:
    """Send the tasks that waited in the outbox while the broker was away."""
    return tasks_outbox.relay()
