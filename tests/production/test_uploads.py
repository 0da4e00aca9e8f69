"""Uploads: the type is found by opening the file, the size is capped, images are re-encoded
without metadata, and nothing under MEDIA_ROOT is served by URL."""

import io

import pytest
from django.conf import settings
from PIL import Image

from apps.core.images import NotAnImage, image_reencode


def _png(width, height) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def test_a_decompression_bomb_is_refused_before_it_is_unpacked():
    bomb = _png(8000, 8000)  # 64 million pixels in a few kilobytes
    assert len(bomb) < 200_000
    with pytest.raises(NotAnImage):
        image_reencode(bomb)


def test_a_file_named_like_a_photo_but_not_one_is_refused():
    with pytest.raises(NotAnImage):
        image_reencode(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    with pytest.raises(NotAnImage):
        image_reencode(b"GIF89a" + b"\0" * 100)


def test_uploads_are_kept_outside_the_web_root_and_not_served_by_url(client, db):
    assert settings.MEDIA_ROOT != settings.STATIC_ROOT
    media = str(settings.MEDIA_ROOT)
    assert not any(
        media.startswith(str(d if not isinstance(d, tuple) else d[1]))
        for d in settings.STATICFILES_DIRS
    )
    response = client.get("/media/request-photos/2026/01/anything.jpg")
    assert response.status_code in (302, 404)  # never a file: sign-in or not found
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024
    assert settings.PHOTO_MAX_BYTES <= 10 * 1024 * 1024
