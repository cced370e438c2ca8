"""The published maps of the city layers: blackspots of the newest run, accident
rates, population and poverty per kelurahan, the equity view, the
streetlight network per kelurahan, and of the newest networks run
(:mod:`layers.city.networks`) angkot coverage per kelurahan and the lit road
pieces.

They read the ``latest_*`` views of :mod:`layers.city.tables` (migration 0011),
so a new blackspot run or indicator period shows without code; the accidents
themselves are :data:`layers.city.accidents.LAYER`. Class columns carry plain
Indonesian words (``daerah rawan``, ``kemiskinan tinggi, aduan sedikit``) that the
SLD rules in ``styles/`` match and a click panel shows as they are.
"""

from __future__ import annotations

from gis.i18n import N_
from gis.layer import Layer
from layers.groups import CITY


def _per_kelurahan(**fields) -> Layer:
    """A map of every kelurahan (keyed by its ``kode``)."""
    return Layer(geometry_type="MULTIPOLYGON", key="kode", group=CITY, **fields)


#: a site of the blackspot run: a blackspot, above both limits with too few
#: accidents to be one, or merely with accidents on record
_SITE_CLASS = (
    "CASE WHEN blackspot THEN 'daerah rawan' WHEN above_ucl AND above_bka"
    " THEN 'di atas batas' ELSE 'tercatat' END"
)
#: the accidents a result counts and their victims, as a click panel shows them
_VICTIMS = (
    ("accidents", N_("Accidents")),
    ("died", N_("Died (MD)")),
    ("serious_injuries", N_("Seriously injured (LB)")),
    ("minor_injuries", N_("Slightly injured (LR)")),
)
_SITE_COLUMNS = (
    ("site_class", N_("Class")),
    *_VICTIMS,
    ("aek", N_("Accident-equivalent number (AEK)")),
    ("eb_rank", N_("Empirical-Bayes rank")),
)
_SITE_SQL = (
    f"{_SITE_CLASS} AS site_class, accidents, died, serious_injuries,"
    " minor_injuries, round(aek::numeric, 1) AS aek, round(rate::numeric, 1) AS"
    " rate, round(ucl::numeric, 1) AS ucl, round(bka::numeric, 1) AS bka, eb_rank"
)

