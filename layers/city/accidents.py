"""Traffic accidents (``accidents``): police records as a Satlantas extract gives them.

A record carries the date and time (WITA), the numbers who died within 30 days
(MD, ``meninggal``), were seriously (LB) and slightly (LR) injured, whether only
property was damaged, the collision type, vehicles, the road and the weather and
light; the IRSMS column names are recognised. Coordinates when present; otherwise
the record is placed by road name + km or by the crossing road
(:mod:`layers.city.geocode`), and rejected with its reason when it cannot be.

Never names or identity numbers: columns such as ``nama_korban``, ``nik``,
``no_ktp``, ``alamat``, ``no_hp`` or ``no_polisi`` are dropped unread and the
import report names them.
"""

from __future__ import annotations

import sqlalchemy as sa

from gis.i18n import N_, bilingual
from gis.importer import reject_outside_city_of, reject_returning
from gis.io import ImportReport
from gis.layer import Field, Layer
from gis.timeutil import WITA
from layers.city.geocode import place_on_roads
from layers.city.tables import SEVERITIES
from layers.groups import CITY

#: whole column names holding personal data (never imported)
PERSONAL_COLUMNS = (
    r"(nama|nama[_ ]?(korban|pengemudi|pelaku|saksi|pelapor|lengkap|tersangka)"
    r"|nik|nik[_ ]?\w+|no[_ .]?ktp|ktp|no[_ .]?sim|sim|no[_ .]?kk"
    r"|alamat|alamat[_ ]?\w+|no[_ .]?(hp|telp|telepon)|telepon|hp"
    r"|tempat[_ ]lahir|tanggal[_ ]lahir|tgl[_ ]lahir"
    r"|no[_ .]?pol(isi)?|nopol|plat[_ ]?nomor)"
)
#: nearest road segment of an accident, within this distance
NEAREST_ROAD_MAX_M = 50.0

#: ``HH:MM`` or ``HH.MM`` (seconds optional), as clerks write the time
TIME_PATTERN = r"^\s*([01]?\d|2[0-3])[:.][0-5]\d([:.][0-5]\d)?\s*$"


def prepare_staging(conn: sa.Connection, staging: str, report: ImportReport) -> None:
    """Join date and time, place records without coordinates, reject rows
    outside Kota Kupang."""
    reject_returning(
        conn,
        report,
        f"DELETE FROM {staging} WHERE occurred_time IS NOT NULL AND NOT"
        f" occurred_time ~ '{TIME_PATTERN}' RETURNING row_no, occurred_time",
        "occurred_time",
        bilingual("{0!r}: not a time of day (HH:MM)"),
    )
    # a date read alone is WITA midnight: the time of day is added in WITA
    conn.execute(
        sa.text(
            f"UPDATE {staging} SET occurred_at = ((occurred_at AT TIME ZONE"
            f" '{WITA.key}')::date + replace(btrim(occurred_time), '.', ':')::time)"
            f" AT TIME ZONE '{WITA.key}' WHERE occurred_time IS NOT NULL"
        )
    )
    reject_returning(
        conn,
        report,
        f"DELETE FROM {staging} WHERE coalesce(died, 0) + coalesce(serious_injuries,"
        " 0) + coalesce(minor_injuries, 0) > 0 AND pdo RETURNING row_no",
        "pdo",
        bilingual("property damage only, yet people died or were injured"),
    )
    place_on_roads(conn, staging, report)
    reject_outside_city_of(conn, staging, report)


def insert_from_staging(conn: sa.Connection, staging: str, bulk: bool) -> int:
    """Move the staged records in, with their nearest road segment (≤ 50 m) and
    kelurahan; property damage only when nobody was hurt, unless the file says."""
    return conn.execute(
        sa.text(
            "INSERT INTO accidents (report_no, occurred_at, died, serious_injuries,"
            " minor_injuries, pdo, severity, collision_type, vehicles, road_name, km,"
            " cross_road, reference_place, light, weather, special_info,"
            " road_function, road_status, speed_limit, loss_rp, description,"
            " location_method, road_id, kelurahan_kode, source, geom)"
            " SELECT s.report_no, s.occurred_at, coalesce(s.died, 0),"
            " coalesce(s.serious_injuries, 0), coalesce(s.minor_injuries, 0),"
            " coalesce(s.pdo, coalesce(s.died, 0) + coalesce(s.serious_injuries, 0)"
            " + coalesce(s.minor_injuries, 0) = 0), s.severity, s.collision_type,"
            " s.vehicles, s.road_name, s.km, s.cross_road, s.reference_place,"
            " s.light, s.weather, s.special_info, s.road_function, s.road_status,"
            " s.speed_limit, CASE WHEN coalesce(s.loss_vehicle_rp, s.loss_other_rp)"
            " IS NOT NULL THEN coalesce(s.loss_vehicle_rp, 0)"
            " + coalesce(s.loss_other_rp, 0) END, s.description, s.location_method,"
            " CASE WHEN ST_DWithin(n.geom::geography, s.geom::geography, :max_m)"
            " THEN n.id END, sigap_kelurahan_at(s.geom), s.source, s.geom"
            f" FROM {staging} s LEFT JOIN LATERAL (SELECT r.id, r.geom FROM roads r"
            " ORDER BY r.geom <-> s.geom LIMIT 1) n ON true ORDER BY s.row_no"
        ),
        {"max_m": NEAREST_ROAD_MAX_M},
    ).rowcount


