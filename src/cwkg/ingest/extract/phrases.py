"""Phrase patterns from word tables: whole words, case-insensitive in English; in Arabic
with an optional clitic (و ف ب ل) before, and diacritics (حمّل) allowed after any letter.

>>> has_phrase("وحمّل التقرير", ["حمل"], "ar"), has_phrase("the regime's use", ["'s use"], "en")
(True, True)
"""

from __future__ import annotations

import re

ARABIC_MARKS = re.compile("[\u064b-\u0652\u0640]")  # harakat (shadda...) and tatweel
# web texts often drop the hamza of an alef ("اصابة" for "إصابة", "الاسد" for "الأسد"),
# write a final ya for an alef maqsura ("علي" for "على") and a ha for a ta marbuta
# ("اصابه" for "إصابة")
ALEFS = "اأإآ"
_SAME_LETTER = {**{ch: f"[{ALEFS}]" for ch in ALEFS}, "ى": "[ىي]", "ي": "[يى]", "ة": "[ةه]"}
_ALEF_FOLD = str.maketrans({**{ch: "ا" for ch in ALEFS}, "ى": "ي", "ة": "ه"})


def tolerant(phrase: str, lang: str) -> str:
    """An escaped phrase; in Arabic, diacritics (حمّل) may stand after any letter, and the
    letters web texts write for one another (أ/ا, ى/ي, ة/ه) are the same."""
    if lang != "ar":
        return re.escape(phrase)
    return "".join((_SAME_LETTER.get(ch) or re.escape(ch))
                   + ("[\u064b-\u0652\u0640]*" if ch.isalpha() else "") for ch in phrase)


def phrase_re(phrases, lang: str) -> re.Pattern:
    """Whole-word phrases; in Arabic also after the clitic ل, which takes the place of the
    article's alef ("للمساءلة" is ل + "المساءلة").

    >>> bool(phrase_re(["المساءلة"], "ar").search("يتعين إخضاعها للمساءلة"))
    True
    """
    phrases = set(phrases)
    if lang == "ar":
        phrases |= {"ل" + p[1:] for p in phrases if p.startswith("ال")}
    alt = "|".join(tolerant(p, lang) for p in sorted(phrases, key=len, reverse=True))
    if not alt:
        return re.compile(r"(?!)")
    if lang == "en":
        # a possessive cue ("'s use of") follows its agent with no space
        return re.compile(rf"(?:(?<![\w’'])|(?=['’]))(?:{alt})(?![\w])", re.IGNORECASE)
    return re.compile(rf"(?<!\w)(?:[وفبل])?(?:{alt})(?!\w)")


def has_phrase(text: str, phrases, lang: str) -> bool:
    return phrase_re(phrases, lang).search(text) is not None


def bare(word: str) -> str:
    """A cue as matched, without diacritics, clitic or case, to compare with a table."""
    return ARABIC_MARKS.sub("", word.lower()).translate(_ALEF_FOLD)
