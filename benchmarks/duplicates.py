"""Near-duplicate detection for `cwkg add`: how far apart are republished copies and
different documents? `python -m benchmarks.duplicates`

Positives: each seed and eval text against copies a republishing site would make
(re-spaced; straight quotes; a site header and footer added; one sentence dropped; a
"Read more" block of ~400 characters appended). Negatives: every pair of distinct texts.
Prints the score ranges, the errors at the thresholds in cwkg.ingest.duplicates, and time.
"""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path

from cwkg.ingest.duplicates import NEAR_RATIO, find_duplicate, normalise, similarity

REPO = Path(__file__).resolve().parents[1]
TEXTS = {p.stem: p.read_text("utf-8") for p in sorted((REPO / "data" / "sources").glob("*.txt"))}
TEXTS |= {p.stem: p.read_text("utf-8")
          for p in sorted((REPO / "benchmarks" / "extraction" / "eval").glob("*/*.txt"))}

def _drop_middle_sentence(text: str) -> str:
    """Remove the middle one of the text's sentences (ending in . ! ? or the Arabic ؟)."""
    ends = [m.end() for m in re.finditer(r"[.!?؟](?=\s)", text)]
    if len(ends) < 3:
        return text
    i = len(ends) // 2
    return text[:ends[i - 1]] + text[ends[i]:]


VARIANTS = {
    "re-spaced": lambda t: re.sub(r"\s+", "  ", t),
    "straight quotes": lambda t: t.replace("’", "'").replace("“", '"').replace("”", '"'),
    "header+footer": lambda t: "Republished from our partners | Syria news desk\n\n" + t +
    "\n\nShare this article: Facebook | Twitter | Email\n",
    "sentence dropped": _drop_middle_sentence,
    "read-more block": lambda t: t + "\n\nRead more: " + ("Related coverage and analysis from "
                                                          "our correspondents. " * 8),
}


def main() -> int:
    started = time.perf_counter()
    pos, neg = [], []
    for name, text in TEXTS.items():
        for variant, make in VARIANTS.items():
            pos.append((similarity(normalise(text), normalise(make(text))), name, variant))
    for (a, ta), (b, tb) in itertools.combinations(TEXTS.items(), 2):
        neg.append((similarity(normalise(ta), normalise(tb)), a, b))
    elapsed = time.perf_counter() - started
    missed = [p for p in pos if p[0] < NEAR_RATIO]
    false = [n for n in neg if n[0] >= NEAR_RATIO]
    print(f"{len(TEXTS)} texts, {len(pos)} republished copies, {len(neg)} distinct pairs, "
          f"{elapsed / (len(pos) + len(neg)) * 1000:.2f} ms per comparison")
    print(f"copies:   similarity {min(p[0] for p in pos):.1f} .. {max(p[0] for p in pos):.1f}"
          f"  (lowest: {min(pos)[1]}, {min(pos)[2]})")
    print(f"distinct: similarity {min(n[0] for n in neg):.1f} .. {max(n[0] for n in neg):.1f}"
          f"  (highest: {max(neg)[1]} vs {max(neg)[2]})")
    print(f"threshold {NEAR_RATIO}: {len(missed)} copies missed, {len(false)} distinct pairs "
          "refused")
    for variant in VARIANTS:
        scores = [p[0] for p in pos if p[2] == variant]
        print(f"  {variant:<17} min {min(scores):.1f}")
    assert find_duplicate(TEXTS["wh-2024-04-04"], {"x": TEXTS["wh-2024-04-04"]}).identical
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
