"""Shared pieces of the portal's tests: a reportable service and photos."""

import io

from PIL import ExifTags, Image

from apps.accounts.tests.factories import DepartmentFactory
from apps.catalogue.models import ServiceAttribute
from apps.catalogue.tests.factories import ServiceFactory

D = ServiceAttribute.Datatype


def missed_bin_service(**fields):
    waste = DepartmentFactory(name="Waste and recycling", slug="waste", phone="01632 960 111")
    service = ServiceFactory(
        name="Report a missed bin collection",
        slug="report-a-missed-bin-collection",
        summary="Tell us if we did not empty your bin.",
        department=waste,
        reportable=True,
        sla_working_days=2,
        **fields,
    )
    ServiceAttribute.objects.create(
        service=service,
        code="bin_type",
        description="Which bin was missed?",
        datatype=D.SINGLEVALUELIST,
        required=True,
        order=1,
        values=[
            {"key": "general", "name": "General waste"},
            {"key": "recycling", "name": "Recycling"},
        ],
    )
    ServiceAttribute.objects.create(
        service=service,
        code="missed_on",
        description="When was it missed?",
        datatype=D.DATETIME,
        required=False,
        order=2,
    )
    return service


def jpeg_with_gps(size=(64, 48)) -> bytes:
    """A real JPEG whose EXIF names a camera and the place it was taken."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 30.0)
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def has_gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def png_bytes(size=(20, 20)) -> bytes:
    output = io.BytesIO()
    Image.new("RGBA", size, (0, 0, 255, 128)).save(output, format="PNG")
    return output.getvalue()
