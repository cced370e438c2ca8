"""Waste collection (kebersihan): collection points and the routes that empty them.

``waste_points`` are the TPS, depo, bak sampah and kontainer residents bring their
rubbish to, with capacity in m³; ``waste_routes`` the collection routes of Dinas
Lingkungan Hidup dan Kebersihan with their schedule (days of the week and shift).
A point is emptied on its own ``collection_days`` when the file gives them,
otherwise on its route's days. Days are stored as ISO weekdays (1 = Senin …
7 = Minggu); files may write them as Indonesian or English names or numbers
("Senin, Kamis", "mon;thu", "1,4").
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from gis.db import Base
from gis.i18n import N_, bilingual
from gis.importer import reject_outside_city_of, reject_returning
from gis.layer import Field, Layer
from gis.runs import TS
from layers.city.tables import feature_columns
from layers.groups import CITY

KINDS = ("tps", "tps3r", "depo", "bak_sampah", "kontainer")
POINT_STATUSES = ("aktif", "penuh", "rusak", "nonaktif")
SHIFTS = ("pagi", "siang", "malam")

#: a staged day name as it is looked up ("Jum'at " → "jumat")
DAY_KEY = "lower(replace(btrim(d), chr(39), ''))"
#: day names a clerk writes → ISO weekday
DAY_NAMES = {
    **{
        name: day
        for day, names in enumerate(
            (
                ("senin", "sen", "monday", "mon", "1"),
                ("selasa", "sel", "tuesday", "tue", "2"),
                ("rabu", "rab", "wednesday", "wed", "3"),
                ("kamis", "kam", "thursday", "thu", "4"),
                ("jumat", "jum", "friday", "fri", "5"),
                ("sabtu", "sab", "saturday", "sat", "6"),
                ("minggu", "min", "ahad", "sunday", "sun", "7"),
            ),
            1,
        )
        for name in names
    }
}

WASTE_ROUTES = sa.Table(
    "waste_routes",
    Base.metadata,
    sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("code", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("collection_days", ARRAY(sa.SmallInteger), nullable=False),
    sa.Column("shift", sa.Text, nullable=False),
    sa.Column("opd_code", sa.Text),
    sa.Column("vehicle", sa.Text),
    *feature_columns("MULTILINESTRING"),
    sa.CheckConstraint(
        "shift IN ('pagi', 'siang', 'malam')", name="waste_routes_shift"
    ),
    sa.CheckConstraint(
        "cardinality(collection_days) > 0 AND collection_days <@"
        " ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]",
        name="waste_routes_days",
    ),
)

WASTE_POINTS = sa.Table(
    "waste_points",
    Base.metadata,
    sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("code", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("capacity_m3", sa.Float),
    sa.Column("status", sa.Text, nullable=False, server_default="aktif"),
    sa.Column(
        "route_code",
        sa.Text,
        sa.ForeignKey("waste_routes.code", ondelete="SET NULL", onupdate="CASCADE"),
    ),
    sa.Column("collection_days", ARRAY(sa.SmallInteger)),
    sa.Column("kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode")),
    *feature_columns("POINT"),
    sa.CheckConstraint(
        "kind IN ('tps', 'tps3r', 'depo', 'bak_sampah', 'kontainer')",
        name="waste_points_kind",
    ),
    sa.CheckConstraint(
        "status IN ('aktif', 'penuh', 'rusak', 'nonaktif')", name="waste_points_status"
    ),
    sa.CheckConstraint(
        "capacity_m3 IS NULL OR capacity_m3 > 0", name="waste_points_capacity"
    ),
    sa.CheckConstraint(
        "collection_days IS NULL OR (cardinality(collection_days) > 0 AND"
        " collection_days <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[])",
        name="waste_points_days",
    ),
)

#: the days a point is emptied on: its own, else its route's
POINT_DAYS_SQL = "coalesce(p.collection_days, r.collection_days)"


def _days_sql(column: str) -> str:
    """SQL turning a staged text[] of day names into sorted ISO weekdays."""
    cases = " ".join(f"WHEN '{name}' THEN {day}" for name, day in DAY_NAMES.items())
    return (
        "(SELECT array_agg(DISTINCT day ORDER BY day) FROM (SELECT (CASE"
        f" {DAY_KEY} {cases} END)::smallint AS day FROM unnest({column}) d"
        " WHERE btrim(d) <> '') x)"
    )


def _split_days(conn: sa.Connection, staging: str, column: str) -> None:
    """A file's one cell "Senin, Kamis" arrives as one element: split it."""
    conn.execute(
        sa.text(
            f"UPDATE {staging} SET {column} = (SELECT array_agg(part) FROM"
            f" unnest({column}) e, regexp_split_to_table(e, '[,;/ ]+') part"
            f" WHERE part <> '') WHERE {column} IS NOT NULL"
        )
    )


