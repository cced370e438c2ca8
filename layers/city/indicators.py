"""Population and poverty per kelurahan (``kelurahan_indicators``), by period.

Aggregates only: residents, households, area, poor people and the families or
people in the social programmes (DTSEN deciles 1–4, PKH, Sembako/BPNT, PBI-JK,
P3KE extreme poor), each row with its source and date. A file of individual
records (NIK, family card numbers, names, addresses) is refused whole.

The import takes CSV or XLSX as a Bappeda or Dinas Sosial hands it over: the
kelurahan by Kemendagri code (``53.71.01.1001``), BPS code or name (matched to
the real kelurahan; unmatched names are rejected with the nearest real name).
A period already held is replaced (the table is time-versioned by period).

:func:`per_1000` turns counts per kelurahan into rates per 1 000 residents with
the newest population (view ``latest_kelurahan_indicators``).
"""

from __future__ import annotations

import difflib
import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from gis.errors import ImportFailed
from gis.i18n import bilingual
from gis.io import ImportReport, read_source
from gis.validate import refuse_missing

#: Kota Kupang, 2024 (BPS): residents and poor people, the totals the demo's
#: synthetic per-kelurahan values add up to
CITY_POPULATION_2024 = 455_502
CITY_POOR_2024 = 40_380
#: field → column names recognised (lower case)
COLUMNS = {
    "kode": ("kode_kelurahan", "kode_wilayah", "kode_kemendagri", "kode", "kode_bps"),
    "name": ("nama_kelurahan", "kelurahan", "desa_kelurahan", "kelurahan_desa"),
    "period": ("periode", "tahun", "period"),
    "population": ("jumlah_penduduk", "penduduk", "population"),
    "households": ("jumlah_kk", "jumlah_rumah_tangga", "rumah_tangga", "households"),
    "area_km2": ("luas_km2", "luas_wilayah", "luas"),
    "poor_people": ("penduduk_miskin", "jumlah_penduduk_miskin", "poor_people"),
    "dtsen_d1_4_families": ("keluarga_desil_1_4", "dtsen_desil_1_4", "desil_1_4"),
    "pkh_families": ("kpm_pkh", "keluarga_pkh", "pkh"),
    "bpnt_families": ("kpm_bpnt", "kpm_sembako", "keluarga_sembako", "bpnt"),
    "pbi_jk_people": ("pbi_jk", "peserta_pbi_jk", "pbi"),
    "p3ke_extreme_families": ("p3ke_miskin_ekstrem", "keluarga_p3ke", "p3ke"),
    "source": ("sumber", "sumber_data", "source"),
    "source_date": ("tanggal_data", "tanggal_sumber", "source_date"),
}
COUNTS = (
    "population",
    "households",
    "poor_people",
    "dtsen_d1_4_families",
    "pkh_families",
    "bpnt_families",
    "pbi_jk_people",
    "p3ke_extreme_families",
)
#: columns of individual records: a file with one is refused
INDIVIDUAL = (
    r"(nik|nik[_ ]?\w+|no[_ .]?kk|nomor[_ ]kk|no[_ .]?ktp|nama[_ ]?(lengkap|kepala"
    r"[_ ]?keluarga|krt|penerima|anggota)|alamat|alamat[_ ]?\w+|tanggal[_ ]lahir"
    r"|tgl[_ ]lahir|tempat[_ ]lahir|no[_ .]?(hp|telp))"
)


def _key(name: object) -> str:
    text = re.sub(r"\b(kelurahan|kel|desa)\b\.?", " ", str(name).lower())
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _columns(frame: pd.DataFrame) -> dict[str, str]:
    by_lower = {str(c).strip().lower(): c for c in frame.columns}
    personal = [
        str(c) for c in frame.columns if re.fullmatch(INDIVIDUAL, str(c).strip(), re.I)
    ]
    if personal:
        raise ImportFailed(
            bilingual(
                "The file holds individual records ({columns}): only aggregates per"
                " kelurahan are accepted; nothing was imported",
                columns=", ".join(personal),
            )
        )
    found = {}
    for name, aliases in COLUMNS.items():
        hit = next((by_lower[a] for a in aliases if a in by_lower), None)
        if hit is not None:
            found[name] = hit
    missing = [n for n in ("period", "population") if n not in found]
    if "kode" not in found and "name" not in found:
        missing.insert(0, "kode_kelurahan / nama_kelurahan")
    refuse_missing(missing, frame.columns)
    return found


