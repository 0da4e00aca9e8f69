"""Photos on service requests: only real images, re-encoded without metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from apps.cases import services
from apps.cases.models import ServiceRequestPhoto
from apps.core.tests.images import has_gps, jpeg_with_gps

from .factories import raise_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_photo_is_stored_without_its_exif_or_location():
    request = raise_request()
    original = jpeg_with_gps(size=(3000, 1500))
    assert has_gps(original)
    photo = services.service_request_photo_add(
        request=request, image_bytes=original, filename="../../etc/passwd.jpg"
    )
    assert photo.content_type == "image/jpeg"
    assert (photo.width, photo.height) == (2000, 1000)
    assert ".." not in photo.image.name and photo.image.name.startswith("request-photos/")
    saved = photo.image.read()
    with Image.open(io.BytesIO(saved)) as image:
        assert image.format == "JPEG" and not image.getexif()
    assert not has_gps(saved)


@pytest.mark.parametrize("content", [b"not an image", b"", jpeg_with_gps()[:100]])
def test_anything_but_a_real_image_is_refused(content):
    request = raise_request()
    with pytest.raises(ValidationError):
        services.service_request_photo_add(request=request, image_bytes=content, filename="a.jpg")
    assert not ServiceRequestPhoto.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(settings):
    settings.PHOTO_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        services.service_request_photo_add(
            request=raise_request(), image_bytes=jpeg_with_gps(), filename="a.jpg"
        )
