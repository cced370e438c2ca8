"""The citizen app's server side: the page, naming the pin, nearby tickets, and a
report taken in — or refused with an Indonesian message and nothing stored."""

from __future__ import annotations

import gzip
import io

import sqlalchemy as sa
from PIL import Image

from api.app import create_app
from gis.db import get_engine
from tests.api.lapor.conftest import SEA, new_device, quiet_spot, stored
from tests.images import encode, phone_jpeg, picture


def _report(client, token, lon, lat, **extra):
    data = {"kategori": "kebersihan", "lat": str(lat), "lon": str(lon), **extra}
    return client.post(
        "/lapor/api/laporan",
        data=data,
        headers={"X-CSRF-Token": token} if token else {},
        content_type="multipart/form-data",
    )


def test_the_page_offers_the_categories_in_plain_groups_and_installs(lapor_app):
    client = lapor_app.test_client()
    page = client.get("/lapor")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for words in (
        "Apa masalahnya?",
        "Sampah &amp; saluran",
        "Lalu lintas",
        "Gunakan lokasi saya",
        "Jalan berlubang",
        "Kirim laporan",
    ):
        assert words in html
    assert 'rel="manifest"' in html and "sigap_device=" in page.headers["Set-Cookie"]
    manifest = client.get("/lapor/manifest.webmanifest")
    assert manifest.headers["Content-Type"] == "application/manifest+json"
    body = manifest.get_json()
    assert body["display"] == "standalone" and body["start_url"] == "/lapor"
    assert {i["sizes"] for i in body["icons"]} == {"192x192", "512x512"}
    for icon in body["icons"]:
        assert client.get(icon["src"]).status_code == 200
    worker = client.get("/lapor/sw.js")
    assert worker.headers["Content-Type"].startswith("text/javascript")
    assert worker.headers["Service-Worker-Allowed"] == "/lapor"
    text = worker.get_data(as_text=True)
    assert '"/api/basemap.json"' in text and '"/static/js/lapor.js"' in text
    # every file the worker keeps for offline use exists
    for line in text.splitlines():
        if line.startswith("const ASSETS"):
            for url in line.split("[", 1)[1].rsplit("]", 1)[0].split(", "):
                assert client.get(url.strip('"')).status_code == 200, url


def test_the_home_page_links_to_the_app_first(lapor_app):
    html = lapor_app.test_client().get("/").get_data(as_text=True)
    main = html.split("<main", 1)[1]
    assert main.index('href="/lapor"') < main.index('href="/dashboard"')


def test_the_pin_is_named_by_its_kelurahan_and_nearest_road(lapor_city, lapor_app):
    lon, lat, kelurahan = quiet_spot(lapor_city, "kebersihan")
    place = lapor_app.test_client().get(f"/lapor/api/tempat?lon={lon}&lat={lat}")
    body = place.get_json()
    assert body["inside"] is True and body["kelurahan"]["nama"] == kelurahan
    assert body["road"]["name"].startswith("Jl. ")
    assert 0 <= body["road"]["distance_m"] <= 100


def test_a_point_in_the_sea_is_named_outside_and_refused(lapor_city, lapor_app):
    client, token = new_device(lapor_app)
    place = client.get(f"/lapor/api/tempat?lon={SEA[0]}&lat={SEA[1]}").get_json()
    assert place == {
        "inside": False,
        "message": "Titik ini di luar Kota Kupang: geser penanda ke dalam kota",
    }
    before = stored(lapor_city)
    refused = _report(client, token, *SEA, photo=(io.BytesIO(phone_jpeg(1)), "a.jpg"))
    assert refused.status_code == 400
    assert refused.get_json()["code"] == "outside_city"
    assert "di luar Kota Kupang" in refused.get_json()["description"]
    assert stored(lapor_city) == before