def _stage_days(
    conn: sa.Connection, staging: str, report, column: str, required: bool
) -> None:
    _split_days(conn, staging, column)
    known = ", ".join(f"'{name}'" for name in DAY_NAMES)
    reject_returning(
        conn,
        report,
        f"DELETE FROM {staging} WHERE EXISTS (SELECT 1 FROM unnest({column}) d"
        f" WHERE {DAY_KEY} NOT IN ({known})) RETURNING row_no,"
        f" array_to_string({column}, ', ')",
        column,
        bilingual("{0!r}: not a day of the week (Senin … Minggu)"),
    )
    if required:
        reject_returning(
            conn,
            report,
            f"DELETE FROM {staging} WHERE {column} IS NULL OR"
            f" cardinality({column}) = 0 RETURNING row_no",
            column,
            bilingual("no collection days"),
        )
    # from names to ISO weekdays before the table's rules are checked on them
    conn.execute(sa.text(f"ALTER TABLE {staging} ADD COLUMN iso_days smallint[]"))
    conn.execute(sa.text(f"UPDATE {staging} SET iso_days = {_days_sql(column)}"))
    conn.execute(sa.text(f"ALTER TABLE {staging} DROP COLUMN {column}"))
    conn.execute(sa.text(f"ALTER TABLE {staging} RENAME COLUMN iso_days TO {column}"))


def _prepare_routes(conn: sa.Connection, staging: str, report) -> None:
    _stage_days(conn, staging, report, "collection_days", True)
    reject_outside_city_of(conn, staging, report)


def _prepare_points(conn: sa.Connection, staging: str, report) -> None:
    _stage_days(conn, staging, report, "collection_days", False)
    reject_outside_city_of(conn, staging, report)


def _insert_routes(conn: sa.Connection, staging: str, bulk: bool) -> int:
    return conn.execute(
        sa.text(
            "INSERT INTO waste_routes (code, name, collection_days, shift, opd_code,"
            " vehicle, source, geom) SELECT s.code, s.name,"
            " s.collection_days, lower(s.shift), s.opd_code,"
            " s.vehicle, s.source, ST_Multi(s.geom)"
            f" FROM {staging} s ORDER BY s.row_no"
        )
    ).rowcount


def _insert_points(conn: sa.Connection, staging: str, bulk: bool) -> int:
    return conn.execute(
        sa.text(
            "INSERT INTO waste_points (code, name, kind, capacity_m3, status,"
            " route_code, collection_days, kelurahan_kode, source, geom)"
            " SELECT s.code, s.name, s.kind, s.capacity_m3,"
            " coalesce(s.status, 'aktif'), s.route_code,"
            " s.collection_days, sigap_kelurahan_at(s.geom),"
            f" s.source, s.geom FROM {staging} s ORDER BY s.row_no"
        )
    ).rowcount


DAYS_FIELD_ALIASES = ("hari", "hari_angkut", "jadwal_hari", "hari_pengangkutan")

ROUTES_LAYER = Layer(
    name="waste_routes",
    table="waste_routes",
    title=N_("Waste collection routes"),
    abstract=N_(
        "Collection routes of the cleanliness service with their days and shift."
    ),
    geometry_type="MULTILINESTRING",
    group=CITY,
    sql="SELECT r.id, r.code, r.name, r.shift, r.collection_days,"
    " array_length(r.collection_days, 1) AS days_per_week, r.vehicle, r.geom"
    " FROM waste_routes r",
    styles=("waste_routes",),
    columns=(
        ("name", N_("Route")),
        ("code", N_("Code")),
        ("collection_days", N_("Collection days")),
        ("shift", N_("Shift")),
        ("vehicle", N_("Vehicle")),
    ),
    fields=(
        Field("code", required=True, aliases=("kode", "kode_rute", "id_rute")),
        Field("name", required=True, aliases=("nama", "nama_rute", "rute")),
        Field("collection_days", "text[]", required=True, aliases=DAYS_FIELD_ALIASES),
        Field("shift", required=True, choices=SHIFTS, aliases=("sif", "waktu")),
        Field("opd_code", aliases=("opd", "kode_opd")),
        Field("vehicle", aliases=("kendaraan", "armada")),
    ),
    export_columns=("id", "code", "name", "collection_days", "shift", "synthetic"),
    prepare_staging=_prepare_routes,
    insert_from_staging=_insert_routes,
    extra={"unique": ("code",)},
)

