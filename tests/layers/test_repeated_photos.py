"""The same photo on two tickets is found, whatever was done to the copy."""

from __future__ import annotations

import io

from PIL import Image

from gis.photos import prepare_photo
from layers.accounts import Actor
from layers.ai.photos import matching_photos, repeated_photos
from layers.complaints import create_complaint
from layers.queue import record
from tests.conftest import NOW
from tests.gis.test_imagehash import scene
from tests.images import encode

FATULULI = (123.6075, -10.1620)
OPERATOR = Actor("ops", "operator")


def _ticket(conn, tmp_path, data: bytes, category="jalan_berlubang"):
    saved = prepare_photo(data).save(tmp_path, NOW)
    return create_complaint(
        conn,
        category_code=category,
        lon=FATULULI[0],
        lat=FATULULI[1],
        reported_at=NOW,
        photos=[saved],
    ), saved


def test_a_reused_photo_is_flagged_on_both_tickets(conn, tmp_path):
    picture = scene(7)
    first, first_photo = _ticket(conn, tmp_path, encode(picture, "JPEG", quality=92))
    # the same picture, cropped, shrunk and saved again as a PNG
    copy = picture.crop((40, 30, 1160, 870)).resize((800, 600))
    out = io.BytesIO()
    copy.save(out, "PNG")
    second, second_photo = _ticket(conn, tmp_path, out.getvalue(), "jalan_rusak")
    other, _ = _ticket(conn, tmp_path, encode(scene(8), "JPEG"))

    found = matching_photos(conn, second_photo["phash"], exclude_complaint=second.id)
    assert [(m["ticket"], m["path"]) for m in found] == [
        (first.ticket, first_photo["path"])
    ]
    pairs = [
        (p["ticket"], p["other_ticket"])
        for p in repeated_photos(conn)
        if {p["ticket"], p["other_ticket"]}
        & {first.ticket, second.ticket, other.ticket}
    ]
    assert pairs == [(first.ticket, second.ticket)]
    shown = record(conn, first.id, OPERATOR, now=NOW)["photo_matches"]
    assert [m["ticket"] for m in shown] == [second.ticket]
    assert shown[0]["distance"] <= 10
    assert record(conn, other.id, OPERATOR, now=NOW)["photo_matches"] == []
    assert Image.open(tmp_path / second_photo["path"]).format == "JPEG"
