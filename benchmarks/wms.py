"""WMS rendering: SIGAP (Mapnik, SLD styles, server-side aggregation) side by side
with MapServer 8 over the same PostGIS tables with an equivalent style.

    python benchmarks/wms.py [--complaints 100000] [--requests 60] [--seconds 10]

Builds its own database: the demo city with 100 000 complaints, roads cut into
about 30 000 segments. Installs Debian's ``python3-mapscript`` when missing (root).
Prints, per case, SIGAP in-process and over HTTP (gunicorn, cold and cached) and
MapServer in-process (standing for FastCGI), with the SIGAP/MapServer ratio.
Targets (issue #5): 1 km tile median ≤ 30 ms and throughput ≥ MapServer's;
city tile ≤ 100 ms; 1024×768 city ≤ 300 ms; cached ≤ 5 ms.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from common import CLEAN_ENV, ROOT, bench_settings, sigap_server

from gis.db import get_engine  # noqa: E402
from gis.render import MapRequest, Renderer  # noqa: E402
from gis.sld import read_styles  # noqa: E402
from gis.timeutil import now  # noqa: E402
from layers.catalogue import published_layers  # noqa: E402
from layers.demo import generate_demo  # noqa: E402
from layers.status import sql_group  # noqa: E402

EARTH = 6378137.0
LAYERS = ("kelurahan", "roads", "complaints")
SYSTEM_PYTHON = "/usr/bin/python3"
MAPFILE = """MAP
  NAME "sigap_bench"
  EXTENT {extent}
  SIZE 256 256
  IMAGETYPE png
  IMAGECOLOR 255 255 255
  PROJECTION "init=epsg:3857" END
  OUTPUTFORMAT NAME "png" DRIVER AGG/PNG MIMETYPE "image/png" IMAGEMODE RGBA
    EXTENSION "png" TRANSPARENT ON END
  LAYER
    NAME "kelurahan" TYPE POLYGON STATUS ON
    CONNECTIONTYPE POSTGIS CONNECTION "{connection}"
    PROCESSING "CLOSE_CONNECTION=DEFER"
    DATA "geom from (select kode, geom from kelurahan) as sub using unique kode using srid=4326"
    PROJECTION "init=epsg:4326" END
    CLASS STYLE COLOR 245 241 232 OPACITY 35 END
      STYLE OUTLINECOLOR 140 140 140 WIDTH 0.8 END END
  END
  LAYER
    NAME "roads" TYPE LINE STATUS ON
    CONNECTIONTYPE POSTGIS CONNECTION "{connection}"
    PROCESSING "CLOSE_CONNECTION=DEFER"
    DATA "geom from (select id, road_class, geom from roads) as sub using unique id using srid=4326"
    PROJECTION "init=epsg:4326" END
    CLASSITEM "road_class"
    CLASS EXPRESSION "arteri" STYLE COLOR 215 48 31 WIDTH 3 END END
    CLASS EXPRESSION "kolektor" STYLE COLOR 252 141 89 WIDTH 2 END END
    CLASS EXPRESSION "lokal" MAXSCALEDENOM 50000
      STYLE COLOR 150 150 150 WIDTH 1.2 END END
    CLASS EXPRESSION "lingkungan" MAXSCALEDENOM 25000
      STYLE COLOR 189 189 189 WIDTH 0.7 END END
  END
  SYMBOL NAME "circle" TYPE ELLIPSE FILLED TRUE POINTS 1 1 END END
  LAYER
    NAME "complaints" TYPE POINT STATUS ON
    CONNECTIONTYPE POSTGIS CONNECTION "{connection}"
    PROCESSING "CLOSE_CONNECTION=DEFER"
    DATA "geom from (select id, geom, {group_case} as status_group from complaints) as sub using unique id using srid=4326"
    PROJECTION "init=epsg:4326" END
    CLASSITEM "status_group"
    CLASS EXPRESSION "untouched" STYLE SYMBOL "circle" SIZE 8 COLOR 215 25 28
      OUTLINECOLOR 255 255 255 END END
    CLASS EXPRESSION "in_progress" STYLE SYMBOL "circle" SIZE 8 COLOR 253 141 60
      OUTLINECOLOR 255 255 255 END END
    CLASS EXPRESSION "handled" STYLE SYMBOL "circle" SIZE 8 COLOR 26 150 65
      OUTLINECOLOR 255 255 255 END END
    CLASS EXPRESSION "rejected" STYLE SYMBOL "circle" SIZE 8 COLOR 150 150 150
      OUTLINECOLOR 255 255 255 END END
  END
