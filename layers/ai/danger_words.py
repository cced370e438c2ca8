"""The words of immediate danger in Indonesian and Melayu Kupang (as normalised by
:mod:`layers.ai.lexicon`), and the words that undo them; read by
:mod:`layers.ai.urgency`. Language data, like the lexicon: written from what
the city's emergency desks hear (people hurt, live wires and sparks, fire and
gas, water in homes, fallen trees and poles across a road, bridges and roads
giving way, animals attacking), never from an evaluation set."""

from __future__ import annotations

import re

#: people, and the vehicles they ride, who can come to harm
PEOPLE = (
    r"(orang|warga|pengendara|pemotor|pejalan|penumpang|anak|balita|bocah|bayi"
    r"|siswa|murid|lansia|nenek|kakek|ibu|bapak|pemuda|sopir|supir|tukang"
    r"|motor|mobil|oto|angkot|bemo|truk|sepeda|kendaraan)"
)

#: kind → pattern over a normalised clause
DANGERS: dict[str, re.Pattern[str]] = {
    "injury": re.compile(
        r"\b(luka\w*|terluka|berdarah|cedera|pingsan|tewas|meninggal|korban"
        r"|tertimpa|terjepit|tersengat|kesetrum|tersetrum|disetrum|kena setrum"
        r"|tenggelam|terseret|hanyut|terjebak|terlempar|terlindas|kecelakaan"
        r"|tabrakan|bertabrakan|ditabrak|tertabrak|dikeroyok|tawuran|berkelahi"
        r"|dibacok|ditikam|senjata tajam|kritis|tidak sadarkan diri|ambulans"
        r"|patah (kaki|tangan|tulang|leher)"
        r"|(dilarikan|dibawa|dirawat|masuk) (ke )?(rumah sakit|rs|puskesmas))\b"
        rf"|\b{PEOPLE}\w*( \w+){{0,3}} (jatuh|terjatuh|terperosok|tergelincir"
        r"|terpeleset|terjungkal|terbalik|tercebur|terbawa arus|tersangkut"
        r"|terhimpit|terkurung|sesak)\b"
        r"|\bsesak (napas|nafas)\b"
        r"|\b(rumah|tembok|atap|bangunan|dinding|plafon|pagar)\w*( \w+){0,2}"
        r" (roboh|runtuh|ambruk)"
        r"|\b(tanah )?longsor( \w+){0,3} (menimpa|menutup|menimbun|rumah)"
    ),
    "live_wire": re.compile(
        r"\bkabel\w*( listrik\w*| pln)?( \w+){0,2} (putus|terputus|menjuntai"
        r"|terjuntai|jatuh|terbakar|berpercik|percik|memercik|nyetrum|menyetrum"
        r"|terkelupas|terbuka|melintang|menyentuh|menggantung rendah|berasap"
        r"|meletup|kena air|terendam)\b"
        r"|\b(api|asap|percikan)( \w+)? (dari|di) (kabel|tiang|trafo|travo|gardu"
        r"|lampu|meteran)"
        r"|\b(kabel|tiang|trafo|travo|gardu|lampu|meteran)\w*( \w+){0,4} keluar"
        r" (api|asap|percikan)"
        r"|\btiang (listrik|pln)\w*( \w+){0,2} (roboh|tumbang|patah|jatuh|rebah)\b"
        r"|\b(tiang|pagar|besi|seng|pipa|air|genangan)\w*( \w+){0,2} (nyetrum"
        r"|menyetrum|beraliran listrik|bertegangan|ada setrum)\b"
        r"|\b(trafo|travo|gardu|meteran listrik|kwh)\w*( \w+){0,3} (meledak"
        r"|terbakar|berasap|berpercik|memercik|meletup|korslet|konslet)\b"
        r"|\b(korslet|konslet|korsleting|konsleting|percikan api|berpercik"
        r"|berpercikan|percikan listrik|listrik bocor|setrum bocor)\b"
    ),
    "fire": re.compile(
        r"\b(kebakaran|terbakar|api\w* (membesar|menjalar|merembet|berkobar)"
        r"|dilalap api|kobaran api|berkobar|meledak|ledakan|asap (tebal|hitam"
        r"|mengepul)|gas bocor|bocor gas|bau gas|(tabung )?(gas|elpiji|lpg)\w*"
        r"( \w+){0,2} bocor|kebocoran (gas|elpiji))\b"
    ),
    "water_in_homes": re.compile(
        r"\b(air|banjir|genangan|lumpur)\w*( \w+){0,4} (masuk|merendam|menggenangi"
        r"|rendam|meluap)( \w+){0,2} (rumah|kamar|permukiman|pemukiman|dapur"
        r"|lantai|sekolah|kelas)"
        r"|\b(rumah|permukiman|pemukiman|kamar|lantai)\w*( \w+){0,3}"
        r" (kebanjiran|terendam|tenggelam|kemasukan air|tergenang)"
        r"|\bsetinggi (paha|dada|leher|pinggang|atap)\b"
        r"|\b(evakuasi|mengungsi|banjir bandang|air bah|arus deras)\b"
        r"|\bair\w*( \w+){0,2} (terus|makin|semakin|masih) naik\b"
        r"|\bair\w*( \w+){0,2} naik terus\b"
    ),
    "road_blocked": re.compile(
        r"\b(pohon|dahan|batang|tiang)\w*( \w+){0,6} (menutup|menutupi|menghalangi"
        r"|memblokir|melintang)\w*( \w+){0,2} (jalan|jalur|badan jalan|akses)"
        r"|\b(pohon|dahan|batang|tiang)\w*( \w+){0,4} menimpa (rumah|orang|warga"
        r"|pengendara|motor|mobil|oto|kendaraan|angkot|kabel)"
        r"|\b(pohon|dahan|batang|tiang)\w*( \w+){0,3} (tumbang|roboh|patah|jatuh)"
        r" (ke( tengah)?|di (tengah|badan)) (jalan|jalur)\b"
        r"|\bjalan\w*( \w+){0,2} (tertutup|terputus|terblokir) (pohon|dahan|batang"
        r"|longsor|tiang)"
    ),
    "collapse": re.compile(
        r"\b(jembatan|titian|deker|duiker|gorong gorong)\w*( \w+){0,4} (ambruk"
        r"|runtuh|roboh|amblas|ambles|anjlok|putus|patah|hanyut|jebol|terban)\b"
        r"|\b(jalan|badan jalan|aspal|talud|tanggul|bendungan|embung|tembok penahan)"
        r"\w*( \w+)? (amblas|ambles|anjlok|terban|longsor|ambruk|runtuh|jebol"
        r"|bobol|hanyut|putus|terbelah)\b"
        r"|\b(tanah )?longsor( \w+){0,3} (menutup|menutupi|menimbun) (jalan|akses"
        r"|jalur)"
        r"|\b(batu|bongkahan|tanah|tebing|material)\w*( \w+){0,2} (jatuh|runtuh"
        r"|longsor|ambruk) (ke|di|menutup|menutupi|menimpa)( tengah| badan)?"
        r" (jalan|rumah)"
    ),
    "animal": re.compile(
        r"\b(digigit|tergigit|diserang|dipatuk|dikejar|diseruduk)( \w+){0,2}"
        r" (anjing|ular|buaya|babi|sapi|kerbau|tawon|lebah)\b"
        r"|\b(anjing|ular|buaya|tawon|lebah)\w*( \w+){0,3} (menggigit|gigit"
        r"|menyerang|serang|mengejar|kejar)\b"
        r"|\b(ular|buaya)\w*( \w+){0,3} masuk (ke )?(dalam )?(rumah|kamar"
        r"|kelas|sekolah|dapur)\b"
        r"|\b(anjing\w*( \w+){0,2} rabies|ular (kobra|berbisa|piton|sanca))\b"
    ),
}
#: a fallen tree in the text and, in any clause, the road it closes: the
#: blocking words ("tidak bisa lewat") carry a "tidak" that is no negation
FALLEN = re.compile(
    r"\b(pohon|dahan|batang|tiang)\w*( \w+){0,3} (tumbang|roboh|patah|jatuh|rebah)"
)
CLOSED = re.compile(
    r"\b(tidak|belum) bisa (lewat|dilewati|dilalui|melintas|melewati|lalu)\b"
    r"|\bjalan\w*( \w+){0,2} (tertutup|buntu|terputus|lumpuh|terhalang)\b"
    r"|\b(tertutup|terhalang|terhalangi) (pohon|dahan|batang)"
    r"|\b(tengah|badan) jalan\b|\bmelintang\b"
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
        # Indonesian ways of saying "it could", "to prevent it", "in case"
        "takutnya",
        "khawatirnya",
        "dikhawatirkan",
        "potensi",
        "berisiko",
        "beresiko",
        "risiko",
        "resiko",
        "rentan",
        "terancam",
        "cegah",
        "mencegah",
        "antisipasi",
        "seandainya",
        "andai",
        "misalnya",
        "kemungkinan",
        # habits and the past are not danger now
        "sering",
        "pernah",
        "biasanya",
    }
)
#: "sudah …" just after a match: the danger is over. One line of words: the
#: residents' selesai is a word here, not the complaint state of that name.
_RESOLVED_WORDS = (
    "padam dipadamkan surut diperbaiki ditangani disingkirkan dipotong dievakuasi"
    " aman diamankan diangkat dibersihkan beres selesai normal reda"
)
RESOLVED = frozenset(_RESOLVED_WORDS.split())
#: nouns of harm that a negation just after undoes ("korban tidak ada",
#: "korban nihil")
NEGATED_AFTER = frozenset({"korban", "luka", "terluka", "cedera"})
