"""Administrative boundaries: kota, kecamatan, kelurahan (real, Kemendagri codes).

Shipped in ``data/boundaries`` (MIT, see NOTICE). Loading cleans them for
contiguity-sensitive consumers: upstream neighbours overlap slightly (simplified
geometry), so each overlap is given to the kelurahan with the lowest code, the same
rule the database uses for a point on a shared edge. Kecamatan are then dissolved
from the cleaned kelurahan so the two levels nest exactly. Areas are in km², measured
in EPSG:32751.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely
import sqlalchemy as sa
from geoalchemy2 import Geometry
from sqlalchemy.orm import Mapped, mapped_column

from gis.db import METRIC_SRID, Base
from gis.i18n import N_
from gis.layer import Layer
from layers.groups import BOUNDARIES

AREA_KM2 = sa.Computed(
    f"ST_Area(ST_Transform(geom, {METRIC_SRID})) / 1e6", persisted=True
)
MIN_PART_M2 = 500.0  # polygon crumbs left by overlap removal are dropped


class Kota(Base):
    __tablename__ = "kota"
    kode: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    nama: Mapped[str] = mapped_column(sa.Text)
    area_km2: Mapped[float] = mapped_column(sa.Float, AREA_KM2)
    geom = mapped_column(Geometry("MULTIPOLYGON", srid=4326, nullable=False))


class Kecamatan(Base):
    __tablename__ = "kecamatan"
    kode: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    nama: Mapped[str] = mapped_column(sa.Text)
    kota_kode: Mapped[str] = mapped_column(sa.ForeignKey("kota.kode"))
    area_km2: Mapped[float] = mapped_column(sa.Float, AREA_KM2)
    geom = mapped_column(Geometry("MULTIPOLYGON", srid=4326, nullable=False))


class Kelurahan(Base):
    __tablename__ = "kelurahan"
    kode: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    kode_bps: Mapped[str] = mapped_column(sa.Text, unique=True)
    nama: Mapped[str] = mapped_column(sa.Text)
    kecamatan_kode: Mapped[str] = mapped_column(sa.ForeignKey("kecamatan.kode"))
    kode_pos: Mapped[str | None] = mapped_column(sa.Text)
    area_km2: Mapped[float] = mapped_column(sa.Float, AREA_KM2)
    geom = mapped_column(Geometry("MULTIPOLYGON", srid=4326, nullable=False))


def kelurahan_key() -> sa.Column:
    """The key of a table of figures per kelurahan."""
    return sa.Column(
        "kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode"), primary_key=True
    )


#: Kelurahan cut into small pieces (ST_Subdivide), kept in step by a trigger: the
#: point-in-polygon lookups of ``sigap_kelurahan_at`` run against these.
KELURAHAN_PARTS = sa.Table(
    "kelurahan_parts",
    Base.metadata,
    sa.Column("kode", sa.Text, nullable=False),
    sa.Column("geom", Geometry("POLYGON", srid=4326, nullable=False)),
)

#: Cells of a fine grid (about 38 m, ``sigap_grid_index``) wholly inside one
#: kelurahan, kept in step by the same trigger (migration 0007): bulk imports
#: locate most points with one hash join on it.
KELURAHAN_GRID = sa.Table(
    "kelurahan_grid",
    Base.metadata,
    sa.Column("cx", sa.Integer, primary_key=True),
    sa.Column("cy", sa.Integer, primary_key=True),
    sa.Column("kode", sa.Text, nullable=False),
)


_NAME_CODE_AREA = (
    ("nama", "Name"),
    ("kode", N_("Code")),
    ("area_km2", N_("Area (km²)")),
)


def _boundary_layer(
    name: str,
    title: str,
    abstract: str,
    extra_columns: tuple[str, ...] = (),
    columns: tuple[tuple[str, str], ...] = _NAME_CODE_AREA,
) -> Layer:
    return Layer(
        name=name,
        table=name,
        title=title,
        abstract=abstract,
        geometry_type="MULTIPOLYGON",
        key="kode",
        group=BOUNDARIES,
        sql=f"SELECT {', '.join(('kode', 'nama', *extra_columns, 'area_km2'))},"
        f" geom FROM {name}",
        styles=(name,),
        columns=columns,
        export_columns=("kode", "nama", "area_km2"),
        importable=False,
    )


KOTA = _boundary_layer(
    "kota", N_("City boundary"), N_("Kota Kupang (Kemendagri code 53.71).")
)
KECAMATAN = _boundary_layer(
    "kecamatan",
    N_("Districts (kecamatan)"),
    N_("The 6 kecamatan of Kota Kupang with Kemendagri codes."),
)
KELURAHAN = _boundary_layer(
    "kelurahan",
    N_("Urban villages (kelurahan)"),
    N_("The 51 kelurahan of Kota Kupang with Kemendagri codes."),
    ("kecamatan_kode", "kode_pos"),
    (
        ("nama", "Name"),
        ("kode", N_("Code")),
        ("kode_pos", N_("Postal code")),
        ("area_km2", N_("Area (km²)")),
    ),
)


def clean_partition(frame: gpd.GeoDataFrame, key: str) -> gpd.GeoDataFrame:
    """Remove overlaps between polygons: the lowest ``key`` keeps a shared area.

    Returns valid MultiPolygons in the frame's CRS, ordered by ``key``.
    """
    frame = frame.sort_values(key).reset_index(drop=True)
    metric = frame.to_crs(METRIC_SRID).geometry.make_valid()
    taken = None
    cleaned = []
    for geom in metric:
        own = geom if taken is None else geom.difference(taken)
        parts = [p for p in shapely.get_parts(own) if p.geom_type == "Polygon"]
        parts = [p for p in parts if p.area >= MIN_PART_M2] or parts
        cleaned.append(shapely.MultiPolygon(parts))
        taken = geom if taken is None else shapely.union(taken, geom)
    out = frame.copy()
    out.geometry = gpd.GeoSeries(cleaned, crs=METRIC_SRID).to_crs(frame.crs).values
    return out


def load_boundaries(conn: sa.Connection, boundary_dir: Path) -> dict[str, int]:
    """Upsert kota, kelurahan and (dissolved) kecamatan from ``boundary_dir``."""
    kota = gpd.read_file(boundary_dir / "kupang_kota.geojson")
    kecamatan = gpd.read_file(boundary_dir / "kupang_kecamatan.geojson")
    kelurahan = clean_partition(
        gpd.read_file(boundary_dir / "kupang_kelurahan.geojson"), "kode"
    )
    for row in kota.itertuples():
        conn.execute(
            sa.text(
                "INSERT INTO kota (kode, nama, geom) VALUES (:kode, :nama,"
                " ST_Multi(ST_GeomFromText(:wkt, 4326))) ON CONFLICT (kode) DO UPDATE"
                " SET nama = EXCLUDED.nama, geom = EXCLUDED.geom"
            ),
            {"kode": row.kode, "nama": row.nama, "wkt": row.geometry.wkt},
        )
    # kecamatan rows first (names), geometry dissolved from kelurahan below
    for row in kecamatan.itertuples():
        conn.execute(
            sa.text(
                "INSERT INTO kecamatan (kode, nama, kota_kode, geom) VALUES (:kode,"
                " :nama, :kota, ST_Multi(ST_GeomFromText(:wkt, 4326)))"
                " ON CONFLICT (kode) DO UPDATE SET nama = EXCLUDED.nama"
            ),
            {
                "kode": row.kode,
                "nama": row.nama,
                "kota": kota.kode.iloc[0],
                "wkt": row.geometry.wkt,
            },
        )
    # one statement, writing only rows that differ: every statement on kelurahan
    # rebuilds kelurahan_parts and kelurahan_grid (migration 0007)
    rows = [
        {
            "kode": row.kode,
            "bps": str(row.kode_bps_style),
            "nama": row.nama,
            "kec": row.kode_kec,
            "pos": str(row.kode_pos),
            "wkt": row.geometry.wkt,
        }
        for row in kelurahan.itertuples()
    ]
    conn.execute(
        sa.text(
            "INSERT INTO kelurahan (kode, kode_bps, nama, kecamatan_kode, kode_pos,"
            " geom) SELECT kode, bps, nama, kec, pos,"
            " ST_Multi(ST_GeomFromText(wkt, 4326))"
            " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(kode text, bps text,"
            " nama text, kec text, pos text, wkt text)"
            " ON CONFLICT (kode) DO UPDATE"
            " SET nama = EXCLUDED.nama, kode_bps = EXCLUDED.kode_bps,"
            " kecamatan_kode = EXCLUDED.kecamatan_kode,"
            " kode_pos = EXCLUDED.kode_pos, geom = EXCLUDED.geom"
            " WHERE (kelurahan.nama, kelurahan.kode_bps, kelurahan.kecamatan_kode,"
            " kelurahan.kode_pos) IS DISTINCT FROM (EXCLUDED.nama, EXCLUDED.kode_bps,"
            " EXCLUDED.kecamatan_kode, EXCLUDED.kode_pos)"
            " OR NOT ST_Equals(kelurahan.geom, EXCLUDED.geom)"
        ),
        {"rows": json.dumps(rows)},
    )
    conn.execute(
        sa.text(
            "UPDATE kecamatan k SET geom = d.geom FROM (SELECT kecamatan_kode,"
            " ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(geom)), 3)) AS geom"
            " FROM kelurahan GROUP BY kecamatan_kode) d WHERE d.kecamatan_kode = k.kode"
        )
    )
    return {"kota": len(kota), "kecamatan": len(kecamatan), "kelurahan": len(kelurahan)}


def city_outline(conn: sa.Connection) -> shapely.Geometry:
    """Kota Kupang as one geometry (EPSG:4326): outline plus every kelurahan."""
    wkb = conn.execute(
        sa.text(
            "SELECT ST_AsBinary(ST_Union(g)) FROM (SELECT geom AS g FROM kota"
            " UNION ALL SELECT geom FROM kelurahan) u"
        )
    ).scalar_one()
    if wkb is None:
        raise RuntimeError("boundaries not loaded: run `sigap db setup`")
    return shapely.from_wkb(bytes(wkb))
