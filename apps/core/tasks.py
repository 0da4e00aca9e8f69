"""Core's periodic tasks."""

from celery import shared_task

from . import notifications, tasks_outbox


@shared_task(name="core.relay_task_outbox")
def relay_task_outbox() -> int:
    """Send the tasks that waited in the outbox while the broker was away."""
    return tasks_outbox.relay()


@shared_task(name="core.send_notification")
def send_notification(message_id: int) -> str | None:
    """Send one email or text message from the outbox (queued by `notify`)."""
    return notifications.notification_send(message_id=message_id)