def _match(conn: sa.Connection, frame: pd.DataFrame, cols: dict, report) -> pd.Series:
    """The Kemendagri code of each row (None when unmatched; rejected)."""
    known = pd.DataFrame(
        conn.execute(sa.text("SELECT kode, kode_bps, nama FROM kelurahan")).all(),
        columns=["kode", "kode_bps", "nama"],
    )
    by_code = {
        **{re.sub(r"\D", "", k): k for k in known["kode"]},
        **dict(zip(known["kode_bps"], known["kode"])),
    }
    by_name = {_key(n): k for n, k in zip(known["nama"], known["kode"])}
    codes = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if "kode" in cols:
        digits = frame[cols["kode"]].astype("string").str.replace(r"\D", "", regex=True)
        codes = digits.map(by_code).astype(object).where(digits.notna(), None)
    if "name" in cols:
        names = frame[cols["name"]]
        by_names = names.map(lambda n: by_name.get(_key(n)) if pd.notna(n) else None)
        codes = codes.where(codes.notna(), by_names)
    unmatched = codes.isna().to_numpy()
    for row, index in zip(frame["row_no"][unmatched], frame.index[unmatched]):
        given = frame.at[index, cols["name"]] if "name" in cols else None
        if given is None and "kode" in cols:
            given = frame.at[index, cols["kode"]]
        close = difflib.get_close_matches(_key(given), list(by_name), n=1)
        hint = (
            bilingual(
                "nearest: {name}",
                name=known.set_index("kode").at[by_name[close[0]], "nama"],
            )
            if close
            else ""
        )
        report.reject(
            np.array([row]),
            "kelurahan",
            bilingual("{value!r} is not a kelurahan of Kota Kupang", value=given)
            + (f" ({hint})" if hint else ""),
        )
    return codes


def _numbers(frame: pd.DataFrame, cols: dict, report, keep: np.ndarray) -> dict:
    values = {}
    for name in (*COUNTS, "area_km2"):
        if name not in cols:
            continue
        text = frame[cols[name]].astype("string").str.strip()
        text = text.str.replace(r"(?<=\d)\.(?=\d{3}\b)", "", regex=True)  # 1.234
        text = text.str.replace(",", ".", regex=False)
        number = pd.to_numeric(text, errors="coerce")
        blank = text.isna() | (text == "")
        bad = ~blank & (number.isna() | (number < 0))
        if name != "area_km2":
            bad |= ~blank & number.notna() & (number != np.floor(number))
        if name == "population":
            bad |= blank
        bad = bad.fillna(True).to_numpy(dtype=bool)
        hit = bad & keep
        report.reject(
            frame["row_no"].to_numpy()[hit],
            name,
            [f"{v!r}: not a count" for v in frame[cols[name]][hit]],
        )
        keep &= ~bad
        values[name] = number.where(~blank)
    return values


def import_indicators(
    conn: sa.Connection, path: Path | str, *, source: str | None = None
) -> ImportReport:
    """Import a table of indicators per kelurahan and period, in the caller's
    transaction. Raises :class:`ImportFailed` for individual records, a missing
    column or no usable row."""
    started = time.perf_counter()
    path = Path(path)
    frame = pd.DataFrame(
        read_source(path, geometry_required=False).drop(columns="geometry")
    )
    report = ImportReport("kelurahan_indicators", str(path), rows_read=len(frame))
    cols = _columns(frame)
    codes = _match(conn, frame, cols, report)
    keep = codes.notna().to_numpy().copy()
    values = _numbers(frame, cols, report, keep)
    period = frame[cols["period"]].astype("string").str.strip()
    no_period = (period.isna() | (period == "")).to_numpy() & keep
    report.reject(frame["row_no"].to_numpy()[no_period], "period", "value missing")
    keep &= ~no_period
    out = pd.DataFrame({"kelurahan_kode": codes, "period": period, **values})
    out["row_no"] = frame["row_no"].to_numpy()
    given = (
        frame[cols["source"]].astype("string").str.strip().replace("", pd.NA)
        if "source" in cols
        else pd.Series(pd.NA, index=frame.index, dtype="string")
    )
    out["source"] = given.fillna(source or path.name).to_numpy()
    out["source_date"] = (
        pd.to_datetime(frame[cols["source_date"]], errors="coerce").dt.date
        if "source_date" in cols
        else None
    )
    out = out[keep]
    dup = out.duplicated(["kelurahan_kode", "period"], keep="first").to_numpy()
    report.reject(
        out["row_no"].to_numpy()[dup],
        "kelurahan",
        bilingual("the same kelurahan and period as an earlier row"),
    )
    out = out[~dup]
    poor_over = (
        (out["poor_people"] > out["population"]).fillna(False).to_numpy()
        if ("poor_people" in out)
        else np.zeros(len(out), bool)
    )
    report.reject(
        out["row_no"].to_numpy()[poor_over],
        "poor_people",
        bilingual("more poor people than residents"),
    )
    out = out[~poor_over]
    if out.empty:
        raise ImportFailed(
            bilingual("No valid rows in {path}", path=path.name), report=report
        )
    report.rows_written = _upsert(conn, out)
    report.rejected.sort(key=lambda r: r.row)
    report.seconds = time.perf_counter() - started
    return report


