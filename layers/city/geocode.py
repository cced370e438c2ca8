"""Placing accident records that carry no coordinates on SIGAP's roads.

Police extracts locate most records by road: a road name with a kilometre post
(``km 3+200``) or the road it crossed at a junction (``simpang``). Both are looked
up in ``roads`` by a normalised name (``Jl.``/``Jalan`` dropped, ``Jend.`` read as
``Jenderal``, case and punctuation ignored):

* **road + km**: the point ``km`` along the road, measured from the start of its
  longest connected stretch as stored (the road's own direction of digitising);
* **road + crossing road**: the point where the two roads meet (refused when they
  meet in several places more than :data:`JUNCTION_SPREAD_M` apart).

Every record that cannot be placed is rejected with the reason, naming the road.
"""

from __future__ import annotations

import sqlalchemy as sa

from gis.db import METRIC_SRID
from gis.i18n import bilingual
from gis.importer import reject_returning
from gis.io import ImportReport

#: crossings of two named roads further apart than this are ambiguous
JUNCTION_SPREAD_M = 60.0


def normalised(column: str) -> str:
    """SQL for the comparable form of a road name in ``column``."""
    text = f"lower({column})"
    text = rf"regexp_replace({text}, '\m(jalan|jln|jl)\M\.?', ' ', 'g')"
    text = rf"regexp_replace({text}, '\mjend\M\.?', 'jenderal', 'g')"
    text = f"regexp_replace({text}, '[^a-z0-9]+', ' ', 'g')"
    return f"btrim({text})"


def _named_roads(conn: sa.Connection, staging: str) -> str:
    """A table of the roads named in the staged rows: each with its longest
    connected stretch (metric) and all its parts (metric)."""
    table = f"{staging}_roads"
    conn.execute(
        sa.text(
            f"CREATE TEMP TABLE {table} ON COMMIT DROP AS"
            f" WITH wanted AS (SELECT DISTINCT {normalised('road_name')} AS key"
            f"   FROM {staging} WHERE geom IS NULL AND road_name IS NOT NULL"
            f"   UNION SELECT DISTINCT {normalised('cross_road')} FROM {staging}"
            "   WHERE geom IS NULL AND cross_road IS NOT NULL),"
            f" parts AS (SELECT {normalised('r.name')} AS key, min(r.name) AS name,"
            f"   ST_Collect(ST_Transform(r.geom, {METRIC_SRID})) AS geom"
            "   FROM roads r WHERE r.name IS NOT NULL GROUP BY 1)"
            " SELECT p.key, p.name, p.geom, (SELECT d.geom FROM"
            "   ST_Dump(ST_LineMerge(p.geom)) d ORDER BY ST_Length(d.geom) DESC"
            "   LIMIT 1) AS stretch FROM parts p JOIN wanted w ON w.key = p.key"
        )
    )
    return table


def _parse_km(conn: sa.Connection, staging: str, report: ImportReport) -> None:
    """``km_post`` as kilometres: ``3``, ``3,2``, ``3.2`` or ``3+200``."""
    conn.execute(sa.text(f"ALTER TABLE {staging} ADD COLUMN km float8"))
    reject_returning(
        conn,
        report,
        f"DELETE FROM {staging} WHERE km_post IS NOT NULL AND NOT km_post ~"
        r" '^\s*(km\s*)?\d+([.,]\d+|\s*\+\s*\d{1,3})?\s*$'"
        " RETURNING row_no, km_post",
        "km",
        bilingual("{0!r}: not a kilometre post (e.g. 3, 3,2 or 3+200)"),
    )
    conn.execute(
        sa.text(
            f"UPDATE {staging} SET km = CASE WHEN k ~ '\\+'"
            " THEN split_part(k, '+', 1)::float8 + split_part(k, '+', 2)::float8 / 1000"
            " ELSE replace(k, ',', '.')::float8 END"
            " FROM (SELECT row_no AS r, regexp_replace(lower(km_post),"
            f" '(km|\\s)', '', 'g') AS k FROM {staging}) p"
            " WHERE row_no = p.r AND km_post IS NOT NULL"
        )
    )


