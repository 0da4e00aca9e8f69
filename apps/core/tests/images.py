"""Real images for tests of uploads: one carrying camera and GPS metadata, one transparent."""

import io

from PIL import ExifTags, Image


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
