"""The staff navigation: sections, who sees what, the short header and the staff home."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.roles import Role
from apps.accounts.services import two_factor_requirement_set
from apps.accounts.tests.factories import TEST_PASSWORD, UserFactory
from apps.core import navigation
from apps.core.navigation import HEADER_AREAS, NavItem, Section, navigation_for, sections_for


class FakeUser:
    """Just what navigation asks of a user: permissions and the names of their roles."""

    is_authenticated = True

    def __init__(self, *permissions, roles=()):
        self.permissions = set(permissions)
        self.role_names = list(roles)

    def has_perm(self, permission):
        return permission in self.permissions


ITEMS = [
    NavItem("Customers", "customers:search", "p.customers", 10, section=Section.FRONT_OFFICE),
    NavItem("Log a contact", "contacts:log", "p.log", 20, section=Section.FRONT_OFFICE),
    NavItem("Requests", "cases:queue", "p.requests", 40, section=Section.REQUESTS_AND_COMPLAINTS),
    NavItem("Services", "catalogue:service-list", None, 50, section=Section.FRONT_OFFICE),
    NavItem("Surveys", "surveys:home", "p.surveys", 60, section=Section.QUALITY),
    NavItem(
        "Performance",
        "performance:dashboard",
        "p.performance",
        70,
        section=Section.PERFORMANCE_AND_REPORTS,
        everyday_for=("Boss",),
    ),
    NavItem(
        "Staffing",
        "staffing:home",
        "p.staffing",
        72,
        section=Section.PERFORMANCE_AND_REPORTS,
        everyday_for=("Boss",),
    ),
    NavItem("Data protection", "privacy:home", "p.privacy", 95, section=Section.OPERATIONS),
    NavItem(
        "Users",
        "accounts:user-list",
        "p.users",
        900,
        section=Section.ADMINISTRATION,
        everyday_for=("Boss",),
    ),
    NavItem("Outbox", "core:outbox", "p.outbox", 950, section=Section.ADMINISTRATION),
]
MENU = re.compile(r'<nav aria-label="Menu".*?</nav>', re.S)
EVERY_PERMISSION = {item.permission for item in ITEMS if item.permission}


@pytest.fixture
def items(monkeypatch):
    monkeypatch.setattr(navigation, "declared_items", lambda: ITEMS)


def texts(entries):
    return [entry["text"] for entry in entries]


def marked(entries):
    return {
        e["text"]: "page" if e.get("current") else "true"
        for e in entries
        if e.get("active") or e.get("current")
    }


def test_nobody_signed_in_has_no_navigation(items):
    class Anonymous:
        is_authenticated = False

    assert navigation_for(Anonymous(), "/staff/") == []
    assert navigation_for(None, "/staff/") == []
    assert sections_for(Anonymous()) == []


def test_an_entry_shows_only_to_those_holding_its_permission(items):
    user = FakeUser("p.customers", "p.requests")
    assert texts(navigation_for(user, "/staff/")) == ["Home", "Customers", "Requests", "Services"]
    assert [texts(s["items"]) for s in sections_for(user)] == [
        ["Customers", "Services"],
        ["Requests"],
    ]


def test_sections_come_in_their_own_order_each_holding_its_entries_in_menu_order(items):
    sections = sections_for(FakeUser(*EVERY_PERMISSION))
    assert [s["heading"] for s in sections] == [
        Section.FRONT_OFFICE.label,
        Section.REQUESTS_AND_COMPLAINTS.label,
        Section.QUALITY.label,
        Section.PERFORMANCE_AND_REPORTS.label,
        Section.OPERATIONS.label,
        Section.ADMINISTRATION.label,
    ]  # People holds nothing here, so it is left out
    assert texts(sections[0]["items"]) == ["Customers", "Log a contact", "Services"]
    assert texts(sections[-1]["items"]) == ["Users", "Outbox"]
    assert sections[0]["items"][0]["href"] == "/customers/"


def test_the_header_keeps_to_home_four_areas_and_all_areas(items):
    header = navigation_for(FakeUser(*EVERY_PERMISSION), "/staff/")
    assert len(header) == HEADER_AREAS + 2
    assert texts(header) == [
        "Home",
        "Customers",
        "Log a contact",
        "Requests",
        "Services",
        "All areas",
    ]
    assert header[-1]["href"] == "/staff/#all-areas"


def test_the_header_shows_a_role_s_everyday_areas_topped_up_in_menu_order(items):
    boss = FakeUser(*EVERY_PERMISSION, roles=["Boss"])
    assert texts(navigation_for(boss, "/staff/")) == [
        "Home",
        "Customers",
        "Performance",
        "Staffing",
        "Users",
        "All areas",
    ]


def test_no_all_areas_link_when_every_area_is_in_the_header(items):
    assert texts(navigation_for(FakeUser("p.surveys"), "/staff/")) == [
        "Home",
        "Services",
        "Surveys",
    ]


def test_the_page_the_user_is_on_is_marked(items):
    boss = FakeUser(*EVERY_PERMISSION, roles=["Boss"])
    assert marked(navigation_for(boss, "/staff/")) == {"Home": "page"}
    assert marked(navigation_for(boss, "/staffing/")) == {"Staffing": "page"}
    assert marked(navigation_for(boss, "/staffing/scenarios/")) == {"Staffing": "true"}
    # The outbox lives under /staff/ too: the longest matching address wins, not Home.
    assert marked(navigation_for(boss, "/staff/outbox/")) == {"All areas": "true"}
    # An area reached through "All areas" marks "All areas".
    assert marked(navigation_for(boss, "/data-protection/")) == {"All areas": "true"}
    assert marked(navigation_for(boss, "/contacts/123/")) == {}


def test_a_misspelt_section_fails_when_the_app_loads():
    with pytest.raises(ValueError):
        NavItem("Oops", "core:home", section="front office")


# With the apps' own declarations and the roles as designed.


def test_every_entry_names_a_section_and_an_address():
    for item in navigation.declared_items():
        assert Section(item.section)
        assert navigation._area(item)["href"].startswith("/")


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_every_role_s_header_fits_and_its_home_lists_all_it_may_see(make_user, role):
    user = make_user(role)
    header = navigation_for(user, "/staff/")
    listed = [item["href"] for s in sections_for(user) for item in s["items"]]
    permitted = [
        navigation._area(item)["href"]
        for item in navigation.declared_items()
        if not item.permission or user.has_perm(item.permission)
    ]
    assert len(header) <= HEADER_AREAS + 2
    assert sorted(listed) == sorted(permitted)
    assert {e["href"] for e in header[1:]} - {"/staff/#all-areas"} <= set(listed)
    assert ("All areas" in texts(header)) == (len(listed) > HEADER_AREAS)


@pytest.mark.django_db
def test_the_head_of_service_sees_their_own_areas_in_the_header(make_user):
    head = make_user(Role.HEAD_OF_SERVICE)
    assert texts(navigation_for(head, "/staff/")) == [
        "Home",
        "Complaints",
        "Performance",
        "Staffing",
        "Reports",
        "All areas",
    ]
    advisor = make_user(Role.ADVISOR)
    assert texts(navigation_for(advisor, "/staff/")) == [
        "Home",
        "Customers",
        "Log a contact",
        "Requests",
        "Surveys",
        "All areas",
    ]


def _sections_on_page(html: str) -> dict[str, list[str]]:
    """{section heading: [link texts]} as the staff home shows them."""
    found = {}
    for block in re.findall(
        r"<section class=\"govuk-grid-column-one-third\".*?</section>", html, re.S
    ):
        heading = re.search(r"<h3[^>]*>(.*?)</h3>", block, re.S).group(1).strip()
        found[heading] = re.findall(r'<a class="govuk-link[^"]*" href="[^"]+">([^<]+)</a>', block)
    return found


@pytest.mark.django_db
def test_the_staff_home_lists_every_area_of_the_head_of_service_by_section(client_as):
    html = client_as(Role.HEAD_OF_SERVICE).get("/staff/").content.decode()
    assert _sections_on_page(html) == {
        "Front office": [
            "Customers",
            "Log a contact",
            "Authorisations",
            "Services",
            "Liaison report",
        ],
        "Requests and complaints": ["Requests", "Open311 reports", "Complaints", "Feedback"],
        "Quality": ["Surveys", "Mystery shopping", "Accreditation"],
        "Performance and reports": ["Performance", "Staffing", "Reports"],
        "People": ["Training", "Staff voice"],
        "Operations and data protection": ["Operations", "Data protection"],
        "Administration": ["Users"],
    }
    assert 'id="all-areas"' in html


@pytest.mark.django_db
def test_the_staff_home_lists_fewer_areas_for_an_advisor(client_as):
    html = client_as(Role.ADVISOR).get("/staff/").content.decode()
    assert _sections_on_page(html) == {
        "Front office": ["Customers", "Log a contact", "Services"],
        "Requests and complaints": ["Requests"],
        "Quality": ["Surveys"],
        "People": ["Training", "Staff voice"],
        "Operations and data protection": ["Operations"],
    }
    assert 'href="/users/"' not in html and 'href="/data-protection/"' not in html


@pytest.mark.django_db
def test_the_staff_home_costs_a_fixed_number_of_queries(client_as, django_assert_max_num_queries):
    client = client_as(Role.HEAD_OF_SERVICE)
    # Session, user, the user's and their roles' permissions, their roles, their team and site:
    # permissions are read once, not once an area.
    with django_assert_max_num_queries(7):
        response = client.get("/staff/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_header_s_roles_are_read_at_sign_in_not_on_every_page(client_as):
    client = client_as(Role.HEAD_OF_SERVICE)
    with CaptureQueriesContext(connection) as queries:
        header = MENU.search(client.get("/staffing/").content.decode()).group(0)
    assert not [q for q in queries if 'FROM "auth_group" INNER JOIN' in q["sql"]]
    assert 'href="/assurance/reports/"' in header  # Reports: everyday work for the head

    # A session from before the roles were noted gets them on its next page.
    session = client.session
    del session[navigation.ROLES_SESSION_KEY]
    session.save()
    header = MENU.search(client.get("/staffing/").content.decode()).group(0)
    assert 'href="/assurance/reports/"' in header
    assert client.session[navigation.ROLES_SESSION_KEY] == ["Head of customer services"]


@pytest.mark.django_db
def test_a_page_marks_its_area_in_the_header(client_as):
    client = client_as(Role.HEAD_OF_SERVICE)
    staffing = MENU.search(client.get("/staffing/").content.decode()).group(0)
    assert re.search(r'href="/staffing/"\s+aria-current="page"', staffing)
    privacy = MENU.search(client.get("/data-protection/").content.decode()).group(0)
    assert re.search(r'href="/staff/#all-areas"\s+aria-current="true"', privacy)
    assert 'href="/data-protection/"' not in privacy


@pytest.mark.django_db
@pytest.mark.parametrize("has_authenticator", [False, True])
def test_no_staff_menu_before_two_factor_sign_in_is_done(client, has_authenticator):
    two_factor_requirement_set(roles=[Role.ADMINISTRATOR])
    user = UserFactory(roles=[Role.ADMINISTRATOR])
    if has_authenticator:
        user.totpdevice_set.create(name="phone", confirmed=True)
    client.post("/sign-in/", {"username": user.email, "password": TEST_PASSWORD})
    page = client.get("/staff/", follow=True)
    html = page.content.decode()
    expected = "/two-factor/" if has_authenticator else "/two-factor/set-up/"
    assert page.redirect_chain[-1][0].startswith(expected)
    assert "Borchester Borough Council" in html
    assert 'aria-label="Menu"' not in html
    assert 'href="/users/"' not in html and 'href="/staff/#all-areas"' not in html


@pytest.mark.django_db
def test_no_staff_menu_on_the_sign_out_page_before_two_factor_sign_in_is_done(client):
    two_factor_requirement_set(roles=[Role.ADMINISTRATOR])
    user = UserFactory(roles=[Role.ADMINISTRATOR])
    client.post("/sign-in/", {"username": user.email, "password": TEST_PASSWORD})
    html = client.get("/sign-out/").content.decode()
    assert 'aria-label="Menu"' not in html and 'href="/users/"' not in html


@pytest.mark.django_db
def test_the_staff_menu_shows_once_signed_in_without_two_factor(client):
    user = UserFactory(roles=[Role.ADMINISTRATOR])
    client.post("/sign-in/", {"username": user.email, "password": TEST_PASSWORD})
    assert 'aria-label="Menu"' in client.get("/sign-out/").content.decode()
