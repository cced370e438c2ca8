"""Citizens' photos: checked by content, stripped of metadata, stored with a thumbnail.

A photo is accepted when Pillow (with ``pillow-heif`` for phone HEIC) decodes it as
JPEG, PNG, WebP or HEIF — the file name and the client's content type are ignored.
Limits: :data:`MAX_BYTES` of upload and :data:`MAX_PIXELS` decoded pixels, checked
from the header before anything is decoded, so a decompression bomb is refused
cheaply. GPS coordinates are read from EXIF (the caller uses them when the report has
no location); the stored copy is re-encoded as JPEG at most :data:`MAX_EDGE` pixels
on its long edge, turned upright, and carries no EXIF at all (privacy: no GPS, no
camera serial); its perceptual hash is kept with it, so a picture filed again
can be recognised (:mod:`gis.imagehash`). Work happens in memory:
:func:`prepare_photo` first, then :meth:`PreparedPhoto.save` once the report
itself is accepted.
"""

from __future__ import annotations

import io
import math
import threading
import uuid
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pillow_heif
from PIL import Image, ImageOps, UnidentifiedImageError

from gis.errors import InvalidParameter, PayloadTooLarge, Unavailable
from gis.i18n import bilingual
from gis.imagehash import phash
from gis.timeutil import to_wita

pillow_heif.register_heif_opener()

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
MAX_BYTES = 12 * 1024 * 1024
MAX_PIXELS = 50_000_000
#: photos decoded at the same time in one process, and how long one waits (s)
DECODE_SLOTS = threading.BoundedSemaphore(2)
DECODE_WAIT = 30
MIN_EDGE = 16
MAX_EDGE = 1600
THUMBNAIL_EDGE = 320
QUALITY = 85
GPS_IFD = 0x8825


@dataclass(frozen=True)
class PreparedPhoto:
    """A decoded, cleaned photo waiting to be written."""

    image: bytes
    thumbnail: bytes
    width: int
    height: int
    source_format: str
    #: (lon, lat) from the EXIF GPS block, if it had a usable one
    gps: tuple[float, float] | None
    #: perceptual hash of the stored picture (:func:`gis.imagehash.phash`)
    phash: str = ""

    def save(self, media_dir: Path, now: datetime) -> dict[str, object]:
        """Write photo and thumbnail under ``media_dir/photos/YYYY/MM/``; returns the
        reference stored with the complaint (paths relative to ``media_dir``)."""
        month = to_wita(now)  # the ticket's month is a WITA month too
        folder = Path("photos") / f"{month:%Y}" / f"{month:%m}"
        (media_dir / folder).mkdir(parents=True, exist_ok=True)
        name = uuid.uuid4().hex
        path, thumb = folder / f"{name}.jpg", folder / f"{name}.thumb.jpg"
        (media_dir / path).write_bytes(self.image)
        (media_dir / thumb).write_bytes(self.thumbnail)
        return {
            "path": path.as_posix(),
            "thumbnail": thumb.as_posix(),
            "width": self.width,
            "height": self.height,
            "phash": self.phash,
        }


def remove_saved(media_dir: Path, reference: dict[str, object]) -> None:
    """Delete the files of a :meth:`PreparedPhoto.save` whose report was refused."""
    for key in ("path", "thumbnail"):
        (media_dir / str(reference[key])).unlink(missing_ok=True)


def _refuse(message: str) -> InvalidParameter:
    return InvalidParameter(message, field="media")


def _too_many_pixels() -> PayloadTooLarge:
    return PayloadTooLarge(
        bilingual(
            "The photo has too many pixels (at most {mp} megapixels)",
            mp=MAX_PIXELS // 1_000_000,
        ),
        field="media",
    )


def _gps(image: Image.Image) -> tuple[float, float] | None:
    """(lon, lat) in decimal degrees from EXIF, or ``None``."""
    try:
        block = image.getexif().get_ifd(GPS_IFD)
        lat_ref, lat, lon_ref, lon = (block.get(k) for k in (1, 2, 3, 4))
        if not (lat and lon):
            return None
        latitude = sum(float(v) / 60**i for i, v in enumerate(lat))
        longitude = sum(float(v) / 60**i for i, v in enumerate(lon))
    except (TypeError, ValueError, ZeroDivisionError, KeyError):
        return None
    if str(lat_ref).upper().startswith("S"):
        latitude = -latitude
    if str(lon_ref).upper().startswith("W"):
        longitude = -longitude
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return longitude, latitude


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=QUALITY)
    return out.getvalue()


def prepare_photo(data: bytes) -> PreparedPhoto:
    """Check and clean an uploaded photo.

    Raises :class:`~gis.errors.PayloadTooLarge` over the byte or pixel limit and
    :class:`~gis.errors.InvalidParameter` for anything that is not a decodable
    JPEG/PNG/WebP/HEIC image.
    """
    if len(data) > MAX_BYTES:
        raise PayloadTooLarge(
            bilingual("The photo is larger than {mb} MB", mb=MAX_BYTES // 2**20),
            field="media",
        )
    if not data:
        raise _refuse(bilingual("The photo is empty"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise _refuse(
            bilingual("The photo is not a JPEG, PNG, WebP or HEIC image")
        ) from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()
    if min(width, height) < MIN_EDGE:
        raise _refuse(bilingual("The photo is too small ({w}×{h})", w=width, h=height))
    source_format = image.format
    gps = _gps(image)
    # decoding is the expensive part: a few at a time per process, so a burst of
    # large photos cannot take every thread and the memory with it
    if not DECODE_SLOTS.acquire(timeout=DECODE_WAIT):
        raise Unavailable(bilingual("Too many photos at once: try again shortly"))
    try:
        return _decoded(image, width, height, source_format, gps)
    finally:
        DECODE_SLOTS.release()


def _decoded(
    image: Image.Image,
    width: int,
    height: int,
    source_format: str | None,
    gps: tuple[float, float] | None,
) -> PreparedPhoto:
    try:
        # JPEG can decode straight at 1/2, 1/4 or 1/8 scale: much faster for phone
        # photos; ask for the smallest decode still covering the stored size
        scale = min(1.0, MAX_EDGE / max(width, height))
        image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise _refuse(bilingual("The photo is damaged and cannot be read")) from None
    if image.mode != "RGB":
        if "A" in image.getbands() or image.mode == "P":
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        else:
            image = image.convert("RGB")
    image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.BICUBIC, reducing_gap=2.0)
    stored = _jpeg(image)
    small = image.copy()
    small.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.BILINEAR)
    return PreparedPhoto(
        stored,
        _jpeg(small),
        image.width,
        image.height,
        source_format,
        gps,
        phash(image),
    )