POINTS_LAYER = Layer(
    name="waste_points",
    table="waste_points",
    title=N_("Waste collection points (TPS)"),
    abstract=N_(
        "TPS, depots, bins and containers with their capacity and the days they are"
        " emptied; a point whose rubbish reports fall on days without collection is"
        " marked as a schedule problem."
    ),
    geometry_type="POINT",
    group=CITY,
    sql="SELECT p.id, p.code, p.name, p.kind, p.capacity_m3, p.status,"
    f" p.route_code, {POINT_DAYS_SQL} AS collection_days,"
    # the stored verdict in the words the styles match and a click panel shows
    " CASE c.verdict WHEN 'schedule_problem' THEN 'masalah jadwal' WHEN"
    " 'many_reports' THEN 'banyak laporan' WHEN 'few_reports' THEN"
    " 'sedikit laporan' ELSE 'belum dinilai' END AS verdict, c.reports,"
    " c.off_day_reports, k.nama AS kelurahan, p.geom FROM waste_points p"
    " LEFT JOIN waste_routes r ON r.code = p.route_code"
    " LEFT JOIN waste_schedule_checks c ON c.point_id = p.id"
    " LEFT JOIN kelurahan k ON k.kode = p.kelurahan_kode",
    styles=("waste_points",),
    columns=(
        ("name", N_("Collection point")),
        ("kind", N_("Kind")),
        ("capacity_m3", N_("Capacity (m³)")),
        ("status", N_("Condition")),
        ("collection_days", N_("Collection days")),
        ("verdict", N_("Rubbish reports")),
        ("reports", N_("Reports nearby")),
        ("off_day_reports", N_("On days without collection")),
        ("kelurahan", "Kelurahan"),
    ),
    fields=(
        Field("code", required=True, aliases=("kode", "kode_tps", "id_tps")),
        Field("name", required=True, aliases=("nama", "nama_tps", "lokasi")),
        Field("kind", required=True, choices=KINDS, aliases=("jenis", "tipe")),
        Field("capacity_m3", "float", aliases=("kapasitas", "kapasitas_m3")),
        Field("status", choices=POINT_STATUSES, aliases=("kondisi",)),
        Field(
            "route_code",
            references=("waste_routes", "code"),
            aliases=("rute", "kode_rute"),
        ),
        Field("collection_days", "text[]", aliases=DAYS_FIELD_ALIASES),
    ),
    export_columns=(
        "id",
        "code",
        "name",
        "kind",
        "capacity_m3",
        "status",
        "route_code",
        "collection_days",
        "kelurahan_kode",
        "synthetic",
    ),
    prepare_staging=_prepare_points,
    insert_from_staging=_insert_points,
    extra={"unique": ("code",)},
)


# ---- results of the waste analysis (``sigap city waste``), replaced each run ----

WASTE_SCHEDULE_CHECKS = sa.Table(
    "waste_schedule_checks",
    Base.metadata,
    sa.Column(
        "point_id",
        sa.Integer,
        sa.ForeignKey("waste_points.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("off_day_reports", sa.Integer, nullable=False),
    sa.Column("expected_off_share", sa.Float, nullable=False),
    sa.Column("p_value", sa.Float),
    sa.Column("verdict", sa.Text, nullable=False),
    sa.Column("window_start", TS, nullable=False),
    sa.Column("window_end", TS, nullable=False),
)

WASTE_COVERAGE = sa.Table(
    "waste_coverage",
    Base.metadata,
    sa.Column(
        "kelurahan_kode", sa.Text, sa.ForeignKey("kelurahan.kode"), primary_key=True
    ),
    sa.Column("points", sa.Integer, nullable=False),
    sa.Column("capacity_m3", sa.Float, nullable=False),
    sa.Column("population", sa.Integer),
    sa.Column("residents_covered", sa.Integer),
    sa.Column("covered_share", sa.Float),
    sa.Column("rubbish_reports", sa.Integer, nullable=False),
    sa.Column("reports_covered", sa.Integer, nullable=False),
    sa.Column("window_start", TS, nullable=False),
    sa.Column("window_end", TS, nullable=False),
)

COVERAGE_LAYER = Layer(
    name="waste_coverage",
    title=N_("Waste collection coverage per kelurahan"),
    abstract=N_(
        "Share of residents within walking distance (300 m) of an active"
        " collection point, with the rubbish reports near and far from one."
    ),
    geometry_type="MULTIPOLYGON",
    key="kode",
    group=CITY,
    sql="SELECT k.kode, k.nama, w.points, round(w.capacity_m3::numeric, 1) AS"
    " capacity_m3, w.population, w.residents_covered,"
    " round((100 * w.covered_share)::numeric, 1) AS covered_pct,"
    " w.rubbish_reports, w.reports_covered, ST_Multi(k.geom) AS geom"
    " FROM waste_coverage w JOIN kelurahan k ON k.kode = w.kelurahan_kode",
    styles=("waste_coverage",),
    columns=(
        ("nama", "Kelurahan"),
        ("points", N_("Collection points")),
        ("capacity_m3", N_("Capacity (m³)")),
        ("covered_pct", N_("Residents within 300 m (%)")),
        ("residents_covered", N_("Residents within 300 m")),
        ("rubbish_reports", N_("Rubbish reports")),
        ("reports_covered", N_("Rubbish reports within 300 m")),
    ),
)
