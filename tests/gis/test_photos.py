"""Photos: accepted by content, cleaned of metadata, refused clearly when bad."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from PIL import Image

from gis.errors import InvalidParameter, PayloadTooLarge
from gis.photos import MAX_BYTES, MAX_EDGE, THUMBNAIL_EDGE, prepare_photo, remove_saved
from tests.images import bomb_png, encode, phone_jpeg, picture

KUPANG = (123.6012, -10.1718)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_jpeg_png_webp_and_heic_are_accepted_and_stored_as_plain_jpeg(fmt):
    data = encode(picture(640, 480), fmt, gps=KUPANG)
    photo = prepare_photo(data)
    assert photo.source_format == fmt
    assert photo.gps == pytest.approx(KUPANG, abs=1e-6)
    stored = Image.open(io.BytesIO(photo.image))
    assert stored.format == "JPEG" and stored.size == (640, 480)
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info


def test_a_phone_photo_is_shrunk_turned_upright_and_thumbnailed(tmp_path):
    photo = prepare_photo(encode(picture(2400, 1800), "JPEG", orientation=6))
    assert (photo.width, photo.height) == (MAX_EDGE * 3 // 4, MAX_EDGE)
    # 07:30 WITA on 1 November is still 31 October in UTC: the folder is WITA's
    saved = photo.save(tmp_path, datetime(2026, 10, 31, 23, 30, tzinfo=UTC))
    assert saved["path"].startswith("photos/2026/11/") and saved["path"].endswith(
        ".jpg"
    )
    thumb = Image.open(tmp_path / saved["thumbnail"])
    assert max(thumb.size) == THUMBNAIL_EDGE and thumb.size[1] > thumb.size[0]
    remove_saved(tmp_path, saved)
    assert not (tmp_path / saved["path"]).exists()
    assert not (tmp_path / saved["thumbnail"]).exists()


def test_transparent_png_is_flattened_on_white():
    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    photo = prepare_photo(encode(image, "PNG"))
    assert Image.open(io.BytesIO(photo.image)).getpixel((10, 10))[0] > 245
    assert photo.gps is None


def test_the_file_name_does_not_matter_the_content_does():
    with pytest.raises(InvalidParameter, match="bukan gambar JPEG"):
        prepare_photo(b"GIF89a not really a photo, named foto.jpg")
    gif = io.BytesIO()
    picture(64, 64).save(gif, "GIF")
    with pytest.raises(InvalidParameter, match="JPEG, PNG, WebP or HEIC"):
        prepare_photo(gif.getvalue())


def test_a_truncated_jpeg_is_refused_as_damaged():
    data = phone_jpeg(1.0)
    with pytest.raises(InvalidParameter, match="rusak"):
        prepare_photo(data[: len(data) // 3])


def test_a_decompression_bomb_is_refused_from_its_header():
    data = bomb_png()
    assert len(data) < 20_000
    with pytest.raises(PayloadTooLarge, match="terlalu banyak piksel"):
        prepare_photo(data)


def test_too_many_bytes_and_empty_uploads_are_refused():
    with pytest.raises(PayloadTooLarge):
        prepare_photo(b"\xff" * (MAX_BYTES + 1))
    with pytest.raises(InvalidParameter, match="kosong"):
        prepare_photo(b"")
    with pytest.raises(InvalidParameter, match="terlalu kecil"):
        prepare_photo(encode(picture(8, 8), "PNG"))


def test_gps_west_and_north_signs_are_kept():
    photo = prepare_photo(encode(picture(64, 64), "JPEG", gps=(-70.5, 40.25)))
    assert photo.gps == pytest.approx((-70.5, 40.25), abs=1e-6)


def test_only_a_few_photos_are_decoded_at_once(monkeypatch):
    from gis import photos
    from gis.errors import Unavailable

    monkeypatch.setattr(photos, "DECODE_WAIT", 0.2)
    held = [photos.DECODE_SLOTS.acquire(timeout=5) for _ in range(2)]
    try:
        with pytest.raises(Unavailable, match="Terlalu banyak foto sekaligus"):
            photos.prepare_photo(encode(picture(800, 600), "JPEG"))
    finally:
        for _ in held:
            photos.DECODE_SLOTS.release()
    assert photos.prepare_photo(encode(picture(800, 600), "JPEG")).width == 800
