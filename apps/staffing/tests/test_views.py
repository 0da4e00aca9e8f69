"""The staffing pages: who may see what, the week's gap, imports, scenarios and the PDF."""

import datetime
import io

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.staffing import selectors
from apps.staffing.committee import savings
from apps.staffing.forecast import LONDON
from apps.staffing.models import RosterImport, RosterShift, SavingsScenario

from .factories import SavingsScenarioFactory, scenario_fields

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 11, 23)


def history(queue=None, start=None, end=None):
    """Four weeks of Mondays to Fridays, 40 calls a quarter hour from 09:00 to 17:00."""
    rows = []
    for week in range(1, 5):
        for day in range(5):
            date = MONDAY - datetime.timedelta(weeks=week) + datetime.timedelta(days=day)
            for quarter in range(9 * 4, 17 * 4):
                rows.append(
                    {
                        "interval_start": datetime.datetime.combine(
                            date, datetime.time(quarter // 4, quarter % 4 * 15), LONDON
                        ),
                        "interval_minutes": 15,
                        "offered": 40,
                        "answered": 38,
                        "abandoned": 2,
                        "answered_within_threshold": 30,
                        "handle_seconds": 38 * 270,
                    }
                )
    return rows


@pytest.fixture
def with_history(monkeypatch):
    monkeypatch.setattr(selectors, "call_history", lambda **kw: history(**kw))


@pytest.fixture
def without_history(monkeypatch):
    monkeypatch.setattr(selectors, "call_history", lambda **kw: None)


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        (Role.ADVISOR, "staffing:home", 403),
        (Role.TEAM_MANAGER, "staffing:home", 200),
        (Role.TEAM_MANAGER, "staffing:week", 200),
        (Role.TEAM_MANAGER, "staffing:roster-import", 403),
        (Role.TEAM_MANAGER, "staffing:scenarios", 403),
        (Role.MEMBER, "staffing:scenarios", 200),
        (Role.MEMBER, "staffing:week", 403),
        (Role.MEMBER, "staffing:scenario-add", 403),
        (Role.HEAD_OF_SERVICE, "staffing:scenario-add", 200),
        (Role.HEAD_OF_SERVICE, "staffing:roster-import", 200),
    ],
)
def test_who_may_see_what(client_as, without_history, role, url, status):
    assert client_as(role).get(reverse(url)).status_code == status


def test_navigation_has_one_staffing_entry(client_as, without_history):
    page = client_as(Role.MEMBER).get(reverse("staffing:home")).content.decode()
    assert page.count(">Staffing<") == 1


def test_week_without_history_shows_the_roster(
    client_as, without_history, django_assert_max_num_queries
):
    client = client_as(Role.HEAD_OF_SERVICE)
    client.post(
        reverse("staffing:roster-import"),
        {
            "file": io.BytesIO(
                b"date,start time,end time,advisor,queue\n2026-11-23,09:00,10:00,3,\n"
            )
        },
    )
    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("staffing:week"), {"week_day": 25, "week_month": 11, "week_year": 2026}
        )
    page = response.content.decode()
    assert "No call history imported yet" in page
    assert "Staffing gap: 23 November 2026 to 29 November 2026" in page
    assert "Mon 09:45" in page and "Mon 10:00" not in page


