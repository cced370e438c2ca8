"""Importing from a WFS another agency runs: a real MapServer (Debian's
``cgi-mapserver``, which ``scripts/test.sh`` installs, run as CGI) serving poles from a
shapefile and handing out at most 100 features per request, once with GeoJSON
output and once with GML only."""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
import sqlalchemy as sa

from gis.errors import ImportFailed
from gis.importer import import_file
from layers import get_layer
from tests.conftest import count

MAPSERV = Path("/usr/lib/cgi-bin/mapserv")
CITY = (
    Path(__file__).resolve().parents[2] / "data" / "boundaries" / "kupang_kota.geojson"
)
POLES = 250
SERVER_PAGE = 100

GEOJSON_OUTPUT = """
  OUTPUTFORMAT
    NAME "geojson"
    DRIVER "OGR/GEOJSON"
    MIMETYPE "application/json"
    FORMATOPTION "FORM=SIMPLE"
    FORMATOPTION "STORAGE=memory"
  END"""

MAPFILE = """MAP
  NAME "pju"
  EXTENT 123.4 -10.4 123.8 -10.0
  PROJECTION "init=epsg:4326" END{outputs}
  WEB
    METADATA
      "wfs_title" "PJU Dinas Perhubungan"
      "wfs_onlineresource" "{url}?"
      "wfs_srs" "EPSG:4326"
      "wfs_enable_request" "*"
      "wfs_getfeature_formatlist" "{formats}"
      "wfs_maxfeatures" "{page}"
    END
  END
  LAYER
    NAME "tiang_pju"
    TYPE POINT
    DATA "{data}"
    PROJECTION "init=epsg:4326" END
    METADATA
      "wfs_title" "Tiang PJU"
      "gml_include_items" "all"
      "gml_featureid" "pole_id"
    END
  END
END
"""


@pytest.fixture(scope="module")
def poles() -> gpd.GeoDataFrame:
    """Poles at random places inside Kota Kupang."""
    city = shapely.union_all(gpd.read_file(CITY).geometry.values)
    rng = np.random.default_rng(7)
    xmin, ymin, xmax, ymax = city.bounds
    xy = rng.uniform((xmin, ymin), (xmax, ymax), (POLES * 4, 2))
    xy = xy[shapely.contains_xy(city, xy[:, 0], xy[:, 1])][:POLES]
    return gpd.GeoDataFrame(
        {
            "pole_id": [f"PJU-{i:04d}" for i in range(POLES)],
            "lamp_type": "LED",
            "wattage": rng.integers(40, 150, POLES),
        },
        geometry=shapely.points(xy),
        crs=4326,
    )


class MapServerCGI(BaseHTTPRequestHandler):
    """Runs ``mapserv`` as a CGI program per GET, the way a web server would.

    ``quirk`` makes it behave like servers met in the wild: ``"ignores
    startindex"`` drops the paging parameter (every page is the first one),
    ``"no paging"`` says in its capabilities that it cannot page."""

    config: Path
    quirk: str | None = None

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        query = self.path.partition("?")[2]
        if self.quirk == "ignores startindex":
            query = re.sub(r"(?i)&?startindex=\d+", "", query)
        done = subprocess.run(
            [str(MAPSERV)],
            capture_output=True,
            timeout=60,
            env={
                "PATH": os.environ.get("PATH", ""),
                "REQUEST_METHOD": "GET",
                "QUERY_STRING": query,
                "MAPSERVER_CONFIG_FILE": str(self.config),
            },
        )
        head, _, body = done.stdout.partition(b"\r\n\r\n")
        if not body and b"\n\n" in done.stdout:
            head, _, body = done.stdout.partition(b"\n\n")
        if self.quirk == "no paging":
            body = re.sub(
                rb'(name="ImplementsResultPaging">\s*'
                rb"<ows:NoValues/>\s*<ows:DefaultValue>)TRUE",
                rb"\1FALSE",
                body,
            )
        self.send_response(200 if done.returncode == 0 else 500)
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name and value:
                self.send_header(name.strip(), value.strip())
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serving_wfs(
    folder: Path, poles: gpd.GeoDataFrame, json_output: bool, quirk: str | None = None
) -> Iterator[str]:
    """URL of a MapServer WFS serving ``poles`` from a shapefile in ``folder``."""
    if not MAPSERV.exists():
        pytest.fail(f"{MAPSERV} missing: scripts/test.sh installs cgi-mapserver")
    poles.to_file(folder / "tiang_pju.shp")
    handler = type(
        "Handler",
        (MapServerCGI,),
        {"config": folder / "mapserver.conf", "quirk": quirk},
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/wfs"
    (folder / "pju.map").write_text(
        MAPFILE.format(
            outputs=GEOJSON_OUTPUT if json_output else "",
            url=url,
            formats="geojson" if json_output else "",
            page=SERVER_PAGE,
            data=folder / "tiang_pju.shp",
        )
    )
    (folder / "mapserver.conf").write_text(
        f'CONFIG\n  ENV\n    MS_MAPFILE "{folder / "pju.map"}"\n  END\nEND\n'
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module", params=["geojson", "gml"])
def wfs(request, tmp_path_factory, poles) -> Iterator[str]:
    """A well-behaved MapServer WFS, with GeoJSON output or with GML only."""
    with serving_wfs(
        tmp_path_factory.mktemp(f"wfs_{request.param}"),
        poles,
        json_output=request.param == "geojson",
    ) as url:
        yield url


def test_every_feature_comes_through_the_servers_page_limit(conn, wfs, poles):
    report = import_file(conn, get_layer("streetlights"), wfs, source_layer="tiang_pju")
    assert (report.rows_read, report.rows_written, report.rejected) == (
        POLES,
        POLES,
        [],
    )
    stored = gpd.GeoDataFrame.from_postgis(
        sa.text(
            "SELECT pole_id, lamp_type, wattage, geom FROM streetlights"
            " WHERE pole_id LIKE 'PJU-%' ORDER BY pole_id"
        ),
        conn,
        geom_col="geom",
    )
    expected = poles.sort_values("pole_id").reset_index(drop=True)
    assert stored.pole_id.tolist() == expected.pole_id.tolist()
    assert stored.wattage.tolist() == expected.wattage.tolist()
    assert set(stored.lamp_type) == {"LED"}
    # lon/lat in that order, to the six decimals (0.1 m) MapServer writes in GML
    assert (
        np.abs(
            shapely.get_coordinates(stored.geom.values)
            - shapely.get_coordinates(expected.geometry.values)
        ).max()
        < 5e-7
    )


def test_a_feature_type_the_service_lacks_is_named(conn, wfs):
    with pytest.raises(ImportFailed, match="jalan_tol.*ms:tiang_pju"):
        import_file(conn, get_layer("streetlights"), wfs, source_layer="jalan_tol")
    assert count(conn, "streetlights", "pole_id LIKE 'PJU-%'") == 0


@pytest.mark.parametrize(
    ("quirk", "reason"),
    [
        ("ignores startindex", "sends the same features for every page"),
        ("no paging", "returns at most 100 features per request and cannot page"),
    ],
)
def test_a_server_that_cannot_hand_out_everything_is_refused(
    conn, tmp_path, poles, quirk, reason
):
    """Importing only the first page would look like success; it is refused."""
    with (
        serving_wfs(tmp_path, poles, json_output=True, quirk=quirk) as url,
        pytest.raises(ImportFailed, match=reason),
    ):
        import_file(conn, get_layer("streetlights"), url, source_layer="tiang_pju")
    assert count(conn, "streetlights", "pole_id LIKE 'PJU-%'") == 0
