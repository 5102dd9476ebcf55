"""Who states a candidate claim: the source's own voice, or an agent it reports.

A claim is proposed as stated by an agent when, in its sentence and before its
quote, a linked agent stands next to a speech verb ("the National Coalition ...
said", "State Department spokesman Ned Price said", "قال الدفاع المدني السوري",
"according to the White Helmets"); otherwise by the author. Words inside
quotation marks that open before the quote make it a direct quote, else the
speech is reported. The curator checks every proposal; this only saves typing.

>>> from cwkg.ingest.extract.model import Candidate, Mention
>>> text = 'The White Helmets said that "the regime used sarin".'
>>> m = [Mention(4, 17, "White Helmets", "org:white-helmets", "organisation")]
>>> c = Candidate("attribution", 29, 50, {"perpetrators": ["org:assad-regime"]})
>>> speaker(text, "en", (0, len(text)), m, c)
('org:white-helmets', 'direct-quote')
"""

from __future__ import annotations

import re

from cwkg.ingest.extract import lexicon as lx

from .model import Candidate, Mention

AGENT_TYPES = ("organisation", "person", "collective")
WINDOW = 40   # characters between an agent and its speech verb
_OPEN = "“\"«"
_CLOSE = "”\"»"


def speaker(text: str, language: str, sentence: tuple[int, int], mentions: list[Mention],
            candidate: Candidate) -> tuple[str | None, str | None]:
    """(agent id, speech mode) of the candidate, or (None, None) for the source's own voice."""
    lang = lx.lang_of(language)
    s_start, _ = sentence
    flags = re.IGNORECASE if lang == "en" else 0
    clitic = "[وف]?" if lang == "ar" else ""  # ودعا = و + دعا ("and he called")
    verbs = re.compile(rf"(?<!\w){clitic}(?:{lx.alternation(lx.SPEECH_VERBS[lang])})(?!\w)",
                       flags)
    own = set(candidate.fields.get("perpetrators", []))
    best = None
    for m in mentions:
        if m.type not in AGENT_TYPES or m.entity in own or not (s_start <= m.start
                                                                 < candidate.start):
            continue
        if _says(text, verbs, m.end, min(candidate.start, m.end + WINDOW), lang) or \
                _introduced(text, verbs, max(s_start, m.start - WINDOW), m.start, lang):
            if best is None or m.start > best.start:
                best = m
    if best is None:
        return None, None
    return best.entity, ("direct-quote" if _inside_quotes(text, best.end, candidate.start)
                         else "reported")


def finding_speaker(sentence_mentions: list[Mention], candidate: Candidate,
                    investigators) -> str | None:
    """The investigative body an investigation finding's sentence names before (or at the
    start of) the finding ("The IIT concluded that ...", "the JIM's report found"): the
    finding is its conclusion, not the source's own."""
    bodies = [m for m in sentence_mentions if m.entity in investigators
              and m.start <= candidate.start + 1]
    return bodies[-1].entity if bodies else None


def _says(text: str, verbs: re.Pattern, start: int, end: int, lang: str) -> bool:
    """A speech verb follows the agent in the same clause, in the active voice
    ("the Coalition said"; not "the international community is called upon")."""
    for verb in verbs.finditer(text, start, end):
        gap = text[start:verb.start()]
        if "," in gap or "،" in gap or verb.group().lower().startswith(("according", "بحسب",
                                                                           "وفق")):
            return False
        if lang == "en" and re.search(r"\b(?:is|are|was|were|been|be)\s+$", gap):
            continue
        return True
    return False


def _introduced(text: str, verbs: re.Pattern, start: int, end: int, lang: str) -> bool:
    """"according to X", "بحسب X"; in Arabic also verb-first: "قال الدفاع المدني"."""
    found = list(verbs.finditer(text, start, end))
    if not found:
        return False
    last = found[-1]
    if "," in text[last.end():end] or "،" in text[last.end():end]:
        return False
    return lang == "ar" or last.group().lower().startswith("according")


def _inside_quotes(text: str, start: int, pos: int) -> bool:
    """Is ``pos`` inside a quotation opened after ``start``?"""
    between = text[start:pos]
    curly_open = sum(between.count(c) for c in "“«") - sum(between.count(c) for c in "”»")
    return curly_open > 0 or between.count('"') % 2 == 1