def _upsert(conn: sa.Connection, out: pd.DataFrame) -> int:
    names = [
        c
        for c in (
            "kelurahan_kode",
            "period",
            *COUNTS,
            "area_km2",
            "source",
            "source_date",
        )
        if c in out
    ]
    rows = [
        {
            n: (None if pd.isna(v) else (int(v) if n in COUNTS else v))
            for n, v in zip(names, record)
        }
        for record in out[names].itertuples(index=False)
    ]
    conn.execute(
        sa.text(
            f"INSERT INTO kelurahan_indicators ({', '.join(names)}) VALUES"
            f" ({', '.join(':' + n for n in names)})"
            " ON CONFLICT (kelurahan_kode, period) DO UPDATE SET "
            + ", ".join(f"{n} = excluded.{n}" for n in names[2:])
            + ", synthetic = false"
        ),
        rows,
    )
    return len(rows)


def _largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Whole numbers proportional to ``weights`` that sum exactly to ``total``."""
    share = weights / weights.sum() * total
    whole = np.floor(share).astype(int)
    left = total - whole.sum()
    whole[np.argsort(-(share - whole), kind="stable")[:left]] += 1
    return whole


def generate_demo_indicators(conn: sa.Connection, seed: int) -> dict:
    """Synthetic 2024 indicators per kelurahan adding up to the city's BPS totals
    (455 502 residents, 40 380 poor); returns the manifest entry."""
    rng = np.random.default_rng([seed, 20])
    kel = pd.DataFrame(
        conn.execute(
            sa.text(
                "SELECT k.kode, c.nama, k.area_km2 FROM kelurahan k"
                " JOIN kecamatan c ON c.kode = k.kecamatan_kode ORDER BY k.kode"
            )
        ).all(),
        columns=["kode", "kecamatan", "area_km2"],
    )
    if kel.empty:
        return {}
    urban = ~kel["kecamatan"].isin(["Alak", "Maulafa"])
    density = np.where(urban, 4.0, 1.0) * rng.lognormal(0, 0.3, len(kel))
    population = _largest_remainder(
        np.sqrt(kel["area_km2"].to_numpy()) * density, CITY_POPULATION_2024
    )
    poverty = np.where(urban, 0.065, 0.13) * rng.lognormal(0, 0.25, len(kel))
    poor = _largest_remainder(population * poverty, CITY_POOR_2024)
    poor = np.minimum(poor, population)
    households = np.round(population / rng.uniform(3.8, 4.4, len(kel))).astype(int)
    dtsen = np.round(poor / 3.1 * 1.7).astype(int)
    rows = pd.DataFrame(
        {
            "kelurahan_kode": kel["kode"],
            "period": "2024",
            "population": population,
            "households": households,
            "area_km2": kel["area_km2"].round(3),
            "poor_people": poor,
            "dtsen_d1_4_families": dtsen,
            "pkh_families": np.round(dtsen * 0.42).astype(int),
            "bpnt_families": np.round(dtsen * 0.58).astype(int),
            "pbi_jk_people": np.round(poor * 2.3).astype(int),
            "p3ke_extreme_families": np.round(poor * 0.035).astype(int),
        }
    )
    conn.execute(
        sa.text(
            "INSERT INTO kelurahan_indicators (kelurahan_kode, period, population,"
            " households, area_km2, poor_people, dtsen_d1_4_families, pkh_families,"
            " bpnt_families, pbi_jk_people, p3ke_extreme_families, source,"
            " source_date, synthetic) VALUES (:kelurahan_kode, :period, :population,"
            " :households, :area_km2, :poor_people, :dtsen_d1_4_families,"
            " :pkh_families, :bpnt_families, :pbi_jk_people, :p3ke_extreme_families,"
            " :source, DATE '2024-12-31', true)"
            " ON CONFLICT (kelurahan_kode, period) DO NOTHING"
        ),
        [
            {
                **{k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()},
                "source": DEMO_SOURCE,
            }
            for r in rows.to_dict("records")
        ],
    )
    return {
        "period": "2024",
        "synthetic": True,
        "population": int(population.sum()),
        "poor_people": int(poor.sum()),
        "source": DEMO_SOURCE,
    }


DEMO_SOURCE = (
    "SINTETIS (demo): angka kota BPS 2024 (455.502 jiwa; 40.380 penduduk miskin,"
    " 8,24 %) dibagi ke kelurahan secara acak"
)


def per_1000(conn: sa.Connection, counts: pd.Series) -> pd.DataFrame:
    """Counts per kelurahan (index: Kemendagri code) per 1 000 residents of the
    newest period; kelurahan without a population get no rate."""
    population = pd.Series(
        dict(
            conn.execute(
                sa.text(
                    "SELECT kelurahan_kode, population FROM latest_kelurahan_indicators"
                )
            ).all()
        ),
        dtype=float,
    )
    frame = pd.DataFrame({"count": counts}).join(population.rename("population"))
    frame["per_1000"] = (
        1000 * frame["count"] / frame["population"].where(frame["population"] > 0)
    )
    return frame
