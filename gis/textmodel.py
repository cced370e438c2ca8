"""A small, explainable text classifier for short messages.

TF-IDF over word uni- and bigrams and over character 2–5-grams within word
boundaries (these carry typos, shorthand and affixes), a linear support-vector
machine, and probabilities calibrated with Platt scaling on cross-validated
decision values. Everything runs offline on scikit-learn; the fitted model is
one object that pickles to bytes.

The module knows no categories and no language: a caller passes its own
``lexicon`` (word → normal form) that :func:`normalise` applies before the
vectorisers see the text.
"""

from __future__ import annotations

import io
import pickle
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC

TOKEN = re.compile(r"[a-z0-9]+")
REPEATS = re.compile(r"([a-z])\1{2,}")


def normalise(text: str, lexicon: Mapping[str, str] = {}) -> str:  # noqa: B006
    """Lower case, accents and emoji gone, ``aaa`` → ``aa``, words through
    ``lexicon`` (only read, never changed)."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = REPEATS.sub(r"\1\1", text.encode("ascii", "ignore").decode())
    return " ".join(lexicon.get(w, w) for w in TOKEN.findall(text))


@dataclass
class TextClassifier:
    """A fitted classifier: ``labels`` in the order of its probability columns.

    Parameters
    ----------
    lexicon
        Word → normal form applied before vectorising (shorthand, dialect).
    c
        Regularisation of the linear SVM (larger fits the training data closer).
    seed
        Seed of the cross-validation folds of the calibration.
    """

    lexicon: dict[str, str] = field(default_factory=dict)
    c: float = 0.5
    seed: int = 0
    labels: list[str] = field(default_factory=list)
    pipeline: object = None

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> TextClassifier:
        """Fit on ``texts`` with their ``labels``; returns itself."""
        features = FeatureUnion(
            [
                (
                    "words",
                    TfidfVectorizer(
                        ngram_range=(1, 2),
                        min_df=2,
                        sublinear_tf=True,
                        max_features=40_000,
                    ),
                ),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=(2, 5),
                        min_df=3,
                        sublinear_tf=True,
                        max_features=60_000,
                    ),
                ),
            ]
        )
        folds = np.random.default_rng(self.seed).integers(0, 2**31 - 1)
        svm = LinearSVC(C=self.c, random_state=int(folds))
        calibrated = CalibratedClassifierCV(svm, method="sigmoid", cv=3, ensemble=False)
        self.pipeline = make_pipeline(features, calibrated)
        self.pipeline.fit([normalise(t, self.lexicon) for t in texts], list(labels))
        self.labels = [str(x) for x in self.pipeline.classes_]
        self._compile()
        return self

    def _compile(self) -> None:
        """Pull out what one text's probabilities need: scikit-learn's checks and
        dispatch cost far more than the arithmetic for a single short message."""
        features, calibrated = self.pipeline.steps[0][1], self.pipeline.steps[1][1]
        fitted = calibrated.calibrated_classifiers_[0]
        order = np.searchsorted(calibrated.classes_, fitted.estimator.classes_)
        self._vocabularies = [v.vocabulary_ for _, v in features.transformer_list]
        self._idf = [v.idf_ for _, v in features.transformer_list]
        self._weights = np.ascontiguousarray(fitted.estimator.coef_.T)
        self._intercept = fitted.estimator.intercept_
        self._a = np.array([c.a_ for c in fitted.calibrators])
        self._b = np.array([c.b_ for c in fitted.calibrators])
        self._order = order

    def _vector(self, doc: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and TF-IDF values of one normalised text."""
        features = self.pipeline.steps[0][1]
        columns, values, offset = [], [], 0
        for (_, vectoriser), vocabulary, idf in zip(
            features.transformer_list, self._vocabularies, self._idf
        ):
            counts: dict[int, int] = {}
            for term in vectoriser.build_analyzer()(doc):
                j = vocabulary.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if counts:
                j = np.fromiter(counts, dtype=np.intp, count=len(counts))
                v = (1.0 + np.log(np.fromiter(counts.values(), float))) * idf[j]
                columns.append(j + offset)
                values.append(v / np.sqrt(v @ v))
            offset += len(idf)
        if not columns:
            return np.empty(0, np.intp), np.empty(0)
        return np.concatenate(columns), np.concatenate(values)

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per label (rows sum to 1)."""
        return self.pipeline.predict_proba([normalise(t, self.lexicon) for t in texts])

    def probability(self, text: str) -> np.ndarray:
        """:meth:`probabilities` of one text, computed directly (same numbers)."""
        columns, values = self._vector(normalise(text, self.lexicon))
        scores = values @ self._weights[columns] + self._intercept
        calibrated = 1.0 / (1.0 + np.exp(self._a * scores + self._b))
        row = np.zeros(len(self.labels))
        row[self._order] = calibrated
        total = row.sum()
        return row / total if total > 0 else np.full(len(row), 1.0 / len(row))

    def similarities(self, text: str, others: Sequence[str]) -> np.ndarray:
        """Cosine similarity of ``text`` to each of ``others`` in the model's own
        TF-IDF space (the words and character n-grams it classifies on, weighted
        by the document frequencies of its training texts)."""
        query = self._sparse(text)
        return np.array([_cosine(query, self._sparse(other)) for other in others])

    def _sparse(self, text: str) -> dict[int, float]:
        columns, values = self._vector(normalise(text, self.lexicon))
        return dict(zip(columns.tolist(), values.tolist(), strict=True))

    def predict(self, texts: Sequence[str]) -> list[str]:
        """The most probable label of each text."""
        best = self.probabilities(texts).argmax(axis=1)
        return [self.labels[i] for i in best]

    def top(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """The ``k`` most probable labels of one text with their probabilities."""
        row = self.probability(text)
        order = np.argsort(-row, kind="stable")[:k]
        return [(self.labels[i], float(row[i])) for i in order]

    def to_bytes(self) -> bytes:
        """The fitted model as bytes (pickle; read back only what you stored)."""
        out = io.BytesIO()
        pickle.dump(self, out, protocol=pickle.HIGHEST_PROTOCOL)
        return out.getvalue()

    @staticmethod
    def from_bytes(data: bytes) -> TextClassifier:
        """A model written by :meth:`to_bytes`."""
        model = pickle.loads(data)  # noqa: S301 - our own artefact, checked by hash
        if not isinstance(model, TextClassifier):
            raise TypeError("not a TextClassifier")
        return model


def _cosine(a: Mapping[int, float], b: Mapping[int, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    dot = sum(v * b.get(j, 0.0) for j, v in a.items())
    norms = np.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return float(min(dot / norms, 1.0)) if norms > 0 else 0.0


def tfidf_similarities(
    text: str,
    others: Sequence[str],
    lexicon: Mapping[str, str] = {},  # noqa: B006
) -> np.ndarray:
    """Cosine similarity of ``text`` to each of ``others`` when no fitted model
    is at hand: the same word and character n-gram TF-IDF, its document
    frequencies taken from these texts alone."""
    if not others:
        return np.empty(0)
    docs = [normalise(t, lexicon) for t in [text, *others]]
    if not any(docs):
        return np.zeros(len(others))
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+"
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True
                ),
            ),
        ]
    )
    matrix = features.fit_transform(docs).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    dots = (matrix[1:] @ matrix[0].T).toarray().ravel()
    scale = norms[1:] * norms[0]
    return np.divide(dots, scale, out=np.zeros_like(dots), where=scale > 0).clip(0, 1)


def evaluate(
    model: TextClassifier, texts: Sequence[str], labels: Sequence[str]
) -> dict[str, object]:
    """Accuracy, macro-F1, per-label precision/recall/F1/support and the
    confusion matrix (rows: true label, columns: predicted, in ``model.labels``
    order) of ``model`` on held-out ``texts``."""
    predicted = model.predict(texts)
    names = model.labels
    precision, recall, f1, support = precision_recall_fscore_support(
        labels, predicted, labels=names, zero_division=0
    )
    return {
        "n": len(labels),
        "accuracy": float(accuracy_score(labels, predicted)),
        "macro_f1": float(
            f1_score(labels, predicted, labels=names, average="macro", zero_division=0)
        ),
        "per_label": {
            name: {
                "precision": float(p),
                "recall": float(r),
                "f1": float(f),
                "support": int(s),
            }
            for name, p, r, f, s in zip(names, precision, recall, f1, support)
        },
        "labels": names,
        "confusion": confusion_matrix(labels, predicted, labels=names).tolist(),
    }
