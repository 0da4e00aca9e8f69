"""Photos sent with reports: staff see them through a permission check; the public only
once someone in the request's department has published them."""

import datetime
import os
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory, UserFactory
from apps.cases import services
from apps.cases.models import ServiceRequestPhoto
from apps.catalogue.tests.factories import ServiceFactory
from apps.core.tests.images import jpeg_with_gps
from apps.portal import photos as portal_photos
from apps.portal.tasks import discard_abandoned_photos

from .factories import raise_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def waste():
    return DepartmentFactory(name="Waste", slug="waste")


@pytest.fixture
def photo(waste):
    request = raise_request(service=ServiceFactory(department=waste, reportable=True))
    return services.service_request_photo_add(
        request=request, image_bytes=jpeg_with_gps(), filename="bin.jpg"
    )


def _officer(department):
    return UserFactory(roles=[Role.CLIENT_SERVICE_OFFICER], team=TeamFactory(department=department))


def _open311(client, photo):
    response = client.get(f"/open311/v2/requests/{photo.request.reference}.json")
    assert response.status_code == 200
    return response.json()[0]["media_url"]


def test_a_new_photo_waits_to_be_checked_and_is_not_public(client, photo):
    assert photo.publication == ServiceRequestPhoto.Publication.AWAITING
    assert _open311(client, photo) is None
    assert client.get(f"/open311/v2/media/{photo.pk}/").status_code == 404
    # Never from the web root either.
    assert client.get(f"/media/{photo.image.name}").status_code == 404


def test_staff_see_the_photo_with_private_headers(client, photo):
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    response = client.get(f"/requests/{photo.request.reference}/photos/{photo.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_someone_without_the_permission_or_signed_out_cannot_see_it(client, photo):
    url = f"/requests/{photo.request.reference}/photos/{photo.pk}/"
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(UserFactory(roles=[Role.COMMUNICATIONS]))
    assert client.get(url).status_code == 403
    # Another request's reference does not reach this photo.
    other = raise_request()
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    assert client.get(f"/requests/{other.reference}/photos/{photo.pk}/").status_code == 404


def test_the_department_publishes_it_and_open311_serves_it(client, photo, waste):
    officer = _officer(waste)
    client.force_login(officer)
    response = client.post(
        f"/requests/{photo.request.reference}/photos/{photo.pk}/publication/",
        {"decision": "publish"},
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.publication == ServiceRequestPhoto.Publication.PUBLISHED
    assert photo.moderated_by == officer and photo.moderated_at is not None
    client.logout()
    media_url = _open311(client, photo)
    assert media_url == f"http://testserver/open311/v2/media/{photo.pk}/"
    served = client.get(media_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "private, no-store"


def test_a_withheld_photo_is_not_public_but_staff_still_see_it(client, photo, waste):
    officer = _officer(waste)
    services.service_request_photo_moderate(photo=photo, publish=True, by=officer)
    services.service_request_photo_moderate(photo=photo, publish=False, by=officer)
    assert _open311(client, photo) is None
    assert client.get(f"/open311/v2/media/{photo.pk}/").status_code == 404
    client.force_login(officer)
    assert client.get(f"/requests/{photo.request.reference}/photos/{photo.pk}/").status_code == 200


def test_a_published_photo_of_a_request_open311_does_not_list_is_not_served(client, photo, waste):
    services.service_request_photo_moderate(photo=photo, publish=True, by=_officer(waste))
    photo.request.service.reportable = False
    photo.request.service.save()
    assert client.get(f"/open311/v2/media/{photo.pk}/").status_code == 404


def test_only_the_request_s_department_may_publish(client, photo):
    elsewhere = _officer(DepartmentFactory(name="Parking", slug="parking"))
    with pytest.raises(PermissionDenied):
        services.service_request_photo_moderate(photo=photo, publish=True, by=elsewhere)
    client.force_login(elsewhere)
    response = client.post(
        f"/requests/{photo.request.reference}/photos/{photo.pk}/publication/",
        {"decision": "publish"},
    )
    assert response.status_code == 403
    advisor = UserFactory(roles=[Role.ADVISOR])
    with pytest.raises(PermissionDenied):
        services.service_request_photo_moderate(photo=photo, publish=True, by=advisor)
    photo.refresh_from_db()
    assert photo.publication == ServiceRequestPhoto.Publication.AWAITING


def test_a_decision_that_is_neither_changes_nothing(client, photo, waste):
    client.force_login(_officer(waste))
    response = client.post(
        f"/requests/{photo.request.reference}/photos/{photo.pk}/publication/",
        {"decision": "shout"},
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.publication == ServiceRequestPhoto.Publication.AWAITING


def test_the_request_page_shows_photos_with_their_state_in_bounded_queries(
    client, photo, waste, django_assert_max_num_queries
):
    for _ in range(4):
        services.service_request_photo_add(
            request=photo.request, image_bytes=jpeg_with_gps(), filename="more.jpg"
        )
    client.force_login(_officer(waste))
    with django_assert_max_num_queries(20):
        response = client.get(f"/requests/{photo.request.reference}/")
    page = response.content.decode()
    assert page.count('alt="Photo ') == 5
    assert f"/requests/{photo.request.reference}/photos/{photo.pk}/" in page
    assert "Publish photo 1" in page and "Not checked yet" in page


def test_abandoned_portal_photos_are_discarded_after_a_day():
    old = portal_photos.photo_keep(b"old", "image/jpeg")
    fresh = portal_photos.photo_keep(b"fresh", "image/jpeg")
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))
    assert discard_abandoned_photos() == 1
    assert portal_photos.photo_read(old) is None
    assert portal_photos.photo_read(fresh) == b"fresh"
    assert portal_photos.photos_discard_abandoned(older_than=datetime.timedelta(0)) == 1
