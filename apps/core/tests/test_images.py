import io

import pytest
from PIL import Image

from apps.core.images import NotAnImage, image_reencode
from apps.core.tests.images import has_gps, jpeg_with_gps, png_bytes


def test_a_photo_loses_its_metadata_and_is_capped_in_size():
    original = jpeg_with_gps(size=(3000, 1500))
    assert has_gps(original)
    data, content_type, width, height = image_reencode(original)
    assert (content_type, width, height) == ("image/jpeg", 2000, 1000)
    assert not has_gps(data)
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()


def test_a_transparent_image_stays_a_png():
    _, content_type, width, height = image_reencode(png_bytes(size=(20, 10)))
    assert (content_type, width, height) == ("image/png", 20, 10)


def _gif() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (5, 5)).save(output, format="GIF")
    return output.getvalue()


@pytest.mark.parametrize("data", [b"", b"not an image", jpeg_with_gps()[:100], _gif()])
def test_anything_but_a_whole_jpeg_png_or_webp_is_refused(data):
    with pytest.raises(NotAnImage):
        image_reencode(data)
