"""The portal's scheduled work."""

from celery import shared_task

from . import photos


@shared_task(name="portal.discard_abandoned_photos")
def discard_abandoned_photos() -> int:
    """Delete photos kept for reports residents never sent (older than a day)."""
    return photos.photos_discard_abandoned()
