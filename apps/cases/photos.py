"""A report's photo as an HTTP response: the staff page and Open311 serve photos the same way.

Photos are kept under MEDIA_ROOT, which no web server serves; the only way to a photo's
bytes is a view that has checked who may see it and then calls photo_response.
"""

from django.http import FileResponse, Http404

from .models import ServiceRequestPhoto


def photo_response(photo: ServiceRequestPhoto) -> FileResponse:
    """The photo's bytes streamed from storage, shown in the page (never downloaded as
    something else: the type is the one we re-encoded it as, and browsers may not guess
    another), and kept by no cache, so a photo rejected after approval is gone at once.
    A file missing from storage is not found, never a server error."""
    storage = photo.image.storage
    try:
        handle = storage.open(photo.image.name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, content_type=photo.content_type)
    # Without a file name: the stored one carries what the resident called the file.
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
