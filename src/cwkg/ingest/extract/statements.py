"""Attributions (who is said to have carried out an attack) and demands (who
calls for which accountability mechanism).

Both work sentence by sentence on the linked mentions. An attribution needs an
agent next to an attribution verb ("committed by the Syrian regime", "the Assad
regime used sarin", "ارتكب النظام السوري") in a sentence about an attack; a
finding of an investigative body (the JIM "attributed responsibility to") is an
``investigation-finding``. A demand needs a demand cue (calls for, urges, must,
نطالب) and names mechanisms by the lexicon's phrases, the mechanisms' own
labels and aliases, and two structural forms: "refer/transfer ... to the ICC"
and "hold X accountable".

>>> from cwkg.ingest.extract.model import Mention
>>> text = "the massacre committed by the Syrian regime in Khan Sheikhoun"
>>> m = [Mention(26, 43, "the Syrian regime", "org:assad-regime", "organisation")]
>>> [(c.kind, c.fields) for c in find_attributions(text, "en", [(0, len(text))], m)]
[('attribution', {'perpetrators': ['org:assad-regime']})]
>>> t = "We call on the Council to refer the file to the ICC."
>>> [c.fields for c in find_demands(t, "en", [(0, len(t))], [])]
[{'mechanisms': ['mech:icc-referral']}]
"""

from __future__ import annotations

import re

from cwkg.ingest.extract import lexicon as lx

from .model import Candidate, Mention

AGENT_TYPES = ("organisation", "person", "collective")
_CLAUSE = re.compile(r"[.;:!?؛\n]")



_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0640]")  # harakat (shadda...) and tatweel


def _has_object(text: str, objects: re.Pattern, start: int, end: int) -> bool:
    """"accused X of launching", "hold X responsible": the cue's object follows the agent."""
    return objects.search(text, start, end) is not None or \
        re.match(r"\s+of\s+\w+ing\b", text[start:end]) is not None


def _tolerant(phrase: str, lang: str) -> str:
    """An escaped phrase; in Arabic, diacritics (حمّل) may stand after any letter."""
    if lang != "ar":
        return re.escape(phrase)
    return "".join(re.escape(ch) + ("[\u064b-\u0652\u0640]*" if ch.isalpha() else "")
                   for ch in phrase)


def _phrase_re(phrases, lang: str) -> re.Pattern:
    alt = "|".join(_tolerant(p, lang) for p in sorted(set(phrases), key=len, reverse=True))
    if lang == "en":
        # a possessive cue ("'s use of") follows its agent with no space
        return re.compile(rf"(?:(?<![\w’'])|(?=['’]))(?:{alt})(?![\w])", re.IGNORECASE)
    return re.compile(rf"(?<!\w)(?:[وفبل])?(?:{alt})(?!\w)")


def has_phrase(text: str, phrases, lang: str) -> bool:
    return _phrase_re(phrases, lang).search(text) is not None


def find_attributions(text: str, language: str, sentences, mentions: list[Mention],
                      attack_refs=None) -> list[Candidate]:
    """Attribution (and investigation-finding) candidates, one per cue."""
    lang = lx.lang_of(language)
    agents = [m for m in mentions if m.type in AGENT_TYPES and m.entity]
    active = _phrase_re(lx.ATTRIBUTION_ACTIVE[lang], lang)
    passive = _phrase_re(lx.ATTRIBUTION_PASSIVE[lang], lang)
    objects = _phrase_re(lx.ATTRIBUTION_OBJECT[lang], lang)
    candidates = []
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        in_sentence = [a for a in agents if s_start <= a.start < s_end]
        if not in_sentence or not has_phrase(sentence, lx.ATTACK_WORDS[lang], lang):
            continue
        used: set[int] = set()
        for cue in passive.finditer(text, s_start, s_end):
            following = _agents_after(text, in_sentence, cue.end())
            if not following:
                continue
            word = _ARABIC_MARKS.sub("", cue.group().lower()).lstrip("وفبل")
            if word.startswith(lx.OBJECT_CUES[lang]) and not _has_object(
                    text, objects, following[-1].end, min(s_end, following[-1].end + 40)):
                continue
            perps = [a.entity for a in following if a.entity not in lx.INVESTIGATORS]
            if not perps:
                continue
            start = _clause_start(text, s_start, cue.start(), 60)
            end = following[-1].end
            kind = "attribution"
            if any(a.entity in lx.INVESTIGATORS for a in in_sentence if a.start < cue.start()):
                kind = "investigation-finding"
            candidates.append(Candidate(kind, start, end, {"perpetrators": perps}))
            used.update(a.start for a in following)
        for cue in active.finditer(text, s_start, s_end):
            before = _agents_before(text, in_sentence, cue.start())
            if lang == "ar" and not before:
                before = _agents_after(text, in_sentence, cue.end())  # verb-subject order
                span = (cue.start(), before[-1].end) if before else None
            else:
                span = (before[0].start, _clause_end(text, cue.end(), s_end, 60)) \
                    if before else None
            if not before or all(a.start in used for a in before):
                continue
            perps = [a.entity for a in before if a.entity not in lx.INVESTIGATORS]
            if perps:
                kind = "investigation-finding" if any(
                    a.entity in lx.INVESTIGATORS for a in in_sentence
                    if a.start < span[0]) else "attribution"
                candidates.append(Candidate(kind, span[0], span[1],
                                            {"perpetrators": list(dict.fromkeys(perps))}))
                used.update(a.start for a in before)
    return candidates