LAYER = Layer(
    name="accidents",
    table="accidents",
    title=N_("Traffic accidents"),
    abstract=N_(
        "Police accident records by their worst outcome: died (MD), seriously"
        " injured (LB), slightly injured (LR) or property damage only; no names or"
        " identity numbers."
    ),
    geometry_type="POINT",
    time_field="occurred_at",
    group=CITY,
    # the worst outcome in words the styles match and a click panel shows
    sql="SELECT a.id, a.report_no, a.occurred_at, CASE WHEN a.died > 0 THEN"
    " 'meninggal' WHEN a.serious_injuries > 0 THEN 'luka berat' WHEN"
    " a.minor_injuries > 0 THEN 'luka ringan' ELSE 'kerugian materi' END AS"
    " outcome, a.died, a.serious_injuries, a.minor_injuries, a.collision_type,"
    " array_to_string(a.vehicles, ', ') AS vehicles, a.road_name, a.light,"
    " a.weather, k.nama AS kelurahan, a.geom FROM accidents a"
    " LEFT JOIN kelurahan k ON k.kode = a.kelurahan_kode",
    styles=("accidents",),
    columns=(
        ("occurred_at", N_("Occurred")),
        ("outcome", N_("Worst outcome")),
        ("died", N_("Died (MD)")),
        ("serious_injuries", N_("Seriously injured (LB)")),
        ("minor_injuries", N_("Slightly injured (LR)")),
        ("collision_type", N_("Collision type")),
        ("vehicles", N_("Vehicles")),
        ("road_name", N_("Road")),
        ("light", N_("Light")),
        ("weather", N_("Weather")),
        ("kelurahan", "Kelurahan"),
        ("report_no", N_("Police report")),
    ),
    fields=(
        Field("report_no", aliases=("no_laka", "nomor_laporan", "no_lp")),
        Field(
            "occurred_at",
            "timestamp",
            required=True,
            aliases=("tanggal_kejadian", "tgl_kejadian", "waktu_kejadian", "tanggal"),
        ),
        Field("occurred_time", aliases=("jam_kejadian", "jam", "pukul")),
        Field("died", "int", aliases=("jumlah_meninggal", "meninggal", "md")),
        Field("serious_injuries", "int", aliases=("jumlah_luka_berat", "lb")),
        Field("minor_injuries", "int", aliases=("jumlah_luka_ringan", "lr")),
        Field("pdo", "bool", aliases=("kerugian_materi_saja", "hanya_materi")),
        Field("severity", choices=SEVERITIES, aliases=("tingkat_kecelakaan",)),
        Field("collision_type", aliases=("tipe_kecelakaan", "jenis_tabrakan")),
        Field("vehicles", "text[]", aliases=("kendaraan_terlibat", "kendaraan")),
        Field("road_name", aliases=("nama_jalan", "jalan", "ruas_jalan")),
        Field("km_post", aliases=("km", "kilometer", "patok_km")),
        Field("cross_road", aliases=("simpang", "simpang_dengan", "persimpangan")),
        Field("reference_place", aliases=("titik_acuan",)),
        Field("light", aliases=("kondisi_cahaya", "cahaya")),
        Field("weather", aliases=("cuaca",)),
        Field("special_info", aliases=("informasi_khusus",)),
        Field("road_function", aliases=("fungsi_jalan",)),
        Field("road_status", aliases=("status_jalan",)),
        Field("speed_limit", "int", aliases=("batas_kecepatan_dilokasi",)),
        Field("loss_vehicle_rp", "int", aliases=("nilai_kerugian_kendaraan",)),
        Field("loss_other_rp", "int", aliases=("nilai_kerugian_non_kendaraan",)),
        Field("description", aliases=("keterangan", "uraian", "kronologi")),
    ),
    export_columns=(
        "id",
        "report_no",
        "occurred_at",
        "died",
        "serious_injuries",
        "minor_injuries",
        "pdo",
        "severity",
        "collision_type",
        "road_name",
        "location_method",
        "road_id",
        "kelurahan_kode",
        "synthetic",
    ),
    prepare_staging=prepare_staging,
    insert_from_staging=insert_from_staging,
    extra={
        "unique": ("report_no",),
        "geometry_optional": True,
        "personal_columns": PERSONAL_COLUMNS,
    },
)
