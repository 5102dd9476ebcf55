"""Event dates and anniversaries: which dates are an attack's, and what to check.

A date becomes an ``event`` candidate when its sentence is about an attack (an attack
or a place with a known attack is named, or attack words are used), the date is not
the document's own or later, not a document's date ("the report of 26 October 2017"),
and the sentence is not about another kind of strike (rule E5 of the real evaluation
set). Anniversaries and "N years since" are checked against the attack's reference
date and the document's date; a mismatch is flagged, never corrected.
"""

from __future__ import annotations

import datetime as dt
import re

from cwkg.ingest.extract import gazetteer as gz
from cwkg.ingest.extract import lexicon as lx

from .dates import DateMention, find_year_counts
from .figures import other_attack
from .model import Candidate, Flag, Mention
from .phrases import has_phrase, phrase_re

ANNIVERSARY_TOLERANCE = dt.timedelta(days=45)  # a statement may come out days early or late


def sentence_index(pos: int, spans) -> int:
    return next((i for i, (s, e) in enumerate(spans) if s <= pos < e), -1)


def event_dates(text: str, lang: str, published, spans, dates: list[DateMention],
                mentions: list[Mention], attack_places: set[str]) -> tuple[list, list[Flag]]:
    """(the DateMentions that date an attack, flags for ambiguous dates)."""
    chosen, flags = [], []
    for d in dates:
        if d.ambiguous:
            flags.append(Flag("ambiguous-date", f"'{text[d.start:d.end]}' read as "
                              f"{d.value.isoformat()} (month/day, as English dates are "
                              "written in the US); check the source", d.start, d.end))
        if published and d.value >= published and not d.same_day:
            continue  # the document's own date (a dateline), or a date to come
        if re.search(lx.TODAY_BEFORE[lang], text[max(0, d.start - 40):d.start]):
            continue  # "اليوم الثلاثاء 4 نيسان": the text's own day, not an attack's
        if re.search(lx.SPOKEN_BEFORE[lang], text[max(0, d.start - 40):d.start]):
            continue  # "the watchdog said on Friday": a statement's day (rule E5)
        i = sentence_index(d.start, spans)
        s, e = spans[i] if i >= 0 else (d.start, d.end)
        sentence = text[s:e]
        named = any(s <= m.start < e and (m.type == "attack" or m.entity in attack_places)
                    for m in mentions)
        # "there are reasonable grounds to believe that, on 7 April 2018, a helicopter ...":
        # an investigation's finding dates the incident it found
        finding = re.search(gz.FINDING_FORMULA[lang], sentence,
                            re.IGNORECASE if lang == "en" else 0) is not None
        if not (named or finding or has_phrase(sentence, lx.ATTACK_WORDS[lang], lang)
                or _the_night_before_an_attack(text, d, spans, i, lang)) \
                or other_attack(sentence, lang):
            continue  # not about an attack, or about shelling, air strikes (rule E5)
        if not (named or finding or has_phrase(sentence, lx.ATTACK_NOUNS[lang], lang)) \
                and has_phrase(sentence, lx.NON_ATTACK_EVENTS[lang], lang):
            continue  # "في 23 تموز 2012، النظام يقر ... بامتلاك اسلحة كيميائية": an admission's date
        if has_phrase(_OCCURRED[lang].sub(" ", text[max(s, d.start - 50):d.start]),
                      lx.DOCUMENT_DATE_WORDS[lang], lang):
            continue  # "the report ... in October 26, 2017": a document's date
        if has_phrase(_line(text, d.start), lx.CAPTION_MARKS[lang], lang):
            continue  # a photograph's caption ("... on April 5, 2017. © 2017 Getty Images")
        if _a_document_act_follows(text, d.end, e, lang) and not (
                has_phrase(text[s:d.start], lx.ATTACK_WORDS[lang], lang)
                and re.match(r"\s*[,،]", text[d.end:e])):
            # "On 8 April 2020, the IIT released its report": a document's date; but not
            # "Chlorine was dropped on Saraqib on February 4, 2018, the OPCW said", where the
            # clause before the date tells the attack and the act after is who says it
            continue
        chosen.append(d)
    return chosen, flags


# "The night of August 21, 2013 witnessed a new chapter ... Syrian regime forces used
# chemical weapons": a time of day before the date marks an incident's hour, and the next
# sentence says what the incident was
_TIME_OF_DAY = {"en": re.compile(r"(?i)\b(?:the\s+)?(?:night|dawn|early\s+hours|morning|evening)"
                                 r"\s+of\s+(?:the\s+)?$"),
                "ar": re.compile(r"(?<!\w)(?:ليلة|فجر|صباح|مساء|ليل)\s+(?:يوم\s+)?$")}


def _the_night_before_an_attack(text, d, spans, i, lang) -> bool:
    if i < 0 or not _TIME_OF_DAY[lang].search(text[max(0, d.start - 30):d.start]):
        return False
    following = text[spans[i + 1][0]:spans[i + 1][1]] if i + 1 < len(spans) else ""
    return has_phrase(following, lx.ATTACK_WORDS[lang], lang)


