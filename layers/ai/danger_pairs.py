"""Dangers a resident tells in two parts, read by :mod:`layers.ai.urgency`.

A cause in one clause and, in any clause of the same text, what makes it a
danger now: a fallen tree and the road it closes, a leaning thing and people
beneath it, water rising and someone who cannot get away, a dead traffic light
and the junction in chaos. Neither part alone is danger ("pohon tumbang" may lie
in a field; "tidak bisa lewat" may be a closed shop). The single-clause dangers
and the word fragments both use are :mod:`layers.ai.danger_words`. Language
data, never from an evaluation set."""

from __future__ import annotations

import re

from layers.ai.danger_words import DOWN, HUMANS, SIGNALS, TREES, WATER

#: a fallen tree in the text and, in any clause, the road it closes: the
#: blocking words ("tidak bisa lewat") carry a "tidak" that is no negation
FALLEN = re.compile(
    rf"\b{TREES}\w*( \w+){{0,8}} {DOWN}"
    r"|\b(truk|trailer|tronton|kontainer|muatan|bus|mobil)\w*( \w+){0,3} (jatuh"
    r"|terguling|terbalik|tumpah)\b"
    # or the road under water
    r"|\b(jalan|jalur)\w*( \w+){0,4} (tergenang|terendam|banjir)\b"
)
CLOSED = re.compile(
    r"\b(tidak|belum) (bisa|dapat) (lewat|dilewati|dilalui|melintas|melewati"
    r"|lalu|jalan|masuk|keluar|lolos|menyeberang|diseberangi|dilintasi)\b"
    r"|\b(jalan|jalur|akses)\w*( \w+){0,2} (tertutup|buntu|terputus|putus|lumpuh"
    r"|terhalang|tutup|terblokir)\b"
    r"|\b(tertutup|terhalang|terhalangi) (pohon|dahan|batang|kayu)"
    r"|\b(menghalangi|menghambat|mengganggu) (arus )?(lalu lintas|lalin|kendaraan)\b"
    r"|\b(menghalangi|menutup|menutupi|memblokir|halangi|tutup) ((ful|total|semua"
    r"|seluruh|separuh|sebagian|setengah|satu|dua|tiga|kedua|\d+) ){0,2}(jalan|jalur"
    r"|lajur|akses|badan jalan)\b"
    r"|\b(tengah|badan) jalan\b|\bmelintang\b"
    r"|\b(macet total|putar balik|memutar balik|cari jalan lain)\b"
    r"|\b(lalu lintas|lalin)( \w+)? (lumpuh|terhenti|macet|tersendat|terganggu)\b"
)
#: a report that says no more than a tree down on a street ("pohon rubu di Jl
#: Cak Doko"): the street is blocked; when it says more ("…, menimpa pagar"),
#: what it says decides
FALLEN_ON_STREET = re.compile(rf"\b{TREES}\w*( \w+){{0,3}} {DOWN} di jalan\b")
#: a bridge broken in the text and, in any clause, no one able to cross it
#: something about to come down in the text ("ayunan patah, tiangnya mau
#: jatuh", "pohon retak dan miring ke arah sekolah") and, in any clause,
#: people beneath or beside it now ("anak2 masih main di bawahnya"): a maybe
#: does not undo the first, the people make it danger
LEANING = re.compile(
    r"\b(pohon|dahan|batang|tiang|pagar|tembok|dinding|ayunan|perosotan|baliho"
    r"|reklame|papan|atap|plafon|menara|tandon|tangki|rambu|tribun|lampu|kap"
    r"|truk)\w*( \w+){0,10} ((mau|akan|hampir|nyaris) (jatuh|roboh|rubuh|tumbang"
    r"|ambruk|runtuh|patah|terbalik)|miring|condong|goyang|bergoyang|berayun"
    r"|retak besar|lepas|terlepas|menggantung|tergantung|melendut|melengkung"
    r"|(mulai|sudah) turun)\b"
)
PEOPLE_BENEATH = re.compile(
    rf"\b{HUMANS}\w*( \w+){{0,2}} (masih|sedang|lagi|ada) (main|bermain|di bawah"
    r"|di kelas|di dalam|jalan|berjalan|lewat|duduk|belajar|berteduh|ibadah"
    r"|berkumpul|antri|tidur|istirahat|jualan|berjualan|kerja|bekerja|menunggu)\b"
    rf"|\b{HUMANS}\w*( \w+){{0,4}} di bawah (situ|sana|sini)\b"
    rf"|\b{HUMANS}\w* (main|bermain)\b"
    rf"|\b(di bawahnya|di bawahnya ada|di bawah(nya)? masih ada|di bawah ada)"
    rf"( \d+| beberapa| banyak)? ({HUMANS}|rumah|kios|sekolah)"
    rf"|\b(banyak|ramai) ({HUMANS}|kendaraan|motor) (lewat|lalu lalang|melintas)"
    r"|\b(penonton|jemaat|pengunjung|murid|siswa)\w* (penuh|ramai|masih)"
    r"|\b(jalan|jalur|lajur)( \w+)? (yang )?ramai\b|\bdi atas (jalur|jalan|lajur)"
    r"|\b(lagi|sedang) ada (pertandingan|acara|ibadah|pasar)"
    r"|\b(kendaraan|motor|mobil|oto|angkot|bemo|truk)\w*( \w+){0,2} (masih|sedang"
    r"|lagi) (ramai |banyak )?(lewat|melintas|lalu lalang|parkir)\b"
    rf"|\b{HUMANS}\w*( (banyak|ramai|masih|sedang|lagi))+ (duduk|berdiri|tidur"
    r"|menunggu|tunggu|antri|antre|berkumpul|berteduh) di bawah"
    r"|\b(ramai|rame|penuh|banyak) (orang|anak|warga|pejalan|kendaraan|motor)\b"
    r"|\bdi atas (trotoar|halte)\b"
    r"|\bke arah (atap |rumah )*(rumah|atap|sekolah|kelas|gereja|masjid|halte"
    r"|pasar)\b|\b(miring|condong) ke (rumah|sekolah|kelas|gereja|masjid|halte)\b"
    rf"|\b(di )?dalam (rumah|kamar|kelas)( \w+)? (masih )?ada {HUMANS}\b"
    # not a habit ("siswa yang suka duduk di bawahnya")
    rf"|\b{HUMANS}\w*(?!( yang)? (suka|sering|biasa|selalu))( \w+){{0,5}}"
    r" (persis |tepat )?di bawahnya\b"
)
#: a thing said to come down any moment ("sebentar lagi roboh"): with one
#: leaning in the text, that is danger whoever is beneath
FALLING_SOON = re.compile(
    r"\b(sebentar lagi|tinggal tunggu waktu|tinggal menunggu waktu|kapan saja bisa"
    r"|bisa kapan saja)( \w+){0,2} (roboh|rubuh|tumbang|jatuh|ambruk|runtuh|patah"
    r"|ambrol|terbalik)\b"
    r"|\b(bisa|dapat|mau) (roboh|rubuh|tumbang|jatuh|ambruk|runtuh|patah|ambrol)"
    r"( \w+){0,2} kapan saja\b"
    r"|\b(takut|khawatir|dikhawatirkan)( \w+){0,2} (roboh|rubuh|tumbang|jatuh|ambruk"
    r"|runtuh|patah|ambrol) (hari ini|sekarang|malam ini|sebentar lagi)\b"
)
#: the threats, each with the kind it is
THREATS = {
    "collapse": (
        LEANING,
        re.compile(f"{PEOPLE_BENEATH.pattern}|{FALLING_SOON.pattern}"),
    )
}
BROKEN_BRIDGE = re.compile(
    r"\b(jembatan|titian)\w*( \w+){0,12} (rusak|hancur|patah|retak|miring|jebol|bolong"
    r"|berlubang|lapuk|goyang|bergoyang)"
)
CLOSED_BRIDGE = re.compile(
    r"\b(tidak|belum) (bisa|dapat) (lewat|dilewati|dilalui|melintas|melewati"
    r"|menyeberang|diseberangi|dilintasi)\b"
    r"|\b(roboh|runtuh|ambruk|rubuh|jatuh|hanyut|turun) ke (kali|sungai|bawah|laut"
    r"|jurang)\b"
    r"|\b(tutup|menutup|ditutup) jembatan\b"
    # "masih ada motor yg nekat lewat": people still crossing what gave way
    r"|\b(masih|tetap) (ada |banyak )?(orang|warga|anak|motor|kendaraan|mobil|oto"
    r"|siswa|murid)\w*( \w+){0,2} (lewat|melintas|menyeberang|melewati)\b"
    r"|\b(masih|tetap) (ada )?yang (nekat |juga )?(lewat|melintas|menyeberang"
    r"|melewati)\b"
    rf"|\b{HUMANS}\w*( \w+)? (masih|tetap) (nekat |juga )?(lewat|melintas"
    r"|menyeberang|melewati)\b"
)
#: a cause in the text and the closing that makes it a danger: kind → both
#: water or fire rising in the text and, in any clause, someone who cannot get
#: away from it ("oma sakit sonde bisa kaluar ruma, aer su sampe lutut")
RISING = re.compile(
    rf"\b({WATER}|api|asap)\w*( \w+){{0,2}} (sudah |masih |terus |mulai )?(sampai"
    r"|meluap|setinggi|sebatas|naik|masuk|mencapai|membesar|mendekat|menjalar)\b"
)
TRAPPED = re.compile(
    rf"\b{HUMANS}\w*( \w+){{0,4}} (tidak|belum) (bisa|dapat) (keluar|mengungsi"
    r"|menyelamatkan diri|lari|berjalan|jalan)\b"
)
#: an animal in the text and, in any clause, someone it set upon ("anjing dong
#: di jalan, barusan beta pung adik dikejar")
ANIMALS = re.compile(r"\b(anjing|ular|buaya|tawon|lebah|sapi|kerbau|babi|kuda)\w*\b")
ATTACKED = re.compile(
    r"\b(dikejar|diserang|diseruduk|diterkam|dicakar|dikeroyok|ditanduk)\b"
    r"|\b(kejar|mengejar|serang|menyerang|seruduk|menyeruduk|gigit|menggigit"
    r"|tanduk|menanduk|tabrak|menabrak) ((\d+|satu|seorang|dua|tiga|beberapa)"
    rf" )?({HUMANS}|pengendara|pemotor|lagi)"
)
#: a traffic light out in the text and, in any clause, the junction in chaos
SIGNAL_OUT = re.compile(
    rf"\b{SIGNALS}\w*( \w+){{0,10}} (mati|padam|rusak|error|eror|kedip|berkedip"
    r"|tidak (nyala|menyala|berfungsi)|(nyangkut|tersangkut|macet|stuck) (di )?(hijau"
    r"|merah|kuning))\b"
    # "Simpang Alak arah pelabuhan lampunya mati"
    r"|\b(simpang|perempatan|pertigaan|persimpangan|bundaran)\w*( \w+){0,4} lampu\w*"
    r"( \w+){0,2} (mati|padam|kedip|berkedip)\b"
)
CHAOS = re.compile(
    r"\b(hampir|nyaris) (\d+ ?x |\d+ kali |dua kali |beberapa kali )?(baku )?(tabrakan"
    r"|bertabrakan|adu banting|tabrak|ditabrak"
    r"|tertabrak|hantam|menghantam|tubruk|menubruk|serempet|senggol|kena|diseruduk"
    r"|keserempet|terserempet)\b"
    r"|\b((saling|baku) (terobos|serobot|rebut|menerobos|menyerobot|potong)|semrawut"
    r"|kacau balau"
    r"|kacau|adu banting|(saling|baku) (tabrak|bertabrakan|senggol|serempet)"
    r"|macet (total|terkunci))\b"
)
CLOSINGS = {
    "traffic_signal": (SIGNAL_OUT, CHAOS),
    "road_blocked": (FALLEN, CLOSED),
    "collapse": (BROKEN_BRIDGE, CLOSED_BRIDGE),
    "injury": (RISING, TRAPPED),
    "animal": (ANIMALS, ATTACKED),
}