BLACKSPOT_SEGMENTS = Layer(
    name="blackspot_segments",
    title=N_("Accident blackspots: road segments"),
    abstract=N_(
        "Road segments of the newest blackspot run with their accidents: a"
        " blackspot (daerah rawan) when the AEK rate per km exceeds both the upper"
        " control limit and the BKA threshold with at least three accidents."
    ),
    geometry_type="LINESTRING",
    key="road_id",
    group=CITY,
    sql=f"SELECT road_id, road_name, road_class, {_SITE_SQL}, geom"
    " FROM latest_blackspot_segments WHERE accidents > 0",
    styles=("blackspot_segments",),
    columns=(
        ("road_name", N_("Road")),
        ("road_class", N_("Road class")),
        *_SITE_COLUMNS,
        ("rate", N_("AEK per km")),
        ("ucl", N_("Upper control limit (UCL)")),
        ("bka", N_("BKA threshold")),
    ),
)
BLACKSPOT_JUNCTIONS = Layer(
    name="blackspot_junctions",
    title=N_("Accident blackspots: junctions"),
    abstract=N_(
        "Junctions of the newest blackspot run with their accidents (those within"
        " 25 m belong to the junction)."
    ),
    geometry_type="POINT",
    key="junction_id",
    group=CITY,
    sql="SELECT junction_id, array_to_string(road_names, ' × ') AS roads, legs,"
    f" {_SITE_SQL}, geom FROM latest_blackspot_junctions WHERE accidents > 0",
    styles=("blackspot_junctions",),
    columns=(
        ("roads", N_("Roads")),
        ("legs", N_("Legs")),
        *_SITE_COLUMNS,
        ("ucl", N_("Upper control limit (UCL)")),
        ("bka", N_("BKA threshold")),
    ),
)
BLACKSPOT_CLUSTERS = Layer(
    name="blackspot_clusters",
    title=N_("Accident clusters along the roads"),
    abstract=N_(
        "Groups of five or more accidents linked along the road network in steps"
        " of at most 100 m (newest run), drawn 40 m around their accidents."
    ),
    geometry_type="MULTIPOLYGON",
    key="cluster_id",
    group=CITY,
    sql="SELECT cluster_id, accidents, round(aek::numeric, 1) AS aek, died,"
    " array_to_string(road_names, ', ') AS roads, round(extent_m::numeric) AS"
    " extent_m, ST_Multi(ST_Buffer(geom::geography, 40)::geometry) AS geom"
    " FROM latest_blackspot_clusters",
    styles=("blackspot_clusters",),
    columns=(
        ("roads", N_("Roads")),
        ("accidents", N_("Accidents")),
        ("died", N_("Died (MD)")),
        ("aek", N_("Accident-equivalent number (AEK)")),
        ("extent_m", N_("Extent (m)")),
    ),
)
ACCIDENT_RATES = Layer(
    name="accident_rates",
    title=N_("Accidents per 1,000 residents"),
    abstract=N_(
        "Accidents per kelurahan in the newest blackspot run's window, per 1,000"
        " residents (newest indicators) and per road-km."
    ),
    geometry_type="MULTIPOLYGON",
    key="kelurahan_kode",
    group=CITY,
    sql="SELECT kelurahan_kode, nama, accidents, died, serious_injuries,"
    " minor_injuries, population, round(per_1000::numeric, 2) AS per_1000,"
    " round(road_km::numeric, 1) AS road_km, round(per_road_km::numeric, 2) AS"
    " per_road_km, geom FROM latest_accident_kelurahan",
    styles=("accident_rates",),
    columns=(
        ("nama", "Kelurahan"),
        *_VICTIMS,
        ("per_1000", N_("Per 1,000 residents")),
        ("per_road_km", N_("Per road-km")),
        ("population", N_("Residents")),
    ),
)

#: the newest indicators of every kelurahan, with its shape and area
_INDICATORS = (
    "SELECT k.kode, k.nama, i.period, i.population, i.households, i.poor_people,"
    " round((100.0 * i.poor_people / nullif(i.population, 0))::numeric, 1) AS"
    " poverty_pct, round((i.population / nullif(k.area_km2, 0))::numeric) AS"
    " density, i.dtsen_d1_4_families, i.pkh_families, i.bpnt_families,"
    " i.pbi_jk_people, i.p3ke_extreme_families, i.source, k.geom FROM kelurahan k"
    " JOIN latest_kelurahan_indicators i ON i.kelurahan_kode = k.kode"
)
_INDICATOR_COLUMNS = (
    ("nama", "Kelurahan"),
    ("population", N_("Residents")),
    ("households", N_("Households")),
    ("density", N_("Residents per km²")),
    ("poor_people", N_("Poor people")),
    ("poverty_pct", N_("Poverty share (%)")),
    ("dtsen_d1_4_families", N_("Families in DTSEN deciles 1–4")),
    ("pkh_families", N_("PKH families")),
    ("bpnt_families", N_("Sembako/BPNT families")),
    ("pbi_jk_people", N_("PBI-JK recipients")),
    ("p3ke_extreme_families", N_("Extreme-poor families (P3KE)")),
    ("period", N_("Period")),
    ("source", N_("Source")),
)
POVERTY = _per_kelurahan(
    name="kelurahan_poverty",
    title=N_("Poverty per kelurahan"),
    abstract=N_(
        "Share of poor residents per kelurahan (newest period) with the welfare"
        " programme aggregates; aggregates only, never individual records."
    ),
    sql=_INDICATORS,
    styles=("kelurahan_poverty",),
    columns=_INDICATOR_COLUMNS,
)
POPULATION = _per_kelurahan(
    name="kelurahan_population",
    title=N_("Population density per kelurahan"),
    abstract=N_("Residents per km² of every kelurahan (newest period)."),
    sql=_INDICATORS,
    styles=("kelurahan_population",),
    columns=_INDICATOR_COLUMNS,
)

