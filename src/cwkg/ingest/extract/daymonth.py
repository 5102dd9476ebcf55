"""Days written with a month name, with or without a year, as sources write them.

"4 April 2017", "April 4th, 2017", "15 and 16 September 2016", "21 أغسطس/آب 2013",
"15 و16 سبتمبر/ أيلول 2016", "March 24, 25 and 30, 2017" are full dates (an enumeration
gives one date per day).
"on 21 August", "the 4 April incident", "August 5" have no year: the text must make
it clear (rule E2 of the real evaluation set, what a careful reader does), either by
giving the same day with its year elsewhere, or by stating its own date, in which case
the day is the most recent such day before it. Otherwise no date is read. A day that
bounds a period ("from April 11 to 21", "between 11 and 21 April", "since 4 April
2017") is not the day of an event and is not read either.

>>> text = "the 21 August 2013 attack and the 21 August victims"
>>> [(text[s:e], d.isoformat()) for s, e, d, _ in days(text, "en", None)]
[('21 August 2013', '2013-08-21'), ('21 August', '2013-08-21')]
>>> [d.isoformat() for _, _, d, _ in days("في 15 و16 سبتمبر/ أيلول 2016", "ar", None)]
['2016-09-15', '2016-09-16']
>>> days("attacks from April 11 to 21, 2014", "en", None)
[]
"""

from __future__ import annotations

import datetime as dt
import re

from cwkg.errors import DataError
from cwkg.ingest.extract import lexicon as lx

from .numbers import NUMBER_WORDS_AR, parse_number, to_ascii_digits
from .phrases import has_phrase

