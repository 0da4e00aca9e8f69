"""The notifier: every email and text message firstpoint sends goes through `notify`.

Each message is written to the outbox (apps.core.models.OutboxMessage) first. The backend
named by settings.NOTIFY_BACKEND then decides what happens to it:

- "outbox" (the default): nothing leaves the machine; the message is kept for staff to read.
- "govuk_notify": sent through GOV.UK Notify, using one email and one SMS template whose
  personalisation is {subject, body}; the outcome (sent, or failed with the error) is recorded.
"""

from django.conf import settings
from django.utils import timezone

from .models import OutboxMessage

OUTBOX = "outbox"
GOVUK_NOTIFY = "govuk_notify"


class OutboxBackend:
    """Keeps the message in the outbox; nothing is sent."""

    def send(self, message: OutboxMessage) -> None:
        message.state = OutboxMessage.State.KEPT


class GovUKNotifyBackend:
    """Sends the message with GOV.UK Notify and records whether it went."""

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
    """Write the message to the outbox, then hand it to the configured backend.

    The outbox row always exists afterwards, with the state the backend left it in
    (kept, sent, or failed with the error), so no message is ever lost silently.
    """
    backend = notifier_backend()
    message = OutboxMessage(
        channel=channel, to=to, subject=subject[:200], body=body, purpose=purpose
    )
    message.full_clean()
    message.save()
    backend.send(message)
    message.save(update_fields=["state", "error", "sent_at"])
    return message
