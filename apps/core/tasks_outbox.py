"""The transactional outbox for Celery tasks: background work survives the broker being away.

Every task firstpoint queues goes through `enqueue`, never `task.delay()`:

    from apps.core.tasks_outbox import enqueue
    enqueue("cases.send_acknowledgement", request_id=request.pk)

`enqueue` writes a TaskMessage row in the caller's transaction and, once that transaction
commits (`transaction.on_commit`), hands it to the broker. If Redis is down the page still
works: the row stays pending and `relay` (the `core.relay_task_outbox` beat task every 30
seconds, or `manage.py relay_task_outbox`) sends it when Redis is back. A rolled-back change
sends nothing.

A message can be delivered more than once (sent just before the database lost the "sent"
mark; a worker killed mid-task re-runs it, since settings have `acks_late` and
`reject_on_worker_lost`), so every task must be idempotent: check the state it is about to
change (under `select_for_update`) and do nothing if the work is already done. Each send
carries the same task id, `outbox-<pk>`.
"""

import logging

from django.db import transaction
from django.utils import timezone

from .models import TaskMessage

logger = logging.getLogger(__name__)

BATCH = 500


def enqueue(task: str, **kwargs) -> TaskMessage:
    """Queue `task` (its registered name) with JSON-safe keyword arguments, after commit."""
    message = TaskMessage(task=task, kwargs=kwargs)
    message.full_clean()
    message.save()
    transaction.on_commit(lambda: relay(ids=[message.pk]))
    return message


def relay(*, ids: list[int] | None = None, limit: int = BATCH) -> int:
    """Send pending messages to the broker, oldest first; returns how many went.

    Stops at the first broker failure (the rest wait for the next relay). Rows are locked
    with SKIP LOCKED where the database has it, so two relays never send the same row.
    """
    from firstpoint.celery import app

    sent = 0
    pending = TaskMessage.objects.filter(state=TaskMessage.State.PENDING).order_by("pk")
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    for pk in list(pending.values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            message = (
                TaskMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, state=TaskMessage.State.PENDING)
                .first()
            )
            if message is None:
                continue
            message.attempts += 1
            try:
                if app.conf.task_always_eager:
                    _run_eagerly(app, message)
                else:
                    app.send_task(
                        message.task, kwargs=message.kwargs, task_id=message.task_id, retry=False
                    )
            except Exception as error:  # noqa: BLE001 - kept for the next relay
                message.last_error = f"{error.__class__.__name__}: {error}"[:1000]
                message.save(update_fields=["attempts", "last_error"])
                logger.warning(
                    "Broker unavailable; task kept in the outbox",
                    extra={"task": message.task, "outbox_id": message.pk, "error": str(error)},
                )
                break
            message.state = TaskMessage.State.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
            message.save(update_fields=["attempts", "state", "sent_at", "last_error"])
            sent += 1
    return sent


def _run_eagerly(app, message: TaskMessage) -> None:
    """Demo and tests (no broker): run the task here and now."""
    if message.task not in app.tasks:
        app.loader.import_default_modules()  # each app's tasks.py, as a worker would
    app.tasks[message.task].apply(kwargs=message.kwargs, task_id=message.task_id).get()


def pending_count() -> int:
    return TaskMessage.objects.filter(state=TaskMessage.State.PENDING).count()
