import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.roles import Role
from apps.accounts.tests.factories import TeamFactory
from apps.performance import rollups
from apps.performance.models import CallRecord, ImportRun, Queue, Target

from .helpers import calls_csv, good_calls

pytestmark = pytest.mark.django_db

PERIOD = {
    "date_from_day": 1,
    "date_from_month": 11,
    "date_from_year": 2026,
    "date_to_day": 30,
    "date_to_month": 11,
    "date_to_year": 2026,
}


@pytest.fixture
def data():
    team = TeamFactory(name="Phones team A")
    other = TeamFactory(name="Phones team B")
    mine = Queue.objects.create(name="Council tax", team=team)
    theirs = Queue.objects.create(name="Housing", team=other)
    for n, queue in enumerate([mine, mine, theirs]):
        CallRecord.objects.create(
            source_system="t",
            call_id=str(n),
            queue=queue,
            offered_at=datetime.datetime(2026, 11, 2, 9, n, tzinfo=datetime.UTC),
            answered_at=datetime.datetime(2026, 11, 2, 9, n, 10, tzinfo=datetime.UTC),
            outcome="answered",
            wait_seconds=10,
            handle_seconds=100,
        )
    rollups.queue_all_refresh()
    Target.objects.create(
        kpi="service_level",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        value=80,
        amber_margin=5,
    )
    return team


def test_head_of_service_dashboard_shows_kpis_charts_tables(
    client_as, data, django_assert_max_num_queries
):
    client = client_as(Role.HEAD_OF_SERVICE)
    # A fixed number: rollups for three periods, targets, and one query each for survey
    # satisfaction and complaint timeliness per period; never one per day or per queue.
    with django_assert_max_num_queries(32):
        response = client.get("/performance/", PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "whole service" in html and "<svg" in html
    assert "Green: on target" in html
    assert "Same period last year" in html


def test_dashboard_exports_csv_and_xlsx(client_as, data):
    client = client_as(Role.HEAD_OF_SERVICE)
    csv = client.get("/performance/", {**PERIOD, "format": "csv", "table": "calls"})
    body = b"".join(csv.streaming_content).decode()
    assert "2 November 2026,3,3,0,3" in body
    xlsx = client.get("/performance/", {**PERIOD, "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_team_manager_sees_only_their_team(client_as, data):
    client = client_as(Role.TEAM_MANAGER, team=data)
    response = client.get("/performance/", PERIOD)
    assert "Phones team A" in response.content.decode()
    body = b"".join(
        client.get("/performance/", {**PERIOD, "format": "csv", "table": "calls"}).streaming_content
    )
    assert b"2 November 2026,2,2" in body
    other = Queue.objects.get(name="Housing").team
    refused = client.get("/performance/", {**PERIOD, "team": other.pk})
    assert "Phones team B" not in refused.content.decode() or refused.status_code == 403


def test_bad_dates_show_errors_not_500(client_as, data):
    client = client_as(Role.MEMBER)
    response = client.get("/performance/", {**PERIOD, "date_to_month": 13})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()


def test_advisor_cannot_see_dashboards(client_as):
    assert client_as(Role.ADVISOR).get("/performance/").status_code == 403


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_upload_runs_the_import_and_shows_progress_and_errors(
    client_as, django_capture_on_commit_callbacks
):
    client = client_as(Role.TEAM_MANAGER)
    upload = SimpleUploadedFile("calls.csv", calls_csv(*good_calls(1, 4)).getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/performance/imports/new/", {"file": upload, "kind": "calls", "profile": "generic"}
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302
    page = client.get(f"/performance/imports/{run.pk}/").content.decode()
    run.refresh_from_db()
    assert run.status == "done" and run.rows_loaded == 4
    assert "File imported" in page and 'http-equiv="refresh"' not in page
    bad = SimpleUploadedFile("bad.csv", calls_csv("C1,q,soon,,,,answered").getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/performance/imports/new/", {"file": bad, "kind": "calls", "profile": "generic"}
        )
    failed = ImportRun.objects.order_by("-pk").first()
    page = client.get(f"/performance/imports/{failed.pk}/").content.decode()
    assert failed.status == "failed" and failed.errors[0]["line"] == 2
    assert "offered_at" in page and "Nothing was imported" in page


def test_running_import_page_refreshes_itself(client_as):
    client = client_as(Role.TEAM_MANAGER)
    run = ImportRun.objects.create(
        kind="calls", profile="generic", filename="x.csv", status="running"
    )
    page = client.get(f"/performance/imports/{run.pk}/").content.decode()
    assert 'http-equiv="refresh"' in page and "hx-trigger" in page
    assert client.get("/performance/imports/999999/").status_code == 404


def test_upload_form_errors(client_as):
    client = client_as(Role.TEAM_MANAGER)
    response = client.post("/performance/imports/new/", {"kind": "calls", "profile": "generic"})
    assert "govuk-error-summary" in response.content.decode() and not ImportRun.objects.exists()


def test_head_of_service_sets_a_target_and_others_cannot(client_as, django_assert_max_num_queries):
    client = client_as(Role.HEAD_OF_SERVICE)
    response = client.post(
        "/performance/targets/new/",
        {
            "kpi": "asa",
            "value": "30",
            "amber_margin": "10",
            "period_start_day": "1",
            "period_start_month": "1",
            "period_start_year": "2026",
            "period_end_day": "31",
            "period_end_month": "12",
            "period_end_year": "2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Target.objects.get().value == 30
    with django_assert_max_num_queries(12):
        assert client.get("/performance/targets/").status_code == 200
    assert client_as(Role.MEMBER).get("/performance/targets/new/").status_code == 403
