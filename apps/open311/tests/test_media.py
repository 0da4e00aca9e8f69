"""A request's media_url: absent until someone who works the request approves a photo for
publication, then a URL anyone can fetch it from, for as long as it stays approved and the
request stays public."""

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.cases.services import (
    service_request_photo_add,
    service_request_photo_approve,
    service_request_photo_reject,
)
from apps.core.tests.images import jpeg_with_gps, png_bytes

from .helpers import ROOT, parse, public_request, reportable_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def request_with_photo():
    request = public_request(reportable_service())
    photo = service_request_photo_add(
        request=request, image_bytes=jpeg_with_gps(), filename="bin.jpg"
    )
    return request, photo


@pytest.fixture
def moderator():
    return UserFactory(roles=[Role.TEAM_MANAGER])


def media_url(client, request, fmt="json"):
    body = parse(client.get(f"{ROOT}requests/{request.reference}.{fmt}"), fmt)
    if fmt == "json":
        return body[0]["media_url"]
    return body.find("request").findtext("media_url")


def stored_bytes(photo) -> bytes:
    with photo.image.storage.open(photo.image.name, "rb") as handle:
        return handle.read()


def test_a_photo_awaiting_moderation_is_neither_listed_nor_served(client, request_with_photo):
    request, photo = request_with_photo
    assert media_url(client, request) is None
    assert media_url(client, request, "xml") in (None, "")
    assert client.get(f"{ROOT}media/{photo.pk}.jpg").status_code == 404


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_once_approved_media_url_serves_the_photo_to_anyone(
    client, request_with_photo, moderator, fmt
):
    request, photo = request_with_photo
    service_request_photo_approve(photo=photo, approved_by=moderator)
    url = media_url(client, request, fmt)
    assert url == f"http://testserver/open311/v2/media/{photo.pk}.jpg"
    response = client.get(url)  # signed out
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == "inline"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == stored_bytes(photo)


def test_a_photo_rejected_after_approval_is_withdrawn_at_once(
    client, request_with_photo, moderator
):
    request, photo = request_with_photo
    service_request_photo_approve(photo=photo, approved_by=moderator)
    url = media_url(client, request)
    service_request_photo_reject(photo=photo, rejected_by=moderator)
    assert media_url(client, request) is None
    assert client.get(url).status_code == 404


def test_media_url_is_the_first_approved_photo(client, request_with_photo, moderator):
    request, first = request_with_photo
    second = service_request_photo_add(request=request, image_bytes=png_bytes(), filename="b.png")
    service_request_photo_approve(photo=second, approved_by=moderator)
    assert media_url(client, request) == f"http://testserver/open311/v2/media/{second.pk}.png"
    assert client.get(f"{ROOT}media/{second.pk}.png")["Content-Type"] == "image/png"
    service_request_photo_approve(photo=first, approved_by=moderator)
    assert media_url(client, request) == f"http://testserver/open311/v2/media/{first.pk}.jpg"


def test_an_approved_photo_of_a_request_open311_does_not_list_is_not_served(
    client, request_with_photo, moderator
):
    request, photo = request_with_photo
    service_request_photo_approve(photo=photo, approved_by=moderator)
    assert client.get(f"{ROOT}media/{photo.pk}.jpg").status_code == 200
    request.service.reportable = False
    request.service.save()
    assert client.get(f"{ROOT}media/{photo.pk}.jpg").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["media/{pk}.png", "media/{pk}.gif", "media/{pk}", "media/{pk}/", "media/999999.jpg"],
)
def test_any_other_address_is_not_found(client, request_with_photo, moderator, path):
    _request, photo = request_with_photo
    service_request_photo_approve(photo=photo, approved_by=moderator)
    assert client.get(ROOT + path.format(pk=photo.pk)).status_code == 404


def test_an_approved_photo_missing_from_storage_is_not_found(client, request_with_photo, moderator):
    _request, photo = request_with_photo
    service_request_photo_approve(photo=photo, approved_by=moderator)
    photo.image.storage.delete(photo.image.name)
    assert client.get(f"{ROOT}media/{photo.pk}.jpg").status_code == 404


def test_the_photo_answers_only_reads(client, request_with_photo, moderator):
    _request, photo = request_with_photo
    service_request_photo_approve(photo=photo, approved_by=moderator)
    assert client.post(f"{ROOT}media/{photo.pk}.jpg").status_code == 405
    assert client.head(f"{ROOT}media/{photo.pk}.jpg").status_code == 200


def test_requests_list_with_approved_photos_is_not_n_plus_1(
    client, moderator, django_assert_max_num_queries
):
    service = reportable_service()
    for _ in range(5):
        request = public_request(service)
        photo = service_request_photo_add(
            request=request, image_bytes=png_bytes(), filename="a.png"
        )
        service_request_photo_approve(photo=photo, approved_by=moderator)
    with django_assert_max_num_queries(4):
        body = parse(client.get(f"{ROOT}requests.json"), "json")
    assert len(body) == 5 and all(entry["media_url"] for entry in body)
