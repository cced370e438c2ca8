"""The complaint-category model: trained on confirmed tickets, stored, suggested.

**Confirmed** tickets are the only ones it learns from: a ticket whose category
staff have stood behind. That is a ticket that staff moved on (a ``status``
audit event to diverifikasi, didisposisikan, diproses or selesai — only staff
can make those moves) *after* its last category change (an audit event with
action ``category``, if it ever had one), and that is not now rejected
(ditolak) or in a hand-off between OPDs (koordinasi, often a sign the category
was wrong). A resident's own pick that nobody looked at is not a label.

Training splits the confirmed tickets of the window by time: the newest
``held_out`` share is kept back and the model is measured on it, so the stored
metrics say how it does on tickets it has not seen and that came later. The
stored model is the one those metrics describe.

The model is a suggestion for the resident and the operator; it never changes a
ticket's category by itself.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata

import sqlalchemy as sa

from gis.errors import InvalidParameter
from gis.formats import format_percent
from gis.i18n import _, bilingual
from gis.runs import Timings
from gis.textmodel import TextClassifier, evaluate
from layers.ai.lexicon import NORMAL_FORMS
from layers.status import State, sql_in, values

KIND = "category"
#: states staff move a ticket to only after reading it: reaching one confirms
#: the category it then had
CONFIRMING_STATES = (
    State.DIVERIFIKASI,
    State.DIDISPOSISIKAN,
    State.DIPROSES,
    State.SELESAI,
)
#: audit action that records a change of a ticket's category
CATEGORY_CHANGE = "category"
LIBRARIES = ("scikit-learn", "numpy", "scipy", "sigap")
MIN_TICKETS = 50
CONFIRMED_SQL = (
    """
SELECT c.id, c.description, c.category_code, c.reported_at
FROM complaints c
WHERE c.reported_at >= :since AND c.reported_at < :until
  AND c.status NOT IN """
    + sql_in((State.DITOLAK, State.KOORDINASI))
    + """
  AND length(btrim(coalesce(c.description, ''))) >= 3
  AND EXISTS (
    SELECT 1 FROM complaint_events e
    WHERE e.complaint_id = c.id AND e.action = 'status'
      AND e.to_status IN :confirming
      AND e.at > coalesce(
        (SELECT max(x.at) FROM complaint_events x
         WHERE x.complaint_id = c.id AND x.action = :change),
        '-infinity'))
