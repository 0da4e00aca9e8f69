import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, SiteFactory, UserFactory
from apps.catalogue.tests.factories import ServiceFactory
from apps.core.models import OutboxMessage
from apps.mystery import allocation, selectors, services
from apps.mystery.committee import mystery_shopping
from apps.mystery.models import Channel, Finding, Shopper, Visit
from apps.mystery.signals import positive_finding_shared

from .factories import (
    CriterionFactory,
    ProgrammeFactory,
    ScenarioFactory,
    ShopperFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    programme = ProgrammeFactory()
    for channel in (Channel.FACE_TO_FACE, Channel.PHONE):
        scenario = ScenarioFactory(programme=programme, channel=channel)
        CriterionFactory(scenario=scenario, weight=3, cse_criterion=5, cse_code="5.1")
        CriterionFactory(scenario=scenario, weight=1, cse_criterion=3, cse_code="3.2")
    sites = [SiteFactory(), SiteFactory()]
    for site in sites:
        TargetFactory(programme=programme, site=site, visits=4)
    TargetFactory(programme=programme, channel=Channel.PHONE, site=None, visits=5)
    for _ in range(4):
        ShopperFactory()
    ShopperFactory(kind=Shopper.Kind.DISABLED, access_needs="Wheelchair user")
    return programme


def _key(plan):
    return [(p.scenario_id, p.shopper_id, p.site_id, p.day, p.time_of_day) for p in plan]


def test_allocation_is_reproducible_from_its_seed(programme):
    first = allocation.plan(programme, 42)
    assert _key(first) == _key(allocation.plan(programme, 42))
    assert _key(first) != _key(allocation.plan(programme, 43))


def test_allocation_run_keeps_the_seed_and_meets_targets(programme):
    run, links = services.allocation_run(programme=programme, seed=7)
    assert run.seed == 7 and "seed" in run.method
    visits = list(run.visits.all())
    assert len(visits) == len(links) == 13
    spread = Counter((v.channel, v.site_id) for v in visits)
    for target in programme.targets.all():
        assert spread[(target.channel, target.site_id)] == target.visits
    assert all(programme.start <= v.day <= programme.end and v.day.weekday() < 5 for v in visits)
    # The panel shares the visits: nobody gets more than one more than anyone else.
    load = Counter(v.shopper_id for v in visits)
    assert max(load.values()) - min(load.values()) <= 1
    assert OutboxMessage.objects.filter(purpose=services.LINK_PURPOSE).count() == 13
    # Only the digest is stored.
    assert not Visit.objects.filter(token_digest__in=links.values()).exists()


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**40))
def test_an_officer_never_shops_their_own_department(seed):
    department = DepartmentFactory()
    own = ServiceFactory(department=department)
    programme = ProgrammeFactory()
    ScenarioFactory(programme=programme, channel=Channel.PHONE, service=own)
    ScenarioFactory(programme=programme, channel=Channel.PHONE)
    TargetFactory(programme=programme, channel=Channel.PHONE, site=None, visits=6)
    officer = ShopperFactory(kind=Shopper.Kind.OFFICER, department=department)
    ShopperFactory()
    for planned in allocation.plan(programme, seed):
        if planned.shopper_id == officer.pk:
            assert planned.scenario_id != own.pk and (
                programme.scenarios.get(pk=planned.scenario_id).service_id != own.pk
            )


def test_an_officer_must_name_their_department():
    with pytest.raises(ValidationError):
        Shopper(name="A", email="a@example.com", kind=Shopper.Kind.OFFICER).full_clean()


def test_shoppers_without_consent_are_not_allocated(programme):
    Shopper.objects.update(consent_given_on=None)
    assert allocation.plan(programme, 1) == []