# "الهجوم الذي وقع في الـ4 من إبريل" (the attack which occurred on): وقع is "occurred"
# there, not وقّع (signed), which the document-date words name
_OCCURRED = {"en": re.compile(r"(?!)"),
             "ar": re.compile(r"(?<!\w)(?:الذي|التي|حيث|عندما|يوم)\s+وقع[ت]?(?!\w)"
                              r"|(?<!\w)[وف]?وقع[ت]?\s+(?:ال)?(?:هجوم|مجزرة|هجمات|حادثة|قصف)")}


def _line(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1:(text.find("\n", pos) + 1 or len(text) + 1) - 1]


def _a_document_act_follows(text: str, pos: int, end: int, lang: str) -> bool:
    """Does a document's act (released, published, voted, announced, said...) follow the
    date, within 60 characters and before any word of an attack?"""
    window = text[pos:min(end, pos + 60)]
    act = phrase_re(lx.DOCUMENT_ACTS[lang], lang).search(window)
    if act is None:
        return False
    attack = phrase_re(lx.ATTACK_WORDS[lang], lang).search(window)
    return attack is None or attack.start() > act.start()


def event_candidates(text: str, dates: list[DateMention], spans, mentions, attacks,
                     index) -> tuple[list[Candidate], list[Flag]]:
    """One event candidate per date, about the attack of its sentence with that date (or,
    failing that, the known attack of that date, or the sentence's attacks)."""
    candidates, flags = [], []
    for d in dates:
        in_sentence = attacks.of_sentence(sentence_index(d.start, spans))
        dated = [a for a in in_sentence if (index.date(a) or attacks.dates.get(a)) == d.value]
        matching = [a for a in index.attacks if index.date(a) == d.value]
        about = tuple(dated) or tuple(matching[:1]) or in_sentence
        for attack in about:
            known = index.date(attack)
            if known and known != d.value:
                flags.append(Flag("date-mismatch", f"'{text[d.start:d.end]}' dates "
                                  f"{attack} to {d.value.isoformat()}, but its reference "
                                  f"date is {known.isoformat()}", d.start, d.end))
        start, end = _event_span(text, d, mentions)
        candidates.append(Candidate("event", start, end, {"event_date": d.value.isoformat()},
                                    about=about))
    return candidates, flags


def _event_span(text, d, mentions):
    """"Khan Sheikhoun (4/4/2017)" when a name stands before the bracket, else the date."""
    if text[d.start - 1:d.start] == "(" and text[d.end:d.end + 1] == ")":
        before = [m for m in mentions if m.end in (d.start - 2, d.start - 1)]
        if before:
            return before[0].start, d.end + 1
    return d.start, d.end


def year_checks(text, lang, published, spans, mentions, attacks, index):
    """Commemoration candidates and flags for anniversaries and "N years since"."""
    candidates, flags = [], []
    if published is None:
        return candidates, flags
    main_attack = attacks.main()
    for y in find_year_counts(text, lang):
        i = sentence_index(y.start, spans)
        s, e = spans[i] if i >= 0 else (y.start, y.end)
        if _about_an_instrument(text[s:e], s, e, lang, mentions):
            continue  # "ten years ago, Syria joined the Convention": not an attack's years
        near = attacks.of_sentence(i)
        attack = near[0] if len(near) == 1 else (main_attack if not near else None)
        if attack is None or attack not in index.attacks:
            continue
        known = index.date(attack)
        phrase = text[y.start:y.end]
        if y.kind == "anniversary":
            candidates.append(Candidate("commemoration", y.start, y.end,
                                        {"anniversary": y.years}, about=(attack,)))
            if known:
                due = known.replace(year=known.year + y.years)
                if abs(due - published) > ANNIVERSARY_TOLERANCE:
                    flags.append(Flag("anniversary-mismatch",
                                      f"'{phrase}' of {attack} ({known.isoformat()}) falls on "
                                      f"{due.isoformat()}, but the document is dated "
                                      f"{published.isoformat()}", y.start, y.end))
        elif known and abs((published - known).days / 365.25 - y.years) >= 1:
            flags.append(Flag("years-since-mismatch",
                              f"'{phrase}': {attack} ({known.isoformat()}) was "
                              f"{published.year - known.year} years before the document's "
                              f"date {published.isoformat()}", y.start, y.end))
    return candidates, flags


def _about_an_instrument(sentence, s, e, lang, mentions) -> bool:
    """Does the sentence speak of a treaty or resolution (joined, signed, adopted) and name
    no attack?"""
    names_instrument = any(m.type == "legal-instrument" and s <= m.start < e
                           for m in mentions) or has_phrase(sentence, lx.TREATY_WORDS[lang], lang)
    return names_instrument and not has_phrase(sentence, lx.ATTACK_NOUNS[lang], lang)
