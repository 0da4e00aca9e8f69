"""Setting up a programme on the staff pages: services that refuse what would break
allocated visits, and views that check permission and write nothing on bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.accounts.roles import Role
from apps.accounts.tests.factories import SiteFactory
from apps.catalogue.tests.factories import ServiceFactory
from apps.mystery import services
from apps.mystery.models import Channel, Criterion, Programme, Scenario, Target

from .factories import (
    CriterionFactory,
    ProgrammeFactory,
    ScenarioFactory,
    ShopperFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 4, 1)
END = datetime.date(2026, 6, 30)


@pytest.fixture
def allocated():
    """A programme whose one face-to-face scenario has visits allocated."""
    programme = ProgrammeFactory()
    scenario = ScenarioFactory(programme=programme, channel=Channel.FACE_TO_FACE)
    CriterionFactory(scenario=scenario)
    TargetFactory(programme=programme, visits=2)
    ShopperFactory()
    services.allocation_run(programme=programme, seed=1)
    assert scenario.visits.count() == 2
    return scenario


# Services


def test_programme_create_and_its_period():
    programme = services.programme_create(
        name="Spring", start=START, end=END, description="Phones and centres."
    )
    assert programme.description == "Phones and centres."
    with pytest.raises(ValidationError) as error:
        services.programme_create(name="Backwards", start=END, end=START)
    assert "end" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.programme_create(name="Spring", start=START, end=END)
    assert Programme.objects.count() == 1


def test_programme_update_keeps_allocated_visits_inside_the_period(allocated):
    programme = allocated.programme
    days = sorted(programme.visits.values_list("day", flat=True))
    with pytest.raises(ValidationError, match="outside that period"):
        services.programme_update(
            programme=programme,
            name=programme.name,
            start=days[-1] + datetime.timedelta(days=1),
            end=days[-1] + datetime.timedelta(days=30),
            description="",
        )
    programme.refresh_from_db()
    assert programme.start < days[0] + datetime.timedelta(days=1)
    services.programme_update(
        programme=programme, name="Renamed", start=days[0], end=days[-1], description="Now"
    )
    programme.refresh_from_db()
    assert (programme.name, programme.start, programme.end) == ("Renamed", days[0], days[-1])


def test_target_add_refuses_nought_and_duplicates():
    programme = ProgrammeFactory()
    site = SiteFactory()
    services.target_add(programme=programme, channel=Channel.FACE_TO_FACE, site=site, visits=3)
    services.target_add(programme=programme, channel=Channel.PHONE, visits=2)
    with pytest.raises(ValidationError, match="already has a target"):
        services.target_add(programme=programme, channel=Channel.FACE_TO_FACE, site=site, visits=1)
    # No site is a channel-wide target; a second one is a duplicate too (NULL is not unique).
    with pytest.raises(ValidationError, match="already has a target"):
        services.target_add(programme=programme, channel=Channel.PHONE, visits=5)
    with pytest.raises(ValidationError):
        services.target_add(programme=programme, channel=Channel.EMAIL, visits=0)
    assert Target.objects.count() == 2
    services.target_remove(target=Target.objects.get(channel=Channel.PHONE))
    assert Target.objects.count() == 1


def test_scenario_create_update_and_delete():
    programme = ProgrammeFactory()
    service = ServiceFactory()
    scenario = services.scenario_create(
        programme=programme,
        title="Missed bin by phone",
        channel=Channel.PHONE,
        service=service,
        brief="Report a missed bin.",
        instructions="Call in the morning.",
    )
    services.scenario_update(
        scenario=scenario,
        title="Missed bin by email",
        channel=Channel.EMAIL,
        service=service,
        brief="Report a missed bin.",
        instructions="",
    )
    scenario.refresh_from_db()
    assert (scenario.title, scenario.channel) == ("Missed bin by email", Channel.EMAIL)
    with pytest.raises(ValidationError):
        services.scenario_update(
            scenario=scenario, title="", channel=Channel.EMAIL, service=service, brief="x"
        )
    services.scenario_delete(scenario=scenario)
    assert not Scenario.objects.exists()


def test_scenario_with_visits_cannot_be_deleted_or_change_channel(allocated):
    with pytest.raises(ValidationError, match="cannot be deleted"):
        services.scenario_delete(scenario=allocated)
    with pytest.raises(ValidationError, match="channel and service cannot change"):
        services.scenario_update(
            scenario=allocated,
            title=allocated.title,
            channel=Channel.PHONE,
            service=allocated.service,
            brief=allocated.brief,
        )
    with pytest.raises(ValidationError, match="channel and service cannot change"):
        services.scenario_update(
            scenario=allocated,
            title=allocated.title,
            channel=allocated.channel,
            service=ServiceFactory(),
            brief=allocated.brief,
        )
    # Wording can still be corrected.
    services.scenario_update(
        scenario=allocated,
        title="Clearer title",
        channel=allocated.channel,
        service=allocated.service,
        brief=allocated.brief,
    )
    allocated.refresh_from_db()
    assert allocated.title == "Clearer title" and allocated.channel == Channel.FACE_TO_FACE


def test_criterion_add_orders_validates_and_is_refused_once_allocated(allocated):
    scenario = ScenarioFactory()
    first = services.criterion_add(
        scenario=scenario, text="Greeted", cse_criterion=5, cse_code="5.2", weight=3
    )
    second = services.criterion_add(scenario=scenario, text="Next steps", cse_criterion=4, weight=1)
    assert (first.order, second.order) == (0, 1)
    for bad in (
        {"weight": 11},
        {"weight": 0},
        {"cse_code": "3.2"},  # an element of criterion 3, under criterion 5
        {"cse_code": "five"},
    ):
        fields = {"text": "Bad", "cse_criterion": 5, "cse_code": "5.1", "weight": 2} | bad
        with pytest.raises(ValidationError):
            services.criterion_add(scenario=scenario, **fields)
    assert scenario.criteria.count() == 2
    services.criterion_remove(criterion=second)
    assert list(scenario.criteria.all()) == [first]

    with pytest.raises(ValidationError, match="checklist cannot change"):
        services.criterion_add(scenario=allocated, text="Late", cse_criterion=1, weight=1)
    with pytest.raises(ValidationError, match="checklist cannot change"):
        services.criterion_remove(criterion=allocated.criteria.get())
    assert allocated.criteria.count() == 1


@settings(max_examples=10, deadline=None)
@given(weight=st.integers(min_value=-5, max_value=20))
def test_only_weights_from_1_to_10_are_kept(weight):
    scenario = ScenarioFactory()
    try:
        services.criterion_add(scenario=scenario, text="Item", cse_criterion=2, weight=weight)
    except ValidationError:
        assert not 1 <= weight <= 10
    else:
        assert 1 <= weight <= 10
    assert scenario.criteria.count() == (1 if 1 <= weight <= 10 else 0)


# Views


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_advisors_and_team_managers_cannot_set_up_programmes(client_as):
    scenario = ScenarioFactory()
    criterion = CriterionFactory(scenario=scenario)
    target = TargetFactory(programme=scenario.programme)
    programme = scenario.programme
    posts = [
        reverse("mystery:programme-add"),
        reverse("mystery:programme-edit", args=[programme.pk]),
        reverse("mystery:target-add", args=[programme.pk]),
        reverse("mystery:target-remove", args=[programme.pk, target.pk]),
        reverse("mystery:scenario-add", args=[programme.pk]),
        reverse("mystery:scenario", args=[scenario.pk]),
        reverse("mystery:scenario-edit", args=[scenario.pk]),
        reverse("mystery:scenario-delete", args=[scenario.pk]),
        reverse("mystery:criterion-remove", args=[scenario.pk, criterion.pk]),
    ]
    for role in (Role.ADVISOR, Role.TEAM_MANAGER):
        client = client_as(role)
        for url in posts:
            assert client.post(url, {"name": "X", "visits": "1"}).status_code == 403, (role, url)
        assert client.get(reverse("mystery:programme-add")).status_code == 403
    assert client.get(reverse("mystery:scenario", args=[scenario.pk])).status_code == 200
    assert Programme.objects.count() == 1 and Target.objects.count() == 1
    assert Criterion.objects.count() == 1 and Scenario.objects.count() == 1


def test_quality_lead_creates_and_edits_a_programme(client_as):
    client = client_as(Role.QUALITY_LEAD)
    url = reverse("mystery:programme-add")
    assert client.get(url).status_code == 200
    bad = {"name": "Spring", **_date("start", END), **_date("end", START)}
    response = client.post(url, bad)
    assert response.status_code == 200 and b"There is a problem" in response.content
    assert not Programme.objects.exists()
    good = {
        "name": "Spring",
        "description": "Centres.",
        **_date("start", START),
        **_date("end", END),
    }
    response = client.post(url, good)
    programme = Programme.objects.get()
    assert response.url == reverse("mystery:programme", args=[programme.pk])
    assert programme.description == "Centres."
    # The same name again is refused on the form.
    response = client.post(url, good)
    assert b"already a programme with that name" in response.content
    assert Programme.objects.count() == 1

    edit = reverse("mystery:programme-edit", args=[programme.pk])
    assert b"Spring" in client.get(edit).content
    client.post(edit, good | {"name": "Spring 2026"})
    programme.refresh_from_db()
    assert programme.name == "Spring 2026"
    assert client.get(reverse("mystery:programme-edit", args=[999999])).status_code == 404


def test_quality_lead_adds_and_removes_targets(client_as):
    client = client_as(Role.QUALITY_LEAD)
    programme = ProgrammeFactory()
    site = SiteFactory()
    url = reverse("mystery:target-add", args=[programme.pk])
    for bad in (
        {"channel": "face_to_face", "site": site.pk, "visits": "0"},
        {"channel": "face_to_face", "site": site.pk, "visits": "lots"},
        {"channel": "carrier_pigeon", "visits": "2"},
        {"channel": "face_to_face", "site": "999999", "visits": "2"},
    ):
        response = client.post(url, bad)
        assert response.status_code == 200 and b"There is a problem" in response.content
    assert not Target.objects.exists()
    client.post(url, {"channel": "face_to_face", "site": site.pk, "visits": "4"})
    response = client.post(url, {"channel": "face_to_face", "site": site.pk, "visits": "2"})
    assert b"already has a target" in response.content
    target = Target.objects.get()
    assert target.visits == 4
    page = client.get(reverse("mystery:programme", args=[programme.pk]))
    assert b"Add a target" in page.content and b"Remove" in page.content
    other = ProgrammeFactory()
    remove = reverse("mystery:target-remove", args=[other.pk, target.pk])
    assert client.post(remove).status_code == 404
    client.post(reverse("mystery:target-remove", args=[programme.pk, target.pk]))
    assert not Target.objects.exists()


def test_quality_lead_adds_a_scenario_and_its_checklist(client_as, django_assert_max_num_queries):
    client = client_as(Role.QUALITY_LEAD)
    programme = ProgrammeFactory()
    service = ServiceFactory()
    url = reverse("mystery:scenario-add", args=[programme.pk])
    response = client.post(url, {"title": "Bins", "channel": "phone", "brief": ""})
    assert b"Enter what the shopper asks or does" in response.content
    assert not Scenario.objects.exists()
    client.post(
        url,
        {
            "title": "Bins",
            "channel": "phone",
            "service": service.pk,
            "brief": "Report a missed bin.",
            "instructions": "Ring before 10am.",
        },
    )
    scenario = Scenario.objects.get()
    assert scenario.instructions == "Ring before 10am."
    page = reverse("mystery:scenario", args=[scenario.pk])
    for bad in (
        {"text": "Greeted", "cse_criterion": "5", "cse_code": "3.2", "weight": "2"},
        {"text": "Greeted", "cse_criterion": "5", "cse_code": "", "weight": "11"},
        {"text": "", "cse_criterion": "9", "weight": "2"},
    ):
        response = client.post(page, bad)
        assert response.status_code == 200 and b"There is a problem" in response.content
    assert not Criterion.objects.exists()
    client.post(page, {"text": "Greeted", "cse_criterion": "5", "cse_code": "5.2", "weight": "3"})
    client.post(page, {"text": "Next steps", "cse_criterion": "4", "weight": "1"})
    assert list(scenario.criteria.values_list("text", "weight")) == [
        ("Greeted", 3),
        ("Next steps", 1),
    ]
    with django_assert_max_num_queries(15):
        response = client.get(page)
    assert b"total weight 4" in response.content
    criterion = scenario.criteria.get(text="Next steps")
    client.post(reverse("mystery:criterion-remove", args=[scenario.pk, criterion.pk]))
    assert scenario.criteria.count() == 1

    edit = reverse("mystery:scenario-edit", args=[scenario.pk])
    client.post(
        edit,
        {"title": "Bins by email", "channel": "email", "service": service.pk, "brief": "Bins."},
    )
    scenario.refresh_from_db()
    assert scenario.channel == "email"
    client.post(reverse("mystery:scenario-delete", args=[scenario.pk]))
    assert not Scenario.objects.exists() and not Criterion.objects.exists()
    with django_assert_max_num_queries(20):
        assert client.get(reverse("mystery:programme", args=[programme.pk])).status_code == 200


def test_pages_refuse_changes_that_would_break_allocated_visits(client_as, allocated):
    client = client_as(Role.QUALITY_LEAD)
    delete = reverse("mystery:scenario-delete", args=[allocated.pk])
    response = client.post(delete)
    assert response.status_code == 200
    assert b"cannot be deleted" in response.content
    criterion = allocated.criteria.get()
    response = client.post(reverse("mystery:criterion-remove", args=[allocated.pk, criterion.pk]))
    assert b"checklist cannot change" in response.content
    page = reverse("mystery:scenario", args=[allocated.pk])
    response = client.post(page, {"text": "Late", "cse_criterion": "1", "weight": "1"})
    assert b"checklist cannot change" in response.content
    response = client.post(
        reverse("mystery:scenario-edit", args=[allocated.pk]),
        {
            "title": allocated.title,
            "channel": "phone",
            "service": allocated.service_id,
            "brief": allocated.brief,
        },
    )
    assert b"channel and service cannot change" in response.content
    allocated.refresh_from_db()
    assert allocated.channel == Channel.FACE_TO_FACE and allocated.criteria.count() == 1
    assert Scenario.objects.filter(pk=allocated.pk).exists()
    # The page says so before anyone tries.
    assert b"its checklist is fixed" in client.get(page).content


def test_home_links_to_setting_up_a_programme(client_as):
    assert (
        b"Set up a programme" in client_as(Role.QUALITY_LEAD).get(reverse("mystery:home")).content
    )


def test_home_hides_setting_up_from_team_managers(client_as):
    response = client_as(Role.TEAM_MANAGER).get(reverse("mystery:home"))
    assert b"Set up a programme" not in response.content
