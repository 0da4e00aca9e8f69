from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from apps.core.models import OutboxMessage
from apps.core.notifications import notify

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


def test_govuk_notify_sends_email_with_the_template_and_records_it(settings):
    settings.NOTIFY_BACKEND = "govuk_notify"
    settings.NOTIFY_API_KEY = "key-123"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "email-template"
    with mock.patch("notifications_python_client.NotificationsAPIClient") as client:
        message = notify(channel="email", to="a@example.com", subject="S", body="B", purpose="test")
    client.assert_called_once_with("key-123")
    call = client.return_value.send_email_notification.call_args.kwargs
    assert call["email_address"] == "a@example.com"
    assert call["template_id"] == "email-template"
    assert call["personalisation"] == {"subject": "S", "body": "B"}
    message.refresh_from_db()
    assert message.state == OutboxMessage.State.SENT
    assert message.sent_at is not None


def test_govuk_notify_sends_sms_with_the_sms_template(settings):
    settings.NOTIFY_BACKEND = "govuk_notify"
    settings.NOTIFY_SMS_TEMPLATE_ID = "sms-template"
    with mock.patch("notifications_python_client.NotificationsAPIClient") as client:
        notify(channel="sms", to="07700900000", body="B", purpose="test")
    call = client.return_value.send_sms_notification.call_args.kwargs
    assert (call["phone_number"], call["template_id"]) == ("07700900000", "sms-template")
    client.return_value.send_email_notification.assert_not_called()


def test_a_notify_failure_is_recorded_not_raised(settings):
    settings.NOTIFY_BACKEND = "govuk_notify"
    with mock.patch("notifications_python_client.NotificationsAPIClient") as client:
        client.return_value.send_email_notification.side_effect = RuntimeError("403 bad key")
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
