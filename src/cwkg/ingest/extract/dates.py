"""Dates: absolute ("April 4th, 2017", "4 April 2017", "2017-04-04", "4/7/2018",
"٤ نيسان ٢٠١٧") and relative to the document's date ("yesterday", "five years ago
today", "في مثل هذا اليوم قبل عشر سنوات"), resolved with dateparser; plus
anniversaries and "N years since", checked against the attack's reference date.

A date becomes an ``event`` candidate when its sentence is about an attack and
the date is not the document's own (a dateline, a report's date). A mismatch
with the attack's known date is flagged, never corrected.

>>> import datetime as dt
>>> [d.value.isoformat() for d in find_dates("On April 4th, 2017 and 4/7/2018.", "en", dt.date(2020, 1, 1))]
['2017-04-04', '2018-04-07']
>>> [d.value.isoformat() for d in find_dates("قصف أمس", "ar", dt.date(2018, 4, 8))]
['2018-04-07']
>>> parse_date("4 نيسان 2017", "ar").isoformat()
'2017-04-04'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cwkg.errors import CwkgError, DataError
from cwkg.ingest.extract import lexicon as lx

from .numbers import NUMBER_WORDS_AR, NUMBER_WORDS_EN, parse_number, to_ascii_digits


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: dt.date
    relative: bool = False
    ambiguous: bool = False   # day and month could be swapped (4/7/2018)


@dataclass(frozen=True)
class YearsMention:
    """An anniversary or "N years since": a number of years, to check, not a date."""

    start: int
    end: int
    years: int
    kind: str   # "anniversary" or "years-since"




def _absolute_pattern(lang: str) -> re.Pattern:
    months = lx.alternation(lx.MONTHS[lang])
    if lang == "en":
        day = r"[0-3]?[0-9](?:st|nd|rd|th)?"
        return re.compile(
            rf"\b(?:(?:{months})\.?\s+{day},?\s+[12][0-9]{{3}}"
            rf"|{day}\s+(?:of\s+)?(?:{months}),?\s+[12][0-9]{{3}}"
            rf"|[12][0-9]{{3}}-[01][0-9]-[0-3][0-9]"
            rf"|[0-3]?[0-9]/[0-3]?[0-9]/[12][0-9]{{3}})\b", re.IGNORECASE)
    days = lx.alternation(lx.AR_ORDINAL_DAYS)
    return re.compile(
        rf"(?<!\w)(?:[0-3]?[0-9]|{days})\s+(?:من\s+)?(?:شهر\s+)?(?:{months})"
        rf"(?:\s+(?:من\s+)?(?:عام|سنة))?\s+[12][0-9]{{3}}(?!\w)"
        rf"|(?<!\w)[12][0-9]{{3}}-[01][0-9]-[0-3][0-9](?!\w)")


_PATTERNS: dict[str, re.Pattern] = {}


def parse_date(expression: str, language: str) -> dt.date:
    """One absolute date expression -> a date; DataError if it is not a full date."""
    import dateparser

    lang = lx.lang_of(language)
    text = to_ascii_digits(expression)
    if lang == "ar":
        for word, day in lx.AR_ORDINAL_DAYS.items():
            text = re.sub(rf"^{word}(?=\s)", str(day), text)
        for levantine, standard in lx.AR_LEVANTINE_MONTHS.items():
            text = text.replace(levantine, standard)
        text = re.sub(r"\s+(?:من\s+)?(?:عام|سنة)\s+", " ", re.sub(r"\s+من\s+(?:شهر\s+)?", " ",
                                                                     text))
    settings = {"DATE_ORDER": "MDY" if lang == "en" else "DMY",
                "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    try:
        parsed = dateparser.parse(text, languages=[lang], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        parsed = None
    if parsed is None:
        raise DataError(f"not a date: '{expression}'")
    return parsed.date()


def _number(text: str) -> int:
    word = {"a": 1, "an": 1, "one": 1}.get(text.lower())
    return word if word is not None else parse_number(text)


def find_dates(text: str, language: str, published: dt.date | None) -> list[DateMention]:
    """Every full date in ``text``, absolute or relative to ``published`` (relative ones
    only when ``published`` is given), in text order."""
    lang = lx.lang_of(language)
    if lang not in _PATTERNS:
        _PATTERNS[lang] = _absolute_pattern(lang)
    found: list[DateMention] = []
    for m in _PATTERNS[lang].finditer(to_ascii_digits(text)):
        try:
            value = parse_date(m.group(), lang)
        except CwkgError:
            continue
        parts = re.fullmatch(r"([0-9]+)/([0-9]+)/[0-9]+", m.group())
        ambiguous = bool(parts) and parts[1] != parts[2] and int(parts[1]) <= 12 \
            and int(parts[2]) <= 12
        found.append(DateMention(m.start(), m.end(), value, ambiguous=ambiguous))
    flags = re.IGNORECASE if lang == "en" else 0
    if published is None:
        return found
    for word, days in lx.RELATIVE_DAYS[lang].items():
        b = r"\b" if lang == "en" else r"(?<![\w])"
        for m in re.finditer(rf"{b}{re.escape(word)}(?:'s|’s)?(?!\w)", text, flags):
            found.append(DateMention(m.start(), m.end(), published - dt.timedelta(days=days),
                                     relative=True))
    num = _number_alternation(lang)
    for m in re.finditer(lx.YEARS_AGO[lang].format(num=num), to_ascii_digits(text), flags):
        if not m.group("today"):
            continue  # "seven years ago" gives a year, not a day: checked, not dated
        try:
            years = _number(m.group("n"))
            found.append(DateMention(m.start(), m.end(), _years_before(published, years),
                                     relative=True))
        except (CwkgError, ValueError):
            continue
    return sorted(set(found), key=lambda d: (d.start, d.end))


def find_year_counts(text: str, language: str) -> list[YearsMention]:
    """Anniversaries ("the fourth anniversary") and "N years since/after/ago" in ``text``."""
    lang = lx.lang_of(language)
    flags = re.IGNORECASE if lang == "en" else 0
    ordinals = lx.ORDINALS[lang]
    found = []
    pattern = lx.ANNIVERSARY[lang].format(ord=lx.alternation(ordinals))
    for m in re.finditer(pattern, to_ascii_digits(text), flags):
        word = m.group("n") or m.groupdict().get("n2")
        n = next(v for k, v in ordinals.items() if k.lower() == word.lower())
        found.append(YearsMention(m.start(), m.end(), n, "anniversary"))
    num = _number_alternation(lang)
    for template in (lx.YEARS_SINCE[lang], lx.YEARS_AGO[lang]):
        for m in re.finditer(template.format(num=num), to_ascii_digits(text), flags):
            try:
                found.append(YearsMention(m.start(), m.end(), _number(m.group("n")),
                                          "years-since"))
            except CwkgError:
                continue
    return sorted(found, key=lambda y: y.start)


def _number_alternation(lang: str) -> str:
    words = (NUMBER_WORDS_EN + ("a", "an")) if lang == "en" else NUMBER_WORDS_AR
    return rf"[0-9]+|(?:{lx.alternation(words)})(?:[\s\-]+(?:{lx.alternation(words)}))*"


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
