"""Give feedback: stored with a unique reference; a reply needs a way to reply."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.catalogue.tests.factories import ServiceFactory
from apps.core.models import OutboxMessage
from apps.portal import services
from apps.portal.models import Feedback

pytestmark = pytest.mark.django_db


def test_a_resident_leaves_a_compliment(client):
    service = ServiceFactory(name="Report a missed bin collection")
    response = client.post(
        reverse("portal:feedback"),
        {
            "kind": "compliment",
            "service": service.pk,
            "about_reference": "fp-2026-000001",
            "message": "The crew came back the same day.",
            "name": "Sam",
            "email": "sam@example.com",
            "wants_reply": "no",
        },
    )
    assert response.url == reverse("portal:feedback-sent")
    feedback = Feedback.objects.get()
    assert re.fullmatch(r"FB-\d{4}-000001", feedback.reference)
    assert feedback.service == service and feedback.about_reference == "FP-2026-000001"
    assert feedback.kind == "compliment" and not feedback.wants_reply
    html = client.get(reverse("portal:feedback-sent")).content.decode()
    assert feedback.reference in html
    assert OutboxMessage.objects.get(to="sam@example.com").purpose == "portal_confirmation"


def test_anonymous_feedback_needs_no_details_and_sends_no_email(client):
    client.post(
        reverse("portal:feedback"),
        {"kind": "comment", "message": "More benches", "wants_reply": "no"},
    )
    assert Feedback.objects.get().email == ""
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "complaint", "message": "Rude", "wants_reply": "yes"},
        {"kind": "complaint", "message": "Rude", "wants_reply": "no", "email": "nope"},
        {"kind": "complaint", "message": "Rude", "wants_reply": "no", "service": "999999"},
        {"kind": "praise", "message": "Rude", "wants_reply": "no"},
    ],
)
def test_bad_feedback_shows_the_error_summary_and_writes_nothing(client, data):
    response = client.post(reverse("portal:feedback"), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Feedback.objects.exists()


def test_references_follow_on_and_are_unique():
    first = services.feedback_submit(kind="comment", message="One")
    second = services.feedback_submit(kind="comment", message="Two")
    assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1


def test_the_service_refuses_a_reply_without_a_way_to_reply():
    with pytest.raises(ValidationError):
        services.feedback_submit(kind="complaint", message="x", wants_reply=True)
    assert not Feedback.objects.exists()


def test_the_honeypot_pretends_success_but_stores_nothing(client):
    response = client.post(
        reverse("portal:feedback"),
        {"kind": "comment", "message": "Buy pills", "wants_reply": "no", "website": "spam"},
    )
    assert response.status_code == 200
    assert "Form received" in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_is_rate_limited_and_nothing_is_written(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal-feedback",
        }
    }
    settings.PORTAL_RATE_LIMIT_PER_HOUR = 1
    data = {"kind": "comment", "message": "Hello", "wants_reply": "no"}
    assert client.post(reverse("portal:feedback"), data).status_code == 302
    response = client.post(reverse("portal:feedback"), data)
    assert response.status_code == 429
    assert Feedback.objects.count() == 1
