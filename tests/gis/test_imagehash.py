"""Perceptual hashes: the same picture altered stays near, another picture is far."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from gis.imagehash import NEAR, distance, phash
from gis.photos import prepare_photo
from tests.images import encode


def scene(seed: int, size: tuple[int, int] = (1200, 900)) -> Image.Image:
    """A photo-like street scene: shapes of many sizes and colours, plus grain."""
    rng = np.random.default_rng(seed)
    image = Image.new("RGB", size, tuple(int(v) for v in rng.integers(0, 255, 3)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.integers(0, size[0]), rng.integers(0, size[1])
        w, h = rng.integers(40, 500, 2)
        colour = tuple(int(v) for v in rng.integers(0, 255, 3))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + w, y + h), fill=colour)
    grain = rng.normal(0, 8, (size[1], size[0], 3))
    pixels = np.clip(np.asarray(image, dtype=float) + grain, 0, 255)
    return Image.fromarray(pixels.astype("uint8")).filter(ImageFilter.GaussianBlur(1))


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue()))


ALTERATIONS = {
    "re-encoded at quality 40": lambda im: _jpeg(im, 40),
    "resized to a third": lambda im: im.resize((im.width // 3, im.height // 3)),
    "cropped 5 % each side": lambda im: im.crop(
        (im.width // 20, im.height // 20, im.width * 19 // 20, im.height * 19 // 20)
    ),
    "brighter by 20 %": lambda im: ImageEnhance.Brightness(im).enhance(1.2),
    "as a PNG screenshot": lambda im: Image.open(io.BytesIO(encode(im, "PNG"))),
}


@pytest.mark.parametrize("alteration", sorted(ALTERATIONS))
def test_an_altered_copy_is_near(alteration):
    original = scene(1)
    altered = ALTERATIONS[alteration](original)
    assert distance(phash(original), phash(altered)) <= NEAR


def test_other_pictures_are_far():
    hashes = [phash(scene(seed)) for seed in range(2, 12)]
    distances = [distance(a, b) for i, a in enumerate(hashes) for b in hashes[i + 1 :]]
    assert min(distances) > NEAR + 6


def test_the_stored_photo_carries_its_hash():
    photo = prepare_photo(encode(scene(3), "JPEG", quality=90))
    assert len(photo.phash) == 16
    assert distance(photo.phash, phash(scene(3))) <= NEAR
