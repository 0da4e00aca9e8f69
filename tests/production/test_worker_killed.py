"""A worker killed mid-task: the task is given back to the queue and run again, and its effect
happens once (acks_late, reject_on_worker_lost and an idempotent task).

Starts its own Redis and a real Celery worker against it, SIGKILLs the worker's pool process
while it runs the task, and stops both at the end.
"""

import os
import signal
import subprocess

import pytest
from celery import Celery

from .helpers import BASE_DIR, VENV_BIN, OwnRedis, django_env, wait_for


@pytest.fixture
def own_redis():
    server = OwnRedis().start()
    yield server
    server.stop()


def test_a_task_whose_worker_is_killed_runs_again_and_its_effect_happens_once(own_redis, tmp_path):
    env = django_env(
        CELERY_BROKER_URL=own_redis.url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        LOG_JSON="0",
    )
    worker = subprocess.Popen(
        [
            str(VENV_BIN / "celery"),
            "-A",
            "firstpoint",
            "worker",
            "-I",
            "tests.production.fault_tasks",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=open(tmp_path / "worker.log", "w"),  # noqa: SIM115 - the worker's log
        stderr=subprocess.STDOUT,
    )
    client = Celery("client", broker=own_redis.url)
    try:
        client.send_task(
            "production_tests.slow_effect",
            kwargs={"workdir": str(tmp_path), "key": "letter-42", "seconds": 3},
        )
        attempts = tmp_path / "attempts.log"
        wait_for(attempts.exists, timeout=90, what="the worker to start the task")
        first_pid = int(attempts.read_text().split()[0])
        assert first_pid != worker.pid  # the pool process, not the worker's main process
        os.kill(first_pid, signal.SIGKILL)

        effects = tmp_path / "effects.log"
        wait_for(effects.exists, timeout=90, what="the task to be run again")
        wait_for(lambda: len(attempts.read_text().split()) >= 2, timeout=10, what="2 attempts")
        assert effects.read_text().split() == ["letter-42"]
        pids = [int(p) for p in attempts.read_text().split()]
        assert pids[0] == first_pid and pids[1] != first_pid

        # Delivered again (say, a relay repeated it): the effect still happens once.
        client.send_task(
            "production_tests.slow_effect",
            kwargs={"workdir": str(tmp_path), "key": "letter-42", "seconds": 0},
        )
        wait_for(lambda: len(attempts.read_text().split()) >= 3, timeout=30, what="a repeat")
        assert effects.read_text().split() == ["letter-42"]
    finally:
        client.close()
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(5)