#: how far back the equity view counts reports
EQUITY_DAYS = 365
EQUITY = _per_kelurahan(
    name="equity",
    title=N_("Poverty and reporting (equity view)"),
    abstract=N_(
        "Kelurahan by poverty share and complaints per 1,000 residents over the"
        " last 365 days, each above or below the city's median kelurahan: high"
        " poverty with few reports is where the city may be failing to hear."
    ),
    sql="WITH r AS (SELECT k.kode, k.nama, k.geom, i.population,"
    " 100.0 * i.poor_people / nullif(i.population, 0) AS poverty,"
    " 1000.0 * coalesce(c.n, 0) / nullif(i.population, 0) AS rate"
    " FROM kelurahan k JOIN latest_kelurahan_indicators i"
    " ON i.kelurahan_kode = k.kode"
    " LEFT JOIN (SELECT kelurahan_kode, count(*) AS n FROM complaints"
    f" WHERE reported_at > :now - interval '{EQUITY_DAYS} days'"
    " AND reported_at <= :now GROUP BY kelurahan_kode) c"
    " ON c.kelurahan_kode = k.kode),"
    " m AS (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY poverty) AS"
    " poverty, percentile_cont(0.5) WITHIN GROUP (ORDER BY rate) AS rate FROM r)"
    " SELECT r.kode, r.nama, r.population, round(r.poverty::numeric, 1) AS"
    " poverty_pct, round(r.rate::numeric, 1) AS per_1000,"
    " CASE WHEN r.poverty > m.poverty THEN 'kemiskinan tinggi'"
    " ELSE 'kemiskinan rendah' END || CASE WHEN r.rate < m.rate"
    " THEN ', aduan sedikit' ELSE ', aduan banyak' END AS equity_class, r.geom"
    " FROM r, m",
    styles=("equity",),
    columns=(
        ("nama", "Kelurahan"),
        ("equity_class", N_("Class")),
        ("poverty_pct", N_("Poverty share (%)")),
        ("per_1000", N_("Complaints per 1,000 residents")),
        ("population", N_("Residents")),
    ),
)
STREETLIGHT_STATUS = _per_kelurahan(
    name="streetlight_status",
    title=N_("Streetlights out per kelurahan"),
    abstract=N_(
        "Share of PJU poles recorded dead or damaged in every kelurahan, with the"
        " counts by status."
    ),
    # each pole counts once: in the lowest-coded kelurahan holding it (the
    # platform's edge rule), or the nearest one in the boundaries' hairline gaps
    sql="WITH inside AS (SELECT DISTINCT ON (s.pole_id) s.pole_id, s.status,"
    " k.kode FROM streetlights s JOIN kelurahan_parts k"
    " ON ST_Intersects(k.geom, s.geom) ORDER BY s.pole_id, k.kode),"
    " poles AS (SELECT status, kode FROM inside UNION ALL SELECT s.status,"
    " (SELECT k.kode FROM kelurahan_parts k ORDER BY k.geom <-> s.geom LIMIT 1)"
    " FROM streetlights s WHERE NOT EXISTS (SELECT 1 FROM inside i"
    " WHERE i.pole_id = s.pole_id))"
    " SELECT k.kode, k.nama, count(p.kode) AS poles,"
    " count(*) FILTER (WHERE p.status = 'menyala') AS working,"
    " count(*) FILTER (WHERE p.status = 'mati') AS dead,"
    " count(*) FILTER (WHERE p.status = 'rusak') AS damaged,"
    " round((100.0 * count(*) FILTER (WHERE p.status IN ('mati', 'rusak'))"
    " / nullif(count(p.kode), 0))::numeric, 1) AS out_pct, k.geom"
    " FROM kelurahan k LEFT JOIN poles p ON p.kode = k.kode"
    " GROUP BY k.kode, k.nama, k.geom",
    styles=("streetlight_status",),
    columns=(
        ("nama", "Kelurahan"),
        ("out_pct", N_("Out or damaged (%)")),
        ("poles", N_("Poles")),
        ("working", N_("Working")),
        ("dead", N_("Out")),
        ("damaged", N_("Damaged")),
    ),
)

