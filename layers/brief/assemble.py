"""What the morning brief holds, gathered from the database as of a moment, and
the two maps drawn for it. Rendering it is ``layers.brief.render``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from gis.annotate import annotate
from gis.config import Settings
from gis.i18n import _
from gis.layer import Layer
from gis.render import MapRequest, Renderer
from gis.sld import Style
from gis.timeutil import wita_today
from layers.ai.forecast import early_warnings
from layers.city.brief_lines import city_lines
from layers.hot_spot_news import hot_spot_news
from layers.operations import default_period, scoreboard
from layers.policy import policy_priorities
from layers.status import FLAG_COLOURS, GROUP_COLOURS, GROUP_LABELS, Group
from layers.summary import (
    backlog,
    flags_by_kelurahan,
    flow,
    map_layers,
    rule_sentence,
    top_flags,
)

#: city-wide view in EPSG:3857 (Kota Kupang with a margin)
CITY_3857 = (13_748_500.0, -1_152_500.0, 13_770_500.0, -1_128_500.0)
#: the maps' width in pixels (about twice what is printed; the height follows
#: the city's shape)
MAP_WIDTH = 760
HOT_COLOUR = "#7b3294"


@dataclass
class Brief:
    """Everything the morning brief shows."""

    day: date
    made_at: datetime
    backlog: dict
    flow: dict
    flags: list[dict]  # the worst kelurahan × category flags, named
    hotspots: list[dict]  # rising hot spots, each with its sentence
    ranking: list[dict]
    city_share: float | None
    maps: dict[str, bytes]  # title → PNG
    rule: str = ""
    warnings: list[str] = field(default_factory=list)  # early warnings, worded
    priorities: list[dict] = field(default_factory=list)  # the week's policy
    city: list[str] = field(default_factory=list)  # angkot and lighting, worded


def city_extent(conn: sa.Connection, margin: float = 0.03) -> tuple[float, ...]:
    """The kelurahan's extent in EPSG:3857 with a ``margin`` share around it."""
    row = conn.execute(
        sa.text(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM"
            " (SELECT ST_Extent(ST_Transform(geom, 3857)) AS e FROM kelurahan) x"
        )
    ).one()
    if row[0] is None:
        return CITY_3857
    dx, dy = (row[2] - row[0]) * margin, (row[3] - row[1]) * margin
    return (row[0] - dx, row[1] - dy, row[2] + dx, row[3] + dy)


def gather(
    conn: sa.Connection,
    settings: Settings,
    now: datetime,
    layers: dict[str, Layer],
    styles: dict[str, Style],
) -> Brief:
    """Everything the brief shows, as of ``now``."""
    areas = flags_by_kelurahan(conn, now)
    news = hot_spot_news(conn)
    board = scoreboard(conn, *default_period(now, 30))
    drawn = map_layers(conn, now)
    renderer = Renderer(settings)
    bbox = city_extent(conn)
    size = (MAP_WIDTH, round(MAP_WIDTH * (bbox[3] - bbox[1]) / (bbox[2] - bbox[0])))

    def picture(names: list[str]) -> bytes:
        chosen = tuple((layers[n], styles[layers[n].styles[0]]) for n in names)
        return renderer.render(
            MapRequest(chosen, "EPSG:3857", bbox, *size, transparent=False)
        )

    label_at = {
        f["properties"]["kode"]: f["properties"]["label"]
        for f in drawn["kelurahan"]["features"]
    }
    flag_labels = [(*label_at[a["kelurahan_kode"]], a["kelurahan"]) for a in areas]
    spot_labels = [
        (s["lon"], s["lat"] - 0.004, s["place"] or s["kelurahan"]) for s in news[:5]
    ]
    busiest = sorted(
        drawn["kelurahan"]["features"], key=lambda f: -f["properties"]["open"]
    )[:8]
    maps = {
        _("Red flags and rising hot spots"): annotate(
            picture(["kelurahan", "red_flags"]),
            bbox,
            flag_labels + spot_labels,
            [
                ("box", FLAG_COLOURS["red"], _("Red flags")),
                ("box", FLAG_COLOURS["amber"], _("Amber (2 days before red)")),
                ("box", "#b8dcbf", _("Unhandled, not yet close to red")),
                ("mark", HOT_COLOUR, _("Rising hot spots")),
            ],
            marks=[(s["lon"], s["lat"], HOT_COLOUR) for s in news],
        ),
        _("Open tickets now"): annotate(
            picture(["kelurahan"]),
            bbox,
            [(*f["properties"]["label"], f["properties"]["nama"]) for f in busiest],
            [
                (
                    "dot",
                    GROUP_COLOURS[Group.UNTOUCHED],
                    _(GROUP_LABELS[Group.UNTOUCHED]),
                ),
                (
                    "dot",
                    GROUP_COLOURS[Group.IN_PROGRESS],
                    _(GROUP_LABELS[Group.IN_PROGRESS]),
                ),
            ],
            dots=[(lon, lat, GROUP_COLOURS[Group(g)]) for lon, lat, g in drawn["open"]],
        ),
    }
    return Brief(
        day=wita_today(now),
        made_at=now,
        backlog=backlog(conn, now),
        flow=flow(conn, now),
        flags=top_flags(areas, 5),
        hotspots=news,
        ranking=board.rows,
        city_share=board.city_within_sla,
        maps=maps,
        rule=rule_sentence(),
        warnings=[w["text"] for w in early_warnings(conn, now)["warnings"]],
        priorities=policy_priorities(conn, now, 5)["priorities"],
        city=city_lines(conn, now),
    )
