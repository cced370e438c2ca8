"""Real image files for photo tests and benchmarks, made with Pillow."""

from __future__ import annotations

import io

import numpy as np
import pillow_heif
from PIL import Image

pillow_heif.register_heif_opener()

GPS_IFD = 0x8825


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return float(degrees), float(minutes), (value - degrees - minutes / 60) * 3600


def picture(
    width: int = 800, height: int = 600, seed: int = 1, mode: str = "RGB"
) -> Image.Image:
    """A photo-like picture: a gradient with noise (compresses like a photo)."""
    rng = np.random.default_rng(seed)
    ramp = np.linspace(0, 200, width, dtype=np.float32)[None, :, None]
    pixels = rng.random((height, width, 3), dtype=np.float32) * 50 + ramp
    image = Image.fromarray(pixels.astype("uint8"), "RGB")
    return image.convert(mode) if mode != "RGB" else image


def encode(
    image: Image.Image,
    fmt: str,
    *,
    gps: tuple[float, float] | None = None,
    orientation: int | None = None,
    **options: object,
) -> bytes:
    """``image`` as ``fmt`` bytes, with EXIF GPS (lon, lat), a camera model and an
    orientation tag when asked."""
    exif = Image.Exif()
    exif[0x0110] = "KameraUji X1"  # camera model: must not survive storage
    if orientation:
        exif[0x0112] = orientation
    if gps is not None:
        lon, lat = gps
        exif[GPS_IFD] = {
            1: "S" if lat < 0 else "N",
            2: _dms(lat),
            3: "W" if lon < 0 else "E",
            4: _dms(lon),
        }
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes(), **options)
    return out.getvalue()


def phone_jpeg(megabytes: float = 3.0, gps: tuple[float, float] | None = None) -> bytes:
    """A 4000×3000 camera JPEG of about ``megabytes`` MB."""
    image = picture(4000, 3000)
    for quality in (90, 80, 70, 60, 50):
        data = encode(image, "JPEG", gps=gps, quality=quality)
        if len(data) <= megabytes * 1.15e6:
            return data
    return data


def bomb_png(width: int = 12000, height: int = 10000) -> bytes:
    """A tiny PNG file that decodes to ``width × height`` pixels."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG", optimize=True)
    return out.getvalue()
