"""The notifier: every email and text message firstpoint sends goes through `notify`.

Each message is written to the outbox (apps.core.models.OutboxMessage) first. The backend
named by settings.NOTIFY_BACKEND then decides what happens to it:

- "outbox" (the default): nothing leaves the machine; the message is kept for staff to read.
- "govuk_notify": sent through GOV.UK Notify, using one email and one SMS template whose
  personalisation is {subject, body}; the outcome (sent, or failed with the error) is recorded.

Sending never happens inside the page or the transaction that asked for it. A backend that
delivers (GOV.UK Notify) leaves the message pending and `notify` queues the
`core.send_notification` task through the transactional task outbox
(`apps.core.tasks_outbox.enqueue`): it is handed to Celery once the caller's transaction
commits, kept and relayed later if Redis is away, and never sent if the transaction rolls
back. The task locks the message and sends it only while it is still pending, so a repeated
delivery of the task sends nothing twice (a worker killed between GOV.UK Notify accepting the
message and the "sent" mark being saved is the one case where a message can go twice). A
failed send is recorded as failed with the error, not retried: staff see it in the outbox.
The outbox backend delivers nothing, so its messages are marked kept at once.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage

OUTBOX = "outbox"
GOVUK_NOTIFY = "govuk_notify"


class OutboxBackend:
    """Keeps the message in the outbox; nothing is sent."""

    delivers = False

    def send(self, message: OutboxMessage) -> None:
        message.state = OutboxMessage.State.KEPT


class GovUKNotifyBackend:
    """Sends the message with GOV.UK Notify and records whether it went."""

    delivers = True

    def send(self, message: OutboxMessage) -> None:
        from notifications_python_client import NotificationsAPIClient

        personalisation = {"subject": message.subject, "body": message.body}
        try:
            client = NotificationsAPIClient(getattr(settings, "NOTIFY_API_KEY", ""))
            if message.channel == OutboxMessage.Channel.SMS:
                client.send_sms_notification(
                    phone_number=message.to,
                    template_id=getattr(settings, "NOTIFY_SMS_TEMPLATE_ID", ""),
                    personalisation=personalisation,
                    reference=str(message.pk),
                )
            else:
                client.send_email_notification(
                    email_address=message.to,
                    template_id=getattr(settings, "NOTIFY_EMAIL_TEMPLATE_ID", ""),
                    personalisation=personalisation,
                    reference=str(message.pk),
                )
        except Exception as error:  # noqa: BLE001 - any failure is recorded, never raised
            message.state = OutboxMessage.State.FAILED
            message.error = str(error) or error.__class__.__name__
            return
        message.state = OutboxMessage.State.SENT
        message.sent_at = timezone.now()


BACKENDS = {OUTBOX: OutboxBackend, GOVUK_NOTIFY: GovUKNotifyBackend}


def notifier_backend():
    """The backend settings.NOTIFY_BACKEND names (the outbox when it names none)."""
    name = getattr(settings, "NOTIFY_BACKEND", OUTBOX) or OUTBOX
    try:
        return BACKENDS[name]()
    except KeyError:
        raise ValueError(
            f"Unknown NOTIFY_BACKEND {name!r}; expected one of {', '.join(BACKENDS)}"
        ) from None


def notify(*, channel: str, to: str, body: str, subject: str = "", purpose: str) -> OutboxMessage:
    """Write the message to the outbox and, if the configured backend delivers, queue it to
    be sent once the caller's transaction commits.

    The outbox row always exists afterwards: kept (nothing configured to send), or pending
    until `notification_send` records it as sent or failed with the error, so no message is
    ever lost silently.
    """
    from .tasks_outbox import enqueue

    backend = notifier_backend()
    message = OutboxMessage(
        channel=channel, to=to, subject=subject[:200], body=body, purpose=purpose
    )
    message.full_clean()
    if not backend.delivers:
        backend.send(message)  # marks it kept; nothing leaves the machine
        message.save()
        return message
    with transaction.atomic():
        message.save()
        enqueue("core.send_notification", message_id=message.pk)
    return message


def notification_send(*, message_id: int) -> str | None:
    """Send one pending message with the configured backend; returns the state it was left
    in, or None if it was not pending (already sent, failed or kept: nothing is done)."""
    backend = notifier_backend()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message_id, state=OutboxMessage.State.PENDING)
            .first()
        )
        if message is None:
            return None
        backend.send(message)
        message.save(update_fields=["state", "error", "sent_at"])
        return message.state