def test_a_report_lands_in_its_kelurahan_with_photos_stripped_of_exif(
    lapor_city, lapor_app
):
    client, token = new_device(lapor_app)
    lon, lat, kelurahan = quiet_spot(lapor_city, "kebersihan")
    photos = [
        (io.BytesIO(phone_jpeg(2, gps=(lon, lat))), "IMG_1.jpg"),
        (
            io.BytesIO(encode(picture(1200, 900, seed=2), "JPEG", gps=(lon, lat))),
            "b.jpg",
        ),
    ]
    answer = _report(
        client,
        token,
        lon,
        lat,
        description="Sampah menumpuk di depan pasar",
        name="Maria",
        phone="081234567890",
        **{"attribute[volume]": "banyak"},
        photo=photos,
    )
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["joined"] is False and body["follow_url"].startswith("/lapor/t/")
    with get_engine(lapor_city).connect() as conn:
        row = conn.execute(
            sa.text(
                "SELECT c.channel, k.nama, c.photos, c.attributes, x.name, x.phone"
                " FROM complaints c JOIN kelurahan k ON k.kode = c.kelurahan_kode"
                " JOIN complaint_contacts x ON x.complaint_id = c.id"
                " WHERE c.ticket = :t"
            ),
            {"t": body["ticket"]},
        ).one()
    assert (row.channel, row.nama) == ("aplikasi", kelurahan)
    assert row.attributes == {"volume": "banyak"}
    assert (row.name, row.phone) == ("Maria", "081234567890")
    assert len(row.photos) == 2
    for photo in row.photos:
        image = Image.open(lapor_city.media_dir / photo["path"])
        assert max(image.size) <= 1600 and not image.getexif()


def test_nearby_lists_the_open_ticket_and_me_too_makes_a_supporter(
    lapor_city, lapor_app
):
    client, token = new_device(lapor_app)
    lon, lat, _ = quiet_spot(lapor_city, "drainase")
    first = _report(
        client,
        token,
        lon,
        lat,
        kategori="drainase",
        description="Got tersumbat",
        photo=(io.BytesIO(phone_jpeg(1)), "a.jpg"),
    ).get_json()
    # 20 m east: within drainase's 50 m radius
    east = lon + 0.00018
    near = client.get(f"/lapor/api/sekitar?kategori=drainase&lon={east}&lat={lat}")
    reports = near.get_json()["reports"]
    assert [r["ticket"] for r in reports] == [first["ticket"]]
    assert reports[0]["status_label"] and reports[0]["supporters"] == 0
    assert 15 <= reports[0]["distance_m"] <= 25
    assert client.get(reports[0]["photo"]).status_code == 200
    assert "name" not in reports[0] and "phone" not in reports[0]
    other = client.get(f"/lapor/api/sekitar?kategori=kebersihan&lon={east}&lat={lat}")
    assert first["ticket"] not in [r["ticket"] for r in other.get_json()["reports"]]

    second, token2 = new_device(lapor_app)
    joined = _report(
        second, token2, east, lat, kategori="drainase", supports=first["ticket"]
    ).get_json()
    assert joined["joined"] is True and joined["ticket"] == first["ticket"]
    again = client.get(f"/lapor/api/sekitar?kategori=drainase&lon={east}&lat={lat}")
    assert again.get_json()["reports"][0]["supporters"] == 1


def test_supporting_a_ticket_of_another_category_is_refused(lapor_city, lapor_app):
    client, token = new_device(lapor_app)
    lon, lat, _ = quiet_spot(lapor_city, "banjir")
    first = _report(
        client, token, lon, lat, kategori="banjir", **{"attribute[kedalaman]": "lutut"}
    ).get_json()
    before = stored(lapor_city)
    refused = _report(
        client, token, lon, lat, kategori="kebersihan", supports=first["ticket"]
    )
    assert refused.status_code == 400
    assert refused.get_json()["description"].startswith(
        f"Laporan {first['ticket']} tidak dapat didukung"
    )
    assert stored(lapor_city) == before