END
"""


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return (
        math.radians(lon) * EARTH,
        math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * EARTH,
    )


def _ensure_mapscript() -> None:
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import mapscript"], capture_output=True
    )
    if probe.returncode == 0:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(
            "MapServer comparison needs python3-mapscript (apt-get install"
            " python3-mapscript) — run as root on Debian"
        )
    subprocess.run(["apt-get", "update", "-q"], check=True, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "python3-mapscript"],
        check=True,
        capture_output=True,
    )


def _build(settings, complaints: int) -> None:
    with get_engine(settings).begin() as conn:
        generate_demo(conn, settings, complaints=complaints, seed=2026)
        # cut every road into four segments: about 30 000, as a city's network
        conn.exec_driver_sql(
            "CREATE TEMP TABLE cut AS SELECT name, road_class, surface, condition,"
            " ST_LineSubstring(geom, i / 4.0, (i + 1) / 4.0) AS geom FROM roads,"
            " generate_series(0, 3) AS i"
        )
        conn.exec_driver_sql("UPDATE streetlights SET road_id = NULL")
        conn.exec_driver_sql("DELETE FROM roads")
        conn.exec_driver_sql(
            "INSERT INTO roads (name, road_class, surface, condition, synthetic,"
            " source, geom) SELECT name, road_class, surface, condition, true,"
            " 'benchmark', geom FROM cut"
        )
        conn.exec_driver_sql("ANALYZE")


def _cases(settings, count: int, seed: int = 1) -> dict[str, list[dict]]:
    with get_engine(settings).connect() as conn:
        west, south, east, north = conn.exec_driver_sql(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM"
            " (SELECT ST_Extent(geom)::geometry AS e FROM kota) k"
        ).one()
    rng = random.Random(seed)
    x0, y0 = _mercator(west, south)
    x1, y1 = _mercator(east, north)
    half = 1000 / 2 / math.cos(math.radians((south + north) / 2))  # 1 km on the ground
    tiles = []
    for _ in range(count):
        lon, lat = (
            rng.uniform(west + 0.02, east - 0.02),
            rng.uniform(south + 0.02, north - 0.02),
        )
        x, y = _mercator(lon, lat)
        tiles.append(
            {
                "bbox": [x - half, y - half, x + half, y + half],
                "width": 256,
                "height": 256,
            }
        )
    side = max(x1 - x0, y1 - y0) / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    city = {
        "bbox": [cx - side, cy - side, cx + side, cy + side],
        "width": 256,
        "height": 256,
    }
    aspect = 768 / 1024
    wide = {
        "bbox": [x0, cy - (x1 - x0) * aspect / 2, x1, cy + (x1 - x0) * aspect / 2],
        "width": 1024,
        "height": 768,
    }

    def nudged(request: dict, count: int) -> list[dict]:
        # metre-sized shifts: the same picture, but no response-cache hits
        return [
            {**request, "bbox": [v + i for v in request["bbox"]]} for i in range(count)
        ]

    return {
        "256×256 tile, 1 km": tiles,
        "256×256 whole city": nudged(city, 15),
        "1024×768 whole city": nudged(wide, 10),
    }


def _median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def _url(base: str, request: dict) -> str:
    return (
        base
        + "/wms?"
        + urllib.parse.urlencode(
            {
                "SERVICE": "WMS",
                "VERSION": "1.3.0",
                "REQUEST": "GetMap",
                "LAYERS": ",".join(LAYERS),
                "STYLES": "",
                "CRS": "EPSG:3857",
                "BBOX": ",".join(f"{v:.3f}" for v in request["bbox"]),
                "WIDTH": request["width"],
                "HEIGHT": request["height"],
                "FORMAT": "image/png",
                "TRANSPARENT": "TRUE",
            }
        )
    )


def _fetch(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return time.perf_counter() - start


def _http_throughput(
    base: str, tiles: list[dict], seconds: float, clients: int
) -> float:
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def client(index: int) -> None:
        i = index
        while time.perf_counter() < stop:
            tile = dict(tiles[i % len(tiles)])
            # a fresh extent every time: no cache hits
            tile["bbox"] = [v + (i // len(tiles)) * 0.5 for v in tile["bbox"]]
            _fetch(_url(base, tile))
            done[index] += 1
            i += clients

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def _render_for(args: tuple) -> int:
    settings, chosen, tiles, seconds = args
    renderer = Renderer(settings)
    stop, done = time.perf_counter() + seconds, 0
    while time.perf_counter() < stop:
        tile = tiles[done % len(tiles)]
        renderer.render(
            MapRequest(
                chosen, "EPSG:3857", tuple(tile["bbox"]), tile["width"], tile["height"]
            )
        )
        done += 1
    return done


def _in_process_throughput(settings, chosen, tiles, seconds: float) -> float:
    """Tiles/s of two rendering processes, as MapServer's side is measured."""
    # fresh processes: a forked one would share the parent's pooled connections
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        done = pool.map(_render_for, [(settings, chosen, tiles, seconds)] * 2)
    return sum(done) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    _ensure_mapscript()
    settings = bench_settings("bench_wms")
    _build(settings, args.complaints)
    cases = _cases(settings, args.requests)
    with get_engine(settings).connect() as conn:
        catalogue = published_layers(conn, now())
        counts = conn.exec_driver_sql(
            "SELECT (SELECT count(*) FROM complaints), (SELECT count(*) FROM roads)"
        ).one()
    print(
        f"{counts[0]:,} complaints, {counts[1]:,} road segments;"
        f" layers {', '.join(LAYERS)}; EPSG:3857; {os.cpu_count()} cores"
    )

    styles = read_styles(ROOT / "styles")
    renderer = Renderer(settings)
    chosen = tuple((catalogue[n], styles[catalogue[n].styles[0]]) for n in LAYERS)

    def sigap(request: dict) -> float:
        start = time.perf_counter()
        renderer.render(
            MapRequest(
                chosen,
                "EPSG:3857",
                tuple(request["bbox"]),
                request["width"],
                request["height"],
            )
        )
        return time.perf_counter() - start

    work = Path(tempfile.mkdtemp(prefix="sigap-wms-bench-"))
    url = urllib.parse.urlsplit(
        settings.database_url.replace("postgresql+psycopg://", "postgresql://")
    )
    connection = (
        f"host={url.hostname} port={url.port or 5432} dbname="
        f"{url.path.lstrip('/')} user={url.username or 'postgres'}"
        + (f" password={url.password}" if url.password else "")
    )
    mapfile = work / "bench.map"
    mapfile.write_text(
        MAPFILE.format(
            extent="13740000 -1150000 13780000 -1120000",
            connection=connection,
            group_case=sql_group("status"),
        )
    )

    def mapserver(requests: list[dict], seconds: float | None = None) -> object:
        path = work / "requests.json"
        path.write_text(json.dumps(requests))
        argv = [
            SYSTEM_PYTHON,
            str(ROOT / "benchmarks" / "mapserver_worker.py"),
            str(mapfile),
            str(path),
        ]
        if seconds:
            argv.append(str(seconds))
        output = subprocess.run(
            argv, check=True, capture_output=True, text=True, env=CLEAN_ENV
        )
        return json.loads(output.stdout)

    with sigap_server(settings, workers=2) as base:
        print(
            f"{'case':<22}{'SIGAP in-proc':>14}{'SIGAP HTTP':>12}{'cached':>9}"
            f"{'MapServer':>11}{'ratio':>8}"
        )
        for label, requests in cases.items():
            for request in requests[:3]:  # warm both: connections, caches
                sigap(request)
            mapserver(requests[:3])
            ours = [sigap(r) for r in requests]
            theirs = mapserver(requests)
            http = [_fetch(_url(base, r)) for r in requests]
            cached = [_fetch(_url(base, requests[0])) for _ in range(30)]
            print(
                f"{label:<22}{_median_ms(ours):>11.1f} ms{_median_ms(http):>9.1f} ms"
                f"{_median_ms(cached):>6.1f} ms{_median_ms(theirs):>8.1f} ms"
                f"{_median_ms(ours) / _median_ms(theirs):>8.2f}"
            )
        tiles = cases["256×256 tile, 1 km"]
        ours = _http_throughput(base, tiles, args.seconds, 8)
        (work / "tiles.json").write_text(json.dumps(tiles))
        workers = [
            subprocess.Popen(
                [
                    SYSTEM_PYTHON,
                    str(ROOT / "benchmarks" / "mapserver_worker.py"),
                    str(mapfile),
                    str(work / "tiles.json"),
                    str(args.seconds),
                ],
                stdout=subprocess.PIPE,
                text=True,
                env=CLEAN_ENV,
            )
            for _ in range(2)
        ]
        theirs = (
            sum(json.loads(w.communicate()[0])["done"] for w in workers) / args.seconds
        )
        local = _in_process_throughput(settings, chosen, tiles, args.seconds)
        print(
            f"throughput, 1 km tiles: SIGAP {local:.1f} tiles/s in-process and"
            f" {ours:.1f} over HTTP (gunicorn, 2 workers); MapServer {theirs:.1f}"
            f" tiles/s in-process (2 processes); ratio in-process"
            f" {local / theirs:.2f}, HTTP/in-process {ours / theirs:.2f}"
        )


if __name__ == "__main__":
    main()