ANGKOT_COVERAGE = _per_kelurahan(
    name="angkot_coverage",
    title=N_("Angkot coverage per kelurahan"),
    abstract=N_(
        "Share of residents within a 400 m walk along the roads of an angkot stop"
        " (newest networks run); residents spread evenly along each kelurahan's"
        " road length."
    ),
    sql="SELECT k.kode, k.nama, c.population, c.residents_covered,"
    " round((100 * c.share)::numeric, 1) AS covered_pct, c.stops,"
    " array_to_string(c.routes, ', ') AS routes, cardinality(c.routes) AS"
    " route_count, round((c.road_m / 1000)::numeric, 1) AS road_km, k.geom"
    " FROM kelurahan k JOIN latest_angkot_coverage c ON c.kelurahan_kode = k.kode",
    styles=("angkot_coverage",),
    columns=(
        ("nama", "Kelurahan"),
        ("covered_pct", N_("Residents within 400 m walk of a stop (%)")),
        ("residents_covered", N_("Residents covered")),
        ("population", N_("Residents")),
        ("stops", N_("Angkot stops")),
        ("routes", N_("Routes")),
        ("road_km", N_("Road length (km)")),
    ),
)
LIT_ROADS = Layer(
    name="lit_roads",
    title=N_("Lit arterial and collector roads"),
    abstract=N_(
        "Arterial and collector roads in pieces of at most 25 m (newest networks"
        " run): lit (terang) when a working PJU pole stands within 40 m of the"
        " piece's middle, else dark (gelap)."
    ),
    geometry_type="LINESTRING",
    key="piece_id",
    group=CITY,
    sql="SELECT road_id || '-' || piece AS piece_id, road_name, road_class,"
    " CASE WHEN lit THEN 'terang' ELSE 'gelap' END AS lighting,"
    " round(nearest_working_m::numeric) AS nearest_working_m, kelurahan_kode, geom"
    " FROM latest_lit_road_pieces",
    styles=("lit_roads",),
    columns=(
        ("road_name", N_("Road")),
        ("road_class", N_("Road class")),
        ("lighting", N_("Lighting")),
        ("nearest_working_m", N_("Nearest working pole (m)")),
    ),
)

#: the city's published maps, in capabilities order after the accidents
LAYERS = (
    BLACKSPOT_SEGMENTS,
    BLACKSPOT_JUNCTIONS,
    BLACKSPOT_CLUSTERS,
    ACCIDENT_RATES,
    POVERTY,
    POPULATION,
    EQUITY,
    STREETLIGHT_STATUS,
    ANGKOT_COVERAGE,
    LIT_ROADS,
)

#: the city's GeoJSON feeds for the command room (``/api/feeds/city/<name>``):
#: feed name → published layer
FEEDS = {
    "accidents": "accidents",
    "blackspot-segments": "blackspot_segments",
    "blackspot-junctions": "blackspot_junctions",
    "blackspot-clusters": "blackspot_clusters",
    "accident-rates": "accident_rates",
    "poverty": "kelurahan_poverty",
    "population": "kelurahan_population",
    "equity": "equity",
    "streetlight-status": "streetlight_status",
    "angkot-coverage": "angkot_coverage",
    "lit-roads": "lit_roads",
    "angkot-routes": "transit_routes",
    "angkot-stops": "transit_stops",
    "waste-points": "waste_points",
    "waste-routes": "waste_routes",
    "waste-coverage": "waste_coverage",
}
