import datetime

import pytest
from django.utils import timezone

from apps.accounts.roles import Role
from apps.customers.models import Customer, CustomerMerge, Vulnerability, VulnerabilityAccessLog
from apps.customers.tests.factories import CustomerFactory, VulnerabilityFactory
from apps.customers.tests.helpers import make_contact, make_request

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Fled domestic abuse: never confirm the address"


def _customer_post(**overrides):
    data = {
        "kind": "resident",
        "first_name": "Peggy",
        "last_name": "Woolley",
        "date_of_birth_day": "3",
        "date_of_birth_month": "4",
        "date_of_birth_year": "1950",
        "phone": "01632 960 123",
        "email": "peggy@example.com",
        "address": "The Lodge\nGrey Gables",
        "postcode": "bc1 2ab",
        "accessibility_needs": ["large_print", "hearing_loop"],
        "preferred_channel": "letter",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_search_page_finds_and_links_in_bounded_queries(client_as, django_assert_max_num_queries):
    client = client_as(Role.ADVISOR)
    for n in range(200):
        CustomerFactory(last_name="Archer" if n % 2 else "Grundy")
    target = CustomerFactory(first_name="Walter", last_name="Gabriel", postcode="BC9 8WB")
    with django_assert_max_num_queries(12):
        response = client.get("/customers/", {"q": "archer"})
    assert response.status_code == 200
    assert response.content.decode().count("Archer") >= 20
    response = client.get("/customers/", {"q": "bc9 8wb"})
    assert f'href="/customers/{target.pk}/"' in response.content.decode()


def test_search_with_nothing_found_offers_to_add(client_as):
    response = client_as(Role.ADVISOR).get("/customers/", {"q": "nobody at all"})
    assert "No customers found" in response.content.decode()


def test_search_too_long_is_an_error_not_a_500(client_as):
    response = client_as(Role.ADVISOR).get("/customers/", {"q": "x" * 300})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_people_without_customer_access_are_refused(client_as):
    assert client_as(Role.COMMUNICATIONS).get("/customers/").status_code == 403


def test_add_a_customer(client_as):
    response = client_as(Role.ADVISOR).post("/customers/add/", _customer_post())
    assert response.status_code == 302, response.content.decode()
    customer = Customer.objects.get()
    assert response["Location"] == f"/customers/{customer.pk}/"
    assert customer.postcode == "BC1 2AB"
    assert customer.search_postcode == "BC12AB"
    assert customer.date_of_birth == datetime.date(1950, 4, 3)
    assert customer.accessibility_needs == ["large_print", "hearing_loop"]


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"last_name": ""}, "Enter the last name"),
        ({"postcode": "NOT A CODE"}, "Enter a real postcode"),
        ({"phone": "12345"}, "correct format"),
        ({"email": "peggy-at-example"}, "Enter an email address in the correct format"),
        ({"date_of_birth_year": str(timezone.localdate().year + 1)}, "today or in the past"),
        ({"date_of_birth_day": "31", "date_of_birth_month": "2"}, "must be a real date"),
        ({"kind": "business", "business_name": ""}, "Enter the business name"),
    ],
)
def test_bad_customer_input_shows_the_error_summary_and_writes_nothing(
    client_as, overrides, message
):
    response = client_as(Role.ADVISOR).post("/customers/add/", _customer_post(**overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert not Customer.objects.exists()


def test_edit_a_customer(client_as):
    customer = CustomerFactory(last_name="Woolley")
    client = client_as(Role.ADVISOR)
    assert client.get(f"/customers/{customer.pk}/edit/").status_code == 200
    response = client.post(f"/customers/{customer.pk}/edit/", _customer_post(last_name="Archer"))
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.search_name == "peggy archer"
    assert customer.history.first().history_user == client.user


def test_detail_shows_vulnerability_to_advisors_and_logs_the_view(client_as):
    vulnerability = VulnerabilityFactory(support_notes=SECRET_NOTE)
    client = client_as(Role.ADVISOR)
    response = client.get(f"/customers/{vulnerability.customer.pk}/")
    body = response.content.decode()
    assert SECRET_NOTE in body
    assert "Record vulnerability" in body
    assert VulnerabilityAccessLog.objects.filter(
        customer=vulnerability.customer, viewed_by=client.user
    ).exists()


def test_client_service_officer_never_sees_vulnerability(client_as):
    vulnerability = VulnerabilityFactory(support_notes=SECRET_NOTE)
    client = client_as(Role.CLIENT_SERVICE_OFFICER)
    body = client.get(f"/customers/{vulnerability.customer.pk}/").content.decode()
    assert SECRET_NOTE not in body
    assert "Mental health" not in body
    assert "Record vulnerability" not in body
    assert not VulnerabilityAccessLog.objects.exists()
    add_url = f"/customers/{vulnerability.customer.pk}/vulnerability/add/"
    assert client.get(add_url).status_code == 403


def test_detail_shows_timeline_in_bounded_queries(client_as, django_assert_max_num_queries):
    customer = CustomerFactory()
    for n in range(15):
        make_contact(customer, reason=f"Reason {n}")
    request = make_request(customer)
    closed = make_request(customer, status="closed")
    client = client_as(Role.ADVISOR)
    with django_assert_max_num_queries(15):
        response = client.get(f"/customers/{customer.pk}/")
    body = response.content.decode()
    assert "Reason 14" in body
    assert request.reference in body
    assert closed.reference not in body


def test_unknown_customer_is_404(client_as):
    assert client_as(Role.ADVISOR).get("/customers/999999/").status_code == 404


def test_record_vulnerability(client_as):
    customer = CustomerFactory()
    review = timezone.localdate() + datetime.timedelta(days=90)
    client = client_as(Role.ADVISOR)
    response = client.post(
        f"/customers/{customer.pk}/vulnerability/add/",
        {
            "categories": ["bereavement", "older_person"],
            "lawful_basis": "consent",
            "consent_given_by": "The customer",
            "support_notes": "Call back rather than hold.",
            "review_date_day": str(review.day),
            "review_date_month": str(review.month),
            "review_date_year": str(review.year),
        },
    )
    assert response.status_code == 302, response.content.decode()
    vulnerability = Vulnerability.objects.get()
    assert vulnerability.recorded_by == client.user
    assert vulnerability.categories == ["bereavement", "older_person"]


def test_vulnerability_on_consent_without_who_shows_error_and_writes_nothing(client_as):
    customer = CustomerFactory()
    review = timezone.localdate() + datetime.timedelta(days=90)
    response = client_as(Role.ADVISOR).post(
        f"/customers/{customer.pk}/vulnerability/add/",
        {
            "categories": ["bereavement"],
            "lawful_basis": "consent",
            "consent_given_by": "",
            "review_date_day": str(review.day),
            "review_date_month": str(review.month),
            "review_date_year": str(review.year),
        },
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter who gave consent" in body
    assert not Vulnerability.objects.exists()


def test_merge_asks_for_confirmation_then_merges(client_as):
    survivor = CustomerFactory()
    duplicate = CustomerFactory()
    make_contact(duplicate)
    client = client_as(Role.TEAM_MANAGER)
    url = f"/customers/{survivor.pk}/merge/"
    data = {"duplicate_reference": duplicate.reference.lower(), "reason": "Same person"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Check before you merge" in response.content.decode()
    assert not CustomerMerge.objects.exists()

    response = client.post(url, {**data, "confirmed": "True"})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert survivor.contacts.count() == 1
    merge = CustomerMerge.objects.get()
    assert merge.merged_by == client.user


def test_merge_with_unknown_reference_shows_error(client_as):
    survivor = CustomerFactory()
    response = client_as(Role.TEAM_MANAGER).post(
        f"/customers/{survivor.pk}/merge/",
        {"duplicate_reference": "C-9999999", "reason": "", "confirmed": "True"},
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "There is no customer with reference C-9999999" in body
    assert "Enter why these records are the same customer" in body
    assert not CustomerMerge.objects.exists()


def test_advisors_cannot_merge(client_as):
    survivor = CustomerFactory()
    assert client_as(Role.ADVISOR).get(f"/customers/{survivor.pk}/merge/").status_code == 403


def test_history_is_for_permitted_roles(client_as, make_user):
    customer = CustomerFactory()
    advisor = client_as(Role.ADVISOR)
    assert advisor.get(f"/customers/{customer.pk}/history/").status_code == 403
    manager = client_as(Role.TEAM_MANAGER)
    response = manager.get(f"/customers/{customer.pk}/history/")
    assert response.status_code == 200
    assert "Added" in response.content.decode()


def test_access_log_lists_and_exports_for_administrators(client_as, make_user):
    viewer = make_user(Role.ADVISOR, email="nosy@council.example")
    vulnerable = VulnerabilityFactory().customer
    for _ in range(3):
        VulnerabilityAccessLog.objects.create(customer=vulnerable, viewed_by=viewer)
    other = VulnerabilityFactory().customer
    VulnerabilityAccessLog.objects.create(customer=other, viewed_by=make_user(Role.ADVISOR))

    assert client_as(Role.ADVISOR).get("/customers/access-log/").status_code == 403
    admin = client_as(Role.ADMINISTRATOR)
    response = admin.get("/customers/access-log/", {"reference": vulnerable.reference})
    assert response.status_code == 200
    assert response.content.decode().count("nosy@council.example") == 3
    csv_body = b"".join(
        admin.get(
            "/customers/access-log/", {"reference": vulnerable.reference, "format": "csv"}
        ).streaming_content
    ).decode()
    lines = csv_body.strip().splitlines()
    assert lines[0].startswith("When,Viewed by,Email,Customer reference")
    assert len(lines) == 4
    assert all(vulnerable.reference in line for line in lines[1:])
    assert other.reference not in csv_body


def test_access_log_bad_filter_is_an_error_not_a_500(client_as):
    response = client_as(Role.ADMINISTRATOR).get(
        "/customers/access-log/",
        {"date_from_day": "40", "date_from_month": "1", "date_from_year": "2026"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_navigation_shows_customers_to_advisors(client_as):
    body = client_as(Role.ADVISOR).get("/customers/").content.decode()
    assert 'href="/customers/"' in body
