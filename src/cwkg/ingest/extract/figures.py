"""Casualty figures: a number (or "dozens", "hundreds"), its qualifier, what it counts.

The patterns are compiled from :mod:`.lexicon` tables. A number becomes a figure
only when an outcome word (killing, injured, مقتل, إصابة...) stands next to it,
or when it continues a figure of the same sentence ("including 32 children").
All figures of one sentence form one candidate claim, quoted from the first cue
to the last.

>>> [(f["counts"], f["group"], f["qualifier"], f.get("value"))
...  for c in find_figures("resulting in the loss of over 90 lives.", "en") for f in c.fields["figures"]]
[('killed', 'people', 'more-than', 90)]
>>> c = find_figures("which killed about 100 civilians - including 32 children and 23 women", "en")[0]
>>> [(f["group"], f["qualifier"], f.get("value")) for f in c.fields["figures"]]
[('civilians', 'about', 100), ('children', 'exactly', 32), ('women', 'exactly', 23)]
>>> [f["qualifier"] for c in find_figures("مقتل أكثر من ٩٠ شخصا وإصابة المئات", "ar") for f in c.fields["figures"]]
['more-than', 'hundreds']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cwkg.errors import CwkgError
from cwkg.ingest.extract import lexicon as lx

from .model import Candidate
from .numbers import NUMBER_WORDS_AR, NUMBER_WORDS_EN, parse_number, to_ascii_digits

_CLAUSE_BREAK = re.compile(r"[.;:!?؛\n]")
_NOT_A_COUNT = re.compile(r"(?i)(?:resolution|article|chapter|القرار|المادة|الفصل|no\.|#)\s*$")
_UNIT_AFTER = re.compile(r"(?i)^\s*(?:years?|months?|days?|hours?|weeks?|am|pm|سنوات|سنة|عام"
                         r"|أعوام|أيام|يوم|ساعة|[/\-][0-9])")




@dataclass
class _Hit:
    start: int        # of qualifier/number
    end: int          # of the number (and group word, if any)
    qualifier: str
    value: int | None
    group: str | None


def _pattern(lang: str) -> re.Pattern:
    quals = {p: q for q, phrases in lx.QUALIFIERS[lang].items() for p in phrases}
    words = NUMBER_WORDS_EN if lang == "en" else NUMBER_WORDS_AR
    sep = r"(?:[\s\-]+(?:and\s+)?)" if lang == "en" else r"\s+و?"
    number = (rf"[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+|(?:{lx.alternation(words)})(?:{sep}(?:{lx.alternation(words)}))*")
    groups = {w: g for g, ws in lx.GROUPS[lang].items() for w in ws}
    wordq = lx.WORD_QUANTITIES[lang]
    b = r"\b" if lang == "en" else r"(?<![\w])"
    e = r"\b" if lang == "en" else r"(?![\w])"
    return re.compile(
        rf"{b}(?:(?P<qual>{lx.alternation(quals)})\s+)?"
        rf"(?:(?P<wordq>{lx.alternation(wordq)})|(?P<num>{number})){e}"
        rf"(?:\s+(?:of\s+)?(?P<group>{lx.alternation(groups)}){e})?",
        re.IGNORECASE if lang == "en" else 0), quals, groups


_PATTERNS: dict[str, tuple] = {}


def _compiled(lang: str):
    if lang not in _PATTERNS:
        _PATTERNS[lang] = _pattern(lang)
    return _PATTERNS[lang]


def _nearest_cue(window: str, cues: dict[str, list[str]], lang: str, from_end: bool):
    """(outcome, distance, cue start in window, cue end) of the cue nearest the number."""
    best = None
    for outcome, phrases in cues.items():
        for phrase in phrases:
            flags = re.IGNORECASE if lang == "en" else 0
            b = r"\b" if lang == "en" else r"(?<![\w])"
            for m in re.finditer(rf"{b}[وب]?{re.escape(phrase)}(?!\w)", window, flags):
                dist = len(window) - m.end() if from_end else m.start()
                if best is None or dist < best[1]:
                    best = (outcome, dist, m.start(), m.end())
    return best


def find_figures(text: str, language: str, sentences=None) -> list[Candidate]:
    """Candidate casualty-figure claims in ``text`` (spans are offsets into ``text``)."""
    lang = lx.lang_of(language)
    ascii_text = to_ascii_digits(text)
    pattern, quals, groups = _compiled(lang)
    spans = sentences or [(0, len(text))]
    candidates = []
    for s_start, s_end in spans:
        figures, first, last = [], None, None
        prev_end, prev_counts = s_start, None
        for m in pattern.finditer(ascii_text, s_start, s_end):
            hit = _read(m, quals, groups, lang)
            if hit is None or _is_not_count(ascii_text, m, lang):
                continue
            left_from = max(prev_end, _clause_start(ascii_text, s_start, m.start()))
            left = ascii_text[left_from:m.start()]
            right_to = _clause_end(ascii_text, m.end(), s_end)
            right = ascii_text[m.end():min(right_to, m.end() + 40)]
            before = _nearest_cue(left[-45:], lx.OUTCOME_BEFORE[lang], lang, from_end=True)
            after = _nearest_cue(right, lx.OUTCOME_AFTER[lang], lang, from_end=False)
            counts, cue_start, cue_end = None, m.start(), m.end()
            if hit.group == "attacks":
                counts = "attacks"
            elif before and (not after or before[1] <= after[1]):
                counts = before[0]
                cue_start = m.start() - len(left[-45:]) + before[2]
            elif after:
                counts, cue_end = after[0], m.end() + after[3]
            elif prev_counts and prev_end >= left_from and _continues(left, lang):
                counts = prev_counts
            if counts is None:
                continue
            if hit.group is None and counts != "attacks":
                hit.group = "people"
            figure = {"counts": counts}
            if counts != "attacks":
                figure["group"] = hit.group
            figure["qualifier"] = hit.qualifier
            if hit.value is not None:
                figure["value"] = hit.value
            figures.append(figure)
            first = cue_start if first is None else min(first, cue_start)
            last = max(last or 0, cue_end, m.end())
            prev_end, prev_counts = m.end(), counts
        if figures:
            candidates.append(Candidate("casualty-figure", first, last, {"figures": figures}))
    return candidates


def _read(m: re.Match, quals: dict, groups: dict, lang: str) -> _Hit | None:
    qual_text = m.group("qual")
    qualifier = None
    if qual_text:
        qualifier = next(q for p, q in quals.items() if p.lower() == qual_text.lower())
    group_text = m.group("group")
    group = None
    if group_text:
        group = next(g for w, g in groups.items() if w.lower() == group_text.lower())
    if m.group("wordq"):
        wq = lx.WORD_QUANTITIES[lang]
        word = next(w for w in wq if w.lower() == m.group("wordq").lower())
        return _Hit(m.start(), m.end(), wq[word], None, group)
    try:
        value = parse_number(m.group("num"))
    except CwkgError:
        return None
    if group is None and value >= 1900 and value <= 2100:
        return None  # a year, not a count
    if group is None and not m.group("num")[0].isdigit() and not qual_text:
        return None  # "One delegate", "the two": a bare number word counts nobody
    return _Hit(m.start(), m.end(), qualifier or "exactly", value, group)


def _is_not_count(text: str, m: re.Match, lang: str) -> bool:
    """Numbers of resolutions, articles, dates and durations are not figures."""
    before = text[max(0, m.start() - 12):m.start()]
    after = text[m.end():m.end() + 12]
    if _NOT_A_COUNT.search(before) or _UNIT_AFTER.match(after):
        return True
    months = lx.alternation(lx.MONTHS[lang])
    flags = re.IGNORECASE if lang == "en" else 0
    if re.search(rf"(?:{months})\.?\s*$", text[max(0, m.start() - 14):m.start()], flags):
        return True
    if re.match(rf"\s*(?:th|st|nd|rd)?\s*(?:of\s+)?(?:{months})", text[m.end():m.end() + 24],
                flags):
        return True
    return bool(re.search(r"[0-9][/\-.]$", before)) or bool(re.match(r"[/\-.][0-9]", after))


def _clause_start(text: str, floor: int, pos: int) -> int:
    found = [m.end() for m in _CLAUSE_BREAK.finditer(text, floor, pos)]
    return found[-1] if found else floor


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos, ceiling)
    return m.start() if m else ceiling


def _continues(left: str, lang: str) -> bool:
    """Does the text between two numbers continue the first ("- including", "and", "بينهم")?"""
    words = lx.alternation(lx.INCLUDING[lang])
    flags = re.IGNORECASE if lang == "en" else 0
    return re.search(rf"(?:^|[\s,\-–(])(?:{words})\s*$", left.strip(" ,-–"), flags) is not None \
        or re.fullmatch(r"\s*[,\-–]\s*", left) is not None