def _complete(visit, plain, met=(True, False)):
    services.visit_save_details(
        visit=visit, visited_on=datetime.date(2026, 2, 3), staff_description="", summary="Fine"
    )
    criteria = list(visit.scenario.criteria.order_by("pk"))
    services.visit_save_answers(
        visit=visit, answers={c.pk: (m, "") for c, m in zip(criteria, met, strict=True)}
    )
    if visit.channel == Channel.FACE_TO_FACE:
        services.visit_save_access_check(
            visit=visit,
            parking_bays=2,
            parking_signed="yes",
            step_free_entrance="yes",
            doors="no",
            hearing_loop="yes",
            seating="yes",
            accessible_toilet="yes",
            signage="no",
            staff_awareness="yes",
        )
    return services.visit_submit(plain=plain)


def test_link_saves_and_returns_then_cannot_be_reused(programme):
    _run, links = services.allocation_run(programme=programme, seed=3)
    visit = Visit.objects.filter(channel=Channel.FACE_TO_FACE).first()
    plain = links[visit.pk]
    assert services.visit_by_token("not-a-real-token") is None
    assert services.visit_by_token(plain[:-1] + ("A" if plain[-1] != "A" else "B")) is None
    services.visit_save_details(
        visit=visit, visited_on=datetime.date(2026, 2, 3), staff_description="Sam", summary="x"
    )
    again = services.visit_by_token(plain)
    assert again.pk == visit.pk and again.staff_description == "Sam"
    assert services.missing_parts(again) == ["checklist", "access"]
    with pytest.raises(ValidationError):
        services.visit_submit(plain=plain)
    submitted = _complete(again, plain)
    assert submitted.status == Visit.Status.SUBMITTED
    assert services.visit_by_token(plain) is None
    with pytest.raises(ValidationError):
        services.visit_submit(plain=plain)


def test_expired_link_does_not_work(programme):
    _run, links = services.allocation_run(programme=programme, seed=3)
    visit = Visit.objects.first()
    later = visit.link_expires_at + datetime.timedelta(seconds=1)
    assert services.visit_by_token(links[visit.pk], now=later) is None


def test_score_is_weighted():
    assert services.score([(3, True), (1, False)]) == Decimal("75.0")
    assert services.score([(1, True), (2, False)]) == Decimal("33.3")
    assert services.score([]) is None


def test_results_selectors(programme):
    _run, links = services.allocation_run(programme=programme, seed=5)
    face = Visit.objects.filter(channel=Channel.FACE_TO_FACE).order_by("pk")[:2]
    phone = Visit.objects.filter(channel=Channel.PHONE).first()
    _complete(face[0], links[face[0].pk], met=(True, False))  # 75
    _complete(face[1], links[face[1].pk], met=(True, True))  # 100
    _complete(phone, links[phone.pk], met=(False, True))  # 25
    by_channel = {r.label: r for r in selectors.results_by("channel")}
    assert by_channel["Face to face"].visits == 2 and by_channel["Face to face"].score == 87.5
    assert by_channel["Phone"].score == 25.0
    criteria = selectors.results_by_criterion()
    # Criterion 5 (weight 3): met on 2 of 3 visits = 66.7; criterion 3: 2 of 3 = 66.7 too.
    assert {r.score for r in criteria} == {66.7}
    assert selectors.monthly_trend()[0].label == "February 2026"
    assert selectors.monthly_trend()[0].score == round((75 + 100 + 25) / 3, 1)
    section = mystery_shopping(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert section.tables[0].rows[0][0] == "Face to face"


def test_sharing_a_positive_finding_notifies_and_signals(programme):
    _run, links = services.allocation_run(programme=programme, seed=5)
    visit = Visit.objects.first()
    staff = UserFactory()
    finding = services.finding_record(
        visit=visit, kind=Finding.Kind.POSITIVE, text="Very helpful", staff=staff
    )
    received = []

    def receiver(sender, finding, **kwargs):
        received.append((sender, finding))

    positive_finding_shared.connect(receiver)
    try:
        services.finding_share(finding=finding, by=UserFactory())
    finally:
        positive_finding_shared.disconnect(receiver)
    assert received == [(Finding, finding)]
    assert OutboxMessage.objects.filter(to=staff.email, purpose=services.FINDING_PURPOSE).exists()
    with pytest.raises(ValidationError):
        services.finding_share(finding=finding, by=None)


def test_results_page_query_bound_and_permissions(
    client_as, programme, django_assert_max_num_queries
):
    _run, links = services.allocation_run(programme=programme, seed=5)
    for visit in Visit.objects.all()[:4]:
        _complete(visit, links[visit.pk])
    client = client_as(Role.MEMBER)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("mystery:results"))
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("mystery:visits")).status_code == 200
    assert client.post(reverse("mystery:programme", args=[programme.pk])).status_code == 403
    assert client.get(reverse("mystery:visit", args=[99999])).status_code == 404


