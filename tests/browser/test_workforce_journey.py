"""A legislation change to a service opens coordinated training; both sides complete it.

The quality lead records the change on the catalogue's edit page; the course appears in
Training; a team manager records that an advisor and a client service officer completed
it; the matrix shows both. Every page is checked with axe-core.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory, UserFactory
from apps.catalogue.tests.factories import ServiceFactory
from apps.workforce import services
from apps.workforce.models import Course
from apps.workforce.tests.factories import (
    CourseFactory,
    FloorEventFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _record_completion(journey, name):
    page = journey.page
    journey.click(page.get_by_role("link", name="Record completion").first)
    journey.click(page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select the person who completed the course"
    )
    page.get_by_label("Person").select_option(label=name)
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    journey.click(page.get_by_role("button", name="Save"))


def test_legislation_change_leads_to_completed_coordinated_training(journey):
    housing = DepartmentFactory(name="Housing", slug="housing")
    ServiceFactory(name="Homelessness advice", slug="homelessness-advice", department=housing)
    UserFactory(email="quality@council.example", full_name="Grace Obi", roles=[Role.QUALITY_LEAD])
    UserFactory(email="manager@council.example", full_name="Tom Baker", roles=[Role.TEAM_MANAGER])
    UserFactory(
        email="advisor@council.example",
        full_name="Amira Khan",
        team=TeamFactory(name="Phones team A"),
        roles=[Role.ADVISOR],
    )
    UserFactory(
        email="officer@council.example",
        full_name="Owen Price",
        team=TeamFactory(name="Housing options", department=housing),
        roles=[Role.CLIENT_SERVICE_OFFICER],
    )
    page = journey.page

    journey.sign_in("quality@council.example")
    journey.goto("/services/homelessness-advice/edit/")
    page.get_by_role("radio", name="Legislation change").check()
    page.get_by_label("What changed and why").fill("Homelessness Reduction Act: new duty to refer")
    journey.click(page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Homelessness advice")

    journey.click(page.get_by_role("link", name="Training").first)
    expect(page.get_by_role("heading", level=1)).to_have_text("Training and development")
    journey.click(page.get_by_role("link", name="Courses and coordinated training"))
    journey.click(page.get_by_role("link", name="Homelessness advice: Legislation change"))
    expect(page.get_by_text("0 of 2")).to_be_visible()

    _record_completion(journey, "Amira Khan (advisor@council.example)")
    expect(page.get_by_role("heading", level=1)).to_have_text("Training matrix")
    expect(page.locator(".govuk-notification-banner, .govuk-body").first).to_be_visible()

    journey.sign_in("manager@council.example")
    course = Course.objects.get()
    journey.goto(f"/workforce/courses/{course.pk}/")
    _record_completion(journey, "Owen Price (officer@council.example)")
    expect(page.get_by_text("2 of 2 people have completed it")).to_be_visible()
    expect(page.get_by_role("table", name="Housing (client service)")).to_contain_text("Owen Price")
    expect(page.get_by_role("table", name="Customer Services: Phones team A")).to_contain_text(
        "Completed"
    )
    page.screenshot(path="/tmp/workforce-matrix.png", full_page=True)

    journey.sign_in("advisor@council.example")
    journey.click(page.get_by_role("link", name="Training").first)
    journey.click(page.get_by_role("link", name="My training and qualifications"))
    expect(page.get_by_role("table", name="My training")).to_contain_text(
        "Homelessness advice: Legislation change"
    )
    page.screenshot(path="/tmp/workforce-mine.png", full_page=True)
    assert len(journey.checked) >= 12


def _fill_date(page, name, day):
    page.locator(f"#id_{name}_day").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def test_back_to_the_floor_and_the_strategy(journey):
    UserFactory(email="quality@council.example", full_name="Grace Obi", roles=[Role.QUALITY_LEAD])
    UserFactory(
        email="councillor@council.example", full_name="Cllr Margaret Ellis", roles=[Role.MEMBER]
    )
    TeamFactory(name="Phones team A")
    page = journey.page
    today = timezone.localdate()

    journey.sign_in("quality@council.example")
    journey.goto("/workforce/")
    journey.click(page.get_by_role("link", name="Events and placements"))
    journey.click(page.get_by_role("link", name="Add an event"))
    page.get_by_label("Name").fill("Customer Services Week")
    _fill_date(page, "starts_on", today)
    _fill_date(page, "ends_on", today)
    page.get_by_label("Hashtag").fill("#Borchester24")
    journey.click(page.get_by_role("button", name="Save"))
    journey.click(page.get_by_role("link", name="Add a placement"))
    page.get_by_label("Councillor or senior officer").select_option(
        label="Cllr Margaret Ellis (councillor@council.example)"
    )
    page.get_by_label("Team they join").select_option(index=1)
    _fill_date(page, "day", today)
    page.get_by_label("Start time").fill("09:30")
    page.get_by_label("End time").fill("09:00")
    page.get_by_label("Host").fill("Tom Baker")
    journey.click(page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("The end must be after the start")
    page.get_by_label("End time").fill("12:30")
    journey.click(page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", level=3)).to_contain_text("Cllr Margaret Ellis")

    journey.sign_in("councillor@council.example")
    journey.goto("/workforce/back-to-the-floor/")
    journey.click(page.get_by_role("link", name="Customer Services Week"))
    journey.click(page.get_by_role("link", name="Record an observation"))
    page.get_by_label("Good practice seen").fill("Every call resolved first time this morning.")
    page.get_by_label("Public post").fill("Taking calls with the contact centre team today.")
    journey.click(page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Taking calls with the contact centre team today.")).to_be_visible()

    journey.sign_in("quality@council.example")
    journey.goto("/workforce/strategy/")
    journey.click(page.get_by_role("link", name="Add an objective"))
    page.get_by_label("Number").fill("1")
    page.get_by_label("Title").fill("Put the customer first")
    journey.click(page.get_by_role("button", name="Save"))
    journey.click(page.get_by_role("link", name="Add an action"))
    page.get_by_label("Action").fill("Customer care training for every team")
    page.get_by_label("Owner").select_option(label="Grace Obi (quality@council.example)")
    _fill_date(page, "due_on", today)
    journey.click(page.get_by_role("button", name="Save"))
    journey.click(page.get_by_role("link", name="Link evidence"))
    page.get_by_label("Title").fill("Courses")
    page.get_by_label("Path in firstpoint").fill("https://elsewhere.example/")
    journey.click(page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("starting with /")
    page.get_by_label("Path in firstpoint").fill("/workforce/courses/")
    journey.click(page.get_by_role("button", name="Save"))
    expect(page.get_by_role("link", name="Courses")).to_be_visible()
    page.screenshot(path="/tmp/workforce-strategy.png", full_page=True)
    journey.click(page.get_by_role("link", name="Training").first)
    journey.click(page.get_by_role("link", name="Qualification programmes"))
    # A transactional test's flush removes migration data, so only the page itself is checked.
    expect(page.get_by_role("heading", level=1)).to_have_text("Qualification programmes")


def test_advisor_books_a_session_and_the_owner_marks_an_action_done(journey):
    """An advisor books a place on a course's session (the second attempt on a full one is
    refused), cancels and rebooks; the owner of a follow-up action marks it done."""
    advisor = UserFactory(
        email="advisor@council.example", full_name="Amira Khan", roles=[Role.ADVISOR]
    )
    course = CourseFactory(title="Dealing with difficult calls")
    TrainingSessionFactory(course=course, capacity=3, place="Council offices, room 2")
    full = TrainingSessionFactory(
        course=CourseFactory(title="Council Tax refresher"),
        capacity=1,
        starts_at=timezone.now() + datetime.timedelta(days=9),
    )
    services.booking_create(session=full, person=UserFactory(full_name="Someone Else"))
    action = services.follow_up_add(
        observation=_observation(),
        description="Open a second desk at busy times",
        owner=advisor,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    page = journey.page

    journey.sign_in("advisor@council.example")
    journey.goto("/workforce/")
    journey.click(page.get_by_role("link", name="Book a training session"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Book a training session")
    expect(page.get_by_role("table")).to_contain_text("Full")
    page.screenshot(path="/tmp/workforce-sessions.png", full_page=True)
    journey.click(page.get_by_role("row", name="Dealing with difficult calls").get_by_role("link"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Book your place")
    journey.click(page.get_by_role("button", name="Book my place"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My training and qualifications")
    expect(page.get_by_text("Dealing with difficult calls:")).to_be_visible()

    journey.goto(f"/workforce/sessions/{full.pk}/book/")
    journey.click(page.get_by_role("button", name="Book my place"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("This session is full")

    journey.goto("/workforce/mine/")
    journey.click(page.get_by_role("link", name="Cancel booking"))
    journey.click(page.get_by_role("button", name="Cancel my booking"))
    expect(page.get_by_text("Your booking is cancelled")).to_be_visible()

    journey.goto("/workforce/")
    journey.click(page.get_by_role("link", name="My actions"))
    expect(page.get_by_role("table", name="Back-to-the-floor follow-up actions")).to_contain_text(
        "Overdue"
    )
    journey.click(page.get_by_role("link", name="Mark as done"))
    _fill_date(page, "done_on", timezone.localdate() + datetime.timedelta(days=1))
    journey.click(page.get_by_role("button", name="Mark as done"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("today or in the past")
    _fill_date(page, "done_on", timezone.localdate())
    journey.click(page.get_by_role("button", name="Mark as done"))
    expect(page.get_by_role("table", name="Back-to-the-floor follow-up actions")).to_contain_text(
        "Done"
    )
    page.screenshot(path="/tmp/workforce-actions.png", full_page=True)
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()


def _observation():
    event = FloorEventFactory()
    member = UserFactory(roles=[Role.MEMBER])
    starts = timezone.make_aware(datetime.datetime.combine(event.starts_on, datetime.time(10)))
    placement = services.placement_create(
        event=event,
        participant=member,
        team=TeamFactory(),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        host="Tom Baker",
    )
    return services.observation_record(
        placement=placement, recorded_by=member, problems="Long queue at reception"
    )
