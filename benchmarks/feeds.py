"""Feeds: SIGAP's OGC API – Features and vector tiles side by side with pygeoapi
over the same PostGIS data (100 000 complaints).

    python benchmarks/feeds.py [--complaints 100000] [--repeat 20]

pygeoapi (PyPI) runs from its own virtual environment under var/bench/ (created on
first use with the system python3, so its dependencies never touch SIGAP's), over a
table holding exactly the properties SIGAP's complaints collection publishes. Both
servers are gunicorn with 2 workers. Targets (issue #6): items limit 10 000 ≥ 3×
pygeoapi's throughput; limit 100 with bbox median ≤ 15 ms; MVT tile at city and
neighbourhood zoom median ≤ 30 ms, cached ≤ 5 ms.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import CLEAN_ENV, ROOT, bench_settings, free_port, sigap_server, wait_for

from gis.db import get_engine  # noqa: E402
from gis.timeutil import now  # noqa: E402
from layers.catalogue import published_layers  # noqa: E402
from layers.demo import generate_demo  # noqa: E402

PYGEOAPI_VENV = ROOT / "var" / "bench" / "pygeoapi-venv"
CONFIG = """
server:
  bind: {{host: 127.0.0.1, port: {port}}}
  url: http://127.0.0.1:{port}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  languages: [en-US]
  limits: {{default_items: 10, max_items: 10000}}
  map:
    url: "https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png"
    attribution: OSM
