"""Writing the generated demo city to PostGIS with COPY, synthetic-flagged."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely
import sqlalchemy as sa

from gis.copy import copy_rows, reserve_ids
from gis.db import METRIC_SRID, STORAGE_SRID
from layers.calendar import deadlines
from layers.demo import complaints as cx
from layers.demo.names import FAMILY_NAMES, FIRST_NAMES
from layers.status import State

SOURCE = "demo"


def _epoch_to_timestamps(seconds: np.ndarray) -> pa.Array:
    """UTC timestamps of epoch seconds (NaN = missing)."""
    seconds = np.asarray(seconds, dtype=float)
    missing = np.isnan(seconds)
    micro = np.where(missing, 0, np.round(seconds * 1e6)).astype("datetime64[us]")
    return pa.array(micro, type=pa.timestamp("us", tz="UTC"), mask=missing)


def _to_storage(geoms: np.ndarray) -> np.ndarray:
    return gpd.GeoSeries(geoms, crs=METRIC_SRID).to_crs(STORAGE_SRID).values


def _copy_synthetic(
    conn: sa.Connection,
    table: str,
    frame: gpd.GeoDataFrame,
    columns: tuple[str, ...],
    **extra: object,
) -> None:
    """COPY ``columns`` of a generated frame (EPSG:32751) as synthetic rows."""
    data = {name: frame[name].to_numpy() for name in columns}
    data.update(extra)
    data["synthetic"] = np.ones(len(frame), bool)
    data["source"] = np.full(len(frame), SOURCE, dtype=object)
    copy_rows(conn, table, data, _to_storage(frame.geometry.values))


def write_network(conn: sa.Connection, net: object) -> np.ndarray:
    """Store roads, poles, routes and stops; returns the road ids in frame order."""
    road_ids = reserve_ids(conn, "roads", len(net.roads))
    _copy_synthetic(
        conn,
        "roads",
        net.roads,
        ("name", "road_class", "surface", "condition"),
        id=road_ids,
    )
    # the road a pole was planted beside: its nearest road by construction
    _copy_synthetic(
        conn,
        "streetlights",
        net.poles,
        ("pole_id", "lamp_type", "wattage", "status"),
        road_id=road_ids[net.poles["road_index"].to_numpy()],
    )
    _copy_synthetic(conn, "transit_routes", net.routes, ("code", "name"))
    _copy_synthetic(
        conn,
        "transit_stops",
        net.stops,
        ("name",),
        route_codes=["{" + ",".join(codes) + "}" for codes in net.stops["route_codes"]],
    )
    return road_ids


def _events(frame: pd.DataFrame, ids: np.ndarray, as_of: float) -> dict[str, object]:
    """The audit trail each synthetic complaint would have collected."""
    status = frame["status"].to_numpy()
    reported = frame["reported"].to_numpy()
    ack = frame["acknowledged"].to_numpy()
    started = np.minimum(frame["started"].to_numpy(), as_of - 1)
    resolved = frame["resolved"].to_numpy()
    assigned_states = (
        State.DIDISPOSISIKAN.value,
        State.DIPROSES.value,
        State.KOORDINASI.value,
        State.SELESAI.value,
    )
    steps = [
        (np.ones(len(frame), bool), reported, "warga", None, State.BARU.value),
        (
            status == State.DITOLAK.value,
            ack,
            "operator",
            State.BARU.value,
            State.DITOLAK.value,
        ),
        (
            ~np.isin(status, (State.BARU.value, State.DITOLAK.value)),
            ack,
            "operator",
            State.BARU.value,
            State.DIVERIFIKASI.value,
        ),
        (
            np.isin(status, assigned_states),
            (ack + started) / 2,
            "operator",
            State.DIVERIFIKASI.value,
            State.DIDISPOSISIKAN.value,
        ),
        (
            np.isin(
                status,
                (State.DIPROSES.value, State.KOORDINASI.value, State.SELESAI.value),
            ),
            started,
            "opd",
            State.DIDISPOSISIKAN.value,
            State.DIPROSES.value,
        ),
        (
            status == State.KOORDINASI.value,
            np.minimum(started + 3600, as_of - 1),
            "opd",
            State.DIPROSES.value,
            State.KOORDINASI.value,
        ),
        (
            status == State.SELESAI.value,
            resolved,
            "opd",
            State.DIPROSES.value,
            State.SELESAI.value,
        ),
    ]
    parts = [(ids[m], at[m], actor, src, dst) for m, at, actor, src, dst in steps]
    opd = frame["opd_code"].to_numpy()
    actor_of = {
        "warga": lambda m: np.full(m.sum(), "warga", dtype=object),
        "operator": lambda m: np.full(m.sum(), "operator:command-centre", dtype=object),
        "opd": lambda m: np.char.add("opd:", opd[m].astype(str)),
    }
    return {
        "complaint_id": np.concatenate([p[0] for p in parts]),
        "at": _epoch_to_timestamps(np.concatenate([p[1] for p in parts])),
        "actor": np.concatenate([actor_of[a](m) for (m, _, a, _, _) in steps]),
        "action": np.concatenate(
            [
                np.full(
                    len(p[0]), "created" if p[3] is None else "status", dtype=object
                )
                for p in parts
            ]
        ),
        "from_status": pa.array(
            np.concatenate([np.full(len(p[0]), p[3], dtype=object) for p in parts]),
            type=pa.string(),
        ),
        "to_status": np.concatenate(
            [np.full(len(p[0]), p[4], dtype=object) for p in parts]
        ),
    }


def write_complaints(
    conn: sa.Connection, frame: pd.DataFrame, as_of: float, rng: np.random.Generator
) -> np.ndarray:
    ids = reserve_ids(conn, "complaints", len(frame))
    n = len(frame)
    sla = dict(conn.execute(sa.text("SELECT code, sla_days FROM categories")).all())
    due = deadlines(
        conn, frame["reported"].to_numpy(), frame["category_code"].map(sla).to_numpy()
    )
    channels = rng.choice(list(cx.CHANNELS), n, p=list(cx.CHANNELS.values()))
    geoms = _to_storage(shapely.points(frame[["x", "y"]].to_numpy()))
    copy_rows(
        conn,
        "complaints",
        {
            "id": ids,
            "category_code": frame["category_code"].to_numpy(dtype=object),
            "description": frame["description"].to_numpy(dtype=object),
            "opd_code": frame["opd_code"].to_numpy(dtype=object),
            "status": frame["status"].to_numpy(dtype=object),
            "sub_status": pa.array(
                frame["sub_status"], type=pa.string(), from_pandas=True
            ),
            "channel": channels.astype(object),
            "reported_at": _epoch_to_timestamps(frame["reported"].to_numpy()),
            "acknowledged_at": _epoch_to_timestamps(frame["acknowledged"].to_numpy()),
            "resolved_at": _epoch_to_timestamps(frame["resolved"].to_numpy()),
            "due_at": _epoch_to_timestamps(due),
            "synthetic": np.ones(n, bool),
            "source": np.full(n, SOURCE, dtype=object),
        },
        geoms,
    )
    with_contact = rng.random(n) < 0.6
    k = int(with_contact.sum())
    names = np.char.add(
        np.char.add(rng.choice(FIRST_NAMES, k).astype(str), " "),
        rng.choice(FAMILY_NAMES, k).astype(str),
    )
    phones = np.char.add("0812", rng.integers(10_000_000, 99_999_999, k).astype(str))
    copy_rows(
        conn,
        "complaint_contacts",
        {
            "complaint_id": ids[with_contact],
            "name": names.astype(object),
            "phone": phones.astype(object),
        },
    )
    copy_rows(conn, "complaint_events", _events(frame, ids, as_of))
    return ids
