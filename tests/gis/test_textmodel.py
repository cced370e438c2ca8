"""The text classifier: normalisation, the direct one-text path, storage."""

from __future__ import annotations

import random

import numpy as np
import pytest

from gis.textmodel import TextClassifier, evaluate, normalise, tfidf_similarities

WORDS = {
    "air": ("air", "pipa", "keran", "ledeng", "meteran"),
    "lampu": ("lampu", "tiang", "gelap", "padam", "bohlam"),
    "sampah": ("sampah", "bau", "lalat", "tumpukan", "kontainer"),
}
FILLER = ("di", "dekat", "rumah", "kami", "sudah", "tolong", "mohon", "jalan")


def _corpus(n: int, seed: int) -> tuple[list[str], list[str]]:
    r = random.Random(seed)
    texts, labels = [], []
    for _ in range(n):
        label = r.choice(sorted(WORDS))
        words = r.choices(WORDS[label], k=3) + r.choices(FILLER, k=4)
        r.shuffle(words)
        texts.append(" ".join(words))
        labels.append(label)
    return texts, labels


@pytest.fixture(scope="module")
def model() -> TextClassifier:
    texts, labels = _corpus(300, 1)
    return TextClassifier(lexicon={"aer": "air", "sonde": "tidak"}, seed=3).fit(
        texts, labels
    )


def test_normalise_folds_case_emoji_repeats_and_the_lexicon():
    assert normalise(
        "AER sonde jalaaaan!! 😡 Café", {"aer": "air", "sonde": "tidak"}
    ) == ("air tidak jalaan cafe")


def test_one_text_gives_exactly_what_scikit_learn_gives(model):
    texts, _ = _corpus(50, 2)
    texts += ["", "😡😡", "aer pipa bocor", "kata yang tidak dikenal"]
    batch = model.probabilities(texts)
    single = np.array([model.probability(t) for t in texts])
    np.testing.assert_allclose(single, batch, rtol=0, atol=1e-12)
    assert np.allclose(single.sum(axis=1), 1.0)


def test_top_is_sorted_and_the_model_learns(model):
    top = model.top("pipa air bocor di dekat rumah", k=3)
    assert [label for label, _ in top][0] == "air"
    assert [p for _, p in top] == sorted((p for _, p in top), reverse=True)
    assert model.top("sonde ada aer dari keran")[0][0] == "air"  # via the lexicon
    texts, labels = _corpus(100, 3)
    metrics = evaluate(model, texts, labels)
    assert metrics["accuracy"] >= 0.95 and metrics["n"] == 100
    assert metrics["labels"] == ["air", "lampu", "sampah"]
    assert sum(map(sum, metrics["confusion"])) == 100


def test_a_stored_model_reads_back_the_same(model):
    again = TextClassifier.from_bytes(model.to_bytes())
    text = "lampu tiang padam"
    assert again.top(text) == model.top(text) and again.labels == model.labels
    with pytest.raises(TypeError):
        TextClassifier.from_bytes(__import__("pickle").dumps({"not": "a model"}))


def test_similarity_is_the_cosine_of_the_models_own_tfidf_vectors(model):
    features = model.pipeline.steps[0][1]
    texts = ["pipa air bocor di dekat rumah", "aer pipa bocor dekat rumah kami"]
    texts += ["lampu tiang padam", "😡", "pipa air bocor di dekat rumah"]
    vectors = features.transform([normalise(t, model.lexicon) for t in texts])
    dense = vectors.toarray()
    norms = np.linalg.norm(dense, axis=1)
    expected = [
        0.0 if n == 0 else float(dense[0] @ row / (norms[0] * n))
        for row, n in zip(dense[1:], norms[1:], strict=True)
    ]
    got = model.similarities(texts[0], texts[1:])
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
    assert got[3] == pytest.approx(1.0) and got[2] == 0.0
    assert got[0] > 0.5 > got[1]  # the same leak in other words, not a lamp


def test_without_a_model_similarity_learns_its_weights_from_the_texts_at_hand():
    got = tfidf_similarities(
        "Pipa air bocor dekat rumah",
        ["PIPA AER BOCOR dekat rumah!!", "lampu tiang padam", "", "pipa air bocor"],
        {"aer": "air"},
    )
    assert got[0] == pytest.approx(1.0)  # case, noise and the lexicon folded away
    assert got[2] == 0.0 and 0.0 <= got[1] < 0.2 < got[3] < 1.0
    assert tfidf_similarities("apa saja", []).shape == (0,)
