"""The blackspot run (daerah rawan kecelakaan): accidents of a window on the road
network's segments and junctions, the AEK / UCL / BKA tests, the Empirical-Bayes
ranking, and clusters along the roads; stored as a ``city_runs`` row with its
results in ``blackspot_segments``, ``blackspot_junctions``, ``blackspot_clusters``
and ``accident_kelurahan``.

* A **junction** is a network node where three or more segment ends meet; an
  accident within :data:`Parameters.junction_radius_m` of one belongs to it,
  otherwise to its nearest segment (within 50 m, set at import).
* **Segments** are length-normalised: the rate is AEK per km, with a segment
  shorter than ``min_length_km`` counted as that long (a stub of a block does not
  rank on one crash). λ is the network's AEK per km; a junction's exposure is 1.
* A site is a **blackspot** when its rate is above its UCL *and* above the BKA
  threshold, with at least ``min_accidents`` accidents in the window.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import shapely
import sqlalchemy as sa

from gis import blackspots as bs
from gis.copy import copy_rows
from gis.runs import Timings, versions
from gis.timeutil import now as clock_now
from layers.city.roadnet import (
    Network,
    assign,
    read_accidents,
    read_network,
    to_lonlat,
)

LIBRARIES = ("numpy", "scipy", "statsmodels", "shapely")
#: road classes as SPF indicators (arteri is the base)
CLASS_DUMMIES = ("kolektor", "lokal", "lingkungan")
CLASS_RANK = {"arteri": 0, "kolektor": 1, "lokal": 2, "lingkungan": 3}


@dataclass(frozen=True)
class Parameters:
    """What a blackspot run is asked for (stored with the run)."""

    window_start: datetime
    window_end: datetime
    weights: bs.WeightSet = field(
        default_factory=lambda: bs.WEIGHT_SETS["pd-t-09-2004-b"]
    )
    junction_radius_m: float = 25.0
    min_length_km: float = 0.1
    min_accidents: int = 3
    cluster_eps_m: float = 100.0
    min_cluster: int = 5

    def as_dict(self) -> dict[str, object]:
        """The parameters as stored in ``city_runs.parameters``."""
        out = asdict(self)
        out["weights"] = self.weights.as_dict()
        out["window_start"] = self.window_start.isoformat()
        out["window_end"] = self.window_end.isoformat()
        return out


def latest_run_id(conn: sa.Connection) -> int | None:
    """The newest finished blackspot run (what the ``latest_blackspot_*`` views
    show), or ``None``."""
    return conn.execute(
        sa.text(
            "SELECT max(id) FROM city_runs WHERE status = 'done'"
            " AND kind = 'blackspots'"
        )
    ).scalar()


def default_window(now: datetime, days: int = 365) -> tuple[datetime, datetime]:
    """The ``days`` before ``now``."""
    return now - timedelta(days=days), now


def _site_table(
    groups: np.ndarray, n_sites: int, accidents: pd.DataFrame, weights: bs.WeightSet
) -> pd.DataFrame:
    """Counts and AEK per site (``groups`` the site index of each accident, -1 none)."""
    hit = groups >= 0

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(groups[hit], weights=values[hit], minlength=n_sites)

    table = pd.DataFrame(
        {
            "accidents": np.bincount(groups[hit], minlength=n_sites),
            "died": total(accidents["died"].to_numpy(float)),
            "serious_injuries": total(accidents["serious"].to_numpy(float)),
            "minor_injuries": total(accidents["minor"].to_numpy(float)),
            "pdo": total(accidents["pdo"].to_numpy(float)),
        }
    )
    table["aek"] = bs.aek(
        table["died"],
        table["serious_injuries"],
        table["minor_injuries"],
        table["pdo"],
        weights,
    )
    return table.astype({c: int for c in table.columns if c != "aek"})


def _tests(table: pd.DataFrame, design: np.ndarray, params: Parameters) -> None:
    """UCL, BKA, EB and the blackspot verdict, in place."""
    exposure = table["exposure"].to_numpy(float)
    table["rate"] = table["aek"] / exposure
    mean_rate = table["aek"].sum() / exposure.sum()
    table["ucl"] = bs.ucl(mean_rate, exposure)
    table["above_ucl"] = table["rate"] > table["ucl"]
    table["bka"] = bs.bka(mean_rate)
    table["above_bka"] = table["rate"] > table["bka"]
    eb = bs.EmpiricalBayes(table["accidents"].to_numpy(), design)
    table["predicted"] = eb.predicted
    table["eb_expected"] = eb.expected
    table["eb_excess"] = eb.excess
    table["eb_rank"] = eb.rank
    table["blackspot"] = (
        table["above_ucl"]
        & table["above_bka"]
        & (table["accidents"] >= params.min_accidents)
    )
    table.attrs["dispersion"] = eb.dispersion
    table.attrs["spf"] = eb.params.tolist()


def _segments(
    net: Network, accidents: pd.DataFrame, on_segment: np.ndarray, params: Parameters
) -> pd.DataFrame:
    roads = net.roads
    table = _site_table(on_segment, len(roads), accidents, params.weights)
    table.insert(0, "road_id", roads["id"].to_numpy())
    table.insert(1, "road_name", roads["name"].to_numpy())
    table.insert(2, "road_class", roads["road_class"].to_numpy())
    table["exposure"] = np.maximum(
        roads["length_m"].to_numpy(float) / 1000, params.min_length_km
    )
    classes = roads["road_class"].to_numpy()
    design = np.column_stack(
        [np.log(table["exposure"].to_numpy())]
        + [(classes == c).astype(float) for c in CLASS_DUMMIES]
    )
    _tests(table, design, params)
    return table


def _junctions(
    net: Network, accidents: pd.DataFrame, at_junction: np.ndarray, params: Parameters
) -> pd.DataFrame:
    roads = net.roads
    count = len(net.junction_ids)
    table = _site_table(at_junction, count, accidents, params.weights)
    table.insert(0, "junction_id", net.junction_ids)
    table.insert(1, "legs", net.junction_legs)
    ends = pd.DataFrame(
        {
            "junction": net.junction[np.r_[roads["node_from"], roads["node_to"]]],
            "name": np.r_[roads["name"], roads["name"]],
            "rank": np.tile(roads["road_class"].map(CLASS_RANK).to_numpy(), 2),
        }
    )
    ends = ends[ends["junction"] >= 0]
    names = (
        ends.dropna(subset=["name"])
        .groupby("junction")["name"]
        .agg(lambda s: sorted(set(s)))
    )
    table.insert(2, "road_names", [names.get(j, []) for j in range(count)])
    best = ends.groupby("junction")["rank"].min().reindex(range(count)).to_numpy()
    table["exposure"] = 1.0
    design = np.column_stack(
        [(net.junction_legs >= 4).astype(float)]
        + [(best == r).astype(float) for r in (1, 2, 3)]
    )
    _tests(table, design, params)
    return table


def _clusters(
    net: Network, accidents: pd.DataFrame, params: Parameters
) -> pd.DataFrame:
    roads = net.roads
    index_of = pd.Series(np.arange(len(roads)), index=roads["id"])
    placed = accidents[accidents["road_id"].notna()].reset_index(drop=True)
    edge = placed["road_id"].map(index_of).to_numpy(int)
    labels = bs.network_clusters(
        roads["node_from"].to_numpy(),
        roads["node_to"].to_numpy(),
        roads["length_m"].to_numpy(float),
        edge,
        placed["offset_m"].to_numpy(float),
        params.cluster_eps_m,
    )
    placed["cluster"] = labels
    placed["aek"] = bs.aek(
        placed["died"],
        placed["serious"],
        placed["minor"],
        placed["pdo"],
        params.weights,
    )
    placed["road_name"] = roads["name"].to_numpy()[edge]
    sizes = np.bincount(labels, minlength=1)
    placed = placed[sizes[labels] >= params.min_cluster]
    # one pass over the members sorted by cluster (no frame per cluster)
    placed = placed.sort_values("cluster", kind="stable")
    label = placed["cluster"].to_numpy()
    _, first = np.unique(label, return_index=True)
    bounds = np.append(first, len(label))
    xy = placed[["x", "y"]].to_numpy()
    names = placed["road_name"].to_numpy()
    road_ids = placed["road_id"].to_numpy()
    aek = placed["aek"].to_numpy(float)
    died = placed["died"].to_numpy()
    points = shapely.points(placed[["lon", "lat"]].to_numpy())
    rows = []
    for start, stop in zip(bounds[:-1], bounds[1:]):
        part = xy[start:stop]
        rows.append(
            {
                "accidents": int(stop - start),
                "aek": float(aek[start:stop].sum()),
                "died": int(died[start:stop].sum()),
                "road_names": sorted({n for n in names[start:stop] if not pd.isna(n)}),
                "road_ids": sorted({int(r) for r in road_ids[start:stop]}),
                "extent_m": float(
                    np.max(np.linalg.norm(part[:, None] - part[None], axis=2))
                    if len(part) <= 2000
                    else np.ptp(part, axis=0).max()
                ),
                "geom": shapely.multipoints(points[start:stop]),
            }
        )
    table = pd.DataFrame(
        rows,
        columns=[
            "accidents",
            "aek",
            "died",
            "road_names",
            "road_ids",
            "extent_m",
            "geom",
        ],
    )
    table = table.sort_values(["aek", "accidents"], ascending=False, kind="stable")
    table.insert(0, "cluster_id", np.arange(1, len(table) + 1))
    return table.reset_index(drop=True)


def _store_sites(
    conn: sa.Connection, run_id: int, table: pd.DataFrame, name: str, geometry
) -> None:
    columns = {c: table[c].to_numpy() for c in table.columns if c != "geom"}
    if "road_names" in columns:
        columns["road_names"] = list(table["road_names"])
    copy_rows(
        conn,
        name,
        {"run_id": np.full(len(table), run_id), **columns},
        geometry,
    )


def _kelurahan(conn: sa.Connection, run_id: int, params: Parameters) -> None:
    """Accidents per kelurahan, per 1 000 residents (newest indicators) and
    per road-km."""
    conn.execute(
        sa.text(
            "INSERT INTO accident_kelurahan SELECT :run, k.kode,"
            " count(a.id), coalesce(sum(a.died), 0),"
            " coalesce(sum(a.serious_injuries), 0), coalesce(sum(a.minor_injuries), 0),"
            " p.population, 1000.0 * count(a.id) / nullif(p.population, 0),"
            " coalesce(rk.km, 0), count(a.id) / nullif(rk.km, 0)"
            " FROM kelurahan k"
            " LEFT JOIN accidents a ON a.kelurahan_kode = k.kode"
            "  AND a.occurred_at >= :start AND a.occurred_at < :end"
            " LEFT JOIN LATERAL (SELECT i.population FROM kelurahan_indicators i"
            "  WHERE i.kelurahan_kode = k.kode ORDER BY i.period DESC LIMIT 1) p"
            "  ON true"
            # a segment's length counts in the kelurahan holding its midpoint
            " LEFT JOIN (SELECT kk.kode, sum(r.length_m) / 1000 AS km FROM roads r"
            "  JOIN kelurahan kk ON ST_Intersects(kk.geom,"
            "  ST_LineInterpolatePoint(r.geom, 0.5)) GROUP BY kk.kode) rk"
            "  ON rk.kode = k.kode"
            " GROUP BY k.kode, p.population, rk.km"
        ),
        {"run": run_id, "start": params.window_start, "end": params.window_end},
    )


def run_blackspots(
    conn: sa.Connection, params: Parameters, now: datetime | None = None
) -> int:
    """Compute and store one blackspot run; returns its id."""
    timings = Timings()
    started = clock_now(now)
    run_id = conn.execute(
        sa.text(
            "INSERT INTO city_runs (kind, started_at, window_start, window_end,"
            " parameters, versions) VALUES ('blackspots', :started, :start, :end,"
            " CAST(:parameters AS jsonb), CAST(:versions AS jsonb)) RETURNING id"
        ),
        {
            "started": started,
            "start": params.window_start,
            "end": params.window_end,
            "parameters": json.dumps(params.as_dict(), ensure_ascii=False),
            "versions": json.dumps(versions(conn, LIBRARIES)),
        },
    ).scalar_one()
    net = read_network(conn)
    accidents = read_accidents(conn, params.window_start, params.window_end, net.roads)
    timings.lap("read")
    at_junction, on_segment = assign(net, accidents, params.junction_radius_m)
    segments = _segments(net, accidents, on_segment, params)
    junctions = _junctions(net, accidents, at_junction, params)
    timings.lap("tests")
    clusters = _clusters(net, accidents, params)
    timings.lap("clusters")
    road_geoms = net.roads["lonlat"].to_numpy()
    keep = segments["accidents"].to_numpy() > 0
    _store_sites(conn, run_id, segments[keep], "blackspot_segments", road_geoms[keep])
    junction_points = shapely.points(net.junction_xy)
    junction_lonlat = to_lonlat(junction_points)
    keep_j = junctions["accidents"].to_numpy() > 0
    _store_sites(
        conn, run_id, junctions[keep_j], "blackspot_junctions", junction_lonlat[keep_j]
    )
    copy_rows(
        conn,
        "blackspot_clusters",
        {
            "run_id": np.full(len(clusters), run_id),
            **{
                c: list(clusters[c])
                if c in ("road_names", "road_ids")
                else clusters[c].to_numpy()
                for c in clusters.columns
                if c != "geom"
            },
        },
        clusters["geom"].to_numpy(),
    )
    _kelurahan(conn, run_id, params)
    timings.lap("store")
    summary = {
        "accidents": len(accidents),
        "at_junctions": int((at_junction >= 0).sum()),
        "on_segments": int((on_segment >= 0).sum()),
        "unplaced": int(((at_junction < 0) & (on_segment < 0)).sum()),
        "blackspot_segments": int(segments["blackspot"].sum()),
        "blackspot_junctions": int(junctions["blackspot"].sum()),
        "clusters": len(clusters),
        "segment_spf": {
            "params": segments.attrs["spf"],
            "dispersion": segments.attrs["dispersion"],
        },
        "junction_spf": {
            "params": junctions.attrs["spf"],
            "dispersion": junctions.attrs["dispersion"],
        },
        "weights": params.weights.as_dict(),
    }
    conn.execute(
        sa.text(
            "UPDATE city_runs SET status = 'done', finished_at = :finished,"
            " summary = CAST(:summary AS jsonb), timings = CAST(:timings AS jsonb)"
            " WHERE id = :id"
        ),
        {
            "finished": clock_now(now),
            "summary": json.dumps(summary, ensure_ascii=False),
            "timings": json.dumps(timings),
            "id": run_id,
        },
    )
    return run_id
