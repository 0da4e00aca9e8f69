import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.accounts.roles import Role
from apps.customers import selectors, services
from apps.customers.demo import seed
from apps.customers.models import (
    Customer,
    CustomerMerge,
    Vulnerability,
    VulnerabilityAccessLog,
)
from apps.customers.tests.factories import CustomerFactory, VulnerabilityFactory
from apps.customers.tests.helpers import make_contact, make_request

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate() + datetime.timedelta(days=365)


def _create(**fields):
    base = {"first_name": "Jane", "last_name": "Archer", "phone": "07700 900 123"}
    return services.customer_create(**{**base, **fields})


def test_create_issues_sequential_references_and_fills_search_columns():
    first = _create(
        business_name="",
        postcode="bc1 2ab",
        email="Jane.Archer@Example.COM",
        phone="(01632) 960-001",
    )
    second = _create(first_name="Bob")
    assert first.reference == "C-0000001"
    assert second.reference == "C-0000002"
    assert first.search_name == "jane archer"
    assert first.search_phone == "01632960001"
    assert first.search_postcode == "BC12AB"
    assert first.email == "jane.archer@example.com"


def test_business_search_name_includes_business_name():
    customer = _create(kind=Customer.Kind.BUSINESS, business_name="The Bull Inn")
    assert customer.search_name == "jane archer the bull inn"


def test_create_refuses_a_resident_without_a_last_name():
    with pytest.raises(ValidationError):
        _create(last_name="")
    assert not Customer.objects.exists()


def test_update_refreshes_search_columns(make_user):
    customer = _create()
    services.customer_update(
        customer=customer, changed_by=make_user(), last_name="Grundy", phone="07700 900 999"
    )
    customer.refresh_from_db()
    assert customer.search_name == "jane grundy"
    assert customer.search_phone == "07700900999"
    assert customer.history.count() == 2


def test_search_ranks_reference_then_exact_then_prefix_then_contains():
    by_ref = CustomerFactory(first_name="Zed", last_name="Nobody")
    contains = CustomerFactory(first_name="Anne", last_name="Smithson-Fitz")
    prefix = CustomerFactory(first_name="Smith", last_name="Anders")
    exact_email = CustomerFactory(first_name="Xavier", last_name="Jones", email="smith@example.com")
    results = selectors.customer_search(query="smith")
    assert results == [prefix, contains]
    assert selectors.customer_search(query="SMITH@example.com") == [exact_email]
    assert selectors.customer_search(query=by_ref.reference.lower()) == [by_ref]
    assert selectors.customer_search(query=by_ref.reference.replace("-", "")) == [by_ref]


def test_search_matches_phone_and_postcode_however_typed():
    customer = CustomerFactory(phone="07700 900 555", postcode="BC4 2EG")
    CustomerFactory(phone="07700 900 556", postcode="BC4 3EG")
    assert selectors.customer_search(query="07700900555") == [customer]
    assert selectors.customer_search(query="+44 7700 900555") == [customer]
    assert selectors.customer_search(query="bc42eg") == [customer]
    assert len(selectors.customer_search(query="BC4")) == 2


def test_search_by_surname_then_first_name_finds_all_words():
    customer = CustomerFactory(first_name="Peggy", last_name="Woolley")
    assert selectors.customer_search(query="woolley peggy") == [customer]
    assert selectors.customer_search(query="") == []


def test_search_excludes_merged_duplicates(make_user):
    survivor = CustomerFactory(last_name="Archer")
    duplicate = CustomerFactory(last_name="Archer")
    services.customer_merge(
        survivor=survivor, duplicate=duplicate, merged_by=make_user(), reason="Same person"
    )
    assert selectors.customer_search(query="archer") == [survivor]


def test_search_limit_is_respected():
    for _ in range(30):
        CustomerFactory(last_name="Aldridge")
    assert len(selectors.customer_search(query="aldridge", limit=7)) == 7


def test_merge_moves_contacts_requests_and_vulnerabilities_and_is_audited(make_user):
    user = make_user(Role.TEAM_MANAGER)
    survivor, duplicate = CustomerFactory(), CustomerFactory()
    make_contact(duplicate)
    make_contact(duplicate)
    make_request(duplicate)
    VulnerabilityFactory(customer=duplicate)
    make_contact(survivor)

    merge = services.customer_merge(
        survivor=survivor, duplicate=duplicate, merged_by=user, reason="Same date of birth"
    )

    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert survivor.contacts.count() == 3
    assert survivor.requests.count() == 1
    assert survivor.vulnerabilities.count() == 1
    assert duplicate.contacts.count() == 0
    saved = CustomerMerge.objects.get()
    assert saved == merge
    assert (saved.merged_by, saved.reason) == (user, "Same date of birth")
    assert saved.moved == {"contacts": 2, "requests": 1, "vulnerabilities": 1}


def test_merge_refuses_self_twice_or_without_reason(make_user):
    user = make_user()
    survivor, duplicate = CustomerFactory(), CustomerFactory()
    with pytest.raises(ValidationError):
        services.customer_merge(survivor=survivor, duplicate=survivor, merged_by=user, reason="x")
    with pytest.raises(ValidationError):
        services.customer_merge(survivor=survivor, duplicate=duplicate, merged_by=user, reason=" ")
    services.customer_merge(survivor=survivor, duplicate=duplicate, merged_by=user, reason="Same")
    with pytest.raises(ValidationError):
        services.customer_merge(survivor=survivor, duplicate=duplicate, merged_by=user, reason="x")
    assert CustomerMerge.objects.count() == 1


