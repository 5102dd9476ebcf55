"""A source text cut into segments by its claims' quotes, overlapping quotes included.

Offsets are Unicode code points, start inclusive, end exclusive (Web Annotation), which is
what Python's ``str`` indexes. The text is cut at every quote's start and end; each segment
knows every claim that covers it (innermost first), so two overlapping quotes give three
segments: only the first, both, only the second.

>>> [(s.text, s.claims) for s in segments("one two three", [("a", 0, 7), ("b", 4, 13)])]
[('one ', ('a',)), ('two', ('a', 'b')), (' three', ('b',))]
>>> [(s.text, s.starts) for s in segments("xyz", [("a", 1, 2)])]
[('x', ()), ('y', ('a',)), ('z', ())]
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    text: str
    claims: tuple[str, ...]   # the claims whose quote covers it, the shortest quote first
    starts: tuple[str, ...]   # the claims whose quote starts here


def segments(text: str, spans: list[tuple[str, int, int]]) -> list[Segment]:
    """``spans``: (claim key, start, end). Spans outside the text are clipped to it."""
    size = len(text)
    spans = [(key, max(0, min(start, size)), max(0, min(end, size)))
             for key, start, end in spans]
    spans = [s for s in spans if s[2] > s[1]]
    cuts = sorted({0, size, *(s[1] for s in spans), *(s[2] for s in spans)})
    # shortest first, so a segment links to the most specific quote covering it
    ordered = sorted(spans, key=lambda s: (s[2] - s[1], s[1], s[0]))
    out = []
    for left, right in zip(cuts, cuts[1:]):
        covering = tuple(key for key, start, end in ordered if start <= left and right <= end)
        starting = tuple(key for key, start, _ in sorted(spans, key=lambda s: (s[1], s[0]))
                         if start == left)
        out.append(Segment(text[left:right], covering, starting))
    return out


def contexts(spans: list[tuple[str, str, str, str, int]]) -> list[tuple[str, str, str, str, int]]:
    """For a source whose text the graph does not hold: each quote with the words before
    and after it that the anchor keeps, in the order of the text.
    ``spans``: (claim key, prefix, exact, suffix, start)."""
    return sorted(spans, key=lambda s: (s[4], s[0]))
