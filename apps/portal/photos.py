"""Photos residents attach to a report: checked by opening them, re-encoded without metadata,
and kept in a temporary file until the report is sent."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.images import NotAnImage, image_reencode

TEMPORARY_FOLDER = "tmp/portal"


def photo_max_megabytes() -> str:
    return f"{settings.PHOTO_MAX_BYTES / (1024 * 1024):g}"


def too_big_message() -> str:
    return _("The selected file must be smaller than %(size)sMB") % {"size": photo_max_megabytes()}


def photo_clean(data: bytes) -> tuple[bytes, str]:
    """The photo re-encoded as JPEG (or PNG when it has transparency) with no EXIF or other
    metadata and at most 2000 pixels a side; ValidationError unless it really is a JPEG,
    PNG or WebP image within the size limit."""
    if len(data) > settings.PHOTO_MAX_BYTES:
        raise ValidationError(too_big_message(), code="too_big")
    try:
        clean, content_type, _width, _height = image_reencode(data)
    except NotAnImage:
        raise ValidationError(
            _("The selected file must be a JPG, PNG or WebP photo"), code="not_an_image"
        ) from None
    return clean, content_type


def photo_keep(data: bytes, content_type: str) -> str:
    """Keep a cleaned photo in a temporary file; returns the name to find it by."""
    extension = "png" if content_type == "image/png" else "jpg"
    return default_storage.save(
        f"{TEMPORARY_FOLDER}/{uuid.uuid4().hex}.{extension}", ContentFile(data)
    )


def photo_read(name: str) -> bytes | None:
    """A kept photo's bytes, or None when it has gone (only names we issued are read)."""
    if not name or not name.startswith(f"{TEMPORARY_FOLDER}/") or ".." in name:
        return None
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, OSError):
        return None


def photo_discard(name: str) -> None:
    if name and name.startswith(f"{TEMPORARY_FOLDER}/") and ".." not in name:
        default_storage.delete(name)


def photos_discard_abandoned(*, older_than: datetime.timedelta = datetime.timedelta(days=1)) -> int:
    """Delete photos kept for reports that were never sent (the resident left part way);
    returns how many went. Run daily by the `portal.discard_abandoned_photos` task."""
    try:
        _folders, names = default_storage.listdir(TEMPORARY_FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    cutoff = timezone.now() - older_than
    discarded = 0
    for name in names:
        path = f"{TEMPORARY_FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) >= cutoff:
                continue
            default_storage.delete(path)
        except (FileNotFoundError, OSError):
            continue  # gone already (the report was sent meanwhile)
        discarded += 1
    return discarded


class PhotoSizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an upload once it passes settings.PHOTO_MAX_BYTES, so an oversized
    file is never written to disk; the view then tells the resident it is too big."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.PHOTO_MAX_BYTES:
            self.request.portal_upload_too_big = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
