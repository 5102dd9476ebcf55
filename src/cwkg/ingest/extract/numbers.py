"""Numbers as sources write them: digits (Western or Eastern Arabic), "1,500",
English number words ("ninety-two", "five hundred") and Arabic ones (تسعون، مئة).

>>> parse_number("ninety-two"), parse_number("1,500"), parse_number("٩٢")
(92, 1500, 92)
>>> parse_number("five hundred"), parse_number("ثلاثة وعشرون"), parse_number("مائة")
(500, 23, 100)
>>> parse_number("11 ألفا و212"), parse_number("3 آلاف"), parse_number("ألف واربعمئة")
(11212, 3000, 1400)
>>> parse_number("many")
Traceback (most recent call last):
cwkg.errors.DataError: not a number: 'many'
"""

from __future__ import annotations

import re

from cwkg.errors import DataError

from .arabic_numbers import SURFACE_WORDS, parse_arabic_words

EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")

EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
EN_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
EN_SCALES = {"hundred": 100, "thousand": 1000}

# "11 ألفا و212": thousands written as digits and the word ألف, then the rest after و
AR_THOUSANDS = r"(?P<k>[0-9]{1,3})\s+(?:ألفا|ألفًا|ألفاً|ألف|آلاف|الف|الفا)(?:\s+و\s*(?P<rest>[0-9]{1,3}))?"

#: every word the parser knows, for building patterns
NUMBER_WORDS_EN = tuple(EN_UNITS) + tuple(EN_TENS) + tuple(EN_SCALES)
NUMBER_WORDS_AR = SURFACE_WORDS


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
    # Arabic: "ثلاثة وعشرون", "ألف واربعمئة", "الفين وثلاثة عشر"
    value = parse_arabic_words(raw)
    if value:
        return value
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
