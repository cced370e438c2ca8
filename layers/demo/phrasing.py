"""Complaint descriptions the way Kupang residents write them.

A description is put together from the category's pieces in :mod:`layers.demo.texts`
(problem, place, how long, a detail, a request) in one of several registers:
formal letter, plain Indonesian, WhatsApp shorthand (yg, tdk, sdh, tlg, jln) and
Melayu Kupang (beta, sonde, su, dong, pung); then, now and then, all capitals,
emoji, a typo or two, a detail that belongs to a neighbouring category (residents
mix them), or a clause describing immediate danger.

Everything is drawn from the ``random.Random`` the caller passes, so a seed gives
the same texts.
"""

from __future__ import annotations

import random
import re

from layers.demo import texts

#: register → weight
REGISTERS = {"formal": 0.25, "plain": 0.3, "whatsapp": 0.25, "kupang": 0.2}
#: chance of each overlay on a description
CAPS, EMOJI, TYPO, MIXED, DANGER, TERSE = 0.06, 0.15, 0.2, 0.1, 0.03, 0.12
#: categories residents confuse: a detail of the second turns up in the first
NEIGHBOURS = {
    "jalan_berlubang": ("jalan_rusak", "drainase"),
    "jalan_rusak": ("jalan_berlubang",),
    "lampu_jalan_mati": ("rambu_lalu_lintas", "ketertiban_umum"),
    "kebersihan": ("drainase",),
    "drainase": ("banjir", "kebersihan"),
    "banjir": ("drainase",),
    "air_bersih": ("drainase",),
    "pohon_tumbang": ("lampu_jalan_mati", "jalan_rusak"),
    "rambu_lalu_lintas": ("lampu_jalan_mati",),
    "ketertiban_umum": ("kebersihan", "fasilitas_umum"),
    "fasilitas_umum": ("ketertiban_umum", "lampu_jalan_mati"),
}
#: WhatsApp shorthand (each word abbreviated with some chance, as people do)
SHORTHAND = {
    "yang": ("yg",),
    "tidak": ("tdk", "gak", "ga", "nggak"),
    "sudah": ("sdh", "udh", "udah"),
    "tolong": ("tlg", "tolong"),
    "jalan": ("jln", "jl"),
    "dengan": ("dgn",),
    "karena": ("krn", "karna"),
    "sekarang": ("skrg",),
    "untuk": ("utk",),
    "sampai": ("sampe", "smp"),
    "banyak": ("byk",),
    "saya": ("sy", "aku"),
    "dari": ("dr",),
    "belum": ("blm",),
    "juga": ("jg",),
    "lagi": ("lg",),
    "mohon": ("mhn",),
    "segera": ("sgr", "cepat"),
    "kalau": ("klo", "kalo"),
    "hari": ("hr",),
    "rumah": ("rmh",),
    "dekat": ("dkt",),
    "depan": ("dpn",),
    "bisa": ("bs",),
    "orang": ("org",),
    "sangat": ("sgt", "bgt"),
    "sekali": ("bgt", "bener"),
    "minggu": ("mgg",),
    "terima": ("trima",),
    "kasih": ("kasih",),
    "bapak": ("pak",),
    "air": ("air",),
    "sebelum": ("sblm",),
    "tetapi": ("tp",),
    "tapi": ("tp",),
    "pagi": ("pg",),
    "malam": ("mlm",),
    "lampu": ("lampu",),
}
#: plain Indonesian → Melayu Kupang
KUPANG = {
    "saya": "beta",
    "aku": "beta",
    "kami": "katong",
    "kita": "katong",
    "tidak": "sonde",
    "sudah": "su",
    "punya": "pung",
    "dengan": "deng",
    "juga": "ju",
    "kamu": "lu",
    "mereka": "dong",
    "belum": "balom",
    "lagi": "lai",
    "saja": "sa",
    "sekali": "skali",
    "begitu": "bagitu",
    "kenapa": "kanapa",
    "bagaimana": "bagemana",
    "hujan": "ujan",
    "air": "aer",
    "lihat": "lia",
    "pergi": "pi",
    "semua": "samua",
    "kasih": "kasi",
    "bikin": "bekin",
    "takut": "taku",
    "sebentar": "sabantar",
    "besar": "basar",
    "sampai": "sampe",
    "datang": "datang",
    "sekarang": "sakarang",
    "terlalu": "talalu",
}
KUPANG_TAGS = (
    "Tolong dong.",
    "Bagemana ni?",
    "Katong su capek lapor.",
    "Sonde ada yang urus ko?",
    "Tolong dong bapa dong.",
    "Mama dong su mengeluh.",
    "Beta pung rumah dekat situ.",
)
CASUAL_TAGS = ("dong", "nih", "ya", "sih", "gan", "pak", "min")
EMOJI_ALL = ("🙏", "😡", "😭", "😤", "⚠️", "‼️", "🙏🙏", "😩", "🤦", "👍")
EMOJI_OF = {
    "lampu_jalan_mati": ("💡", "🌑"),
    "kebersihan": ("🗑️", "🤢"),
    "banjir": ("🌊", "☔"),
    "drainase": ("🤢", "🌧️"),
    "pohon_tumbang": ("🌳", "🌲"),
    "rambu_lalu_lintas": ("🚦", "🚥"),
    "jalan_berlubang": ("🚧", "🏍️"),
    "jalan_rusak": ("🚧",),
    "air_bersih": ("🚰", "💧"),
    "ketertiban_umum": ("😠",),
    "fasilitas_umum": ("🏚️",),
}
WORD = re.compile(r"[A-Za-z]+")


