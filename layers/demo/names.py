"""Names for the demo's synthetic reporters (all invented): common first names
in Kupang and family names of Timor, Rote, Sabu and Alor."""

from __future__ import annotations

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
