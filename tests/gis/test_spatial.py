"""Weights from the real boundaries, hexagon binning and density surfaces."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import rasterio
import shapely

from gis.density import kernel_density, silverman_bandwidth, write_cog
from gis.hexgrid import HexGrid, cell_ids
from gis.weights import fuzzy_queen
from layers.boundaries import clean_partition

BOUNDARIES = Path(__file__).resolve().parents[2] / "data" / "boundaries"


@pytest.fixture(scope="module")
def kelurahan() -> gpd.GeoDataFrame:
    raw = gpd.read_file(BOUNDARIES / "kupang_kelurahan.geojson")
    return clean_partition(raw, "kode").to_crs(32751)


def _neighbours(weights, kelurahan, name: str) -> set[str]:
    names = dict(zip(kelurahan["kode"], kelurahan["nama"]))
    code = next(k for k, v in names.items() if v == name)
    return {names[c] for c in weights.w.neighbors[code]}


def test_fuzzy_queen_finds_the_true_neighbours_across_gaps(kelurahan):
    weights = fuzzy_queen(kelurahan, "kode")
    assert weights.attached == {}  # every kelurahan has neighbours
    # these pairs share a boundary upstream, but the simplified polygons only
    # touch or leave a hairline gap between them
    assert "Liliba" in _neighbours(weights, kelurahan, "Oesapa Barat")
    assert "Fatubesi" in _neighbours(weights, kelurahan, "Merdeka")
    assert "Liliba" in _neighbours(weights, kelurahan, "Maulafa")
    assert _neighbours(weights, kelurahan, "Penfui") == {"Liliba", "Naimata"}
    assert {"Fatululi", "Oebufu", "Kuanino"} <= _neighbours(
        weights, kelurahan, "Oebobo"
    )
    # and nothing far away: Penfui and Lasiana are ~900 m apart
    assert "Lasiana" not in _neighbours(weights, kelurahan, "Penfui")
    assert weights.w.n == 51


def test_an_isolated_area_is_attached_to_its_nearest_and_reported(kelurahan):
    far = kelurahan.iloc[[0]].copy()
    far["kode"] = "island"
    far.geometry = far.geometry.translate(50_000, 0)  # out at sea
    weights = fuzzy_queen(
        gpd.GeoDataFrame(
            np.concatenate([kelurahan[["kode"]].to_numpy(), far[["kode"]].to_numpy()]),
            columns=["kode"],
            geometry=list(kelurahan.geometry) + list(far.geometry),
            crs=32751,
        ),
        "kode",
    )
    assert list(weights.attached) == ["island"]
    assert not weights.w.islands


def test_every_point_falls_in_exactly_its_hexagon():
    grid = HexGrid(250.0, (500_000.0, 8_800_000.0))
    rng = np.random.default_rng(0)
    x, y = rng.uniform(560_000, 566_000, 5000), rng.uniform(8_870_000, 8_876_000, 5000)
    q, r = grid.axial(x, y)
    polygons = grid.polygons(q, r)
    assert shapely.intersects(polygons, shapely.points(x, y)).all()
    assert polygons[0].area == pytest.approx(250**2 * np.sqrt(3) / 2)
    assert len(np.unique(cell_ids(q, r))) == len(set(zip(q, r)))


def test_density_integrates_to_the_number_of_points(tmp_path):
    rng = np.random.default_rng(1)
    xy = rng.normal((565_000, 8_873_000), 300, (2000, 2))
    bandwidth = silverman_bandwidth(xy)
    assert 50 < bandwidth < 300
    surface = kernel_density(xy, (562_000, 8_870_000, 568_000, 8_876_000), 25.0)
    total = surface.values.sum() * (25 / 1000) ** 2  # per km² × km² per cell
    assert total == pytest.approx(2000, rel=0.01)
    path = write_cog(tmp_path / "d.tif", surface)
    with rasterio.open(path) as dataset:
        assert dataset.crs.to_epsg() == 32751
        assert dataset.res == (25.0, 25.0)
        assert dataset.tags(ns="IMAGE_STRUCTURE").get("LAYOUT") == "COG"
        assert dataset.read(1).max() == pytest.approx(surface.values.max(), rel=1e-6)
