"""The published layers of analysis results, one of each per complaint category.

Each is a template: ``{code}`` in its SQL and ``{category}`` in its title are
filled per active category by :func:`layers.catalogue.for_category`, so a new
category in ``categories.csv`` gets its maps without code. They read the
``latest_*`` views (:mod:`layers.analysis.tables`): publishers never compute
statistics per request.
"""

from __future__ import annotations

from gis.i18n import N_
from gis.layer import Layer
from layers.groups import ANALYSIS

_HEXAGON = ("hex_id", N_("Hexagon"))
_COMPLAINTS = ("complaints", "Complaints")
_GI = (("gi_z", N_("Gi* z")), ("gi_bin", N_("Confidence bin")))


def _per_kelurahan(**fields) -> Layer:
    return Layer(
        geometry_type="MULTIPOLYGON", key="kelurahan_kode", group=ANALYSIS, **fields
    )


def _per_hexagon(**fields) -> Layer:
    return Layer(geometry_type="POLYGON", key="hex_id", group=ANALYSIS, **fields)


LISA = _per_kelurahan(
    name="lisa",
    title=N_("LISA clusters: {category}"),
    abstract=N_(
        "Local Moran's I clusters of Empirical-Bayes rates per kelurahan (latest"
        " run; FDR-corrected)."
    ),
    sql="SELECT kelurahan_kode, nama, complaints, round(eb_rate::numeric, 3) AS"
    " eb_rate, lisa_class, round(lisa_p_adjusted::numeric, 4) AS p_adjusted,"
    " geom FROM latest_kelurahan_stats WHERE category_code = '{code}'",
    styles=("lisa_clusters",),
    columns=(
        ("nama", "Kelurahan"),
        _COMPLAINTS,
        ("eb_rate", N_("Smoothed rate")),
        ("lisa_class", N_("Cluster")),
        ("p_adjusted", N_("Adjusted p")),
    ),
)
GI = _per_kelurahan(
    name="gi",
    title=N_("Gi* hot spots per kelurahan: {category}"),
    abstract=N_("Getis-Ord Gi* confidence bins per kelurahan (latest run)."),
    sql="SELECT kelurahan_kode, nama, complaints, round(gi_z::numeric, 2) AS gi_z,"
    " gi_bin, geom FROM latest_kelurahan_stats WHERE category_code = '{code}'",
    styles=("gi_bins",),
    columns=(("nama", "Kelurahan"), _COMPLAINTS, *_GI),
)
HEX = _per_hexagon(
    name="hex",
    title=N_("Hexagon hot spots: {category}"),
    abstract=N_("Gi* on a hexagon grid with an optimised distance band (latest run)."),
    sql="SELECT hex_id, complaints, round(gi_z::numeric, 2) AS gi_z, gi_bin,"
    " geom FROM latest_hex_hotspots WHERE category_code = '{code}'",
    styles=("gi_bins",),
    columns=(_HEXAGON, _COMPLAINTS, *_GI),
)
EMERGING = _per_hexagon(
    name="emerging",
    title=N_("Emerging hot spots: {category}"),
    abstract=N_(
        "Emerging hot spot classes per hexagon (space-time Gi* and Mann-Kendall)."
    ),
    sql="SELECT hex_id, pattern, round(trend_z::numeric, 2) AS trend_z, geom"
    " FROM latest_emerging_hex WHERE category_code = '{code}'",
    styles=("emerging",),
    columns=(_HEXAGON, ("pattern", N_("Pattern")), ("trend_z", N_("Trend z"))),
)
#: kernel density rasters (the file of the latest run: ``raster_path``)
DENSITY = Layer(
    name="density",
    title=N_("Kernel density: {category}"),
    abstract=N_("Kernel density of reports per km² (latest run; quartic kernel)."),
    geometry_type="RASTER",
    group=ANALYSIS,
    styles=("density",),
)
#: the vector result layers, in capabilities order
VECTOR_RESULTS = (LISA, GI, HEX, EMERGING)
#: a hot spot: a hexagon in a positive Gi* confidence bin (90, 95 or 99 %)
HOT = "gi_bin > 0"


def hot_spots(layer: Layer) -> Layer:
    """The hot spots of a hexagon layer (:data:`HEX` made for a category)."""
    return layer.filtered(HOT)
