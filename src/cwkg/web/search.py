"""Search over entity labels and aliases and claim quotes, in English and Arabic.

Text is folded before it is compared: Unicode NFKC, case-folded, Arabic diacritics
(harakat, shadda, sukun, superscript alef) and the tatweel removed, the alef forms
(أ إ آ ٱ) read as ا, ة as ه, ى as ي, and spaces collapsed. So "الأسد", "الاسد" and
"الأَسَد" find each other, as "Idleb" finds "idleb".

>>> fold("الأَسَـــد") == fold("الاسد")
True
>>> fold("مدينةٌ  كبرى") == fold("مدينه كبري")
True
>>> fold("  Khan SHEIKHOUN ")
'khan sheikhoun'

The static site's search (``static/search.js``) folds the same way; the browser tests
search the site in Arabic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Arabic harakat and Quranic marks (U+0610-061A, U+064B-065F, U+0670, U+06D6-06ED) and tatweel
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627",
                          "\u0671": "\u0627", "\u0629": "\u0647", "\u0649": "\u064a"})


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _MARKS.sub("", text).translate(_LETTERS)
    return " ".join(text.split())


@dataclass(frozen=True)
class Entry:
    kind: str        # "entity" | "claim"
    iri: str
    text: str        # the name or quote as written
    lang: str        # its language ('' when unknown)
    field: str       # label | alias | quote


class Index:
    """Every name and quote, folded once; a search is a scan for the folded words (every
    word must occur), names before quotes."""

    def __init__(self, entries: list[Entry], folded: list[str] | None = None):
        self.entries = entries
        self.folded = folded if folded is not None else [fold(e.text) for e in entries]

    def search(self, query: str) -> list[Entry]:
        words = fold(query).split()
        if not words:
            return []
        hits = [e for e, f in zip(self.entries, self.folded) if all(w in f for w in words)]
        order = {"label": 0, "alias": 1, "quote": 2}
        # exact names first, then the rest in their order
        whole = fold(query)
        return sorted(hits, key=lambda e: (order[e.field], fold(e.text) != whole))

    def to_json_rows(self) -> list[list[str]]:
        """[kind, iri, text, lang, field, folded] per entry, for the static site's search."""
        return [[e.kind, e.iri, e.text, e.lang, e.field, f]
                for e, f in zip(self.entries, self.folded)]
