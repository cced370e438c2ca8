"""Immediate danger in a complaint's text, with the words that say so.

Rules, not a model: each kind of danger is a pattern over the normalised text
(shorthand and Melayu Kupang read as plain Indonesian first, so "sonde ada yg
luka" is "tidak ada yang luka"). A clause counts only when its match is not
negated ("tidak ada korban", "belum ada yang terluka") and not hypothetical
("bisa terluka", "sebelum ada korban", "rawan roboh") in the few words before
it. The quote is the resident's own clause, as written.

The kinds: someone hurt or trapped (an accident, a fall, a child swept away), a
live wire (sparks, a charged pole, a burning transformer), fire or gas, water
entering homes, a tree (or pole) blocking the road now, a bridge, road, wall
or roof giving way, an animal attacking. A harm noun negated just after
("korban tidak ada") is no danger either, nor is a habit or the past
("sering", "pernah", "setiap"), nor one taken back ("ternyata cuma
ditutup"), nor one said to be over ("sudah berhasil dipadamkan"), in its own
clause or in a later one that names no danger of its own ("Kebakaran di
pasar, api sudah padam"), nor an old one ("sudah lama"), nor a small one
("pecah sedikit"). A text that says it is no emergency ("bukan darurat") or
tells what the television showed names none.

A negation reaches back no further than a "tapi" or "karena" ("tidak ada
korban tapi tiang roboh" is danger), and a negated response is none ("belum
ditangani", "tidak ada petugas"); "mau" and "akan" count only just before or
inside the match ("pohon su mau rubu", not "beta mau lapor, kabel putus"); a
"bisa" in a request ("tolong bisa segera dicek") is no maybe.

A time gone by ("tahun lalu rumah kami kebanjiran", "... minggu lalu", but not
"sejak minggu lalu"; "kebakaran pasar dulu"), a habit just after ("setiap
hari") and a condition on the weather ("motor selip kalau hujan") are no
danger now either, nor is a drill ("simulasi kebakaran") or Seroja, the 2021
cyclone ("waktu Seroja aer masuk ruma"); an accident is no one hurt when the
text says so ("tabrakan kecil, tidak ada korban"). Someone who cannot get away
counts as trapped when water or fire rises in another clause, someone an
animal in the text gives chase to is attacked, and a report of nothing but a
tree down on a street ("pohon rubu di Jl Cak Doko") is the street blocked.
A resident who sounds the alarm ("DARURAT", "SOS", "gawat") makes a danger
about to happen ("mau", "hampir") count; an "if" or a "could" still does not.
A thing leaning that the text says will come down any moment ("sebentar lagi
roboh") is danger too. The story of a day gone by ("motor saya jatuh minggu
lalu, lutut luka") stays in the past until a word of now; a hurt said to be
small ("cuma lecet"), a wire said to carry no current ("tidak ada aliran") and
what a chat group or the news told are no danger here. A repair on a day gone
by ("kemarin su diperbaiki") ends nothing when a later clause tells of today
("ini sore mati lai"), and an aside in brackets is read apart from the clause
around it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from gis.i18n import N_
from gis.textmodel import normalise
from layers.ai.danger_pairs import CLOSINGS, FALLEN_ON_STREET, THREATS
from layers.ai.danger_words import DANGERS
from layers.ai.lexicon import NORMAL_FORMS
from layers.ai.undoing_words import (
    ACCIDENTS,
    AGAIN_NOW,
    ALARM,
    ALL_OVER,
    CONDITIONS_AFTER,
    DEAD_WIRE,
    EVENTS,
    FEARS,
    FIXED,
    HABITS,
    HABITS_AFTER,
    HYPOTHETICAL,
    IMMINENT,
    LONG_UNITS,
    MINOR_AFTER,
    MINOR_HURT,
    NEAR_HYPOTHETICAL,
    NEGATED_AFTER,
    NEGATIONS,
    NEWS,
    NO_VICTIMS,
    NOT_HERE,
    NOW,
    OVER,
    PAST_AFTER,
    PAST_DAYS,
    PAST_TIMES,
    PAST_UNITS,
    POLITE_AFTER,
    POLITE_BEFORE,
    POWER_OFF,
    QUANTITIES,
    REMAINS,
    RESETS,
    RESOLVED,
    RESPONSES,
    RETRACTIONS,
    SEVERE,
    SINCE,
    STORMS,
    THANKS,
    TODAY,
    TOUCHES,
    WEATHER,
)

#: kind → its name in the priority reason
LABELS = {
    "injury": N_("someone hurt or trapped"),
    "live_wire": N_("live wire"),
    "fire": N_("fire"),
    "water_in_homes": N_("water entering homes"),
    "road_blocked": N_("road blocked"),
    "collapse": N_("bridge, road or building giving way"),
    "traffic_signal": N_("traffic lights failing at a junction"),
    "animal": N_("animal attacking"),
}
#: priority points for a report describing immediate danger (more than any
#: other single reason but age, so it reaches the top of the list the same day)
POINTS = 50.0
WINDOW = 4  # words before a match that can negate it (after: two more)
#: a clause runs to the next punctuation, but not to the dot of a street or
#: house-number abbreviation or a title in one ("Jl. Sumba", "No. 4", "Jl.
#: Jend. Sudirman"), nor to the comma of a
#: decimal ("air 1,5 meter"), nor to the initials of a name ("Jl. W.J.
#: Lalamentik", "Jl. A. Yani")
CLAUSES = re.compile(
    r"(?:\b(?:jl|jln|gg|no|kel|kec|rt|rw|jend|moh|ir|prof|kol)\.|\d[.,]\d"
    r"|\b(?:[a-z]\.){2,}|(?<=jl\. )[a-z]\.|(?<=jln\. )[a-z]\.|(?<=jalan )[a-z]\."
    r"|[^.,;!?\n])+",
    re.I,
)
#: an aside in brackets ("tiang lama (sonde ada kabel) rebah di jalan") is a
#: clause of its own, and the clause around it reads as if it were not there
ASIDE = re.compile(r"\(([^()]*)\)")
QUOTE_LENGTH = 160
#: a last letter held for emphasis ("tolonggg", "KEBAKARANNN") is one letter
STRETCHED = re.compile(r"([a-z])\1+\b", re.I)


def _alternatives(pattern: str) -> tuple[re.Pattern[str], ...]:
    """The top-level alternatives of ``pattern``, each compiled: a wide one
    that a "hampir" undoes must not hide a narrower one at the same place."""
    parts, depth, start, escaped = [], 0, 0, False
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return tuple(re.compile(part) for part in parts)


#: kind → its pattern's alternatives, tried one by one
PARTS = {kind: _alternatives(pattern.pattern) for kind, pattern in DANGERS.items()}


@dataclass(frozen=True)
class Danger:
    """One kind of immediate danger and the clause that describes it."""

    kind: str
    quote: str


def _normal(raw: str) -> str:
    return normalise(STRETCHED.sub(r"\1", raw), NORMAL_FORMS)


def _quote(raw: str) -> str:
    return " ".join(raw.split())[:QUOTE_LENGTH]


def _maybe(words: list[str], i: int) -> bool:
    # "bisa" asking for help ("tolong bisa segera dicek") is no maybe, nor is
    # "dapat" receiving news ("dapat laporan kabel putus") or "hampir" before a
    # quantity ("hampir semua rumah terendam")
    w, after = words[i], words[i + 1 : i + 3]
    if w not in HYPOTHETICAL:
        return False
    if w in ("bahaya", "membahayakan") and i > 0 and words[i - 1] == "yang":
        return False  # "yang bahaya kabelnya": what is dangerous, no maybe
    if w in ("kalau", "kalo", "bila", "jika") and after[:1] and after[0] in TOUCHES:
        return False
    if w in ("bisa", "dapat"):
        return not (
            (w == "dapat" and after[:1] and after[0] in NEWS)
            or (i > 0 and words[i - 1] in POLITE_BEFORE)
            or (after[:1] and after[0] in POLITE_AFTER)
        )
    if w == "hampir" and after[:1]:
        return not (after[0] in QUANTITIES or after[0].isdigit())
    if w == "jangan":  # "jangan lama", "jangan tunggu": hurry, no maybe
        return _negates(words, i)
    if w == "lalu":  # "tahun lalu", not "lalu pohon tumbang"
        return i > 0 and words[i - 1] in PAST_UNITS
    if w in ("dulu", "dahulu"):  # "waktu badai dulu", not "tolong cek dulu"
        return bool(set(words[max(i - 4, 0) : i]) & PAST_TIMES)
    if w == "seroja":  # "waktu Seroja", not "Jl. Seroja"
        return i > 0 and words[i - 1] in STORMS
    return True


def _storm_named(words: list[str]) -> bool:
    return any(
        w in PAST_AFTER and words[i - 1] in STORMS for i, w in enumerate(words) if i
    )


def _of_today(words: list[str], i: int) -> bool:
    """Whether the words just after ``words[i]`` say today ("tapi hari ini")."""
    return bool(TODAY.match(" ".join(words[i + 1 : i + 3])))


def _past(after: list[str]) -> bool:
    # "rumah kebanjiran minggu lalu" is over, "air masuk sejak minggu lalu" not;
    # so is "kebakaran pasar dulu", not "kabel putus, tolong matikan dulu"
    for i, w in enumerate(after[:3]):
        if w in ("dulu", "dahulu") and not set(after[:i]) & POLITE_BEFORE:
            return True
    # and "amblas waktu Seroja", not "putus di jalan Seroja"
    if _storm_named(after):
        return True
    # and "kena banjir tanggal 3", not "air masuk sejak tanggal 3"; but a
    # thing given way "sejak tahun lalu" has long stood so
    for i, (w, following) in enumerate(zip(after, after[1:])):
        since = bool(set(after[max(i - 2, 0) : i]) & SINCE)
        if following == "lalu" and w in PAST_UNITS:
            if not since or w in LONG_UNITS:
                return True
        elif w == "tanggal" and following.isdigit() and not since:
            return True
    return False


def _since_before(preceding: list[str]) -> bool:
    return any(
        w in PAST_DAYS and not (i and preceding[i - 1] in SINCE)
        for i, w in enumerate(preceding)
    )


def _feared(preceding: list[str]) -> bool:
    # from the last reset on: "takut karena kabel putus" is a fear of now
    for i in range(len(preceding) - 1, -1, -1):
        if preceding[i] in RESETS:
            preceding = preceding[i + 1 :]
            break
    return bool(set(preceding) & FEARS)


def _tells_past_event(clause: str, words: list[str]) -> bool:
    return (_since_before(words) or _past(words)) and any(
        part.search(clause) for kind in EVENTS for part in PARTS[kind]
    )


def _undone_today(words: list[str], later: list[tuple[str, str]]) -> bool:
    # "yg minggu lalu su dipotong, skrg yg sebelahnya rebah tutup jalan", not
    # "kemarin sudah diperbaiki, sekarang lampu sudah nyala"
    return (_since_before(words) or _past(words)) and any(
        TODAY.search(clause) and not set(clause.split()) & OVER for _, clause in later
    )


def _taken_back(after: list[str]) -> bool:
    return any(
        w == "ternyata" and after[i + 1 : i + 2] and after[i + 1] in RETRACTIONS
        for i, w in enumerate(after)
    )


def _negates(words: list[str], i: int) -> bool:
    # a negation of the response ("belum ditangani", "tidak ada petugas") leaves
    # the danger after it standing
    if words[i] not in NEGATIONS:
        return False
    after = words[i + 1 : i + 4]
    for filler in ("ada", "yang"):
        if after[:1] == [filler]:
            after = after[1:]
    return not (after[:1] and after[0] in RESPONSES)


def _conditional(after: list[str]) -> bool:
    # "rumah kebanjiran setiap hujan", "motor selip kalau hujan"
    return bool(set(after[:4]) & HABITS_AFTER) or any(
        after[i] in CONDITIONS_AFTER and after[i + 1] in WEATHER
        for i in range(min(len(after) - 1, 2))
    )


def _counts(
    clause: str,
    match: re.Match[str],
    alarm: bool = False,
    again: bool = False,
    event: bool = False,
) -> bool:
    # a "tidak"/"rawan" before the match or inside it ("air tidak masuk rumah",
    # "kabel rawan putus") undoes it, unless a "tapi" or "karena" comes between
    # ("tidak ada korban tapi kabel putus"); a "mau" only just before or inside,
    # and neither it nor a "hampir" when the resident sounds the alarm
    preceding = clause[: match.start()].split()
    inside = FIXED.sub(" ", match.group(0)).split()
    words = preceding + inside
    start = max(len(preceding) - WINDOW, 0)
    for i in range(len(preceding) - 1, start - 1, -1):
        if preceding[i] in RESETS:
            start = i + 1
            break
    if any(
        _negates(words, i)
        or (
            _maybe(words, i)
            and not (alarm and words[i] in IMMINENT)
            and not (again and words[i] in HABITS)
        )
        for i in range(start, len(words))
    ):
        return False
    # "mau" just before, not an attack "su mau" (about to, now: "ular su mau
    # patuk"), as a thing that "su mau putus" may hold for weeks
    near = range(max(len(preceding) - 1, 0), len(words))
    if not alarm and any(
        words[i] in NEAR_HYPOTHETICAL and not (event and i and words[i - 1] in OVER)
        for i in near
    ):
        return False
    if _feared(preceding) or (event and _since_before(preceding)):
        return False
    if event and preceding[-1:] and preceding[-1] in PAST_TIMES:
        return False  # "waktu tabrakan", "sejak ditabrak truk"
    if set(preceding[max(start, len(preceding) - WINDOW) :]) & REMAINS:
        return False  # "sekarang puing2 rumah yang terbakar masih di jalan"
    if _storm_named(preceding[start:]):
        return False  # "waktu Seroja April 2021 rumah kami air masuk sampe dada"
    after = clause[match.end() :].split()[: WINDOW + 2]
    if inside and inside[-1] in NEGATED_AFTER and set(after[:3]) & NEGATIONS:
        return False
    if _past(after) or (_conditional(after[:4]) and not again):
        return False
    if _taken_back(after):
        return False
    if after[:1] and after[0] in MINOR_AFTER and after[1:2] != after[:1]:
        return False
    # "kebakaran lahan di belakang perumahan tadi siang sudah padam": said to
    # be over later in its clause, up to a "tapi" — or just after one, of now
    # ("air sempat naik ke teras tapi skrg sdh surut")
    rest = clause[match.end() :].split()
    # "su lama berkeliaran … tapi hari ini dia gigit 2 anak": an old trouble
    # that turned into today's
    turned = any(w in RESETS and _of_today(rest, i) for i, w in enumerate(rest))
    for i, w in enumerate(rest):
        if w in RESETS:
            # or just after one, said at once ("api kecil tp su dipadamkan")
            said_over = rest[i + 1 : i + 2] and rest[i + 1] in OVER
            rest = rest[: i + 5] if _of_today(rest, i) or said_over else rest[:i]
            break
    return not any(
        w in RESOLVED
        and set(rest[max(i - 2, 0) : i]) & OVER
        and not (w == "lama" and turned)
        for i, w in enumerate(rest)
    )


def _reads(clause: str, kind: str, alarm: bool, again: bool) -> bool:
    return any(
        _counts(clause, m, alarm, again, kind in EVENTS)
        for part in PARTS[kind]
        for m in part.finditer(clause)
    )


def _no_victims(clause: str) -> bool:
    said = NO_VICTIMS.search(clause)
    return bool(said) and not set(clause[said.end() :].split()) & RESETS


@functools.lru_cache(maxsize=65_536)
def assess(text: str | None) -> tuple[Danger, ...]:
    """Each kind of immediate danger ``text`` describes, once, with its clause."""
    found: dict[str, Danger] = {}
    clauses = [
        (raw, _normal(ASIDE.sub(" ", raw)))
        for raw in CLAUSES.findall(text or "")
        if ASIDE.sub("", raw).strip()
    ] + [
        (raw, _normal(raw))
        for aside in ASIDE.findall(text or "")
        for raw in CLAUSES.findall(aside)
    ]
    if any(NOT_HERE.search(clause) for _, clause in clauses):
        return ()
    alarm = any(ALARM.search(clause) for _, clause in clauses)
    again = any(AGAIN_NOW.search(clause) for _, clause in clauses)
    fresh = 0  # the clauses from here on are not yet said to be over
    read_in: dict[str, str] = {}  # kind → the clause it was read in
    told_past = False  # an event of a day gone by is being told
    thanked = bool(clauses) and bool(THANKS.match(clauses[0][1]))
    for at, (raw, clause) in enumerate(clauses):
        # a danger named again is a danger of this clause too: its "sudah
        # aman" is about something else, not the end of what came before
        kinds = [kind for kind in DANGERS if _reads(clause, kind, alarm, again)]
        words = clause.split()
        told_past = _tells_past_event(clause, words) or (
            told_past and not set(words) & NOW
        )
        if told_past or (thanked and not set(words) & RESETS):
            # "motor saya jatuh di lubang minggu lalu, lutut luka": the story
            # of that day goes on until a word of now; a thank-you is for
            # help already given
            kinds = [kind for kind in kinds if kind not in EVENTS]
        if (
            not kinds
            and ALL_OVER.search(clause)
            and not _undone_today(words, clauses[at + 1 :])
        ):
            # a clause of its own saying it is over ends what came before it
            found.clear()
            fresh = at + 1
        elif not kinds and POWER_OFF.search(clause):
            found.pop("live_wire", None)  # the pole it came with still lies there
        for kind in kinds:
            if kind not in found:
                found[kind] = Danger(kind, _quote(raw))
                read_in[kind] = clause
    if (
        "injury" in found
        and ACCIDENTS.search(read_in["injury"])
        and any(_no_victims(c) for _, c in clauses)
    ):
        del found["injury"]  # "tabrakan kecil, tidak ada korban"
    if "live_wire" in found and any(DEAD_WIRE.search(c) for _, c in clauses):
        del found["live_wire"]  # "kabel menjuntai, tapi tidak ada aliran"
    if (
        "injury" in found
        and not SEVERE.search(read_in["injury"])
        and any(MINOR_HURT.search(c) for _, c in clauses)
    ):
        del found["injury"]  # "motor jatuh, tapi cuma lecet sedikit"
    clauses = clauses[fresh:]
    for kind, (cause, closing) in CLOSINGS.items():
        if kind in found or not any(
            _counts(c, m, alarm) for _, c in clauses for m in cause.finditer(c)
        ):
            continue
        for raw, clause in clauses:
            match = closing.search(clause)
            before = clause[: match.start()].split()[-WINDOW:] if match else []
            if match and not (
                set(before) & HYPOTHETICAL
                or any(_negates(before, i) for i in range(len(before)))
            ):
                found[kind] = Danger(kind, _quote(raw))
                break
    for kind, (threat, people) in THREATS.items():
        if kind in found or not any(people.search(c) for _, c in clauses):
            continue
        for raw, clause in clauses:
            match = threat.search(clause)
            before = clause[: match.start()].split()[-WINDOW:] if match else []
            if match and not any(_negates(before, i) for i in range(len(before))):
                found[kind] = Danger(kind, _quote(raw))
                break
    if not found and len(clauses) == 1:
        raw, clause = clauses[0]
        match = FALLEN_ON_STREET.search(clause)
        if match and _counts(clause, match, alarm):
            found["road_blocked"] = Danger("road_blocked", _quote(raw))
    return tuple(found.values())