def _pick(r: random.Random, items: tuple[str, ...]) -> str:
    return items[int(r.random() * len(items))]


def _location(r: random.Random, street: str, place: str) -> str:
    template = _pick(r, texts.LOCATIONS)
    return template.format(street=street, place=place, rt=r.randint(1, 9))


def _clauses(category: str, street: str, place: str, r: random.Random) -> list[str]:
    """The content of a report: problem, then what a resident adds to it."""
    problem = _pick(r, texts.PROBLEMS[category]).format(lok=_location(r, street, place))
    if r.random() < 0.45:
        duration = _pick(r, texts.DURATIONS).format(n=r.randint(2, 9))
        problem = (
            f"{problem} {duration}" if r.random() < 0.7 else f"{duration} {problem}"
        )
    clauses = [problem]
    if r.random() < TERSE:
        return clauses
    if r.random() < 0.55:
        clauses.append(_pick(r, texts.DETAILS[category]))
    if r.random() < MIXED:
        clauses.append(_pick(r, texts.DETAILS[_pick(r, NEIGHBOURS[category])]))
    if r.random() < DANGER:
        clauses.append(_pick(r, texts.DANGER[category]))
    if r.random() < 0.6:
        asks = texts.ASKS[category] if r.random() < 0.6 else texts.GENERIC_ASKS
        clauses.append(_pick(r, asks))
    return clauses


def _sentence(clause: str) -> str:
    clause = " ".join(clause.split())
    return clause[:1].upper() + clause[1:] + "."


def _formal(clauses: list[str], r: random.Random) -> str:
    parts = (
        [_pick(r, texts.OPENINGS).format(rt=r.randint(1, 9))]
        if r.random() < 0.7
        else []
    )
    parts += [_sentence(c) for c in clauses]
    if r.random() < 0.6:
        parts.append(_pick(r, texts.CLOSINGS))
    return " ".join(parts)


def _plain(clauses: list[str], r: random.Random) -> str:
    text = ", ".join(" ".join(c.split()) for c in clauses)
    if r.random() < 0.3:
        text = f"{text} {_pick(r, CASUAL_TAGS)}"
    return _sentence(text) if r.random() < 0.6 else text


def _words(text: str, replace: object) -> str:
    return WORD.sub(lambda m: replace(m.group(0)), text)


def _whatsapp(clauses: list[str], r: random.Random) -> str:
    def shorten(word: str) -> str:
        options = SHORTHAND.get(word.lower())
        return _pick(r, options) if options and r.random() < 0.75 else word

    text = _words(" ".join(" ".join(c.split()) for c in clauses), shorten)
    text = text.replace("Jl. ", _pick(r, ("jl ", "jln ", "Jl.", "Jln. ")))
    if r.random() < 0.4:
        text += _pick(r, ("!!", "!!!", " pak", " min", " tlg ya", " mksh"))
    return text.lower() if r.random() < 0.7 else text


def _kupang(clauses: list[str], r: random.Random) -> str:
    def translate(word: str) -> str:
        found = KUPANG.get(word.lower())
        return found if found and r.random() < 0.85 else word

    text = _words(", ".join(" ".join(c.split()) for c in clauses), translate)
    text = text.replace("tidak ada", "sonde ada").replace("mohon", "tolong")
    if r.random() < 0.5:
        text = f"{text} {_pick(r, KUPANG_TAGS)}"
    elif r.random() < 0.5:
        text = f"{text} dong"
    if r.random() < 0.3:
        text = (
            _pick(r, ("Bapa, ", "Mama, ", "Kaka, ", "Pak, ", "Beta mau lapor, ")) + text
        )
    return text


def _typo(text: str, r: random.Random) -> str:
    """One slip of the thumb: a swapped, dropped or doubled letter."""
    words = [m for m in WORD.finditer(text) if len(m.group(0)) >= 5]
    if not words:
        return text
    m = words[int(r.random() * len(words))]
    w, i = m.group(0), r.randint(1, len(m.group(0)) - 2)
    kind = r.random()
    if kind < 0.4:
        w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    elif kind < 0.7:
        w = w[:i] + w[i + 1 :]
    else:
        w = w[:i] + w[i] + w[i:]
    return text[: m.start()] + w + text[m.end() :]


def compose(category: str, street: str, place: str, r: random.Random) -> str:
    """A resident's description of a ``category`` problem on ``street``."""
    clauses = _clauses(category, street, place, r)
    register = r.choices(list(REGISTERS), weights=list(REGISTERS.values()))[0]
    text = {
        "formal": _formal,
        "plain": _plain,
        "whatsapp": _whatsapp,
        "kupang": _kupang,
    }[register](clauses, r)
    for _ in range(2):
        if r.random() < TYPO:
            text = _typo(text, r)
    if r.random() < CAPS:
        text = text.upper()
    if r.random() < EMOJI:
        mark = _pick(r, EMOJI_OF[category]) if r.random() < 0.5 else _pick(r, EMOJI_ALL)
        text = f"{text} {mark * r.randint(1, 3)}"
    return text
