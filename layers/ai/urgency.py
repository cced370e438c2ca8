"""Immediate danger in a complaint's text, with the words that say so.

Rules, not a model: each kind of danger is a pattern over the normalised text
(shorthand and Melayu Kupang read as plain Indonesian first, so "sonde ada yg
luka" is "tidak ada yang luka"). A clause counts only when its match is not
negated ("tidak ada korban", "belum ada yang terluka") and not hypothetical
("bisa terluka", "sebelum ada korban", "rawan roboh") in the few words before
it. The quote is the resident's own clause, as written.

The kinds: someone hurt or trapped, a live wire, fire, water entering homes,
a tree (or pole) blocking the road now.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from gis.i18n import N_
from gis.textmodel import normalise
from layers.ai.lexicon import NORMAL_FORMS

#: kind → pattern over a normalised clause
DANGERS: dict[str, re.Pattern[str]] = {
    "injury": re.compile(
        r"\b(luka\w*|terluka|berdarah|cedera|pingsan|tewas|meninggal|korban"
        r"|tertimpa|terjepit|tersengat|kesetrum|tersetrum|tenggelam|terseret"
        r"|hanyut|terjebak|terlempar|kecelakaan|tabrakan|ditabrak|dikeroyok"
        r"|tawuran|dibacok|ditikam|senjata tajam|patah (kaki|tangan|tulang))\b"
        r"|\b(rumah|tembok|atap|bangunan|dinding)\w*( \w+){0,2} (roboh|runtuh|ambruk)"
        r"|\b(tanah )?longsor( \w+){0,3} (menimpa|menutup|rumah)"
    ),
    "live_wire": re.compile(
        r"\bkabel\w*( listrik\w*| pln)?( \w+){0,2} (putus|terputus|menjuntai"
        r"|terjuntai|jatuh|terbakar|berpercik|percik|nyetrum|terkelupas|terbuka"
        r"|melintang|menyentuh)\b"
        r"|\btiang (listrik|pln)\w*( \w+){0,2} (roboh|tumbang|patah|jatuh|rebah)\b"
        r"|\b(korslet|konslet|korsleting|percikan api|berpercik|listrik bocor)\b"
    ),
    "fire": re.compile(
        r"\b(kebakaran|terbakar|api\w* (membesar|menjalar|merembet)|dilalap api"
        r"|meledak|ledakan|asap tebal|gas bocor|bocor gas|bau gas)\b"
    ),
    "water_in_homes": re.compile(
        r"\b(air|banjir|genangan|lumpur)\w*( \w+){0,4} (masuk|merendam|menggenangi"
        r"|rendam|meluap)( \w+){0,2} (rumah|kamar|permukiman|pemukiman|dapur)"
        r"|\b(rumah|permukiman|pemukiman)\w*( \w+){0,3} (kebanjiran|terendam"
        r"|tenggelam)"
        r"|\bsetinggi (dada|leher|pinggang|atap)\b"
        r"|\b(evakuasi|mengungsi|banjir bandang|arus deras)\b"
        r"|\bair\w*( \w+){0,2} (terus|makin|semakin|masih) naik\b"
        r"|\bair\w*( \w+){0,2} naik terus\b"
    ),
    "road_blocked": re.compile(
        r"\b(pohon|dahan|batang|tiang)\w*( \w+){0,6} (menutup|menutupi|menghalangi"
        r"|memblokir|melintang)\w*( \w+){0,2} (jalan|jalur|badan jalan)"
        r"|\b(pohon|dahan|batang|tiang)\w*( \w+){0,4} menimpa (rumah|orang|warga"
        r"|pengendara|motor|mobil|kendaraan|angkot|kabel)"
        r"|\bjalan\w*( \w+){0,2} (tertutup|terputus|terblokir) (pohon|dahan|batang)"
    ),
}
#: a fallen tree in the text and, in any clause, the road it closes: the
#: blocking words ("tidak bisa lewat") carry a "tidak" that is no negation
FALLEN = re.compile(r"\b(pohon|dahan|batang)\w*( \w+){0,3} (tumbang|roboh|patah|jatuh)")
CLOSED = re.compile(
    r"\b(tidak|belum) bisa (lewat|dilewati|dilalui|melintas)\b"
    r"|\bjalan\w*( \w+){0,2} (tertutup|buntu|terputus|lumpuh)\b"
    r"|\b(tertutup|terhalang|terhalangi) (pohon|dahan|batang)"
    r"|\bmacet total\b"
)
#: kind → its name in the priority reason
LABELS = {
    "injury": N_("someone hurt or trapped"),
    "live_wire": N_("live wire"),
    "fire": N_("fire"),
    "water_in_homes": N_("water entering homes"),
    "road_blocked": N_("road blocked"),
}
#: priority points for a report describing immediate danger (more than any
#: other single reason but age, so it reaches the top of the list the same day)
POINTS = 50.0
#: words that, just before a match, turn it into its opposite or a maybe
NEGATIONS = frozenset({"tidak", "belum", "tanpa", "bukan", "jangan", "tak", "nihil"})
HYPOTHETICAL = frozenset(
    {
        "bisa",
        "dapat",
        "nanti",
        "kalau",
        "jika",
        "bila",
        "takut",
        "khawatir",
        "kuatir",
        "rawan",
        "sebelum",
        "hampir",
        "nyaris",
        "berpotensi",
        "bahaya",
        "membahayakan",
        "mungkin",
        "jangan",
        "agar",
        "supaya",
    }
)
#: "sudah …" just after a match: the danger is over
RESOLVED = frozenset(
    {
        "padam",
        "dipadamkan",
        "surut",
        "diperbaiki",
        "ditangani",
        "disingkirkan",
        "dipotong",
        "dievakuasi",
        "aman",
        "diamankan",
    }
)
WINDOW = 4  # words before a match that can negate it (after: two more)
CLAUSES = re.compile(r"[^.,;!?\n]+")
QUOTE_LENGTH = 160


@dataclass(frozen=True)
class Danger:
    """One kind of immediate danger and the clause that describes it."""

    kind: str
    quote: str


def _quote(raw: str) -> str:
    return " ".join(raw.split())[:QUOTE_LENGTH]


def _counts(clause: str, match: re.Match[str]) -> bool:
    # a "tidak"/"rawan" before the match or inside it ("air tidak masuk rumah",
    # "kabel rawan putus") undoes it
    before = clause[: match.start()].split()[-WINDOW:] + match.group(0).split()
    if any(w in NEGATIONS or w in HYPOTHETICAL for w in before):
        return False
    after = clause[match.end() :].split()[: WINDOW + 2]
    return not any(
        a == "sudah" and b in RESOLVED for a, b in zip(after, after[1:], strict=False)
    )


@functools.lru_cache(maxsize=65_536)
def assess(text: str | None) -> tuple[Danger, ...]:
    """Each kind of immediate danger ``text`` describes, once, with its clause."""
    found: dict[str, Danger] = {}
    clauses = [
        (raw, normalise(raw, NORMAL_FORMS)) for raw in CLAUSES.findall(text or "")
    ]
    for raw, clause in clauses:
        for kind, pattern in DANGERS.items():
            if kind in found:
                continue
            if any(_counts(clause, m) for m in pattern.finditer(clause)):
                found[kind] = Danger(kind, _quote(raw))
    if "road_blocked" not in found and any(FALLEN.search(c) for _, c in clauses):
        for raw, clause in clauses:
            match = CLOSED.search(clause)
            if match and not (
                set(clause[: match.start()].split()[-WINDOW:]) & HYPOTHETICAL
            ):
                found["road_blocked"] = Danger("road_blocked", _quote(raw))
                break
    return tuple(found.values())
