"""Processes the production tests start for themselves (and stop): Redis, PostgreSQL, Celery.

Nothing here touches the machine's shared Redis (6379) or PostgreSQL (5432).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, timeout: float = 30, interval: float = 0.1, what: str = "it"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if predicate():
                return
        time.sleep(interval)
    raise AssertionError(f"Gave up waiting for {what}")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class OwnRedis:
    """A throwaway redis-server on a free port, no persistence."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), what=f"redis on {self.port}")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


def pg_available() -> str:
    """Why our own PostgreSQL cannot be started here, or "" when it can."""
    if not (PG_BIN / "initdb").exists():
        return "PostgreSQL 15 server binaries are not installed"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser to drop privileges for initdb"
    return ""


class OwnPostgres:
    """A throwaway PostgreSQL cluster in a temporary directory on a free port (trust auth)."""

    def __init__(self):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="fp-pg-"))
        self.data = self.root / "data"
        os.chmod(self.root, 0o777)

    def _run(self, *args, check=True):
        command = [str(a) for a in args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "nobody", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, cwd="/tmp")

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def init(self):
        self._run(
            PG_BIN / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        return self

    def start(self):
        self._run(
            PG_BIN / "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.root / "log",
            "-w",
            "-o",
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
        return self

    def stop(self, mode: str = "fast"):
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def restart(self):
        self._run(
            PG_BIN / "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.root / "log",
            "-m",
            "immediate",
            "-w",
            "-o",
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off",
            "restart",
        )

    def createdb(self, name: str):
        subprocess.run(
            [
                shutil.which("createdb") or "createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                name,
            ],
            check=True,
        )

    def destroy(self):
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def django_env(**overrides) -> dict:
    """Environment for a production-settings subprocess (DEBUG and TESTING off)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="firstpoint.settings",
        DEBUG="0",
        TESTING="0",
        SECRET_KEY="a-production-like-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="firstpoint.council.example,127.0.0.1",
        CELERY_TASK_ALWAYS_EAGER="0",
        PYTHONPATH=str(BASE_DIR),
    )
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def manage(*args, env: dict, check=True, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )


# The demo council's organisation, catalogue and front office (customers, contacts, service
# requests), without the later apps' demo steps (which may be mid-change in a checkout).
SEED_FRONT_OFFICE = """
import random
from django.db import transaction
from apps.accounts import demo as accounts_demo
from apps.catalogue import demo as catalogue_demo
from apps.accounts.management.commands.seed_demo import STEPS
rng = random.Random(2026)
with transaction.atomic():
    accounts_demo.seed(rng, scale=1)
    catalogue_demo.seed(rng, scale=1)
for _order, _label, step in STEPS:
    with transaction.atomic():
        step(rng, scale=1)
print("seeded")
"""
