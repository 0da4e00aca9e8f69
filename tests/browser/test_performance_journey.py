"""A team manager imports a phone system file, watches it load, opens the dashboard and
exports it."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import TeamFactory, UserFactory
from apps.performance.models import CallRecord, Queue

pytestmark = pytest.mark.django_db(transaction=True)


def _calls_file(tmp_path):
    today = timezone.localdate()
    day = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=10)
    lines = ["call_id,queue,offered_at,answered_at,ended_at,agent,outcome"]
    for n in range(20):
        offered = f"{day} 09:{n:02d}:00"
        if n % 5:
            lines.append(
                f"J{n},Council tax,{offered},{day} 09:{n:02d}:15,{day} 09:{n + 5:02d}:00,a1,answered"
            )
        else:
            lines.append(f"J{n},Council tax,{offered},,{day} 09:{n:02d}:30,,abandoned")
    path = tmp_path / "calls.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_manager_imports_calls_and_exports_the_dashboard(journey, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    team = TeamFactory(name="Phones team A")
    UserFactory(email="manager@council.example", roles=[Role.TEAM_MANAGER], team=team)
    Queue.objects.create(name="Council tax", team=team)
    page = journey.page

    journey.sign_in("manager@council.example")
    journey.click(
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance")
    )
    journey.click(page.get_by_role("link", name="Phone system imports"))
    journey.click(page.get_by_role("button", name="Import a file"))
    journey.click(page.get_by_role("button", name="Import the file"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Export file (CSV)").set_input_files(str(_calls_file(tmp_path)))
    page.get_by_label("Call-level rows").check()
    journey.click(page.get_by_role("button", name="Import the file"))
    expect(page.get_by_text("File imported")).to_be_visible()
    assert CallRecord.objects.count() == 20
    page.screenshot(path=str(tmp_path / "import.png"), full_page=True)

    journey.click(page.get_by_role("link", name="Performance dashboard"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phones team A")
    expect(page.locator("table").first).to_contain_text("Calls offered")
    page.screenshot(path="/tmp/performance-dashboard.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download every table as a spreadsheet (XLSX)").click()
    assert download.value.suggested_filename == "performance.xlsx"
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download “Calls by day” as CSV").click()
    assert "20,16,4" in Path(csv_download.value.path()).read_text()
