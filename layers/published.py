"""What SIGAP publishes as map layers: the catalogue every publisher reads.

One :class:`PublishedLayer` per WMS layer: its SQL (always a ``geom`` column in
EPSG:4326, or a raster file), its styles (names of ``styles/*.sld`` user styles,
the first is the default), the attributes GetFeatureInfo shows with their
Indonesian labels, and a time column where the layer has one. Base layers are
listed here; analysis layers are generated per complaint category from
:data:`PER_CATEGORY`, so a new category in ``categories.csv`` gets its maps without
code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import sqlalchemy as sa

from gis.i18n import N_, _
from layers.status import sql_group

#: where a layer's SQL reads the clock (bound by :meth:`PublishedLayer.at`)
CLOCK_TOKEN = ":now"
BOUNDARIES = "boundaries"
NETWORKS = "networks"
COMPLAINTS = "complaints"
ANALYSIS = "analysis"
#: layer-tree groups in capabilities order: name → title msgid
GROUPS = {
    BOUNDARIES: N_("Administrative boundaries"),
    NETWORKS: "City networks",
    COMPLAINTS: "Complaints",
    ANALYSIS: N_("Analysis results"),
}


@dataclass(frozen=True)
class PublishedLayer:
    name: str
    title: str
    abstract: str
    group: str
    geometry_type: str  # point | line | polygon | raster
    sql: str
    styles: tuple[str, ...]
    fields: tuple[tuple[str, str], ...] = ()
    time_column: str | None = None
    category: str | None = None
    #: the raster file (rasters only; from the latest analysis run)
    raster_path: str | None = None
    #: values of the ``{placeholders}`` in ``title``
    title_values: tuple[tuple[str, str], ...] = ()
    #: the column that identifies a feature (OGC API – Features item id)
    id_column: str = "id"
    #: a grid of counts the database keeps for this layer (city-zoom tiles)
    cells_table: str | None = None
    #: the minute a clocked layer's SQL was bound to (:meth:`at`)
    as_of: datetime | None = None

    @property
    def queryable(self) -> bool:
        return self.geometry_type != "raster"

    def title_in(self, language: str | None = None) -> str:
        """The title in ``language`` (default: the current one)."""
        return _(self.title, language, **dict(self.title_values))

    @property
    def clocked(self) -> bool:
        """Whether the layer's features depend on the time (its SQL reads
        ``:now``, e.g. red flags age with the clock)."""
        return self.as_of is not None or CLOCK_TOKEN in self.sql

    def at(self, now: datetime) -> PublishedLayer:
        """The layer as of ``now``: ``:now`` in its SQL becomes that instant,
        truncated to the minute so renderers and caches can share it."""
        if CLOCK_TOKEN not in self.sql:
            return self
        minute = now.astimezone(UTC).replace(second=0, microsecond=0)
        literal = f"TIMESTAMPTZ '{minute.isoformat()}'"
        return replace(self, sql=self.sql.replace(CLOCK_TOKEN, literal), as_of=minute)


_GROUP_CASE = sql_group("c.status")

BASE_LAYERS = (
    PublishedLayer(
        "kota",
        N_("City boundary"),
        N_("Kota Kupang (Kemendagri code 53.71)."),
        BOUNDARIES,
        "polygon",
        "SELECT kode, nama, area_km2, geom FROM kota",
        ("kota",),
        (("nama", "Name"), ("kode", N_("Code")), ("area_km2", N_("Area (km²)"))),
        id_column="kode",
    ),
    PublishedLayer(
        "kecamatan",
        N_("Districts (kecamatan)"),
        N_("The 6 kecamatan of Kota Kupang with Kemendagri codes."),
        BOUNDARIES,
        "polygon",
        "SELECT kode, nama, area_km2, geom FROM kecamatan",
        ("kecamatan",),
        (("nama", "Name"), ("kode", N_("Code")), ("area_km2", N_("Area (km²)"))),
        id_column="kode",
    ),
    PublishedLayer(
        "kelurahan",
        "Urban villages (kelurahan)",
        N_("The 51 kelurahan of Kota Kupang with Kemendagri codes."),
        BOUNDARIES,
        "polygon",
        "SELECT kode, nama, kecamatan_kode, kode_pos, area_km2, geom FROM kelurahan",
        ("kelurahan",),
        (
            ("nama", "Name"),
            ("kode", N_("Code")),
            ("kode_pos", N_("Postal code")),
            ("area_km2", N_("Area (km²)")),
        ),
        id_column="kode",
    ),
    PublishedLayer(
        "roads",
        N_("Roads"),
        N_("Road network by function class (synthetic in the demo)."),
        NETWORKS,
        "line",
        "SELECT id, name, road_class, surface, condition, round(length_m) AS"
        " length_m, geom FROM roads",
        ("roads",),
        (
            ("name", "Name"),
            ("road_class", N_("Road class")),
            ("surface", N_("Surface")),
            ("condition", N_("Condition")),
            ("length_m", N_("Length (m)")),
        ),
    ),
    PublishedLayer(
        "streetlights",
        N_("Streetlights (PJU)"),
        N_("Street lighting poles and their status (synthetic in the demo)."),
        NETWORKS,
        "point",
        "SELECT pole_id, lamp_type, wattage, status, geom FROM streetlights",
        ("streetlights",),
        (
            ("pole_id", N_("Pole")),
            ("lamp_type", N_("Lamp type")),
            ("wattage", N_("Wattage")),
            ("status", "Status"),
        ),
        id_column="pole_id",
    ),
    PublishedLayer(
        "transit_routes",
        N_("Angkot routes"),
        N_("Angkot (minibus) lines (synthetic in the demo)."),
        NETWORKS,
        "line",
        "SELECT code, name, round(length_m) AS length_m, geom FROM transit_routes",
        ("transit_routes",),
        (("code", N_("Code")), ("name", "Name"), ("length_m", N_("Length (m)"))),
        id_column="code",
    ),
    PublishedLayer(
        "transit_stops",
        N_("Angkot stops"),
        N_("Stops of the angkot lines."),
        NETWORKS,
        "point",
        "SELECT id, name, array_to_string(route_codes, ', ') AS routes,"
        " geom FROM transit_stops",
        ("transit_stops",),
        (("name", "Name"), ("routes", N_("Routes"))),
    ),
    PublishedLayer(
        "complaints",
        "Complaints",
        N_(
            "Citizen complaints by status: untouched (red), in progress (orange),"
            " handled (green). Aggregated to a grid at city-wide scales."
        ),
        COMPLAINTS,
        "point",
        "SELECT c.ticket, c.category_code, g.name_id AS category, c.status,"
        f" {_GROUP_CASE} AS status_group, c.reported_at, c.kelurahan_kode,"
        " c.opd_code, c.geom FROM complaints c"
        # LEFT JOIN on the key: PostgreSQL drops it when the name is not read
        # (grid aggregates, rendering), saving a third of a city-wide count
        " LEFT JOIN categories g ON g.code = c.category_code",
        ("complaints_status", "complaints_category"),
        (
            ("ticket", N_("Ticket")),
            ("category", "Category"),
            ("status", "Status"),
            ("reported_at", "Reported"),
            ("kelurahan_kode", "Kelurahan"),
            ("opd_code", N_("OPD")),
        ),
        time_column="reported_at",
        id_column="ticket",
        cells_table="complaint_cells",
    ),
    PublishedLayer(
        "red_flags",
        N_("Red flags (all categories)"),
        N_(
            "The worst flag of every kelurahan: red when a report has been unhandled"
            " for the category's threshold (7 days by default)."
        ),
        COMPLAINTS,
        "polygon",
        "SELECT k.kode, k.nama, f.flag, f.categories, f.unhandled,"
        " round(f.oldest_days::numeric, 1) AS oldest_days, k.geom FROM kelurahan k"
        " JOIN (SELECT kelurahan_kode, (array_agg(flag ORDER BY CASE flag WHEN"
        " 'red' THEN 0 WHEN 'amber' THEN 1 ELSE 2 END))[1] AS flag,"
        " string_agg(category_code, ', ' ORDER BY category_code) AS categories,"
        " sum(unhandled) AS unhandled, max(oldest_days) AS oldest_days"
        " FROM sigap_red_flags(:now, 2) GROUP BY kelurahan_kode) f"
        " ON f.kelurahan_kode = k.kode",
        ("red_flags",),
        (
            ("nama", "Kelurahan"),
            ("flag", "Flag"),
            ("categories", "Categories"),
            ("unhandled", "Unhandled"),
            ("oldest_days", "Oldest (days)"),
        ),
        id_column="kode",
    ),
)


@dataclass(frozen=True)
class _PerCategory:
    prefix: str
    title: str  # msgid with {category}
    abstract: str
    group: str
    geometry_type: str
    sql: str  # with {code}
    styles: tuple[str, ...]
    fields: tuple[tuple[str, str], ...] = ()
    id_column: str = "id"


PER_CATEGORY = (
    _PerCategory(
        "red_flags",
        N_("Red flags: {category}"),
        N_(
            "Kelurahan with unhandled reports of this category: red past the"
            " threshold, amber close to it."
        ),
        COMPLAINTS,
        "polygon",
        "SELECT k.kode, k.nama, f.flag, f.unhandled, round(f.oldest_days::numeric,"
        " 1) AS oldest_days, array_to_string(f.tickets, ', ') AS tickets, k.geom"
        " FROM sigap_red_flags(:now, 2) f JOIN kelurahan k ON k.kode ="
        " f.kelurahan_kode WHERE f.category_code = '{code}'",
        ("red_flags",),
        (
            ("nama", "Kelurahan"),
            ("flag", "Flag"),
            ("unhandled", "Unhandled"),
            ("oldest_days", "Oldest (days)"),
            ("tickets", N_("Tickets")),
        ),
        "kode",
    ),
    _PerCategory(
        "lisa",
        N_("LISA clusters: {category}"),
        N_(
            "Local Moran's I clusters of Empirical-Bayes rates per kelurahan (latest"
            " run; FDR-corrected)."
        ),
        ANALYSIS,
        "polygon",
        "SELECT kelurahan_kode, nama, complaints, round(eb_rate::numeric, 3) AS"
        " eb_rate, lisa_class, round(lisa_p_adjusted::numeric, 4) AS p_adjusted,"
        " geom FROM latest_kelurahan_stats WHERE category_code = '{code}'",
        ("lisa_clusters",),
        (
            ("nama", "Kelurahan"),
            ("complaints", "Complaints"),
            ("eb_rate", N_("Smoothed rate")),
            ("lisa_class", N_("Cluster")),
            ("p_adjusted", N_("Adjusted p")),
        ),
        "kelurahan_kode",
    ),
    _PerCategory(
        "gi",
        N_("Gi* hot spots per kelurahan: {category}"),
        N_("Getis-Ord Gi* confidence bins per kelurahan (latest run)."),
        ANALYSIS,
        "polygon",
        "SELECT kelurahan_kode, nama, complaints, round(gi_z::numeric, 2) AS gi_z,"
        " gi_bin, geom FROM latest_kelurahan_stats WHERE category_code = '{code}'",
        ("gi_bins",),
        (
            ("nama", "Kelurahan"),
            ("complaints", "Complaints"),
            ("gi_z", N_("Gi* z")),
            ("gi_bin", N_("Confidence bin")),
        ),
        "kelurahan_kode",
    ),
    _PerCategory(
        "hex",
        N_("Hexagon hot spots: {category}"),
        N_("Gi* on a hexagon grid with an optimised distance band (latest run)."),
        ANALYSIS,
        "polygon",
        "SELECT hex_id, complaints, round(gi_z::numeric, 2) AS gi_z, gi_bin,"
        " geom FROM latest_hex_hotspots WHERE category_code = '{code}'",
        ("gi_bins",),
        (
            ("hex_id", N_("Hexagon")),
            ("complaints", "Complaints"),
            ("gi_z", N_("Gi* z")),
            ("gi_bin", N_("Confidence bin")),
        ),
        "hex_id",
    ),
    _PerCategory(
        "emerging",
        N_("Emerging hot spots: {category}"),
        N_("Emerging hot spot classes per hexagon (space-time Gi* and Mann-Kendall)."),
        ANALYSIS,
        "polygon",
        "SELECT hex_id, pattern, round(trend_z::numeric, 2) AS trend_z, geom"
        " FROM latest_emerging_hex WHERE category_code = '{code}'",
        ("emerging",),
        (
            ("hex_id", N_("Hexagon")),
            ("pattern", N_("Pattern")),
            ("trend_z", N_("Trend z")),
        ),
        "hex_id",
    ),
)


#: kernel density rasters, one per category (from the latest analysis run)
DENSITY = (
    _PerCategory(
        "density",
        N_("Kernel density: {category}"),
        N_("Kernel density of reports per km² (latest run; quartic kernel)."),
        ANALYSIS,
        "raster",
        "",
        ("density",),
    ),
)


def _category_layers(code: str, name: str) -> list[PublishedLayer]:
    return [
        PublishedLayer(
            f"{spec.prefix}_{code}",
            spec.title,
            spec.abstract,
            spec.group,
            spec.geometry_type,
            spec.sql.format(code=code),
            spec.styles,
            spec.fields,
            category=code,
            title_values=(("category", name),),
            id_column=spec.id_column,
        )
        for spec in PER_CATEGORY
    ]


def published_layers(conn: sa.Connection, now: datetime) -> dict[str, PublishedLayer]:
    """Every layer as of ``now``, by name, in capabilities order."""
    return at_time(layer_templates(conn), now)


def at_time(
    layers: dict[str, PublishedLayer], now: datetime
) -> dict[str, PublishedLayer]:
    """``layers`` with the clock in their SQL bound to ``now``."""
    return {name: layer.at(now) for name, layer in layers.items()}


def layer_templates(conn: sa.Connection) -> dict[str, PublishedLayer]:
    """Every layer, by name, in capabilities order, its SQL still reading
    ``:now`` where it depends on the clock (see :meth:`PublishedLayer.at`)."""
    layers = {layer.name: layer for layer in BASE_LAYERS}
    categories = conn.execute(
        sa.text("SELECT code, name_id FROM categories WHERE active ORDER BY code")
    ).all()
    rasters = dict(
        conn.execute(
            sa.text("SELECT category_code, path FROM latest_density_rasters")
        ).all()
    )
    for code, name in categories:
        for layer in _category_layers(code, name):
            layers[layer.name] = layer
        for spec in DENSITY:
            layers[f"{spec.prefix}_{code}"] = PublishedLayer(
                f"{spec.prefix}_{code}",
                spec.title,
                spec.abstract,
                spec.group,
                spec.geometry_type,
                "",
                spec.styles,
                category=code,
                raster_path=rasters.get(code),
                title_values=(("category", name),),
            )
    return layers
