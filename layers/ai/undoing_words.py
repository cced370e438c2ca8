"""The words that undo a danger the text names, or keep it standing, in
Indonesian and Melayu Kupang (as normalised by :mod:`layers.ai.lexicon`): a
negation or a maybe before it, a habit, a condition or the past after it, a
clause saying it is over, the city's response rather than the danger negated, a
resident's alarm. Read by :mod:`layers.ai.urgency` beside the danger words of
:mod:`layers.ai.danger_words`; language data, never from an evaluation set."""

from __future__ import annotations

import re

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
        "apabila",
        "barangkali",
        "mengancam",
        "ancaman",
        "waspada",
        "sewaktu",
        # a drill is no fire ("simulasi kebakaran besok jam 9"); not "latihan",
        # which is also the football practice a tree falls on
        "simulasi",
        # habits and the past are not danger now
        "sering",
        "pernah",
        "biasanya",
        "setiap",
        "tiap",
        "selalu",
        "langganan",
        "bekas",
        "lalu",  # only after a unit of time: "tahun lalu"
        "dulu",  # only after a time: "waktu badai dulu", not "tolong cek dulu"
        "dahulu",
        # the 2021 cyclone, Kupang's measure of a flood long ago, only after
        # a time or a storm: "Jl. Seroja" is a street
        "seroja",
    }
)
#: a resident's alarm: with one of these anywhere in the text, a danger said
#: to be about to happen ("DARURAT, pohon besar mau tumbang ke rumah") counts
ALARM = re.compile(r"\b(darurat|sos|emergency|gawat|genting)\b")
#: the maybes an alarm overrides: "about to" and "almost", not "if" or "could"
IMMINENT = frozenset({"hampir", "nyaris"})
#: a maybe only inside the match or just before it ("pohon su mau rubu"), for
#: "mau" also asks ("beta mau lapor, ada kabel putus")
NEAR_HYPOTHETICAL = frozenset({"mau", "mo", "akan", "hendak", "bakal"})
#: "bisa" in a request ("tolong bisa segera dicek") is no maybe
POLITE_BEFORE = frozenset({"tolong", "mohon", "harap", "minta"})
POLITE_AFTER = frozenset(
    {"segera", "cepat", "datang", "dibantu", "bantu", "ditangani", "dicek", "tolong"}
)
#: "dapat" before news is receiving it ("dapat laporan kabel putus"), no maybe
NEWS = frozenset(
    {"laporan", "info", "informasi", "kabar", "berita", "aduan", "telepon"}
)
#: words after which a negation or a maybe earlier in the clause no longer
#: holds ("tidak ada korban tapi kabel putus", "takut karena kabel putus")
RESETS = frozenset(
    {
        "tapi",
        "tetapi",
        "namun",
        "cuma",
        "hanya",
        "sedangkan",
        "padahal",
        "karena",
        "sebab",
        "soalnya",
        "akibat",
        "ternyata",
        "malah",
        "bahkan",
        "sekarang",
    }
)
#: phrases of harm whose "tidak" is no negation
FIXED = re.compile(
    r"\btidak (sadarkan diri|sadar|bernyawa|bergerak|sengaja)\b"
    # a boat that has not come back
    r"|\b(tidak|belum) (kembali|pulang)\b"
    # a traffic light out ("lampu lalu lintas tidak berfungsi")
    r"|\b(tidak|belum) (nyala|menyala|berfungsi)\b"
    # someone who does not wake or answer ("sopir … sonde bangun")
    r"|\b(tidak|belum) (bangun|merespon|merespons|respon|respons|ada respon"
    r"|ada respons)\b"
    r"|\b(tidak|belum) (bisa|dapat) (dilewati|dilalui|lewat|dilintasi|diseberangi)\b"
    r"|\b(tidak|belum) (bisa|dapat) (bangun|bergerak|bernapas|bernafas|berdiri"
    r"|keluar dari)\b"
    r"|\b(tidak|belum) (naik|muncul|timbul)( naik| muncul| timbul)? (lagi"
    r"|ke permukaan|ke darat)\b"
)
#: units of time that a "lalu" after them puts in the past ("tahun lalu rumah
#: kami kebanjiran", "kebanjiran minggu lalu"), unless a "sejak" comes first
PAST_UNITS = frozenset(
    {"tahun", "bulan", "minggu", "pekan", "hari"}
    # "banjir Februari lalu"
    | {
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
    }
)
#: the units of time a danger is no longer new after ("roboh sejak tahun lalu",
#: while "air masuk sejak minggu lalu" still stands)
LONG_UNITS = PAST_UNITS - {"minggu", "pekan", "hari"}
#: words that a "dulu" a few words later puts in the past ("waktu banjir
#: Seroja dulu", "zaman dulu"), where alone it only asks ("cek dulu")
PAST_TIMES = frozenset({"waktu", "saat", "ketika", "pas", "zaman", "jaman", "sejak"})
#: days before today: an event told of them ("kemarin ada kecelakaan", "semalam
#: ada yang berkelahi") is over, while a state may still stand ("kemarin pohon
#: tumbang tutup jalan" still blocks it), and "sejak kemarin" is ongoing
PAST_DAYS = frozenset({"kemarin", "kemaren", "kmrn", "kmarin", "semalam"})
SINCE = frozenset({"sejak", "dari", "dr", "dri", "mulai"})
#: words of now that end the story of a day gone by ("kemarin ada yang jatuh
#: di situ, sekarang ada lagi motor terperosok")
NOW = frozenset({"sekarang", "kini", "tadi", "barusan", "masih", "lagi", "ini"})
#: the dangers that are events, over once they happened on a day before
EVENTS = frozenset({"injury", "fire", "animal"})
#: a fear holds to the end of its clause, however many words the feared thing
#: takes ("takut nanti ada yang sakit ko rumah tagenang", "sy takut trafo di
#: dekat rumah meledak"), but not past a "karena" ("takut karena kabel putus")
FEARS = frozenset({"takut", "khawatir", "kuatir", "kawatir", "cemas"})
#: words that, just after a match, put it in the past ("amblas waktu Seroja");
#: not "kemarin", which says when a danger still standing began
PAST_AFTER = frozenset({"seroja"})
#: the words before "seroja" that make it the cyclone, not the street
STORMS = frozenset({"badai", "siklon", "topan", "bencana"}) | PAST_TIMES
#: a clause saying the habit is happening now ("tiap hujan tiang bunyi
#: cetar2, dan skrg lagi begitu lagi"): the habits of the text then do not
#: undo it
AGAIN_NOW = re.compile(
    r"\b(sekarang|kini|barusan|ini) (lagi |sedang |juga )?(begitu|terjadi"
    r"|kejadian|seperti itu|kambuh)\b"
)
#: a word of this very day in a later clause ("kemarin su diperbaiki, ini sore
#: mati lai"): a repair on a day gone by then no longer ends what came before
TODAY = re.compile(
    r"\b(sekarang|kini|barusan|hari ini)\b|\bini (pagi|siang|sore|malam|hari)\b"
)
HABITS = frozenset({"sering", "setiap", "tiap", "selalu", "biasanya", "langganan"})
#: a word just after a match that makes it small ("tutup got pecah sedikit";
#: not "runtuh sedikit sedikit", little by little)
MINOR_AFTER = frozenset({"sedikit"})
#: a text saying it is no emergency, or that it is what the television, the
#: news or a chat group told ("bukan darurat ya min", "di TV tadi lihat banjir
#: di Jakarta", "katanya di grup WA ada berita anjing rabies")
NOT_HERE = re.compile(
    r"\b(bukan|tidak) (darurat|urgent|mendesak|bahaya|berbahaya|emergency)\b"
    r"|\b(di|dari|nonton|menonton|lihat) (tv|televisi)\b|\Aberita\b"
    r"|\b(di|dari|lihat|baca|membaca) berita\b|\bberita (tv|televisi)\b"
    r"|\b(grup|group) (wa|whatsapp|fb|facebook)\b|\bada berita\b"
)
#: "ternyata" and one of these after a match take it back ("beta bilang jalan
#: su putus, ternyata cuma ditutup")
#: (not "tidak": "ternyata tidak ada petugas" is the response negated)
RETRACTIONS = frozenset({"cuma", "hanya", "bukan"})
#: a resident saying no one is hurt: an accident the text names is then no
#: injury ("tabrakan kecil, tidak ada korban"), unless a "tapi" follows;
#: someone trapped still is one
NO_VICTIMS = re.compile(
    r"\b(tidak|belum|tak) ada (korban|yang (luka|terluka|cedera))\b(?! jiwa)"
    r"|\bkorban (tidak ada|nihil)\b"
)
#: the accidents that are over when no one is hurt: a collision, not a fall
#: into a hole still there ("sudah 3 motor jatuh, untung tidak ada korban")
ACCIDENTS = re.compile(
    r"\b(tabrak\w*|menabrak|nabrak|\w*serempet|rem blong|remnya blong"
    # a wall that came down with no one beneath ("roboh saat sekolah kosong")
    r"|roboh|rubuh|runtuh|ambruk|ambrol)\b"
)
#: words that, just after a match, make it a habit ("rumah kebanjiran setiap
#: hujan"), or a condition when the weather follows ("motor selip kalau hujan",
#: not "tiang nyetrum kalau dipegang")
HABITS_AFTER = frozenset({"setiap", "tiap", "sering", "biasanya", "selalu"})
CONDITIONS_AFTER = frozenset({"kalau", "jika", "bila", "apabila"})
WEATHER = frozenset({"hujan", "angin", "banjir", "musim", "pasang", "malam", "ujan"})
#: "hampir" before a quantity is "almost all", no maybe ("hampir semua rumah")
QUANTITIES = frozenset({"semua", "seluruh", "sebagian", "separuh", "setengah", "satu"})
#: what a negation undoes when it is the city's response, not the danger:
#: "belum ditangani", "tidak ada petugas" leave the kabel putus after them
RESPONSES = frozenset(
    {
        "diperbaiki",
        "ditangani",
        "dicek",
        "diangkat",
        "dipotong",
        "dibersihkan",
        "ditindaklanjuti",
        "direspon",
        "direspons",
        "diurus",
        "diganti",
        "datang",
        "petugas",
        "tindakan",
        "respon",
        "perbaikan",
        "penanganan",
        "tanggapan",
        "bantuan",
        "pertolongan",
        "dievakuasi",
        "ditolong",
        "bantu",
        "membantu",
        "peduli",
        "lama",
        # "api belum padam": the fire-fighting that has not come yet
        "padam",
        "dipadamkan",
    }
)
#: "sudah …" just after a match: the danger is over. One line of words: the
#: residents' selesai is a word here, not the complaint state of that name.
_RESOLVED_WORDS = (
    "padam dipadamkan surut diperbaiki ditangani disingkirkan dipotong dievakuasi"
    " aman diamankan diangkat dibersihkan beres selesai normal reda berhenti"
    " dimatikan diputus ditolong diselamatkan diganti ditangkap tenang"
    # "tawuran … sudah dibubarkan polisi"
    " dibubarkan bubar"
    # "ular masuk rumah tadi malam, sudah dibunuh bapa"
    " dibunuh diusir"
    # "kabel yang putus sudah disambung petugas"
    " disambung tersambung ditambal"
    # "bau gas sudah hilang": the smell is gone
    " hilang"
    # "sudah lama": an old trouble, not a danger that began now
    " lama"
)
RESOLVED = frozenset(_RESOLVED_WORDS.split())
#: a clause of its own saying it is all over ("Kebakaran di pasar, api sudah
#: padam", "sekarang sudah aman"): the dangers before it are over too
ALL_OVER = re.compile(
    r"\b(sudah|telah|berhasil)( \w+)? (padam|dipadamkan|surut|diperbaiki"
    r"|ditangani|disingkirkan|dipotong|diangkat|dibersihkan|diganti|aman|beres|selesai"
    r"|dibunuh|diusir"
    r"|normal|reda|ditangkap|tenang)\b"
    r"|\b(sekarang|kini|hari ini) (sudah )?(aman|normal|beres|selesai|tenang)\b"
    # "PLN sudah datang perbaiki"
    r"|\b(sudah|telah)( \w+)? (diamankan|dibubarkan|disambung|tersambung|ditambal)\b"
    r"|\b(sudah|telah) (datang|tiba|di lokasi)( \w+)? (perbaiki|memperbaiki|tangani"
    r"|menangani|padamkan|memadamkan|amankan|mengamankan)\b"
)
#: the power cut off ("tapi sudah dimatikan oleh petugas PLN"): a live wire
#: before it is over, not the pole it came with lying across the road
POWER_OFF = re.compile(r"\b(sudah|telah)( \w+)? (dimatikan|diputus)\b")
#: the words that, up to two before one of those, say it is over
OVER = frozenset({"sudah", "telah", "berhasil"})
#: a wire said to carry no power ("lampunya sudah lama mati dan tidak ada
#: aliran"): no live wire, whatever it hangs over
DEAD_WIRE = re.compile(
    r"\b(tidak|tak|belum) (ada )?(aliran|arus|setrum|tegangan)( listrik)?\b"
    r"|\b(tidak|tak) (beraliran|bertegangan|nyetrum|menyetrum|bersetrum)\b"
)
#: a hurt said to be small ("cuma lecet sedikit", "untung hanya kaget"): an
#: injury the text names is then none, unless its own clause says worse
MINOR_HURT = re.compile(
    r"\b(cuma|cuman|hanya|untung|syukur|puji tuhan)( \w+){0,3} (lecet|memar|lebam"
    r"|luka ringan|luka kecil|luka sedikit|tergores|keseleo|kaget|syok|shock|benjol"
    r"|baret|terkilir)\b"
)
SEVERE = re.compile(
    r"\b(pingsan|berdarah|darah|patah|tidak sadar\w*|meninggal|tewas|kritis|parah"
    r"|tertimpa|terjepit|kesetrum|tersetrum|hanyut|tenggelam|terseret|terjebak)\b"
)
#: nouns of harm that a negation just after undoes ("korban tidak ada",
#: "korban nihil")
NEGATED_AFTER = frozenset({"korban", "luka", "terluka", "cedera"})
#: what a danger left behind ("puing2 rumah yang terbakar", "bekas longsor"),
#: a word or few before it
REMAINS = frozenset({"puing", "bekas", "reruntuhan"})
#: "kalau" before a touch is no maybe: "kalau disentuh ada setrumnya" is
#: how the pole is now
TOUCHES = frozenset(
    {"disentuh", "dipegang", "pegang", "sentuh", "menyentuh", "memegang"}
)
#: a text that opens with thanks ("Terima kasih damkar …") thanks for help
#: with what is told, unless a "tapi" or "sekarang" brings a danger of now
THANKS = re.compile(r"^(terima kasih|terimakasih|thanks|thank you)\b")