def _agents_after(text: str, agents: list[Mention], pos: int) -> list[Mention]:
    """The agent right after ``pos`` (within a few words), and any joined to it by "and"."""
    chain = []
    for a in sorted(agents, key=lambda a: a.start):
        if a.start < pos:
            continue
        gap_from = chain[-1].end if chain else pos
        gap = a.start - gap_from
        joined = chain and re.fullmatch(r"\s+(?:and|و)\s*|\s+و", text[gap_from:a.start])
        if (not chain and gap <= 25) or joined:
            chain.append(a)
        elif chain:
            break
    return chain


def _agents_before(text: str, agents: list[Mention], pos: int) -> list[Mention]:
    """The agent(s) ending just before ``pos`` ("the Assad regime and its allies perpetrated")."""
    chain: list[Mention] = []
    for a in sorted(agents, key=lambda a: a.start, reverse=True):
        if a.end > pos:
            continue
        limit = chain[0].start if chain else pos
        if not chain and limit - a.end <= 3:
            chain.insert(0, a)
        elif chain and re.fullmatch(r"\s+(?:and|و)\s*", text[a.end:limit]):
            chain.insert(0, a)
        else:
            break
    return chain


def _clause_start(text: str, floor: int, pos: int, cap: int) -> int:
    found = [m.end() for m in _CLAUSE.finditer(text, max(floor, pos - cap), pos)]
    start = found[-1] if found else max(floor, pos - cap)
    while start < pos and text[start] in " ,\"“":
        start += 1
    if start > floor and start == pos - cap:  # cut mid-sentence: start at a word
        start = text.find(" ", start, pos) + 1 or start
    return start


def _clause_end(text: str, pos: int, ceiling: int, cap: int) -> int:
    m = _CLAUSE.search(text, pos, min(ceiling, pos + cap))
    end = m.start() if m else min(ceiling, pos + cap)
    if not m and end < ceiling:
        end = text.rfind(" ", pos, end) if text.rfind(" ", pos, end) > pos else end
    return end


def find_demands(text: str, language: str, sentences, mentions: list[Mention]) -> list[Candidate]:
    """One demand candidate per sentence with a demand cue and at least one mechanism."""
    lang = lx.lang_of(language)
    cues = _phrase_re(lx.DEMAND_CUES[lang], lang)
    phrase_res = {mech: _phrase_re(ps, lang) for mech, ps in lx.MECHANISM_PHRASES[lang].items()
                  if ps}
    if lang == "en":
        referral = re.compile(r"\b(?:refer|referral|referred|referring|transfer|transferring)\b"
                              r"[^.;:]{0,60}?\bto\s+(?:the\s+)?(?:International\s+Criminal\s+Court"
                              r"|ICC)\b", re.IGNORECASE)
        hold = re.compile(r"\bhold(?:ing)?\s+(?:[\w’'-]+\s+){0,8}?accountable\b", re.IGNORECASE)
    else:
        referral = re.compile(r"(?<!\w)[وب]?[إا]حالة[^.؛]{0,60}?(?:إلى|الى)\s+المحكمة\s+الجنائية"
                              r"\s+الدولية")
        hold = None
    candidates = []
    for s_start, s_end in sentences:
        if not cues.search(text, s_start, s_end):
            continue
        found: list[tuple[int, int, str]] = []
        for mech, pattern in phrase_res.items():
            found += [(m.start(), m.end(), mech) for m in pattern.finditer(text, s_start, s_end)]
        found += [(m.start(), m.end(), "mech:icc-referral")
                  for m in referral.finditer(text, s_start, s_end)]
        if hold:
            found += [(m.start(), m.end(), "mech:accountability")
                      for m in hold.finditer(text, s_start, s_end)]
        found += [(m.start, m.end, m.entity) for m in mentions
                  if m.type == "mechanism" and s_start <= m.start < s_end]
        found = _purpose_clauses_removed(text, _longest(found))
        if found:
            mechs = list(dict.fromkeys(f[2] for f in found))
            candidates.append(Candidate("demand", min(f[0] for f in found),
                                        max(f[1] for f in found), {"mechanisms": mechs}))
    return candidates


def _longest(found):
    """Drop matches inside a longer one (of any mechanism)."""
    found = sorted(set(found), key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str]] = []
    for f in found:
        if any(k[0] <= f[0] and f[1] <= k[1] for k in kept):
            continue
        kept = [k for k in kept if not (f[0] <= k[0] and k[1] <= f[1])]
        kept.append(f)
    return kept


def _purpose_clauses_removed(text: str, found):
    """"an exceptional court to hold the regime accountable": the court is the demand;
    "a mechanism to hold ... accountable" is the accountability mechanism, not a second one."""
    kept = []
    for f in found:
        if f[2] == "mech:accountability" and any(
                o is not f and (o[1] <= f[0] and re.fullmatch(r"[\s\w]{0,25}?\s*to\s+",
                                                              text[o[1]:f[0]])
                                or (o[2] == "mech:accountability-mechanism"
                                    and o[0] < f[1] and f[0] < o[1]))
                for o in found):
            continue
        kept.append(f)
    return kept
