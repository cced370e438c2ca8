"""Reports that may describe the same problem as a ticket: "mungkin sama dengan …".

Intake already folds a report into an open ticket of its category reported
within the category's duplicate radius and days. What slips through — a few
dozen metres further, a week later, the place named another way — is offered
to the operator here, never merged by itself.

**Candidates** are the other open tickets of the same category (the console's
merge joins only those) within the radius of the console's nearby list
(:data:`layers.console_ticket.NEARBY_MIN_M`, or the category's duplicate radius times
:data:`layers.console_ticket.NEARBY_FACTOR`) and reported within the category's
duplicate days times :data:`DAY_FACTOR` (at least :data:`MIN_DAYS` days) of the
ticket, before or after; PostGIS pulls them by index.

**Score** in 0–1, a weighted sum of three components, each in 0–1 and returned
with the raw figure behind it:

* ``text``: cosine similarity of the two descriptions as TF-IDF vectors of the
  normalised text (shorthand and Melayu Kupang read as Indonesian) — in the
  newest category model's space when there is one (its document frequencies
  learnt from confirmed tickets), else over the ticket and its candidates;
* ``distance``: 1 at the same spot, falling linearly to 0 at the radius
  (from the distance in whole metres, as shown);
* ``time``: 1 at the same moment, falling linearly to 0 at the window's edge.

A candidate is offered when its score reaches :data:`MIN_SCORE` and its text
:data:`MIN_TEXT`: being near and recent alone does not make the same problem.
"""

from __future__ import annotations

import sqlalchemy as sa

from gis.errors import NotFound
from gis.formats import format_days, format_number
from gis.i18n import _, bilingual
from gis.textmodel import tfidf_similarities
from layers.accounts import Actor
from layers.ai.category import latest_model
from layers.ai.lexicon import NORMAL_FORMS
from layers.console_ticket import NEARBY_FACTOR, NEARBY_MIN_M
from layers.status import OPEN, STAFF, TRANSITIONS, State, is_open, label, values
from layers.workflow import load_for

#: weight of each component in the score (they sum to 1)
WEIGHTS = {"text": 0.6, "distance": 0.25, "time": 0.15}
#: the lowest score, and the lowest text similarity, of a suggestion
MIN_SCORE = 0.5
MIN_TEXT = 0.3
#: the time window: the category's duplicate days times this, at least
#: :data:`MIN_DAYS` days
DAY_FACTOR = 2
MIN_DAYS = 7
#: candidates scored per ticket (nearest first) and suggestions returned
CANDIDATES = 50
LIMIT = 3

CANDIDATES_SQL = """
SELECT o.id, o.ticket, o.status, o.reported_at, o.description,
       round(ST_Distance(o.geom::geography, c.geom::geography)) AS metres,
       abs(extract(epoch FROM o.reported_at - c.reported_at)) / 86400.0 AS days,
       w.metres AS radius, w.days AS window_days
FROM complaints c JOIN categories g ON g.code = c.category_code,
     LATERAL (SELECT GREATEST(:floor, g.duplicate_radius_m * :factor) AS metres,
                     GREATEST(:min_days, g.duplicate_days * :day_factor) AS days) w,
     complaints o
WHERE c.id = :id AND o.id <> c.id AND o.category_code = c.category_code
  AND o.status IN :open
  AND (CAST(:own_opd AS text) IS NULL OR o.opd_code = :own_opd)
  AND o.reported_at BETWEEN c.reported_at - make_interval(days => w.days)
                        AND c.reported_at + make_interval(days => w.days)
  AND o.geom && ST_Expand(c.geom, w.metres / 100000.0)
  AND ST_DWithin(o.geom::geography, c.geom::geography, w.metres)
ORDER BY metres, o.id
LIMIT :limit
"""


def _linear(value: float, edge: float) -> float:
    return max(0.0, 1.0 - value / edge) if edge > 0 else 0.0


def similar_reports(
    conn: sa.Connection, ticket_number: str, actor: Actor, *, limit: int = LIMIT
) -> dict[str, object]:
    """The open tickets that may be the same problem as ``ticket_number``, best
    first, each with its score, its components and the console's words; 404 for
    an unknown ticket, 403 for anyone but staff (OPD staff: their OPD's tickets,
    compared with their OPD's)."""
    row = conn.execute(
        sa.text(
            "SELECT c.id, c.description, c.category_code FROM complaints c"
            " WHERE c.ticket = :t"
        ),
        {"t": ticket_number},
    ).one_or_none()
    if row is None:
        raise NotFound(bilingual("Complaint {ticket} not found", ticket=ticket_number))
    loaded = load_for(conn, row.id, actor)
    candidates = conn.execute(
        sa.text(CANDIDATES_SQL).bindparams(sa.bindparam("open", expanding=True)),
        {
            "id": row.id,
            "open": values(OPEN),
            "own_opd": actor.opd_code if actor.role == "opd_staff" else None,
            "floor": NEARBY_MIN_M,
            "factor": NEARBY_FACTOR,
            "min_days": MIN_DAYS,
            "day_factor": DAY_FACTOR,
            "limit": CANDIDATES,
        },
    ).all()
    stored = latest_model(conn)
    text = row.description or ""
    others = [c.description or "" for c in candidates]
    if not text.strip():
        texts = [0.0] * len(candidates)
    elif stored is not None:
        texts = stored.model.similarities(text, others).tolist()
    else:
        texts = tfidf_similarities(text, others, NORMAL_FORMS).tolist()
    mergeable = (
        actor.role in STAFF
        and is_open(loaded.status)
        and (State(loaded.status), State.DITOLAK) in TRANSITIONS
    )
    found = []
    for candidate, similarity in zip(candidates, texts, strict=True):
        metres, days = float(candidate.metres), float(candidate.days)
        components = {
            "text": round(similarity, 4),
            "distance": round(_linear(metres, float(candidate.radius)), 4),
            "time": round(_linear(days, float(candidate.window_days)), 4),
        }
        score = round(sum(WEIGHTS[k] * v for k, v in components.items()), 4)
        if score < MIN_SCORE or components["text"] < MIN_TEXT:
            continue
        found.append(
            {
                "ticket": candidate.ticket,
                "score": score,
                "components": components,
                "metres": int(metres),
                "days": round(days, 2),
                "status": candidate.status,
                "status_label": label(candidate.status),
                "reported_at": candidate.reported_at,
                "description": (candidate.description or "")[:160],
                "mergeable": mergeable,
                "message": _(
                    "May be the same as {ticket} (score {score})",
                    ticket=candidate.ticket,
                    score=format_number(score, 2),
                ),
                "explanation": _(
                    "text {text} · {metres} m away · {days} apart",
                    text=format_number(components["text"], 2),
                    metres=format_number(metres, 0),
                    days=format_days(days),
                ),
            }
        )
    found.sort(key=lambda s: (-s["score"], s["metres"], s["ticket"]))
    return {
        "ticket": ticket_number,
        "text_basis": "model" if stored is not None else "candidates",
        "model": None if stored is None else stored.id,
        "weights": WEIGHTS,
        "min_score": MIN_SCORE,
        "min_text": MIN_TEXT,
        "similar": found[:limit],
    }
