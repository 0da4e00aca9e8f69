from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from apps.core.models import OutboxMessage, TaskMessage
from apps.core.notifications import notification_send, notify

pytestmark = pytest.mark.django_db


def test_the_outbox_backend_keeps_the_message_and_sends_nothing(settings):
    settings.NOTIFY_BACKEND = "outbox"
    with mock.patch("notifications_python_client.NotificationsAPIClient") as client:
        message = notify(
            channel="email",
            to="waste@council.example",
            subject="Breached",
            body="FP-2026-000001",
            purpose="sla_breach",
        )
    client.assert_not_called()
    stored = OutboxMessage.objects.get()
    assert stored == message
    assert (stored.state, stored.to, stored.subject, stored.purpose) == (
        OutboxMessage.State.KEPT,
        "waste@council.example",
        "Breached",
        "sla_breach",
    )
    assert stored.sent_at is None


def test_the_default_backend_is_the_outbox(settings):
    del settings.NOTIFY_BACKEND
    message = notify(channel="sms", to="07700900000", body="Hello", purpose="test")
    assert message.state == OutboxMessage.State.KEPT


def test_govuk_notify_sends_email_with_the_template_and_records_it(
    settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_BACKEND = "govuk_notify"
    settings.NOTIFY_API_KEY = "key-123"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "email-template"
    with (
        mock.patch("notifications_python_client.NotificationsAPIClient") as client,
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = notify(channel="email", to="a@example.com", subject="S", body="B", purpose="test")
        # Nothing goes out inside the transaction that asked for it.
        client.assert_not_called()
        assert OutboxMessage.objects.get().state == OutboxMessage.State.PENDING
    client.assert_called_once_with("key-123")
    assert TaskMessage.objects.get().task == "core.send_notification"
    call = client.return_value.send_email_notification.call_args.kwargs
    assert call["email_address"] == "a@example.com"
    assert call["template_id"] == "email-template"
    assert call["personalisation"] == {"subject": "S", "body": "B"}
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert message.sent_at is not None


def test_govuk_notify_sends_sms_with_the_sms_template(settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_BACKEND = "govuk_notify"
    settings.NOTIFY_SMS_TEMPLATE_ID = "sms-template"
    with (
        mock.patch("notifications_python_client.NotificationsAPIClient") as client,
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(channel="sms", to="07700900000", body="B", purpose="test")
    call = client.return_value.send_sms_notification.call_args.kwargs
    assert (call["phone_number"], call["template_id"]) == ("07700900000", "sms-template")
    client.return_value.send_email_notification.assert_not_called()


def test_a_notify_failure_is_recorded_not_raised(settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_BACKEND = "govuk_notify"
    with mock.patch("notifications_python_client.NotificationsAPIClient") as client:
        client.return_value.send_email_notification.side_effect = RuntimeError("403 bad key")
        with django_capture_on_commit_callbacks(execute=True):
            message = notify(channel="email", to="a@example.com", body="B", purpose="test")
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.FAILED
    assert "403 bad key" in message.error
    assert message.sent_at is None


def test_a_bad_message_is_refused_before_anything_is_written(settings):
    with pytest.raises(ValidationError):
        notify(channel="pigeon", to="a@example.com", body="B", purpose="test")
    assert not OutboxMessage.objects.exists()


def test_an_unknown_backend_is_a_clear_error(settings):
    settings.NOTIFY_BACKEND = "carrier_pigeon"
    with pytest.raises(ValueError, match="Unknown NOTIFY_BACKEND"):
        notify(channel="email", to="a@example.com", body="B", purpose="test")
    assert not OutboxMessage.objects.exists()


def test_a_rolled_back_change_sends_nothing(settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_BACKEND = "govuk_notify"
    with (
        mock.patch("notifications_python_client.NotificationsAPIClient") as client,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(channel="email", to="a@example.com", body="B", purpose="test")
        raise RuntimeError("the change that asked for the message failed")
    client.assert_not_called()
    assert callbacks == []
    assert not OutboxMessage.objects.exists() and not TaskMessage.objects.exists()


def test_a_repeated_task_sends_the_message_once(settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_BACKEND = "govuk_notify"
    with mock.patch("notifications_python_client.NotificationsAPIClient") as client:
        with django_capture_on_commit_callbacks(execute=True):
            message = notify(channel="email", to="a@example.com", body="B", purpose="test")
        # The broker delivers the task again (e.g. a worker was killed after sending).
        assert notification_send(message_id=message.pk) is None
    assert client.return_value.send_email_notification.call_count == 1
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT


@pytest.fixture
def broker_away():
    """Tasks go to the broker (not run eagerly), and the broker refuses the connection."""
    from firstpoint.celery import app

    eager = app.conf.task_always_eager
    app.conf.update(task_always_eager=False)
    try:
        with mock.patch(
            "celery.app.base.Celery.send_task", side_effect=ConnectionError("Redis is away")
        ):
            yield
    finally:
        app.conf.update(task_always_eager=eager)


def test_a_message_waits_in_the_outbox_while_the_broker_is_away(
    settings, django_capture_on_commit_callbacks, broker_away
):
    """Redis down: the page still works and the message is sent by the relay later."""
    from apps.core import tasks_outbox

    settings.NOTIFY_BACKEND = "govuk_notify"
    with (
        mock.patch("notifications_python_client.NotificationsAPIClient") as client,
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = notify(channel="email", to="a@example.com", body="B", purpose="test")
    client.assert_not_called()
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.PENDING
    waiting = TaskMessage.objects.get()
    assert waiting.state == TaskMessage.State.PENDING and "Redis is away" in waiting.last_error
    assert tasks_outbox.relay() == 0  # still away: still waiting


def test_the_relay_sends_a_waiting_message_once_the_broker_is_back(
    settings, django_capture_on_commit_callbacks
):
    from apps.core import tasks_outbox

    settings.NOTIFY_BACKEND = "govuk_notify"
    with mock.patch("notifications_python_client.NotificationsAPIClient") as client:
        with transaction.atomic():
            message = notify(channel="email", to="a@example.com", body="B", purpose="test")
        # on_commit never ran (as if Redis had been away): the relay sends it.
        client.assert_not_called()
        assert tasks_outbox.relay() == 1
        assert tasks_outbox.relay() == 0
    client.return_value.send_email_notification.assert_called_once()
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
