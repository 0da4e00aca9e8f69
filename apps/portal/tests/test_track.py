"""Track a request: the reference and the resident's email or postcode, nothing more revealed."""

import pytest
from django.urls import reverse

from apps.cases import services as case_services
from apps.cases.models import Status
from apps.cases.tests.factories import raise_request
from apps.customers.tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db

NOT_FOUND = "We could not find a request with those details"


@pytest.fixture
def request_():
    customer = CustomerFactory(email="sam@example.com", postcode="BC1 2AB")
    request = raise_request(customer=customer)
    request = case_services.service_request_change_status(
        request=request,
        expected_version=request.version,
        changed_by=None,
        status=Status.IN_PROGRESS,
        public_text="A crew is on its way",
        note="Internal: driver was off sick",
    )
    return request


@pytest.mark.parametrize("proof", ["sam@example.com", "SAM@example.com", "bc12ab", "BC1 2AB"])
def test_the_right_proof_shows_status_and_public_updates_only(client, request_, proof):
    response = client.post(
        reverse("portal:track"), {"reference": request_.reference.lower(), "proof": proof}
    )
    assert response.url == reverse("portal:track-result")
    html = client.get(reverse("portal:track-result")).content.decode()
    assert request_.reference in html
    assert "In progress" in html and "A crew is on its way" in html
    assert "driver was off sick" not in html
    assert f"{request_.sla_due.day} {request_.sla_due:%B %Y}" in html


@pytest.mark.parametrize(
    "reference, proof",
    [
        ("right", "someone@else.example"),
        ("right", "ZZ9 9ZZ"),
        ("FP-2020-999999", "sam@example.com"),
    ],
)
def test_a_wrong_pair_and_an_unknown_reference_get_the_same_answer(
    client, request_, reference, proof
):
    reference = request_.reference if reference == "right" else reference
    response = client.post(reverse("portal:track"), {"reference": reference, "proof": proof})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and NOT_FOUND in html
    assert "A crew is on its way" not in html
    assert client.get(reverse("portal:track-result")).url == reverse("portal:track")


def test_an_empty_track_form_shows_the_error_summary(client):
    response = client.post(reverse("portal:track"), {})
    assert "There is a problem" in response.content.decode()


def test_track_is_rate_limited(client, request_, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal-track",
        }
    }
    settings.PORTAL_RATE_LIMIT_PER_HOUR = 1
    data = {"reference": request_.reference, "proof": "wrong@example.com"}
    assert client.post(reverse("portal:track"), data).status_code == 200
    data["proof"] = "sam@example.com"
    response = client.post(reverse("portal:track"), data)
    assert response.status_code == 429
    assert "portal_track" not in client.session
