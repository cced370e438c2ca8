"""Indonesian wording for synthetic complaints and reporters (all invented)."""

from __future__ import annotations

TEMPLATES: dict[str, tuple[str, ...]] = {
    "jalan_berlubang": (
        "Jalan berlubang cukup dalam di {street} {place}, membahayakan pengendara motor.",
        "Ada lubang besar di {street} {place}, sudah beberapa hari belum ditambal.",
        "Lubang di tengah jalan {street}, kalau hujan tergenang dan tidak kelihatan.",
        "Mohon segera tambal lubang di {street} {place}, sudah ada yang jatuh.",
    ),
    "jalan_rusak": (
        "Aspal di {street} {place} terkelupas dan berbatu.",
        "Jalan {street} rusak parah {place}, kendaraan harus pelan sekali.",
        "Permukaan jalan {street} bergelombang dan retak {place}.",
    ),
    "lampu_jalan_mati": (
        "Lampu jalan (PJU) di {street} {place} mati, malam hari sangat gelap.",
        "Sudah seminggu lampu jalan {street} {place} tidak menyala.",
        "Beberapa tiang PJU di {street} padam, rawan kejahatan.",
        "Lampu PJU {place} di {street} berkedip lalu mati.",
    ),
    "kebersihan": (
        "Sampah menumpuk {place} di {street}, bau sekali.",
        "Tumpukan sampah di {street} {place} belum diangkut.",
        "Warga buang sampah sembarangan {place}, {street}. Mohon diangkut.",
        "Bak sampah di {street} penuh dan meluber {place}.",
    ),
    "drainase": (
        "Got di {street} {place} tersumbat sampah, air meluap ke jalan.",
        "Saluran air {street} {place} mampet dan berbau.",
        "Selokan di {street} rusak dan tersumbat lumpur.",
    ),
    "banjir": (
        "Genangan air setinggi lutut di {street} {place} setelah hujan.",
        "Banjir di {street} {place}, rumah warga kemasukan air.",
    ),
    "air_bersih": (
        "Air PDAM tidak mengalir sudah tiga hari di {street} {place}.",
        "Pipa air bocor di {street} {place}, air terbuang.",
        "Air bersih keruh di {street}, mohon diperiksa.",
    ),
    "pohon_tumbang": (
        "Pohon tumbang menutupi jalan {street} {place}.",
        "Dahan pohon besar di {street} {place} hampir patah, membahayakan.",
    ),
    "rambu_lalu_lintas": (
        "Lampu lalu lintas {place} di {street} mati.",
        "Rambu jalan di {street} {place} roboh.",
    ),
    "ketertiban_umum": (
        "PKL berjualan di trotoar {street} {place}, pejalan kaki turun ke jalan.",
        "Parkir liar di {street} {place} bikin macet.",
    ),
    "fasilitas_umum": (
        "Halte di {street} {place} rusak, atap bocor.",
        "Bangku taman {place} di {street} patah.",
        "Trotoar di {street} {place} rusak dan berlubang.",
    ),
}
PLACES = (
    "depan masjid",
    "dekat gereja",
    "depan sekolah",
    "samping pasar",
    "dekat puskesmas",
    "depan kantor lurah",
    "dekat jembatan",
    "di tikungan",
    "depan toko",
    "dekat pertigaan",
    "depan kios",
    "dekat lapangan",
)
FIRST_NAMES = (
    "Yohanes",
    "Maria",
    "Agustinus",
    "Theresia",
    "Fransiskus",
    "Yuliana",
    "Petrus",
    "Margaretha",
    "Daniel",
    "Ester",
    "Yosef",
    "Agnes",
    "Markus",
    "Ruth",
    "Stefanus",
    "Dewi",
    "Ahmad",
    "Siti",
    "Rudi",
    "Novi",
    "Hendrik",
    "Yanti",
    "Paulus",
    "Lusia",
)
FAMILY_NAMES = (
    "Manafe",
    "Ndolu",
    "Tefa",
    "Bessie",
    "Lay",
    "Benu",
    "Nubatonis",
    "Sinlae",
    "Fanggidae",
    "Riwu Kaho",
    "Pello",
    "Djami",
    "Tallo",
    "Lona",
    "Amalo",
    "Kana",
)
