"""Arabic numbers written in words, 1 to 999,999: "ألف واربعمئة" (1400), "الفين وثلاثة عشر"
(2013), "ثلاثمائة" (300), "خمسون" (50), "مئتين" (200), "ثلاثة آلاف" (3000), with or without
hamzas, with the definite article (المئة) and the conjunction و between the parts.

>>> parse_arabic_words("ألف واربعمئة"), parse_arabic_words("الفين وثلاثة عشر")
(1400, 2013)
>>> parse_arabic_words("ثلاث مئة وخمسون"), parse_arabic_words("المئتين")
(350, 200)
>>> parse_arabic_words("كثيرة") is None
True
"""

from __future__ import annotations

import re

_DIACRITICS = re.compile("[\u064b-\u0652\u0640]")   # tanween, short vowels, shadda, tatweel

# canonical spellings (with hamzas, as usually written); lookups normalise both sides
_UNITS = {"واحد": 1, "واحدة": 1, "أحد": 1, "إحدى": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
          "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2, "ثلاث": 3, "ثلاثة": 3,
          "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7,
          "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9}
_TEN = {"عشر": 10, "عشرة": 10}
_TENS = {stem + end: 10 * i for i, stem in enumerate(
    ["عشر", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"], start=2) for end in ("ون", "ين")}
_HUNDRED = {"مئة": 100, "مائة": 100}
_TWO_HUNDRED = {"مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200, "مئتا": 200,
                "مائتا": 200, "مئتي": 200, "مائتي": 200}
_HUNDREDS = {stem + h: 100 * i for i, stem in enumerate(
    ["ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"], start=3) for h in ("مئة", "مائة")}
_THOUSAND = {"ألف": 1000, "ألفا": 1000, "آلاف": 1000, "ألوف": 1000}
_TWO_THOUSAND = {"ألفان": 2000, "ألفين": 2000}

def normalise(word: str) -> str:
    """A word without diacritics, with bare alifs and ة as ه: how the tables are looked up."""
    word = _DIACRITICS.sub("", word)
    return word.translate(str.maketrans("أإآٱىة", "اااايه"))


def _table(*tables: dict) -> dict[str, int]:
    return {normalise(w): v for t in tables for w, v in t.items()}


_U, _T10, _TN = _table(_UNITS), _table(_TEN), _table(_TENS)
_H1, _H2, _HN = _table(_HUNDRED), _table(_TWO_HUNDRED), _table(_HUNDREDS)
_K1 = _table({w: v for w, v in _THOUSAND.items() if w != "ألفا"})
_K2 = _table(_TWO_THOUSAND)
_KA = normalise("ألفا")   # 1000 after 11-99 ("أحد عشر ألفا"), or alone (ألفاً, accusative)


def _surface() -> tuple[str, ...]:
    words = set()
    for t in (_UNITS, _TEN, _TENS, _HUNDRED, _TWO_HUNDRED, _HUNDREDS, _THOUSAND, _TWO_THOUSAND):
        for w in t:
            for form in {w, w.translate(str.maketrans("أإآ", "ااا"))}:
                words.add(form)
                if form.endswith("ة"):
                    words.add(form[:-1] + "ه")
    article = {normalise(w) for t in (_TENS, _HUNDRED, _TWO_HUNDRED, _HUNDREDS) for w in t}
    words |= {"ال" + w for w in words if normalise(w) in article}   # المئة، المئتين، العشرين
    return tuple(sorted(words, key=len, reverse=True))


#: every surface form, for building patterns (with and without hamzas, ة or ه, المئة)
SURFACE_WORDS = _surface()


def parse_arabic_words(text: str) -> int | None:
    """The number ``text`` writes in Arabic words, or None if it is not one."""
    tokens = [normalise(t) for t in text.split()]
    if not tokens:
        return None
    total = current = 0
    last = None   # kind of the previous token
    for i, raw in enumerate(tokens):
        joined = raw.startswith("و") and normalise(raw[1:]) in _ALL
        tok = raw[1:] if joined and raw not in _ALL else raw
        if i and not joined and tok not in _SCALES_AFTER_UNIT:
            return None          # parts after the first are joined by و (but "ثلاث مئة")
        if tok.startswith("ال") and tok[2:] in _ALL and i == 0:
            tok = tok[2:]        # المئة، المئتين
        if tok in _T10 and last == "unit" and not joined:
            current += 10        # ثلاثة عشر
            last = "teen"
        elif tok in _U:
            current += _U[tok]
            last = "unit"
        elif tok in _TN:
            current += _TN[tok]
            last = "tens"
        elif tok in _T10:
            current += 10
            last = "tens"
        elif tok in _H1:
            current = current * 100 if last == "unit" and not joined and current < 10 else \
                current + 100
            last = "hundreds"
        elif tok in _H2 or tok in _HN:
            current += _H2.get(tok) or _HN[tok]
            last = "hundreds"
        elif tok in _K1 or tok == _KA:   # ألفا: 1000 after 11-99, or alone (ألفاً)
            total += max(current, 1) * 1000 if not joined else 1000
            current, last = 0, "thousands"
        elif tok in _K2:
            total += 2000
            current, last = 0, "thousands"
        else:
            return None
    return total + current


_ALL = set(_U) | set(_T10) | set(_TN) | set(_H1) | set(_H2) | set(_HN) | set(_K1) | set(_K2) | {_KA}
_SCALES_AFTER_UNIT = set(_T10) | set(_H1) | set(_K1) | {_KA}
