"""Emerging terms: words and word pairs whose share of documents jumps.

A term's documents this period (c of C) are set against the baseline (b of B).
Under "nothing changed" the c + b documents holding it fall in the current
period with probability C / (C + B): a one-sided binomial test of c gives the
p-value, and the rate ratio (c / C) / ((b + ½) / B) says by how much it rose.
A term is *emerging* when it is in at least ``min_count`` current documents,
rose at least ``min_ratio`` times and its p-value is below ``alpha`` divided by
the number of terms tested (Bonferroni: hundreds of words are tried each time).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from scipy import stats

from gis.textmodel import normalise


def document_terms(
    text: str,
    lexicon: Mapping[str, str] = {},  # noqa: B006
    stop_words: Iterable[str] = (),
) -> set[str]:
    """The words (3 letters or more, or in the lexicon's output) and adjacent
    word pairs of ``text`` after normalisation, stop words left out."""
    stop = set(stop_words)
    words = normalise(text, lexicon).split()
    single = {w for w in words if w not in stop and len(w) >= 3 and not w.isdigit()}
    pairs = {
        f"{a} {b}"
        for a, b in zip(words, words[1:], strict=False)
        if a not in stop and b not in stop and not (a.isdigit() or b.isdigit())
    }
    return single | pairs


def emerging_terms(
    current: Sequence[str],
    baseline: Sequence[str],
    *,
    lexicon: Mapping[str, str] = {},  # noqa: B006
    stop_words: Iterable[str] = (),
    min_count: int = 3,
    min_ratio: float = 3.0,
    alpha: float = 0.01,
    examples: int = 3,
) -> list[dict]:
    """Terms of the ``current`` documents that rose against ``baseline``,
    strongest first, each with the indices of up to ``examples`` current
    documents holding it. A pair is kept over its words when they rose only
    with it (``air keruh`` rather than ``keruh``)."""
    stop = list(stop_words)
    now_terms = [document_terms(t, lexicon, stop) for t in current]
    then = Counter(t for d in baseline for t in document_terms(d, lexicon, stop))
    counts = Counter(t for d in now_terms for t in d)
    c_total, b_total = len(current), len(baseline)
    if not c_total or not b_total:
        return []
    share = c_total / (c_total + b_total)
    tested = [t for t, c in counts.items() if c >= min_count]
    threshold = alpha / max(len(tested), 1)
    found = []
    for term in tested:
        c, b = counts[term], then.get(term, 0)
        ratio = (c / c_total) / ((b + 0.5) / b_total)
        if ratio < min_ratio:
            continue
        p = float(stats.binom.sf(c - 1, c + b, share))
        if p < threshold:
            found.append(
                {"term": term, "current": c, "baseline": b, "ratio": ratio, "p": p}
            )
    pairs = {f["term"]: f for f in found if " " in f["term"]}
    kept = []
    for f in found:
        # a word that rose only inside a rising pair is told by the pair
        inside = [p for t, p in pairs.items() if f["term"] in t.split() and p is not f]
        if inside and any(p["current"] >= 0.8 * f["current"] for p in inside):
            continue
        f["examples"] = [i for i, d in enumerate(now_terms) if f["term"] in d][
            :examples
        ]
        kept.append(f)
    kept.sort(key=lambda f: (f["p"], -f["current"], f["term"]))
    return kept