def _reject_unplaceable(
    conn: sa.Connection, staging: str, roads: str, report: ImportReport
) -> None:
    unplaced = f"{staging} s WHERE s.geom IS NULL"
    reject_returning(
        conn,
        report,
        f"DELETE FROM {unplaced} AND s.road_name IS NULL RETURNING s.row_no",
        "geometry",
        bilingual("no coordinates and no road name: the record cannot be placed"),
    )
    for column, field_name in (("road_name", "road_name"), ("cross_road", "simpang")):
        reject_returning(
            conn,
            report,
            f"DELETE FROM {unplaced} AND s.{column} IS NOT NULL AND NOT EXISTS"
            f" (SELECT 1 FROM {roads} n WHERE n.key = {normalised('s.' + column)})"
            f" RETURNING s.row_no, s.{column}",
            field_name,
            bilingual("road {0!r} is not among SIGAP's roads: cannot be placed"),
        )
    reject_returning(
        conn,
        report,
        f"DELETE FROM {unplaced} AND s.km IS NULL AND s.cross_road IS NULL"
        " RETURNING s.row_no, s.road_name",
        "geometry",
        bilingual(
            "{0!r} without km or crossing road (simpang): the record cannot be placed"
        ),
    )
    reject_returning(
        conn,
        report,
        f"DELETE FROM {unplaced} AND s.km IS NOT NULL AND s.km * 1000 > (SELECT"
        f" ST_Length(n.stretch) FROM {roads} n WHERE n.key ="
        f" {normalised('s.road_name')}) RETURNING s.row_no, s.km, s.road_name,"
        f" (SELECT round(ST_Length(n.stretch)::numeric / 1000, 1) FROM {roads} n"
        f" WHERE n.key = {normalised('s.road_name')})",
        "km",
        bilingual("km {0} is beyond the end of {1!r} ({2} km long)"),
    )


def place_on_roads(conn: sa.Connection, staging: str, report: ImportReport) -> None:
    """Give staged rows without coordinates a point from road + km or junction;
    reject those that cannot be placed. Sets ``location_method``."""
    _parse_km(conn, staging, report)
    conn.execute(sa.text(f"ALTER TABLE {staging} ADD COLUMN location_method text"))
    conn.execute(
        sa.text(
            f"UPDATE {staging} SET location_method = 'coordinates'"
            " WHERE geom IS NOT NULL"
        )
    )
    roads = _named_roads(conn, staging)
    _reject_unplaceable(conn, staging, roads, report)
    located = sa.text(
        f"UPDATE {staging} s SET x = ST_X(p.pt), y = ST_Y(p.pt),"
        " location_method = 'road_km' FROM (SELECT s2.row_no,"
        " ST_Transform(ST_LineInterpolatePoint(n.stretch, least(1, s2.km * 1000 /"
        f" ST_Length(n.stretch))), 4326) AS pt FROM {staging} s2 JOIN {roads} n"
        f" ON n.key = {normalised('s2.road_name')}"
        " WHERE s2.geom IS NULL AND s2.km IS NOT NULL) p WHERE s.row_no = p.row_no"
    )
    conn.execute(located)
    crossings = f"{staging}_crossings"
    conn.execute(
        sa.text(
            f"CREATE TEMP TABLE {crossings} ON COMMIT DROP AS SELECT s.row_no,"
            " ST_Intersection(a.geom, b.geom) AS meet FROM"
            f" {staging} s JOIN {roads} a ON a.key = {normalised('s.road_name')}"
            f" JOIN {roads} b ON b.key = {normalised('s.cross_road')}"
            " WHERE s.geom IS NULL"
        )
    )
    reject_returning(
        conn,
        report,
        f"DELETE FROM {staging} s USING {crossings} c WHERE c.row_no = s.row_no"
        " AND ST_IsEmpty(c.meet) RETURNING s.row_no, s.road_name, s.cross_road",
        "simpang",
        bilingual("{0!r} and {1!r} do not meet: the junction cannot be placed"),
    )
    reject_returning(
        conn,
        report,
        f"DELETE FROM {staging} s USING {crossings} c WHERE c.row_no = s.row_no"
        " AND ST_MaxDistance(c.meet, c.meet) > :spread"
        " RETURNING s.row_no, s.road_name, s.cross_road".replace(
            ":spread", str(JUNCTION_SPREAD_M)
        ),
        "simpang",
        bilingual(
            "{0!r} and {1!r} meet in several places: give km to place the record"
        ),
    )
    conn.execute(
        sa.text(
            f"UPDATE {staging} s SET x = ST_X(p.pt), y = ST_Y(p.pt),"
            " location_method = 'junction' FROM (SELECT row_no,"
            f" ST_Transform(ST_Centroid(meet), 4326) AS pt FROM {crossings}) p"
            " WHERE s.row_no = p.row_no AND s.geom IS NULL"
        )
    )