logging: {{level: ERROR}}
metadata:
  identification:
    title: bench
    description: bench
    keywords: [bench]
    keywords_type: theme
    terms_of_service: none
    url: http://example.org
  license: {{name: MIT, url: https://opensource.org/licenses/MIT}}
  provider: {{name: SIGAP, url: http://example.org}}
  contact: {{name: SIGAP, position: x, address: x, city: Kupang,
             stateorprovince: NTT, postalcode: '85111', country: Indonesia,
             phone: x, fax: x, email: x@example.org, url: http://example.org,
             hours: x, instructions: x, role: pointOfContact}}
resources:
  complaints:
    type: collection
    title: Complaints
    description: Complaints of Kota Kupang
    keywords: [complaints]
    extents:
      spatial: {{bbox: [123.4, -10.4, 123.8, -10.0],
                crs: http://www.opengis.net/def/crs/OGC/1.3/CRS84}}
    providers:
      - type: feature
        name: PostgreSQL
        data: {{host: {host}, port: {dbport}, dbname: {dbname}, user: {user},
               password: '{password}', search_path: [public]}}
        id_field: ticket
        table: bench_complaints
        geom_field: geom
"""


def _fetch(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        size = len(response.read())
    return time.perf_counter() - start, size


def _pygeoapi() -> Path:
    python = PYGEOAPI_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run(
            ["python3", "-m", "venv", str(PYGEOAPI_VENV)], check=True, env=CLEAN_ENV
        )
    if (
        subprocess.run(
            [str(python), "-c", "import geoalchemy2, pygeoapi"],
            env=CLEAN_ENV,
            capture_output=True,
        ).returncode
        != 0
    ):
        # the PostgreSQL provider's own dependencies are not pygeoapi's
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "pygeoapi",
                "psycopg2-binary",
                "geoalchemy2",
                "gunicorn",
            ],
            check=True,
            env=CLEAN_ENV,
        )
    return PYGEOAPI_VENV / "bin"


def _tile(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    n = 2**zoom
    return (
        int((lon + 180) / 360 * n),
        int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n),
    )


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    settings = bench_settings("bench_feeds")
    with get_engine(settings).begin() as conn:
        generate_demo(conn, settings, complaints=args.complaints, seed=2026)
        layer = published_layers(conn, now())["complaints"]
        conn.exec_driver_sql(f"CREATE TABLE bench_complaints AS {layer.sql}")
        conn.exec_driver_sql("ALTER TABLE bench_complaints ADD PRIMARY KEY (ticket)")
        conn.exec_driver_sql("CREATE INDEX ON bench_complaints USING gist (geom)")
        conn.exec_driver_sql("ANALYZE")
    bin_dir = _pygeoapi()
    work = ROOT / "var" / "bench"
    url = urllib.parse.urlsplit(
        settings.database_url.replace("postgresql+psycopg://", "postgresql://")
    )
    theirs_port = free_port()
    config = work / "pygeoapi.yml"
    config.write_text(
        CONFIG.format(
            port=theirs_port,
            host=url.hostname,
            dbport=url.port or 5432,
            dbname=url.path.lstrip("/"),
            user=url.username or "postgres",
            password=url.password or "",
        )
    )
    openapi = work / "pygeoapi-openapi.yml"
    env = {
        **CLEAN_ENV,
        "PYGEOAPI_CONFIG": str(config),
        "PYGEOAPI_OPENAPI": str(openapi),
    }
    subprocess.run(
        [
            str(bin_dir / "pygeoapi"),
            "openapi",
            "generate",
            str(config),
            "--output-file",
            str(openapi),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    theirs = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{theirs_port}",
            "pygeoapi.flask_app:APP",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pygeoapi = f"http://127.0.0.1:{theirs_port}"
    try:
        wait_for(pygeoapi + "/collections?f=json", theirs)
        with sigap_server(settings, workers=2) as sigap:
            print(
                f"{args.complaints:,} complaints; both servers gunicorn, 2 workers;"
                f" {os.cpu_count()} cores"
            )
            rng = random.Random(3)

            def items(base: str, limit: int, bbox: str | None, offset: int) -> str:
                query = {"limit": limit, "offset": offset, "f": "json"}
                if bbox:
                    query["bbox"] = bbox
                return (
                    f"{base}/{'ogcapi/' if base == sigap else ''}collections/"
                    f"complaints/items?" + urllib.parse.urlencode(query)
                )

            for label, limit, with_bbox in (
                ("items, limit 10 000", 10_000, False),
                ("items, limit 100, bbox", 100, True),
            ):
                results = {}
                for name, base in (("SIGAP", sigap), ("pygeoapi", pygeoapi)):
                    _fetch(items(base, limit, None, 0))  # warm-up
                    timings, sizes = [], []
                    for i in range(args.repeat):
                        lon = rng.uniform(123.55, 123.65)
                        lat = rng.uniform(-10.20, -10.14)
                        box = f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}"
                        offset = 0 if with_bbox else (i * 997) % 50_000
                        took, size = _fetch(
                            items(base, limit, box if with_bbox else None, offset)
                        )
                        timings.append(took)
                        sizes.append(size)
                    results[name] = timings
                    print(
                        f"{label:<26}{name:<9}{_ms(timings)} median,"
                        f" {1 / statistics.median(timings):6.1f} requests/s,"
                        f" {statistics.median(sizes) / 1e6:5.2f} MB"
                    )
                ratio = statistics.median(results["pygeoapi"]) / statistics.median(
                    results["SIGAP"]
                )
                print(f"{'':<26}SIGAP throughput = {ratio:.1f}× pygeoapi's")

            for label, zoom in (
                ("MVT tile, city (z12)", 12),
                ("MVT tile, street (z15)", 15),
            ):
                cold = []
                engine = get_engine(settings)
                for _ in range(args.repeat):
                    x, y = _tile(
                        rng.uniform(123.56, 123.64), rng.uniform(-10.20, -10.14), zoom
                    )
                    with engine.begin() as conn:  # a new data version: no cache hit
                        conn.exec_driver_sql("SELECT nextval('sigap_data_version')")
                    cold.append(
                        _fetch(f"{sigap}/tiles/complaints/{zoom}/{x}/{y}.pbf")[0]
                    )
                x, y = _tile(123.60, -10.17, zoom)
                tile_url = f"{sigap}/tiles/complaints/{zoom}/{x}/{y}.pbf"
                _fetch(tile_url)
                cached = [_fetch(tile_url)[0] for _ in range(args.repeat)]
                print(f"{label:<26}SIGAP   {_ms(cold)} median, cached {_ms(cached)}")
    finally:
        theirs.terminate()
        theirs.wait(timeout=20)


if __name__ == "__main__":
    main()
