"""Production settings: `check --deploy` is clean, security headers and cookies are set."""

import subprocess
import sys

import pytest

from .helpers import BASE_DIR, django_env, manage


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        env=django_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"),
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = django_env()
    env.pop("SECRET_KEY")
    result = manage("check", env=env, check=False)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def _production_setting(*names: str) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: repr(getattr(settings, n, None)) for n in {list(names)!r}}}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=django_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    return json.loads(out.stdout)


def test_production_cookies_are_secure_and_staff_sessions_expire_when_idle():
    values = _production_setting(
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_AGE",
        "CELERY_TASK_ACKS_LATE",
        "CELERY_TASK_REJECT_ON_WORKER_LOST",
        "CONTENT_SECURITY_POLICY",
        "LOG_JSON",
    )
    assert values["SESSION_COOKIE_SECURE"] == "True"
    assert values["CSRF_COOKIE_SECURE"] == "True"
    assert int(values["SECURE_HSTS_SECONDS"]) >= 31536000
    assert values["SESSION_COOKIE_AGE"] == "1800"
    assert values["CELERY_TASK_ACKS_LATE"] == "True"
    assert values["CELERY_TASK_REJECT_ON_WORKER_LOST"] == "True"
    assert "NONCE" in values["CONTENT_SECURITY_POLICY"]
    assert values["LOG_JSON"] == "True"


@pytest.mark.django_db
def test_pages_carry_the_security_headers_and_the_script_nonce(client):
    response = client.get("/sign-in/")
    policy = (
        response.headers.get("Content-Security-Policy")
        or response.headers["Content-Security-Policy-Report-Only"]
    )
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    # GOV.UK Frontend's inline js-enabled script carries the nonce; no other inline script.
    assert f'<script nonce="{nonce}">document.body.className' in html
    assert html.count("<script>") == 0
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