def test_bad_input_gets_an_indonesian_message_and_stores_nothing(lapor_city, lapor_app):
    client, token = new_device(lapor_app)
    lon, lat, _ = quiet_spot(lapor_city, "kebersihan")
    before = stored(lapor_city)
    huge = io.BytesIO(b"\xff\xd8\xff\xe0" + b"\0" * (20 * 2**20))
    cases = {
        "20 MB photo": (
            {"photo": (huge, "besar.jpg")},
            413,
            "Unggahan lebih besar dari 12 MB",
        ),
        "not an image": (
            {"photo": (io.BytesIO(b"%PDF-1.4 bukan foto"), "surat.jpg")},
            400,
            "Foto bukan gambar JPEG, PNG, WebP atau HEIC",
        ),
        "10 000 characters": (
            {"description": "a" * 10_000},
            400,
            "Keterangan lebih dari 4000 karakter: mohon dipersingkat",
        ),
        "honeypot": ({"website": "http://spam.example"}, 400, "Laporan ditolak"),
        "no category": ({"kategori": ""}, 400, "Pilih dulu jenis masalahnya"),
    }
    for name, (extra, status, words) in cases.items():
        answer = _report(client, token, lon, lat, **extra)
        assert answer.status_code == status, name
        assert words in answer.get_json()["description"], (name, answer.get_json())
    missing = _report(client, None, lon, lat)
    assert missing.status_code == 403
    assert missing.get_json()["description"].startswith("Formulir")
    assert stored(lapor_city) == before


def test_the_eleventh_report_in_an_hour_from_one_phone_is_refused(
    lapor_city, lapor_app
):
    client, token = new_device(lapor_app)
    lon, lat, _ = quiet_spot(lapor_city, "fasilitas_umum")
    # the first opens a ticket, the next nine join it: ten reports all the same
    for _ in range(10):
        sent = _report(client, token, lon, lat, kategori="fasilitas_umum")
        assert sent.status_code == 200, sent.get_json()
    before = stored(lapor_city)
    answer = _report(client, token, lon, lat, kategori="fasilitas_umum")
    assert answer.status_code == 429
    body = answer.get_json()
    assert body["code"] == "too_many_reports"
    assert body["description"].startswith(
        "Terlalu banyak laporan dari ponsel atau jaringan ini dalam satu jam"
        " (paling banyak 10)."
    )
    assert int(answer.headers["Retry-After"]) >= 60
    assert stored(lapor_city) == before
    # another phone on the same network still reports
    other, token2 = new_device(lapor_app)
    assert (
        _report(other, token2, lon, lat, kategori="fasilitas_umum").status_code == 200
    )


def test_one_address_is_limited_across_devices(lapor_city):
    app = create_app(lapor_city.replace(reports_per_address=2))
    lon, lat, _ = quiet_spot(lapor_city, "ketertiban_umum")
    codes = []
    for _ in range(3):
        client, token = new_device(app)
        client.environ_base["REMOTE_ADDR"] = "10.9.8.7"
        answer = _report(client, token, lon, lat, kategori="ketertiban_umum")
        codes.append(answer.status_code)
    assert codes == [200, 200, 429]
    assert "paling banyak 2" in answer.get_json()["description"]


def test_the_apps_files_are_sent_gzipped_to_browsers_that_take_it(lapor_app):
    client = lapor_app.test_client()
    for path in ("/static/vendor/leaflet/leaflet.js", "/lapor", "/api/basemap.json"):
        plain = client.get(path)
        packed = client.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert "Content-Encoding" not in plain.headers, path
        assert packed.headers["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in packed.headers["Vary"]
        assert len(packed.data) < len(plain.data) / 2, path
        if path != "/lapor":  # the page is made anew (its device cookie)
            assert gzip.decompress(packed.data) == plain.data, path
    # a file unchanged since it was fetched is still a 304
    first = client.get("/static/js/lapor.js", headers={"Accept-Encoding": "gzip"})
    again = client.get(
        "/static/js/lapor.js",
        headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]},
    )
    assert again.status_code == 304
