"""The words of immediate danger in Indonesian and Melayu Kupang (as normalised by
:mod:`layers.ai.lexicon`), and the words that undo them; read by
:mod:`layers.ai.urgency`. Language data, like the lexicon."""

from __future__ import annotations

import re

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
