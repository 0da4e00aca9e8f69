"""Report a problem, end to end with the test client, and every way it can go wrong."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.accounts.roles import Role
from apps.accounts.tests.factories import TeamFactory
from apps.cases import selectors as case_selectors
from apps.cases.models import ServiceRequest, ServiceRequestPhoto, Source
from apps.core.models import OutboxMessage
from apps.core.tests.images import has_gps, jpeg_with_gps, png_bytes
from apps.customers.models import Customer
from apps.customers.tests.factories import CustomerFactory

from .helpers import missed_bin_service

pytestmark = pytest.mark.django_db


def url(step, service):
    return reverse(f"portal:report-{step}", args=[service.slug])


def answer_problem(client, service, **extra):
    data = {
        "q_bin_type": "general",
        "q_missed_on_day": "5",
        "q_missed_on_month": "1",
        "q_missed_on_year": "2026",
        "description": "The bin was not emptied",
        **extra,
    }
    return client.post(url("problem", service), data)


def answer_location(client, service, **data):
    data = data or {"postcode": "bc1 2ab", "address": "12 High Street"}
    return client.post(url("location", service), data)


def answer_contact(client, service, **extra):
    data = {"first_name": "Ada", "last_name": "Lovelace", "email": "Ada@Example.com", **extra}
    return client.post(url("contact", service), data)


def upload(client, service, content: bytes, name="photo.jpg", content_type="image/jpeg"):
    return client.post(
        url("photo", service), {"photo": SimpleUploadedFile(name, content, content_type)}
    )


@pytest.fixture
def service():
    return missed_bin_service()


def test_a_resident_reports_a_missed_bin_with_a_photo(client, service, make_user):
    response = client.get(url("problem", service))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="radio"' in html and "Which bin was missed?" in html
    assert 'name="q_missed_on_day"' in html
    assert 'tabindex="-1"' in html and "Leave this field empty" in html

    assert answer_problem(client, service).url == url("location", service)
    assert answer_location(client, service).url == url("photo", service)
    original = jpeg_with_gps()
    assert has_gps(original)
    assert upload(client, service, original).url == url("contact", service)
    assert answer_contact(client, service).url == url("check", service)

    check = client.get(url("check", service)).content.decode()
    for text in (
        "General waste",
        "5 January 2026",
        "The bin was not emptied",
        "BC1 2AB",
        "photo.jpg",
        "ada@example.com",
    ):
        assert text in check
    assert url("location", service) + "?change=1" in check
    assert ServiceRequest.objects.count() == 0

    response = client.post(url("check", service))
    assert response.url == reverse("portal:report-done")
    request = ServiceRequest.objects.get()
    assert request.source == Source.PORTAL
    assert request.attributes == {"bin_type": "general", "missed_on": "2026-01-05T00:00:00"}
    assert request.postcode == "BC1 2AB" and request.address == "12 High Street"
    assert request.customer.email == "ada@example.com"
    assert request.customer.last_name == "Lovelace"

    photo = ServiceRequestPhoto.objects.get(request=request)
    saved = photo.image.read()
    assert not has_gps(saved)
    with Image.open(io.BytesIO(saved)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info

    done = client.get(reverse("portal:report-done")).content.decode()
    assert request.reference in done
    assert f"{request.sla_due.day} {request.sla_due:%B %Y}" in done
    message = OutboxMessage.objects.get(purpose="portal_confirmation")
    assert message.to == "ada@example.com" and request.reference in message.body

    officer = make_user(
        Role.CLIENT_SERVICE_OFFICER, team=TeamFactory(department=service.department)
    )
    assert request in case_selectors.department_queue(user=officer)
    # The journey's answers are forgotten once sent.
    assert client.get(url("check", service)).url == url("problem", service)


def test_an_existing_resident_is_reused_by_email_and_last_name(client, service):
    existing = CustomerFactory(first_name="Ada", last_name="Lovelace", email="ada@example.com")
    answer_problem(client, service)
    answer_location(client, service, latitude="52.4862", longitude="-1.8904")
    client.post(url("photo", service), {})
    answer_contact(client, service)
    client.post(url("check", service))
    request = ServiceRequest.objects.get()
    assert request.customer == existing
    assert str(request.latitude) == "52.486200" and request.postcode == ""
    assert Customer.objects.count() == 1
    assert not ServiceRequestPhoto.objects.exists()


def test_pages_send_the_resident_back_to_the_first_unanswered_one(client, service):
    assert client.get(url("contact", service)).url == url("problem", service)
    answer_problem(client, service)
    assert client.get(url("check", service)).url == url("location", service)


def test_change_links_come_back_to_check_your_answers(client, service):
    answer_problem(client, service)
    answer_location(client, service)
    client.post(url("photo", service), {})
    answer_contact(client, service)
    response = client.post(
        url("location", service) + "?change=1",
        {"postcode": "BC7 9JF", "address": "1 Mill Lane"},
    )
    assert response.url == url("check", service)
    assert "BC7 9JF" in client.get(url("check", service)).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"q_bin_type": "", "description": "x"},
        {"q_bin_type": "compost", "description": "x"},
        {"q_bin_type": "general", "description": ""},
        {
            "q_bin_type": "general",
            "description": "x",
            "q_missed_on_day": "31",
            "q_missed_on_month": "2",
            "q_missed_on_year": "2026",
        },
    ],
)
def test_bad_answers_to_the_questions_show_the_error_summary(client, service, data):
    response = client.post(url("problem", service), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert (
        "portal_reports" not in client.session
        or service.slug not in client.session["portal_reports"]
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"postcode": "not a postcode", "address": "1 High St"},
        {"postcode": "BC1 2AB", "address": ""},
        {"latitude": "40.1", "longitude": "-1"},
        {"latitude": "52", "longitude": "east"},
        {"latitude": "52"},
        {"postcode": "BC1 2AB", "address": "1 High St", "latitude": "52", "longitude": "-1"},
    ],
)
def test_bad_locations_show_the_error_summary(client, service, data):
    answer_problem(client, service)
    response = client.post(url("location", service), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"first_name": "", "last_name": "", "email": ""},
        {"first_name": "Ada", "last_name": "Lovelace", "email": "not-an-email"},
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "email": "a@example.com",
            "phone": "call me",
        },
    ],
)
def test_bad_contact_details_show_the_error_summary(client, service, data):
    answer_problem(client, service)
    answer_location(client, service)
    client.post(url("photo", service), {})
    response = client.post(url("contact", service), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def _to_photo_page(client, service):
    answer_problem(client, service)
    answer_location(client, service)


def test_a_renamed_file_that_is_not_an_image_is_refused(client, service):
    _to_photo_page(client, service)
    response = upload(client, service, b"%PDF-1.4 this is not a photo", name="holiday.jpg")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "must be a JPG, PNG or WebP photo" in html


def test_a_corrupted_jpeg_is_refused(client, service):
    _to_photo_page(client, service)
    broken = jpeg_with_gps()[:200]
    response = upload(client, service, broken)
    assert response.status_code == 200
    assert "must be a JPG, PNG or WebP photo" in response.content.decode()


def test_a_gif_is_refused_even_though_it_is_an_image(client, service):
    _to_photo_page(client, service)
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, format="GIF")
    response = upload(client, service, output.getvalue(), name="a.gif", content_type="image/gif")
    assert "must be a JPG, PNG or WebP photo" in response.content.decode()


def test_an_oversized_photo_gets_an_error_message_not_a_500(client, service, settings, tmp_path):
    settings.PHOTO_MAX_BYTES = 10_000
    _to_photo_page(client, service)
    response = upload(client, service, jpeg_with_gps(size=(800, 600)) + b"\0" * 20_000)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "must be smaller than" in html
    assert not list((tmp_path / "media").rglob("*.jpg"))


def test_a_too_big_form_gets_an_error_message_not_a_500(client, service, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    _to_photo_page(client, service)
    response = client.post(url("photo", service), {"website": "", "padding": "x" * 5000})
    assert response.status_code == 413
    assert "There is a problem" in response.content.decode()


def test_a_transparent_png_stays_a_png(client, service):
    _to_photo_page(client, service)
    assert (
        upload(client, service, png_bytes(), name="p.png", content_type="image/png").status_code
        == 302
    )
    answer_contact(client, service)
    client.post(url("check", service))
    photo = ServiceRequestPhoto.objects.get()
    assert photo.content_type == "image/png"


def test_the_honeypot_pretends_success_but_writes_nothing(client, service):
    answer_problem(client, service)
    answer_location(client, service)
    client.post(url("photo", service), {})
    answer_contact(client, service)
    response = client.post(url("check", service), {"website": "http://spam.example"})
    assert response.status_code == 200
    assert "Form received" in response.content.decode()
    assert not ServiceRequest.objects.exists()
    assert not Customer.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_report_posts_are_rate_limited_per_client_address(client, service, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal-report",
        }
    }
    settings.PORTAL_RATE_LIMIT_PER_HOUR = 2
    answer_problem(client, service)
    answer_location(client, service)
    response = client.post(url("photo", service), {})
    assert response.status_code == 429
    assert "too many forms" in response.content.decode()
    assert "photo" not in client.session["portal_reports"][service.slug]
    # Another address still gets through.
    other = client.post(url("photo", service), {}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
