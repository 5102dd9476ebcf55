"""How a written figure becomes honest bounds, decided once for every claim.

"over 90" is a lower bound of 91 with no upper bound; "about 100" keeps its
stated value and gets no bounds, because the text gives none.

>>> bounds("more-than", 90)
(91, None)
>>> bounds("about", 100)
(None, None)
>>> bounds("hundreds", None), bounds("thousands", None)
((200, 999), (2000, 999999))
"""

from __future__ import annotations

QUALIFIERS = ("exactly", "about", "more-than", "at-least", "up-to", "dozens", "hundreds",
              "thousands")
NEEDS_VALUE = ("exactly", "about", "more-than", "at-least", "up-to")
# "affected" and "casualties" are the sources' own words when they say no more ("people
# affected by exposure", "six casualties"): reading them as exposed or killed would over-read
COUNTS = ("killed", "injured", "exposed", "affected", "casualties", "attacks")
GROUPS = ("people", "civilians", "children", "women", "opposition-fighters", "prisoners")
SUBGROUPS = ("children", "women")

# Word quantities: the smallest and largest number the word can honestly mean.
_WORD_RANGES = {"dozens": (24, 99), "hundreds": (200, 999), "thousands": (2000, 999_999)}


def bounds(qualifier: str, value: int | None) -> tuple[int | None, int | None]:
    """(minValue, maxValue) implied by a qualifier and the written number."""
    if qualifier in _WORD_RANGES:
        return _WORD_RANGES[qualifier]
    if qualifier == "exactly":
        return value, value
    if qualifier == "more-than":
        return value + 1, None
    if qualifier == "at-least":
        return value, None
    if qualifier == "up-to":
        return None, value
    if qualifier == "about":
        return None, None
    raise ValueError(f"unknown qualifier {qualifier!r}")