def test_week_gap_against_the_forecast(client_as, with_history, django_assert_max_num_queries):
    client = client_as(Role.TEAM_MANAGER)
    RosterShift.objects.create(
        roster_import=RosterImport.objects.create(filename="r.csv", imported_by=client.user),
        date=MONDAY,
        start_time=datetime.time(9),
        end_time=datetime.time(17),
        advisors=20,
    )
    query = {"week_day": 23, "week_month": 11, "week_year": 2026, "shrinkage": "30"}
    with django_assert_max_num_queries(12):
        response = client.get(reverse("staffing:week"), query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Same-weekday profile forecast" in page
    assert "<svg" in page and "Staffing by interval" in page
    # 40 calls in 15 minutes at 270 s: 12 Erlangs; 15 advisors answer 74% in 20 s, 16 answer
    # 85%, so 16 on the phones and ceil(16 / 0.7) = 23 to roster.
    week = selectors.week_staffing(monday=MONDAY, shrinkage=0.3)
    nine = next(r for r in week.rows if r["start"].hour == 9 and r["start"].weekday() == 0)
    assert (nine["calls"], nine["needed"], nine["to_roster"], nine["rostered"], nine["gap"]) == (
        40,
        16,
        23,
        20,
        -3,
    )
    assert "3 short" in page
    csv = client.get(reverse("staffing:week"), {**query, "format": "csv"})
    body = b"".join(csv.streaming_content).decode()
    assert body.splitlines()[0].startswith("Interval starting,Forecast calls")
    assert "2026-11-23 09:00,40.0,270,16,23,20,-3" in body  # a number stays a number in the CSV


def test_week_with_holt_winters_and_bad_choices(client_as, with_history):
    client = client_as(Role.TEAM_MANAGER)
    response = client.get(
        reverse("staffing:week"),
        {"week_day": 23, "week_month": 11, "week_year": 2026, "method": "holt_winters"},
    )
    assert "Holt-Winters forecast" in response.content.decode()
    bad = client.get(
        reverse("staffing:week"),
        {"shrinkage": "lots", "week_day": "40", "week_month": "2", "week_year": "2026"},
    )
    assert bad.status_code == 200
    assert "govuk-error-summary" in bad.content.decode()


def test_roster_import_page_lists_every_fault_and_writes_nothing(client_as):
    client = client_as(Role.HEAD_OF_SERVICE)
    content = b"date,start time,end time,advisor,queue\n2026-11-23,09:00,08:00,3,\n2026-13-01,09:00,10:00,x,\n"
    response = client.post(reverse("staffing:roster-import"), {"file": io.BytesIO(content)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Line 2, column ‘end time’" in page
    assert "Line 3, column ‘date’" in page and "Line 3, column ‘advisor’" in page
    assert not RosterShift.objects.exists()
    empty = client.post(reverse("staffing:roster-import"), {})
    assert "Select a roster file" in empty.content.decode()


def test_roster_import_goes_to_the_week(client_as, without_history):
    client = client_as(Role.HEAD_OF_SERVICE)
    response = client.post(
        reverse("staffing:roster-import"),
        {
            "file": io.BytesIO(
                b"date,start time,end time,advisor,queue\n2026-11-24,09:00,10:00,a@b.example,Waste\n"
            )
        },
    )
    assert response.status_code == 302
    assert response.url.endswith("?week=2026-11-24")
    assert RosterShift.objects.get().advisor_email == "a@b.example"


def test_create_a_scenario(client_as, without_history):
    client = client_as(Role.HEAD_OF_SERVICE)
    form = client.get(reverse("staffing:scenario-add")).content.decode()
    assert 'value="400000"' in form  # defaults when there is no history
    bad = client.post(
        reverse("staffing:scenario-add"), {**scenario_fields(), "name": "", "shift_year_1": "100"}
    )
    assert bad.status_code == 400
    assert "Enter a name for the scenario" in bad.content.decode()
    assert not SavingsScenario.objects.exists()
    data = {k: ("" if v is None else v) for k, v in scenario_fields().items()}
    response = client.post(reverse("staffing:scenario-add"), data)
    scenario = SavingsScenario.objects.get()
    assert response.url == reverse("staffing:scenario", args=[scenario.pk])
    page = client.get(response.url).content.decode()
    assert "The targets would not hold from" in page
    assert "the target would not hold" in page


def test_scenario_defaults_from_history(client_as, with_history):
    form = client_as(Role.HEAD_OF_SERVICE).get(reverse("staffing:scenario-add")).content.decode()
    assert "filled in from the last eight weeks of imported call history" in form
    assert 'value="270"' in form


def test_member_reads_and_compares_but_does_not_change(client_as, django_assert_max_num_queries):
    first = SavingsScenarioFactory(name="Cautious", saving_year_2=0, saving_year_3=0)
    second = SavingsScenarioFactory(name="Deep cuts", saving_year_2=5)
    client = client_as(Role.MEMBER)
    with django_assert_max_num_queries(10):
        listing = client.get(reverse("staffing:scenarios"))
    assert "Cautious" in listing.content.decode()
    assert client.get(reverse("staffing:scenario-change", args=[first.pk])).status_code == 403
    detail = client.get(reverse("staffing:scenario", args=[first.pk])).content.decode()
    assert "Change this scenario" not in detail
    with django_assert_max_num_queries(10):
        compared = client.get(reverse("staffing:compare"), {"scenarios": [first.pk, second.pk]})
    page = compared.content.decode()
    assert "Cautious" in page and "Deep cuts" in page and "Advisor posts (FTE)" in page
    one = client.get(reverse("staffing:compare"), {"scenarios": [first.pk]})
    assert one.status_code == 400
    assert "Select two or three scenarios" in one.content.decode()
    assert client.get(reverse("staffing:scenario", args=[9999])).status_code == 404
    assert client.get(reverse("staffing:compare"), {"scenarios": ["x"]}).status_code == 400


def test_the_pdf_is_committee_ready(client_as, tmp_path):
    import pypdfium2

    first = SavingsScenarioFactory(name="Cautious", saving_year_2=0, saving_year_3=0)
    second = SavingsScenarioFactory(name="Deep cuts", saving_year_2=5)
    client = client_as(Role.MEMBER)
    response = client.get(
        reverse("staffing:compare"), {"scenarios": [first.pk, second.pk], "format": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    text = pdf[0].get_textpage().get_text_range()
    assert "Savings scenarios compared" in text
    assert "would not hold" in text
    pdf[0].render(scale=1).to_pil().save(tmp_path / "page1.png")
    single = client.get(reverse("staffing:scenario", args=[first.pk]), {"format": "pdf"})
    assert single.content.startswith(b"%PDF")


def test_committee_section_reports_the_latest_scenario():
    assert "No savings scenario" in savings(MONDAY, MONDAY).paragraphs[0]
    SavingsScenarioFactory(name="Older")
    SavingsScenarioFactory(name="Deep cuts", saving_year_2=5)
    content = savings(MONDAY, MONDAY)
    assert content.paragraphs[0] == "Scenario: Deep cuts."
    assert any("would not hold" in p for p in content.paragraphs)
    assert content.tables[0].rows[0][0] == "Today"
    assert len(content.tables[0].rows) == 4
    assert content.as_json()  # JSON-safe


def test_demo_seed_is_idempotent(make_user):
    import random

    from apps.staffing.demo import seed

    make_user(Role.HEAD_OF_SERVICE, email="head@borchester.example")
    assert seed(random.Random(1), scale=1) > 2
    assert seed(random.Random(1), scale=1) == 0
    assert SavingsScenario.objects.count() == 2
    assert RosterShift.objects.exists()