def test_vulnerability_on_consent_needs_who_gave_it(make_user):
    customer = CustomerFactory()
    with pytest.raises(ValidationError) as error:
        services.vulnerability_record(
            customer=customer,
            recorded_by=make_user(),
            categories=["bereavement"],
            lawful_basis=Vulnerability.LawfulBasis.CONSENT,
            consent_given_by="  ",
            review_date=NEXT_YEAR,
        )
    assert "consent_given_by" in error.value.message_dict
    assert not Vulnerability.objects.exists()


def test_vulnerability_on_another_basis_replaces_the_earlier_record(make_user):
    customer = CustomerFactory()
    earlier = VulnerabilityFactory(customer=customer)
    later = services.vulnerability_record(
        customer=customer,
        recorded_by=make_user(),
        categories=["domestic_abuse"],
        lawful_basis=Vulnerability.LawfulBasis.SAFEGUARDING,
        support_notes="Do not send letters to the home address.",
        review_date=NEXT_YEAR,
    )
    earlier.refresh_from_db()
    assert earlier.ended_at is not None
    assert list(selectors.active_vulnerabilities(customer=customer)) == [later]


def test_vulnerability_needs_category_and_future_review(make_user):
    with pytest.raises(ValidationError) as error:
        services.vulnerability_record(
            customer=CustomerFactory(),
            recorded_by=make_user(),
            categories=[],
            lawful_basis=Vulnerability.LawfulBasis.PUBLIC_TASK,
            review_date=timezone.localdate(),
        )
    assert set(error.value.message_dict) == {"categories", "review_date"}


def test_access_log_written_only_for_vulnerable_records_and_permitted_roles(make_user):
    advisor = make_user(Role.ADVISOR)
    officer = make_user(Role.CLIENT_SERVICE_OFFICER)
    vulnerable = VulnerabilityFactory().customer
    ordinary = CustomerFactory()

    shown = selectors.customer_detail_for(customer_id=vulnerable.pk, user=advisor)
    assert len(shown.vulnerability_list) == 1
    selectors.customer_detail_for(customer_id=ordinary.pk, user=advisor)
    hidden = selectors.customer_detail_for(customer_id=vulnerable.pk, user=officer)
    assert hidden.vulnerability_list is None

    entry = VulnerabilityAccessLog.objects.get()
    assert (entry.customer, entry.viewed_by, entry.context) == (vulnerable, advisor, "record")


def test_detail_for_unknown_customer_is_404(make_user):
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.customer_detail_for(customer_id=999999, user=make_user(Role.ADVISOR))


def test_timeline_merges_contacts_and_open_requests_newest_first(
    django_assert_max_num_queries,
):
    customer = CustomerFactory()
    now = timezone.now()
    old_contact = make_contact(customer, started_at=now - datetime.timedelta(days=3))
    open_request = make_request(customer, created_at=now - datetime.timedelta(days=2))
    make_request(customer, status="closed", created_at=now - datetime.timedelta(days=1))
    new_contact = make_contact(customer, started_at=now)
    for _ in range(10):
        make_contact(customer, started_at=now - datetime.timedelta(days=10))
    with django_assert_max_num_queries(3):
        timeline = selectors.customer_timeline(customer=customer)
        assert all(
            entry.get("services") is not None for entry in timeline if entry["kind"] == "contact"
        )
    assert [e.get("contact") or e.get("request") for e in timeline[:3]] == [
        new_contact,
        open_request,
        old_contact,
    ]
    assert len(timeline) == 13


def test_demo_seed_is_deterministic_and_idempotent(make_user):
    make_user(Role.ADVISOR, email="advisor@borchester.example")
    added = seed(random.Random(1), scale=1)
    assert added >= 300
    assert seed(random.Random(1), scale=1) == 0
    businesses = Customer.objects.filter(kind=Customer.Kind.BUSINESS).count()
    assert 5 < businesses < 50
    assert Vulnerability.objects.count() == 18
    assert not Customer.objects.filter(search_name="").exists()
    assert all(c.search_postcode.startswith("BC") for c in Customer.objects.all())


def test_search_stays_within_four_queries_with_200_customers(django_assert_max_num_queries):
    for n in range(200):
        CustomerFactory(last_name="Archer" if n % 3 else "Carter")
    for query in ("archer", "arch", "rche", "BC1", "07700 900 001", "C-0000005", "a@b.com"):
        with django_assert_max_num_queries(4):
            results = selectors.customer_search(query=query)
        assert len(results) <= 20
    assert len(selectors.customer_search(query="rche")) == 20


def test_a_postcode_phone_or_email_search_never_scans_names(django_assert_num_queries):
    from apps.customers.selectors import customer_search

    for query in ("BC4 1PP", "bc41pp", "07700 900123", "someone@example.com"):
        with django_assert_num_queries(1):
            customer_search(query=query)


def test_name_search_has_a_trigram_index_on_postgresql_only():
    from django.db import connection

    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "customers_customer")
    assert ("customers_customer_search_name_trgm" in indexes) == (connection.vendor == "postgresql")