MONTH_NUMBERS = {
    "en": {name.lower(): n for n, names in enumerate((
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1)
        for name in names},
    "ar": {},
}
for _n, _names in enumerate((("كانون الثاني", "يناير"), ("شباط", "فبراير"), ("آذار", "مارس"),
                             ("نيسان", "أبريل", "إبريل"), ("أيار", "مايو"),
                             ("حزيران", "يونيو", "يونيه"), ("تموز", "يوليو", "يوليه"),
                             ("آب", "أغسطس"), ("أيلول", "سبتمبر"), ("تشرين الأول", "أكتوبر"),
                             ("تشرين الثاني", "نوفمبر"), ("كانون الأول", "ديسمبر")), start=1):
    for _name in _names:
        MONTH_NUMBERS["ar"][_name] = _n
        MONTH_NUMBERS["ar"][re.sub("[أإآ]", "ا", _name)] = _n
# the North African series (Algeria and Tunisia: جانفي ... ديسمبر; Morocco: يناير ... دجنبر),
# which news agencies of the Maghreb write
for _name, _n in (("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6),
                  ("جويلية", 7), ("جويليه", 7), ("يوليوز", 7), ("أوت", 8), ("غشت", 8),
                  ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12)):
    MONTH_NUMBERS["ar"][_name] = _n
    MONTH_NUMBERS["ar"][re.sub("[أإآ]", "ا", _name)] = _n

_DAY = {"en": r"[0-3]?[0-9](?:st|nd|rd|th)?", "ar": r"[0-3]?[0-9]"}
_YEAR = r"[12][0-9]{3}"
_RANGE_BEFORE = {
    "en": re.compile(r"(?i)(?:\b(?:from|between|since|until|till)\s+(?:the\s+)?"
                     r"|(?:[0-9]|\b[A-Z][a-z]+)[,.]?\s*(?:to|until|till|through|-|–)\s*"
                     r"|\bbetween\s+\S+(?:\s+\S+){0,2}\s+and\s+)$"),
    "ar": re.compile(r"(?:(?<!\w)(?:منذ|بين|حتى|من)\s+|[0-9]\s*(?:إلى|الى|حتى|-|–)\s*"
                     # "بين مارس / آذار 2011 و 31 يوليو": a month may be named twice
                     r"|(?<!\w)بين\s+\S+(?:\s+\S+){0,4}\s+و\s*)$"),
}
# a dash bounds a period only before another day or month ("4 - 7 April"); a dateline's dash
# is followed by the text ("Damascus, 10 April 2018 - The statement")
_EN_MONTHS = "|".join(name for name in MONTH_NUMBERS["en"] if len(name) > 3)
_RANGE_AFTER = {
    "en": re.compile(rf"(?i)^\s*,?\s*(?:(?:to|until|till|through)\s*(?:the\s+)?[0-9A-Z]"
                     rf"|[-–]\s*(?:[0-9]|(?:{_EN_MONTHS}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|"
                     rf"nov|dec)\b))"),
    "ar": re.compile(r"^\s*(?:(?:إلى|الى|حتى)\s*[0-9\u0621-\u064a]|[-–]\s*[0-9])"),
}
_PATTERNS: dict[str, list] = {}
_AR_YEAR_WORDS = (rf"(?:{lx.alternation(NUMBER_WORDS_AR)})"
                  rf"(?:\s+و?(?:{lx.alternation(NUMBER_WORDS_AR)}))*")


def _year(written: str) -> int:
    """A year in digits, or in Arabic words ("الفين وثلاثة عشر" 2013); 0 (no date) for words
    that are no year of this era."""
    if written.isdigit():
        return int(written)
    try:
        year = parse_number(written)
    except DataError:
        return 0
    return year if 1900 <= year <= 2100 else 0


def _patterns(lang: str) -> list[tuple[bool, re.Pattern]]:
    """(has a year, pattern) for each written form; groups d1, more (the enumerated days
    after it), mon, year."""
    if lang in _PATTERNS:
        return _PATTERNS[lang]
    months = lx.alternation(MONTH_NUMBERS[lang])
    day = _DAY[lang]
    if lang == "en":
        # "24 and 25", "24, 25 and 30": an enumeration of days
        two = rf"(?P<d1>{day})(?P<more>(?:\s*,\s*{day})*\s*,?\s*(?:and|&)\s*{day})?"
        forms = [
            # "April 4, 2017", "April 4 of 2017"
            (True, rf"\b(?P<mon>{months})\.?\s+{two},?\s+(?:of\s+)?(?P<year>{_YEAR})\b"),
            (True, rf"\b{two}\s+(?:of\s+)?(?P<mon>{months}),?\s+(?P<year>{_YEAR})\b"),
            # no year: a capitalised month, so that "may" is not a month
            (False, rf"\b(?P<mon>{months.title()})\.?\s+(?P<d1>{day})\b(?!\s*[,/]?\s*[0-9])"),
            (False, rf"\b(?P<d1>{day})\s+(?:of\s+)?(?P<mon>{months.title()})\b"
                    rf"(?!\.?,?\s*[0-9])"),
        ]
        flags = [re.IGNORECASE, re.IGNORECASE, 0, 0]
    else:
        ordinals = lx.alternation(lx.AR_ORDINAL_DAYS)
        # the article may be written onto the day's digits ("في ال7 من نيسان"), with a
        # tatweel before them ("في الـ4 من إبريل")
        two = rf"(?:الـ*)?(?P<d1>{day}|{ordinals})(?P<more>(?:\s*[،,]?\s*و\s*{day})+)?"
        # "أغسطس/آب", "نيسان (أبريل)": the month in both calendars' names
        month = (rf"(?:من\s+)?(?:شهر\s+)?(?P<mon>{months})(?:\s*/\s*(?:{months})"
                 rf"|\s*\(\s*(?:{months})\s*\))?")
        forms = [
            (True, rf"(?<!\w){two}\s+{month}(?:\s+(?:من\s+)?(?:عام|سنة))?\s+(?P<year>{_YEAR})"
                   r"(?!\w)"),
            # "عام الفين وثلاثة عشر": a year in words, after عام or سنة only
            (True, rf"(?<!\w){two}\s+{month}\s+(?:من\s+)?(?:عام|سنة)\s+(?P<year>{_AR_YEAR_WORDS})"
                   r"(?!\w)"),
            (False, rf"(?<!\w){two}\s+{month}(?!\w)(?!\s*(?:(?:من\s+)?(?:عام|سنة)\s+)?[0-9])"),
        ]
        flags = [0, 0, 0]
    _PATTERNS[lang] = [(y, re.compile(f, fl)) for (y, f), fl in zip(forms, flags)]
    return _PATTERNS[lang]


# "an April 2017 attack", "هجوم نيسان 2017": an attack's month and year, which give their
# year to the same month's day written without one ("On April 4, ... in Khan Sheikhoun")
_ATTACK_MONTH_YEAR = {
    "en": r"(?i)\b(?:an?|the)\s+(?P<mon>{months})\s+(?P<year>{year})\s+(?:[\w-]+\s+){{0,2}}?"
          r"(?:attack|massacre|strike|incident)s?\b",
    "ar": r"(?<!\w)(?:هجوم|الهجوم|مجزرة|هجمات)\s+(?:\S+\s+){{0,2}}?(?:في\s+)?(?:شهر\s+)?"
          r"(?P<mon>{months})\s+(?:(?:من\s+)?(?:عام|سنة)\s+)?(?P<year>{year})(?!\w)",
}


def _names_an_attack(text: str, pos: int, lang: str) -> bool:
    """Does the sentence around ``pos`` name an attack (a noun, not only "use")?"""
    start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [i for i in (text.find(".", pos), text.find("\n", pos)) if i != -1]
    return has_phrase(text[start:min(ends) if ends else len(text)], lx.ATTACK_NOUNS[lang], lang)


def _attack_month_years(text: str, lang: str) -> dict[int, int]:
    """month -> year of the attacks the text dates by month and year; a month given two
    years gives none."""
    months = lx.alternation(MONTH_NUMBERS[lang])
    seen: dict[int, set[int]] = {}
    for m in re.finditer(_ATTACK_MONTH_YEAR[lang].format(months=months, year=_YEAR), text):
        month = MONTH_NUMBERS[lang][m["mon"].lower() if lang == "en" else m["mon"]]
        seen.setdefault(month, set()).add(int(m["year"]))
    return {month: years.pop() for month, years in seen.items() if len(years) == 1}


def _day_number(text: str) -> int:
    return lx.AR_ORDINAL_DAYS.get(text) or int(re.match(r"[0-9]+", text).group())


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def in_range(text: str, start: int, end: int, lang: str) -> bool:
    """Does the day at text[start:end] bound a period ("from ... to", "between ... and")?"""
    return bool(_RANGE_BEFORE[lang].search(text[max(0, start - 40):start])
                or _RANGE_AFTER[lang].match(text[end:end + 30]))


def days(text: str, language: str, published: dt.date | None, other_dates=()) -> list[tuple]:
    """(start, end, date, has_year) of every day written with a month name, in text order;
    a day without a year only where the text makes its year clear (``other_dates``: the
    text's full dates written otherwise, 2017-04-04 or 4/4/2017)."""
    lang = lx.lang_of(language)
    ascii_text = to_ascii_digits(text)
    found, taken, yearless = [], [], []
    for has_year, pattern in _patterns(lang):
        for m in pattern.finditer(ascii_text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            if in_range(ascii_text, m.start(), m.end(), lang):
                continue
            month = MONTH_NUMBERS[lang][m["mon"].lower() if lang == "en" else m["mon"]]
            numbers = [_day_number(m["d1"])] + [int(d) for d in
                                                re.findall(r"[0-9]+", m.groupdict().get("more") or "")]
            if has_year:
                for n in numbers:
                    value = _date(_year(m["year"]), month, n)
                    if value:
                        found.append((m.start(), m.end(), value, True))
            else:
                yearless += [(m.start(), m.end(), month, n) for n in numbers]
    # a report's or statement's date ("said in a report on 21 August 2014") gives no year
    # to the attack's day written without one
    full = [d for _, _, d, _ in found] + list(other_dates)
    years = {(d.month, d.day): d.year for d in list(other_dates) + [
        d for start, _, d, _ in found
        if not has_phrase(text[max(0, start - 40):start], lx.DOCUMENT_DATE_WORDS[lang], lang)]}
    states_own_date = published is not None and published in full
    attack_years = _attack_month_years(ascii_text, lang)
    for start, end, month, day in yearless:
        year = years.get((month, day))
        if year is None and month in attack_years and _names_an_attack(ascii_text, start, lang):
            year = attack_years[month]  # not "visited the site on April 9": no attack named
        if year is None and states_own_date:
            candidate = _date(published.year, month, day)
            year = published.year if candidate and candidate <= published else \
                published.year - 1
        value = _date(year, month, day) if year else None
        if value:
            found.append((start, end, value, False))
    return sorted(found, key=lambda f: (f[0], f[2]))
