"""The same photo on two tickets is found, whatever was done to the copy."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image

from gis.errors import Forbidden
from gis.photos import prepare_photo
from layers.accounts import Actor
from layers.ai.photos import photo_repeats, ticket_photo_repeats
from layers.complaints import create_complaint
from layers.queue import record
from layers.status import State
from layers.workflow import Move, transition
from tests.conftest import NOW
from tests.gis.test_imagehash import scene
from tests.images import encode
from tests.kupang import DPUPR, FATULULI, OPERATOR


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

    [found] = photo_repeats(conn, second.id)
    assert (found["path"], found["ticket"], found["other_path"]) == (
        second_photo["path"],
        first.ticket,
        first_photo["path"],
    )
    shown = record(conn, first.ticket, OPERATOR, now=NOW)["photo_matches"]
    assert [m["ticket"] for m in shown] == [second.ticket]
    assert shown[0]["distance"] <= 10
    assert record(conn, other.ticket, OPERATOR, now=NOW)["photo_matches"] == []
    assert Image.open(tmp_path / second_photo["path"]).format == "JPEG"


def test_an_after_photo_reusing_another_tickets_picture_is_flagged_on_both(
    conn, tmp_path
):
    picture = scene(11)
    reported, reported_photo = _ticket(conn, tmp_path, encode(picture, "JPEG"))
    finished, _ = _ticket(conn, tmp_path, encode(scene(12), "JPEG"), "jalan_rusak")
    # the clerk "proves" the second job with the first ticket's picture, shrunk
    reused = prepare_photo(encode(picture.resize((640, 480)), "JPEG", quality=70))
    after = reused.save(tmp_path, NOW)
    conn.execute(
        sa.text("UPDATE complaints SET status = 'diproses' WHERE id = :id"),
        {"id": finished.id},
    )
    transition(
        conn,
        finished.id,
        Move(State.SELESAI, public_note="Sudah diperbaiki", photos=(after,)),
        DPUPR,
        NOW,
    )

    [on_finished] = photo_repeats(conn, finished.id)
    assert (on_finished["kind"], on_finished["path"]) == ("after", after["path"])
    assert (on_finished["ticket"], on_finished["other_kind"]) == (
        reported.ticket,
        "report",
    )
    assert on_finished["other_path"] == reported_photo["path"]
    assert on_finished["message"] == (
        "Gambar yang sama: foto sesudah dikerjakan ini dan foto laporan tiket"
        f" {reported.ticket}"
    )
    [on_reported] = photo_repeats(conn, reported.id)
    assert (on_reported["ticket"], on_reported["other_kind"]) == (
        finished.ticket,
        "after",
    )
    shown = ticket_photo_repeats(conn, finished.ticket, OPERATOR)
    assert [r["ticket"] for r in shown["repeats"]] == [reported.ticket]
    with pytest.raises(Forbidden):
        ticket_photo_repeats(conn, finished.ticket, Actor("dlhk", "opd_staff", "DLHK"))
