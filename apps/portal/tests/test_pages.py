"""Every portal page opens for a resident who is not signed in, without staff navigation."""

import pytest
from django.urls import reverse

from apps.accounts.models import Site
from apps.accounts.tests.factories import SiteFactory
from apps.catalogue.tests.factories import ServiceFactory

from .helpers import missed_bin_service

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    ["start", "find-a-service", "track", "feedback", "accessibility", "cookies", "privacy"],
)
def test_public_pages_open_without_signing_in(client, name):
    response = client.get(reverse(f"portal:{name}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Borchester Borough Council" in html or "Council" in html
    assert html.count("<h1") == 1
    assert "Sign out" not in html
    assert 'href="/customers/' not in html and 'href="/staff/' not in html
    assert reverse("portal:accessibility") in html  # footer link


def test_cookies_page_names_only_the_essential_cookies(client, settings):
    html = client.get(reverse("portal:cookies")).content.decode()
    assert settings.SESSION_COOKIE_NAME in html
    assert settings.CSRF_COOKIE_NAME in html
    assert "only use cookies that are essential" in html


def test_start_page_lists_reportable_services(client):
    service = missed_bin_service()
    ServiceFactory(name="Pay your Council Tax", reportable=False)
    html = client.get(reverse("portal:start")).content.decode()
    assert service.name in html
    assert "Pay your Council Tax" not in html


def test_find_a_service_searches_and_keeps_to_a_query_budget(client, django_assert_max_num_queries):
    for n in range(40):
        ServiceFactory(name=f"Service number {n}", reportable=n % 2 == 0)
    ServiceFactory(name="Withdrawn thing", is_active=False)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("portal:find-a-service"))
    html = response.content.decode()
    assert "40 services" in html
    assert "Withdrawn thing" not in html
    with django_assert_max_num_queries(4):
        response = client.get(
            reverse("portal:find-a-service"), {"q": "number 1", "reportable": "on"}
        )
    html = response.content.decode()
    assert "Service number 10" in html
    assert "Service number 11" not in html  # not reportable


def test_service_page_says_how_to_do_it(client):
    service = missed_bin_service(
        channel_face_to_face=True, channel_online=True, online_url="https://example.com/bins"
    )
    SiteFactory(
        name="Town Hall",
        kind=Site.Kind.CUSTOMER_SERVICE_CENTRE,
        opening_hours="Mon to Fri, 9am to 5pm",
    )
    SiteFactory(name="Back office block", kind=Site.Kind.BACK_OFFICE)
    SiteFactory(name="Closed library", kind=Site.Kind.LIBRARY, is_public=False)
    html = client.get(reverse("portal:service", args=[service.slug])).content.decode()
    assert reverse("portal:report-problem", args=[service.slug]) in html
    assert "Report it" in html
    assert "https://example.com/bins" in html
    assert "01632 960 111" in html
    assert "Town Hall" in html and "Mon to Fri, 9am to 5pm" in html
    assert "Back office block" not in html
    assert "Closed library" not in html


def test_withdrawn_or_unknown_services_are_not_found(client):
    service = ServiceFactory(is_active=False)
    assert client.get(reverse("portal:service", args=[service.slug])).status_code == 404
    assert client.get(reverse("portal:service", args=["no-such-thing"])).status_code == 404
    assert client.get(reverse("portal:report-problem", args=[service.slug])).status_code == 404


def test_a_service_that_cannot_be_reported_has_no_report_journey(client):
    service = ServiceFactory(reportable=False)
    html = client.get(reverse("portal:service", args=[service.slug])).content.decode()
    assert "Report it" not in html
    assert client.get(reverse("portal:report-problem", args=[service.slug])).status_code == 404


def test_sitemap_lists_public_pages_and_every_public_service(client):
    live = ServiceFactory(slug="live-service")
    ServiceFactory(slug="gone-service", is_active=False)
    response = client.get(reverse("portal:sitemap"))
    assert response["Content-Type"].startswith("application/xml")
    body = response.content.decode()
    assert body.startswith("<?xml")
    assert f"http://testserver/find-a-service/{live.slug}/" in body
    assert "gone-service" not in body
    assert "http://testserver/accessibility/" in body
