"""Redis stopped: pages still work, the health check says the broker failed, and background
work waits in the transactional outbox until the relay sends it when Redis is back."""

import json

import pytest
import redis
from celery import Celery
from django.db import transaction

from apps.core import tasks_outbox
from apps.core.models import TaskMessage

from .helpers import OwnRedis

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_redis():
    server = OwnRedis()  # a port with nothing listening until the test starts it
    yield server
    server.stop()


@pytest.fixture
def broker_app(own_redis, monkeypatch, settings):
    """firstpoint's Celery app pointed at our own Redis, not eager (as in production)."""
    app = Celery("firstpoint-test")
    app.conf.update(
        broker_url=own_redis.url,
        task_always_eager=False,
        broker_connection_retry=False,
        broker_connection_max_retries=0,
        broker_transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
    )
    monkeypatch.setattr("firstpoint.celery.app", app)
    settings.CELERY_BROKER_URL = own_redis.url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield app
    app.close()


def test_with_redis_down_pages_work_and_health_names_the_broker(client, broker_app):
    assert client.get("/").status_code == 200
    health = client.get("/health/")
    assert health.status_code == 503
    body = health.json()
    assert body["failed"] == ["broker"]
    assert body["database"] == "ok"
    assert body["broker"].startswith("error:")


def test_health_is_ok_when_both_answer(client, broker_app, own_redis):
    own_redis.start()
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "failed": [], "database": "ok", "broker": "ok"}


def test_work_queued_while_redis_is_down_is_sent_when_it_returns(
    broker_app, own_redis, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        first = tasks_outbox.enqueue("cases.mark_breaches")
        second = tasks_outbox.enqueue("core.relay_task_outbox", reason="test")
    for message in (first, second):
        message.refresh_from_db()
        assert message.state == TaskMessage.State.PENDING
    assert first.attempts == 1 and "Error" in first.last_error
    assert tasks_outbox.relay() == 0  # still down: nothing sent, nothing lost
    assert tasks_outbox.pending_count() == 2

    own_redis.start()
    assert tasks_outbox.relay() == 2
    assert tasks_outbox.pending_count() == 0
    queued = redis.Redis.from_url(own_redis.url).lrange("celery", 0, -1)
    assert len(queued) == 2
    headers = [json.loads(raw)["headers"] for raw in queued]
    assert {(h["task"], h["id"]) for h in headers} == {
        ("cases.mark_breaches", f"outbox-{first.pk}"),
        ("core.relay_task_outbox", f"outbox-{second.pk}"),
    }
    assert tasks_outbox.relay() == 0  # already sent: never sent twice by the relay


def test_a_rolled_back_change_sends_nothing(broker_app, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        tasks_outbox.enqueue("cases.mark_breaches")
        raise RuntimeError("the change failed")
    assert callbacks == []
    assert not TaskMessage.objects.exists()


def test_in_the_demo_and_tests_work_runs_at_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = tasks_outbox.enqueue("cases.mark_breaches")
    message.refresh_from_db()
    assert message.state == TaskMessage.State.SENT
