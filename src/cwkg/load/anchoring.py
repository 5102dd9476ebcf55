"""Anchor a quote in its source text: offsets, prefix and suffix.

Offsets count Unicode code points, as the W3C Web Annotation model says, not
bytes: seed 000's curly apostrophes put "the loss of over 90 lives" at
character 882 but byte 886.

>>> text = "sarin gas, resulting in the loss of over 90 lives and exposing"
>>> a = anchor(text, "the loss of over 90 lives")
>>> (a.start, a.end, a.prefix, a.suffix)
(24, 49, 'sarin gas, resulting in ', ' and exposing')
>>> anchor("a b a", "a")
Traceback (most recent call last):
cwkg.load.anchoring.AnchorError: the quote occurs 2 times in the text (at characters 0, 4); add 'occurrence: N' to say which
"""

from __future__ import annotations

from .model import Anchor

CONTEXT = 32  # characters of prefix and suffix kept in each TextQuoteSelector


class AnchorError(ValueError):
    pass


def occurrences(text: str, quote: str) -> list[int]:
    found, start = [], text.find(quote)
    while start != -1:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def anchor(text: str, quote: str, occurrence: int | None = None) -> Anchor:
    """Locate ``quote`` in ``text``; ``occurrence`` (1-based) picks among repeats."""
    if not quote:
        raise AnchorError("the quote is empty")
    found = occurrences(text, quote)
    if not found:
        raise AnchorError(f"the quote does not occur in the text: {_near_miss(text, quote)}")
    if occurrence is None:
        if len(found) > 1:
            where = ", ".join(str(i) for i in found[:5])
            raise AnchorError(f"the quote occurs {len(found)} times in the text (at characters "
                              f"{where}); add 'occurrence: N' to say which")
        occurrence = 1
    if not 1 <= occurrence <= len(found):
        raise AnchorError(f"occurrence {occurrence} asked for, but the quote occurs "
                          f"{len(found)} time(s)")
    start = found[occurrence - 1]
    end = start + len(quote)
    return Anchor(exact=quote, start=start, end=end,
                  prefix=text[max(0, start - CONTEXT):start], suffix=text[end:end + CONTEXT])


def _near_miss(text: str, quote: str) -> str:
    """Say how much of the quote matches, to help find a typo or a straight/curly quote."""
    lo, hi = 0, len(quote)
    while lo < hi:  # longest prefix of the quote that occurs in the text
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return "not even its first character matches"
    bad = quote[lo]
    return (f"the first {lo} characters match, then the quote has {bad!r} "
            f"(U+{ord(bad):04X}) where the text differs")