def test_quality_lead_allocates_with_a_seed(client_as, programme):
    client = client_as(Role.QUALITY_LEAD)
    url = reverse("mystery:programme", args=[programme.pk])
    assert client.post(url, {"seed": "abc"}).status_code == 200
    assert not Visit.objects.exists()
    client.post(url, {"seed": "99"})
    assert programme.allocation_runs.get().seed == 99
    assert b"99" in client.get(url).content


def test_shopper_pages_without_sign_in(client, programme):
    _run, links = services.allocation_run(programme=programme, seed=3)
    visit = Visit.objects.filter(channel=Channel.FACE_TO_FACE).first()
    plain = links[visit.pk]
    start = reverse("mystery:visit-start", args=[plain])
    assert client.get(start).status_code == 200
    step = reverse("mystery:visit-step", args=[plain, "details"])
    bad = client.post(step, {"summary": ""})
    assert bad.status_code == 200 and b"govuk-error-summary" in bad.content
    client.post(
        step,
        {
            "visited_on_day": "3",
            "visited_on_month": "2",
            "visited_on_year": "2026",
            "summary": "Fine",
            "then": "later",
        },
    )
    visit.refresh_from_db()
    assert visit.summary == "Fine"
    assert client.get(reverse("mystery:visit-step", args=[plain, "nope"])).status_code == 404
    assert client.get(reverse("mystery:visit-start", args=["guess"])).status_code == 404


def test_demo_seed_adds_a_programme_with_completed_visits():
    import random

    from apps.mystery import demo

    SiteFactory(is_public=True)
    SiteFactory(is_public=True)
    for _ in range(5):
        ServiceFactory()
    assert demo.seed(random.Random(1), scale=1) > 0
    programme = demo.Programme.objects.get(name=demo.PROGRAMME)
    assert programme.allocation_runs.get().seed == demo.DEMO_SEED
    assert set(programme.scenarios.values_list("channel", flat=True)) == set(Channel.values)
    assert Shopper.objects.filter(kind=Shopper.Kind.OFFICER).exists()
    submitted = programme.visits.filter(status=Visit.Status.SUBMITTED)
    assert submitted.exists()
    assert submitted.filter(channel=Channel.FACE_TO_FACE, access_check__isnull=False).exists()
    assert demo.seed(random.Random(1), scale=1) == 0


def test_quality_lead_adds_shoppers_and_an_officer_needs_a_department(
    client_as, django_assert_max_num_queries
):
    client = client_as(Role.QUALITY_LEAD)
    url = reverse("mystery:shopper-add")
    bad = client.post(url, {"name": "Alan", "email": "alan@example.com", "kind": "officer"})
    assert bad.status_code == 200 and b"govuk-error-summary" in bad.content
    assert not Shopper.objects.exists()
    department = DepartmentFactory()
    client.post(
        url,
        {
            "name": "Alan",
            "email": "alan@example.com",
            "kind": "officer",
            "department": department.pk,
            "consent_given_on_day": "1",
            "consent_given_on_month": "2",
            "consent_given_on_year": "2026",
        },
    )
    assert Shopper.objects.get().department == department
    ShopperFactory.create_batch(5, kind=Shopper.Kind.DISABLED)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("mystery:shoppers"), {"kind": "disabled"})
    assert response.status_code == 200 and b"Alan" not in response.content


def test_the_shopper_panel_is_for_the_quality_lead_only(client_as):
    assert client_as(Role.MEMBER).get(reverse("mystery:shoppers")).status_code == 403
