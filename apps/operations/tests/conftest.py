import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded electronic copies go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
