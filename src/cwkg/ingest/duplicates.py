"""Refuse a text that is already in data/: the same bytes, or a near-identical text
(the same article republished by another site, with its own header or footer).

Texts are compared after normalising what republishing changes (Unicode form,
case, curly quotes, whitespace). The similarity is rapidfuzz's normalised
Indel similarity (``fuzz.ratio``) of the two texts, or, when one text is much
shorter, of the shorter one against its best-matching window in the longer
(``fuzz.partial_ratio``), so an article inside a page with a header and a footer
is still caught; a text less than half as long as the other is compared whole, so a
statement quoted in full inside a longer report is not refused. The thresholds are measured in ``benchmarks/duplicates.py``.

>>> find_duplicate("The regime’s attack.", {"src:a": "the regime's  attack."}).similarity
100.0
>>> find_duplicate("Something else entirely.", {"src:a": "The regime's attack."}) is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

NEAR_RATIO = 85.0          # whole texts this similar are the same article (benchmarks/duplicates.py)
NEAR_PARTIAL = 95.0        # ... or the shorter text this similar to a window of the longer
MIN_PARTIAL_LENGTH = 300   # characters: shorter texts are compared whole only

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                         "–": "-", "—": "-", "\u00a0": " "})


def normalise(text: str) -> str:
    """The text as compared: NFKC, case-folded, straight quotes, single spaces.

    >>> print(normalise("  The  Regime’s “attack” "))
    the regime's "attack"
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Duplicate:
    source_id: str
    identical: bool
    similarity: float   # 0-100


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0-100 (see the module docstring)."""
    from rapidfuzz import fuzz

    whole = fuzz.ratio(a, b)
    short, long_ = sorted((a, b), key=len)
    # a window match only for a text that is most of the other (an article in a page), not
    # for a statement quoted in full inside a longer report
    if len(short) >= MIN_PARTIAL_LENGTH and len(short) * 1.1 < len(long_) <= len(short) * 2:
        partial = fuzz.partial_ratio(short, long_)
        if partial >= NEAR_PARTIAL:
            return max(whole, partial)
    return whole


def find_duplicate(text: str, existing: dict[str, str]) -> Duplicate | None:
    """The existing source ``text`` duplicates, if any: identical first, else the most similar."""
    norm = normalise(text)
    best: Duplicate | None = None
    for source_id, other in existing.items():
        other_norm = normalise(other)
        if other_norm == norm:
            return Duplicate(source_id, text == other, 100.0)
        score = similarity(norm, other_norm)
        if score >= NEAR_RATIO and (best is None or score > best.similarity):
            best = Duplicate(source_id, False, round(score, 1))
    return best