ORDER BY c.reported_at, c.id
"""
)


@dataclass(frozen=True)
class StoredModel:
    """A trained model and what is known about it."""

    id: int
    trained_at: datetime
    window_start: datetime
    window_end: datetime
    trained_on: int
    held_out: int
    metrics: dict
    model: TextClassifier

    def suggest(self, text: str, k: int = 3) -> list[dict[str, object]]:
        """The ``k`` likeliest categories of ``text``, most likely first."""
        return [
            {"category": label, "probability": round(p, 4)}
            for label, p in self.model.top(text, k)
        ]


def confirmed_tickets(
    conn: sa.Connection, since: datetime, until: datetime
) -> list[sa.Row]:
    """Confirmed tickets reported in ``[since, until)``, oldest first."""
    query = sa.text(CONFIRMED_SQL).bindparams(
        sa.bindparam("confirming", expanding=True)
    )
    return conn.execute(
        query,
        {
            "since": since,
            "until": until,
            "confirming": values(CONFIRMING_STATES),
            "change": CATEGORY_CHANGE,
        },
    ).all()


def train(
    conn: sa.Connection,
    *,
    since: datetime,
    until: datetime,
    now: datetime,
    seed: int = 2026,
    held_out: float = 0.2,
    c: float = 0.5,
) -> StoredModel:
    """Train on the confirmed tickets of ``[since, until)``, measure on the newest
    ``held_out`` share, store the model; returns it."""
    timings = Timings()
    with timings.step("query"):
        rows = confirmed_tickets(conn, since, until)
    cut = int(round(len(rows) * (1 - held_out)))
    fit, test = rows[:cut], rows[cut:]
    if len(fit) < MIN_TICKETS or len({r.category_code for r in fit}) < 2 or not test:
        raise InvalidParameter(
            bilingual(
                "Too few confirmed complaints to train on: {n}"
                " (at least {min} in two or more categories)",
                n=len(rows),
                min=MIN_TICKETS,
            ),
            field="since",
        )
    with timings.step("fit"):
        model = TextClassifier(lexicon=NORMAL_FORMS, c=c, seed=seed).fit(
            [r.description for r in fit], [r.category_code for r in fit]
        )
    with timings.step("evaluate"):
        metrics = evaluate(
            model, [r.description for r in test], [r.category_code for r in test]
        )
    metrics["held_out_from"] = test[0].reported_at.isoformat()
    artefact = model.to_bytes()
    model_id = conn.execute(
        sa.text(
            "INSERT INTO text_models (kind, trained_at, window_start, window_end,"
            " trained_on, held_out, labels, seed, parameters, metrics, versions,"
            " timings, artefact, artefact_sha256) VALUES (:kind, :now, :since,"
            " :until, :trained_on, :held_out, :labels, :seed,"
            " CAST(:parameters AS jsonb), CAST(:metrics AS jsonb),"
            " CAST(:versions AS jsonb), CAST(:timings AS jsonb), :artefact, :sha)"
            " RETURNING id"
        ),
        {
            "kind": KIND,
            "now": now,
            "since": since,
            "until": until,
            "trained_on": len(fit),
            "held_out": len(test),
            "labels": model.labels,
            "seed": seed,
            "parameters": json.dumps({"c": c, "held_out": held_out, "split": "time"}),
            "metrics": json.dumps(metrics),
            "versions": json.dumps({n: metadata.version(n) for n in LIBRARIES}),
            "timings": json.dumps(timings),
            "artefact": artefact,
            "sha": hashlib.sha256(artefact).hexdigest(),
        },
    ).scalar_one()
    return StoredModel(model_id, now, since, until, len(fit), len(test), metrics, model)


_LOADED: dict[str, TextClassifier] = {}  # artefact hash -> model, per process
_LOCK = threading.Lock()


def latest_model(conn: sa.Connection) -> StoredModel | None:
    """The newest stored category model (unpickled once per process)."""
    row = conn.execute(
        sa.text(
            "SELECT id, trained_at, window_start, window_end, trained_on, held_out,"
            " metrics, artefact_sha256 FROM text_models WHERE kind = :kind"
            " ORDER BY id DESC LIMIT 1"
        ),
        {"kind": KIND},
    ).one_or_none()
    if row is None:
        return None
    with _LOCK:
        model = _LOADED.get(row.artefact_sha256)
        if model is None:
            data = conn.execute(
                sa.text("SELECT artefact FROM text_models WHERE id = :id"),
                {"id": row.id},
            ).scalar_one()
            if hashlib.sha256(data).hexdigest() != row.artefact_sha256:
                raise ValueError(f"text model {row.id}: artefact hash mismatch")
            model = _LOADED[row.artefact_sha256] = TextClassifier.from_bytes(data)
    return StoredModel(
        row.id,
        row.trained_at,
        row.window_start,
        row.window_end,
        row.trained_on,
        row.held_out,
        row.metrics,
        model,
    )


def suggest_category(
    conn: sa.Connection, text: str, k: int = 3
) -> list[dict[str, object]]:
    """The likeliest categories of ``text`` by the newest model ([] without one)."""
    stored = latest_model(conn)
    return [] if stored is None else stored.suggest(text, k)


MAX_TEXT = 4000  # the longest description intake takes
#: how sure the model must be of another category before the inbox says so
DOUBT = 0.6


def category_doubts(
    conn: sa.Connection, rows: list[dict[str, object]]
) -> dict[object, dict[str, object]]:
    """For queue ``rows`` (``id``, ``description``, ``category_code``): those
    whose text the newest model puts, with at least :data:`DOUBT`, in another
    category — id → that category, its probability and the inbox's words
    ("Kategori mungkin salah: 87% Saluran air"). Nothing is re-routed."""
    stored = latest_model(conn)
    if stored is None:
        return {}
    names = dict(conn.execute(sa.text("SELECT code, name_id FROM categories")).all())
    doubts = {}
    for row in rows:
        if not (row.get("description") or "").strip():
            continue
        best, p = stored.model.top(str(row["description"]), 1)[0]
        if best != row["category_code"] and p >= DOUBT:
            doubts[row["id"]] = {
                "category": best,
                "probability": round(p, 4),
                "message": _(
                    "Category may be wrong: {share} {category}",
                    share=format_percent(p),
                    category=names.get(best, best),
                ),
            }
    return doubts


def read_text(conn: sa.Connection, text: str, k: int = 3) -> dict[str, object]:
    """What SIGAP reads in ``text``: the likeliest categories (with their names)
    by the newest model and any immediate danger, for the citizen app and the
    operator inbox. Suggestions only: nothing about a ticket changes."""
    from layers.ai.urgency import LABELS, assess

    if not text.strip() or len(text) > MAX_TEXT:
        raise InvalidParameter(
            bilingual("text must be 1 to {n} characters", n=MAX_TEXT), field="text"
        )
    stored = latest_model(conn)
    names = {
        r.code: (r.name_id, r.name_en)
        for r in conn.execute(sa.text("SELECT code, name_id, name_en FROM categories"))
    }
    suggestions = [] if stored is None else stored.suggest(text, k)
    for s in suggestions:
        s["name_id"], s["name_en"] = names.get(s["category"], (None, None))
    return {
        "model": None
        if stored is None
        else {
            "id": stored.id,
            "trained_at": stored.trained_at,
            "trained_on": stored.trained_on,
            "held_out_macro_f1": round(stored.metrics["macro_f1"], 4),
        },
        "suggestions": suggestions,
        "danger": [
            {"kind": d.kind, "label": _(LABELS[d.kind]), "quote": d.quote}
            for d in assess(text)
        ],
    }
