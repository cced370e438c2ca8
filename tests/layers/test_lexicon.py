"""Residents' spellings read as the plain Indonesian they stand for."""

from __future__ import annotations

import pickle

from gis.textmodel import normalise
from layers.ai.lexicon import NORMAL_FORMS


def test_shorthand_and_melayu_kupang_read_as_plain_indonesian():
    assert normalise("sonde ada aer, yg lain su lapor", NORMAL_FORMS) == (
        "tidak ada air yang lain sudah lapor"
    )


def test_a_word_doubled_with_a_2_reads_as_its_hyphenated_spelling():
    assert normalise("rumah2 terendam, tiba2 ana2 menangis", NORMAL_FORMS) == (
        normalise("rumah-rumah terendam, tiba-tiba anak-anak menangis", NORMAL_FORMS)
    )
    # a house number or an RT keeps its digit
    assert normalise("no 12, rt2 kel oebobo", NORMAL_FORMS) == "no 12 rt2 kel oebobo"


def test_the_forms_survive_a_stored_model():
    assert pickle.loads(pickle.dumps(NORMAL_FORMS)).get("tiba2") == "tiba tiba"


def test_a_melayu_kupang_ta_word_reads_as_its_ter_word():
    assert normalise("ana tapental, oto taguling, ruma tabakar", NORMAL_FORMS) == (
        "anak terpental oto terguling rumah terbakar"
    )
    # a word that only starts like one keeps its letters
    assert normalise("tanah tapi taman", NORMAL_FORMS) == "tanah tapi taman"
