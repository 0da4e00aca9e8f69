"""Images people upload, re-encoded so that nothing but the picture is ever kept."""

import io

from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_DIMENSION = 2000
# Refuse images that would unpack into more pixels than any phone photo (decompression bombs:
# a small file that needs gigabytes of memory). Pillow itself only warns below 179 million.
MAX_PIXELS = 50_000_000


class NotAnImage(ValueError):
    """The bytes are not a JPEG, PNG or WebP image that opens cleanly."""


def image_reencode(
    data: bytes, *, max_dimension: int = MAX_DIMENSION
) -> tuple[bytes, str, int, int]:
    """The image re-encoded as JPEG (PNG when it has transparency), turned upright, at most
    max_dimension pixels a side, with no EXIF, GPS or other metadata.

    Returns (bytes, content type, width, height); raises NotAnImage unless the data really
    is a JPEG, PNG or WebP image.
    """
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise NotAnImage(probe.format)
            if probe.width * probe.height > MAX_PIXELS:
                raise NotAnImage(f"{probe.width}x{probe.height} is too many pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image.thumbnail((max_dimension, max_dimension))
            transparent = image.mode in ("RGBA", "LA") or (
                image.mode == "P" and "transparency" in image.info
            )
            clean = image.convert("RGBA" if transparent else "RGB")
            clean.info = {}
            output = io.BytesIO()
            if transparent:
                clean.save(output, format="PNG", optimize=True)
                content_type = "image/png"
            else:
                clean.save(output, format="JPEG", quality=85, optimize=True)
                content_type = "image/jpeg"
            return output.getvalue(), content_type, clean.width, clean.height
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        if isinstance(error, NotAnImage):
            raise
        raise NotAnImage(str(error)) from None
