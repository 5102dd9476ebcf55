"""Numbers as sources write them: digits (Western or Eastern Arabic), "1,500",
English number words ("ninety-two", "five hundred") and Arabic ones (تسعون، مئة).

>>> parse_number("ninety-two"), parse_number("1,500"), parse_number("٩٢")
(92, 1500, 92)
>>> parse_number("five hundred"), parse_number("ثلاثة وعشرون"), parse_number("مائة")
(500, 23, 100)
>>> parse_number("11 ألفا و212"), parse_number("3 آلاف")
(11212, 3000)
>>> parse_number("many")
Traceback (most recent call last):
cwkg.errors.DataError: not a number: 'many'
"""

from __future__ import annotations

import re

from cwkg.errors import DataError

EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")

EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
EN_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
EN_SCALES = {"hundred": 100, "thousand": 1000}

AR_UNITS = {"واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "ثلاث": 3, "ثلاثة": 3,
            "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7,
            "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10}
AR_TENS = {"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
           "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
           "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90}
AR_HUNDREDS = {"مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200,
               "مائتين": 200, "ثلاثمئة": 300, "ثلاثمائة": 300, "أربعمئة": 400, "أربعمائة": 400,
               "خمسمئة": 500, "خمسمائة": 500, "ألف": 1000, "الف": 1000}

# "11 ألفا و212": thousands written as digits and the word ألف, then the rest after و
AR_THOUSANDS = r"(?P<k>[0-9]{1,3})\s+(?:ألفا|ألفًا|ألفاً|ألف|آلاف|الف|الفا)(?:\s+و\s*(?P<rest>[0-9]{1,3}))?"

#: every word the parser knows, for building patterns
NUMBER_WORDS_EN = tuple(EN_UNITS) + tuple(EN_TENS) + tuple(EN_SCALES)
NUMBER_WORDS_AR = tuple(AR_UNITS) + tuple(AR_TENS) + tuple(AR_HUNDREDS)


def to_ascii_digits(text: str) -> str:
    """Eastern Arabic (and Persian) digits to 0-9, keeping length and offsets.

    >>> to_ascii_digits("٤ نيسان ٢٠١٧")
    '4 نيسان 2017'
    """
    return text.translate(EASTERN_DIGITS)


def parse_number(text: str) -> int:
    """The integer a written number means; DataError if it is not one."""
    raw = to_ascii_digits(text.strip())
    if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+|[0-9]+", raw):
        return int(raw.replace(",", ""))
    thousands = re.fullmatch(AR_THOUSANDS, raw)
    if thousands:
        return int(thousands["k"]) * 1000 + int(thousands["rest"] or 0)
    words = [w for w in re.split(r"[\s\-]+", raw.lower()) if w and w != "and"]
    if words and all(w in EN_UNITS or w in EN_TENS or w in EN_SCALES for w in words):
        return _combine([EN_UNITS.get(w, EN_TENS.get(w)) if w not in EN_SCALES
                         else -EN_SCALES[w] for w in words], text)
    # Arabic: "ثلاثة وعشرون" (3 and 20); a leading و joins the parts
    parts = [re.sub(r"^و(?=\S)", "", w) for w in raw.split()]
    values = [AR_UNITS.get(p) or AR_TENS.get(p) or AR_HUNDREDS.get(p) for p in parts]
    if parts and all(v is not None for v in values):
        return sum(values)  # type: ignore[arg-type]
    raise DataError(f"not a number: '{text}'")


def _combine(values: list, text: str) -> int:
    """English words: units/tens add up, a scale (negative marker) multiplies."""
    total, current = 0, 0
    for v in values:
        if v is None:
            raise DataError(f"not a number: '{text}'")
        if v < 0:  # scale word
            current = max(current, 1) * -v
            if -v >= 1000:
                total, current = total + current, 0
        else:
            current += v
    return total + current
