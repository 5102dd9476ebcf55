"""Attributions (who is said to have carried out an attack) and investigation findings.

Sentence by sentence, on the linked mentions, in a sentence about an attack. Three
shapes, from the word tables of :mod:`.cues`:

- the agent before its verb, with only such words as "is", "directly", "deliberately",
  "allegedly" between them ("X is directly responsible for perpetrating", "X deliberately
  used", "the Syrian government allegedly targeted"), or before a possessive ("the regime's
  indiscriminate use of"); in Arabic also after the verb ("استخدام نظام بشار الأسد");
- the agent after a passive cue ("dropped by government helicopters", "المنسوبة إلى");
- the agent as the object of a cue that then says what of ("accused X of using", "hold X
  responsible", "identifies X as a perpetrator", "حمّل ... X المسؤولية", "بحق X بتهمة").

A statement of an investigative body (the OPCW, its teams, the JIM, the UN inspectors,
"the report") is an ``investigation-finding``. The country or its capital as the agent
("Syria's use of chlorine", "accused Damascus") is read as the regime (rule A3 of the
real evaluation set).

>>> from cwkg.ingest.extract.model import Mention
>>> text = "the massacre committed by the Syrian regime in Khan Sheikhoun"
>>> m = [Mention(26, 43, "the Syrian regime", "org:assad-regime", "organisation")]
>>> [(c.kind, c.fields) for c in find_attributions(text, "en", [(0, len(text))], m)]
[('attribution', {'perpetrators': ['org:assad-regime']})]
"""

from __future__ import annotations

import re

from cwkg.ingest.extract import cues
from cwkg.ingest.extract import gazetteer as gz
from cwkg.ingest.extract import lexicon as lx

from .model import Candidate, Mention
from .phrases import ARABIC_MARKS, bare, has_phrase, phrase_re, tolerant

AGENT_TYPES = ("organisation", "person", "collective", "campaign")
_CLAUSE = re.compile(r"[.;:!?؛\n]")
# "X and Y", "X, Y", "X and his brother Y", "X و Y"; a unit and who commands it ("a
# helicopter of the Syrian Arab Air Force under the control of the Tiger Forces")
# "للنظام وتنظيم "داعش"": an Arabic organisation's name after تنظيم, quoted or not
_JOIN = re.compile(r"\s*(?:,|and|&|و)\s*|\s+(?:and|و)\s*|\s+و|\s+وتنظيم\s*[\"“«]?"
                   r"|\s*,?\s+and\s+(?:his|her|their|its)\s+[a-z]+\s+"
                   r"|\s+under\s+the\s+(?:control|command)\s+of\s+(?:the\s+)?"
                   r"|\s+(?:تحت\s+(?:سيطرة|قيادة)|التابعة\s+ل|التابع\s+ل)\s*")


def find_attributions(text: str, language: str, sentences,
                      mentions: list[Mention], attack_places=()) -> list[Candidate]:
    """Attribution (and investigation-finding) candidates, one per cue. ``attack_places``:
    the places of known attacks; a sentence that names one, or an attack, is about it
    ("أن النظام استعمل سلاحا محرما دوليا لضرب منطقة الغوطة")."""
    lang = lx.lang_of(language)
    agents = _agents(text, lang, mentions)
    attack_sites = [m for m in mentions if m.type == "attack" or m.entity in attack_places]
    candidates: list[Candidate] = []
    quoting_finding = False   # a report quoted after "... it said:" speaks on
    previous_finding = body = states_finding = False
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        # "... reasonable grounds to believe that a helicopter departed from Dumayr.
        # Operating under the control of the Tiger Forces, it dropped two cylinders": a
        # sentence whose subject is the pronoun of the finding before it goes on with it
        goes_on = states_finding and _PRONOUN_SUBJECT[lang].search(sentence) is not None
        states_finding = goes_on or _a_finding(text, s_start, s_end, lang, [], agents)
        introduces = sentence.rstrip().endswith(":") and (previous_finding or _a_finding(
            text, s_start, s_end, lang, [], agents)) and re.search(
            rf"(?:{lx.alternation(gz.FINDING_VERBS[lang])})", sentence) is not None
        quoting_finding = (quoting_finding and sentence.lstrip()[:1] in "\"“«") or introduces
        previous_finding = False
        previous_body, body = body, _names_a_body(text, s_start, s_end, lang, agents)
        in_sentence = [a for a in agents if s_start <= a.start < s_end]
        referred = _back_references(text, lang, agents, s_start, s_end)
        paragraph = text[text.rfind("\n", 0, s_start) + 1:(text.find("\n", s_end) + 1 or
                                                           len(text) + 1) - 1]
        if not (in_sentence or referred) or not (has_phrase(paragraph, lx.ATTACK_WORDS[lang], lang) or (
                _REFERS_BACK[lang].search(sentence)
                and has_phrase(text[:s_start], lx.ATTACK_WORDS[lang], lang))
                or (any(s_start <= m.start < s_end for m in attack_sites)
                    and _WEAPON_WORDS[lang].search(sentence))):
            continue
        kind = "investigation-finding" if _a_finding(text, s_start, s_end, lang, in_sentence) \
            or quoting_finding or goes_on or (previous_body and _it_says(sentence, lang)) \
            else "attribution"
        previous_finding = kind == "investigation-finding"
        # a finding only because a body is named in the sentence (not by a report's word,
        # a formula, a quote or a pronoun going on)
        named_only = previous_finding and not (
            _a_finding(text, s_start, s_end, lang, []) or quoting_finding or goes_on
            or (previous_body and _it_says(sentence, lang)))
        found = _object_cues(text, lang, in_sentence, s_start, s_end) + \
            _passive(text, lang, in_sentence, s_start, s_end) + \
            _active(text, lang, in_sentence, s_start, s_end)
        found += _accountable(text, lang, in_sentence, s_start, s_end) + referred
        if found:
            found += _partners(text, lang, in_sentence, s_start, s_end)
        used: set[int] = set()
        for start, end, chain in sorted(found, key=lambda f: f[0]):
            perps = [a.entity for a in chain if a.start not in used
                     and a.entity not in gz.INVESTIGATORS]
            if perps:
                own = "attribution" if named_only and _body_only_after(
                    text, lang, in_sentence, end, s_end) else kind
                candidates.append(Candidate(own, start, end,
                                            {"perpetrators": list(dict.fromkeys(perps))}))
            used.update(a.start for a in chain)
    return candidates


# a weapon named without a chemical word ("سلاحا محرما دوليا", "a banned weapon", "toxic
# substances"): about the attack only where the sentence names its place
_WEAPON_WORDS = {"en": re.compile(r"(?i)\b(?:banned|prohibited|forbidden|toxic|poisonous|lethal)\s+"
                                  r"(?:[\w-]+\s+)?(?:weapons?|arms|substances?|agents?|munitions?)\b"),
                 "ar": re.compile(r"(?<!\w)(?:سلاح|السلاح|أسلحة|الأسلحة|اسلحة|الاسلحة|مواد|المواد|"
                                  r"غازات|الغازات|غاز|الغاز)[اًا]?\s+(?:ال)?(?:محرم|محظور|سام|سامة|قاتل)\S*")}


# "X must be held accountable for these atrocities", "called for X to be held to account",
# "hold X accountable", "accountability for X", "measures against X", "محاسبة دولية لنظام
# الأسد": a demand that
# names whom to hold to account, in a sentence about an attack, accuses them of it (rule A1;
# data/'s curated demands record them as `accused`)
_HELD = {"en": re.compile(r"(?i)[^.;:!?]{0,60}?\bbe\s+held\s+(?:accountable|to\s+account)\b"),
         "ar": re.compile(r"(?!)")}
_HOLD = {"en": re.compile(r"(?i)\b(?:hold|holds|holding|accountability\s+for|(?:measures|action|"
                         r"sanctions)\s+against|(?:impose|imposing|imposes)\s+sanctions\s+on)\s+(?:the\s+)?"),
         "ar": re.compile(r"(?<!\w)[وبل]?(?:محاسبة|المحاسبة|ومحاسبة)\s+(?:دولية\s+)?")}
_HOLD_TAIL = {"en": re.compile(r"(?i)^\s+(?:accountable|to\s+account)\b"), "ar": None}
# what they are held to account for: the attacks, or nothing said ("X must be held to
# account."); not "for their crimes against the Syrians", which names no chemical attack
# ("... be held to account by the international community for the use of chemical weapons")
_FOR_WHAT = re.compile(r"(?i)^(?:\s*(?:[.;,]|$|\s+(?:and|as|now)\b)|(?:\s+by\s+(?:the\s+)?[\w-]+"
                       r"(?:\s+[\w-]+){0,2})?\s+for\s+(?:[\w-]+\s+){0,4}?"
                       r"(?:atrocit(?:y|ies)|attacks?|massacres?|chemical|sarin|chlorine|gas)\b)")


def _accountable(text, lang, agents, s_start, s_end):
    """(start, end, agents) of each agent a demand would hold to account."""
    found = []
    for a in agents:
        held = _HELD[lang].match(text, a.end, s_end)
        if held and _FOR_WHAT.match(text[held.end():s_end]) and not any(
                a.end <= b.start < held.end() for b in agents):   # the last agent before
            found.append((a.start, held.end(), _chain_before(text, agents, a.end)))
    for cue in _HOLD[lang].finditer(text, s_start, s_end):
        # the article may be the agent's own ("the regime")
        chain = _chain_after(text, agents, cue.end(), gap=0) or (
            _chain_after(text, agents, cue.end() - 4, gap=0)
            if text[cue.end() - 4:cue.end()].lower() == "the " else [])
        if not chain:
            continue
        tail = _HOLD_TAIL[lang]
        if cue.group().lower().startswith("hold"):
            after = tail.match(text[chain[-1].end:s_end]) if tail else None
            if after is None or not _FOR_WHAT.match(text[chain[-1].end + after.end():s_end]):
                continue
            found.append((cue.start(), chain[-1].end + after.end(), chain))
        else:
            found.append((cue.start(), chain[-1].end, chain))
    return found


# a pronoun or a passive accusation whose agent is the perpetrator named before it: "The
# regime denies it, but it has used sarin before", "هجوم يُتهم فيه باستخدام أسلحة كيميائية"
# (an attack it is accused in of using chemical weapons); the agent is the last one named in
# the sentence or the two before it that is no investigative or UN body
_PRONOUN_CUE = {
    "en": re.compile(r"\b(?:[Ii]t|[Tt]hey)\s+(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been|"
                     r"stands?|stood)\s+(?:\w+ly\s+)?(?:accused|suspected|blamed)\s+(?:of|for)"
                     r"|(?:has|have|had)?\s*(?:again\s+|repeatedly\s+|also\s+|then\s+)?"
                     r"(?:carried\s+out|used|launched|dropped|committed|perpetrated|deployed|"
                     r"gassed)(?!\s+(?:its|their|a|the)?\s*(?:veto|vetoes|power|right)\b))\b"),
    "ar": re.compile("(?<!\\w)(?:" + "|".join(tolerant(p, "ar") for p in (
        "يتهم فيه", "يتهم فيها", "اتهم فيه", "اتهم فيها", "المتهم بشنه", "المتهم بتنفيذه",
        "يتهم بشنه", "يتهم بتنفيذه", "يتهم بارتكابه", "اتهم بارتكابه")) + ")(?!\\w)")}
_NOT_ANTECEDENT = ("org:un", "org:unsc", "org:un-mission-2013")


def _back_references(text, lang, agents, s_start, s_end):
    """(start, end, [the agent referred to]) for each pronoun or passive accusation."""
    found = []
    for cue in _PRONOUN_CUE[lang].finditer(text, s_start, s_end):
        # an English pronoun refers to a sentence before, in a sentence that names no agent
        # ("Operating under the control of the Tiger Forces, it dropped": the helicopter)
        last = s_start if lang == "en" else cue.start()
        if lang == "en" and any(s_start <= a.start < s_end for a in agents):
            continue
        window = max(0, s_start - 400)
        before = [a for a in agents if window <= a.start and a.end <= last
                  and a.entity not in gz.INVESTIGATORS and a.entity not in _NOT_ANTECEDENT]
        if before:
            a = before[-1]
            found.append((cue.start(), cue.end(), [Mention(cue.start(), cue.end(),
                                                          cue.group(), a.entity, a.type)]))
    return found


# "used chemical weapons again, this time jointly with Hezbollah militias": a partner in
# the attack the sentence attributes is a perpetrator too
_PARTNER = {"en": re.compile(r"(?i)\b(?:together|jointly|in\s+concert|in\s+partnership)\s+with\s+"
                             r"(?:the\s+)?"
                             # "X have carried out chemical attacks, as has Y": Y did too
                             r"|,\s+as\s+(?:has|have|had|did|does)\s+(?:the\s+)?"),
            "ar": re.compile(r"(?<!\w)(?:بالاشتراك|بالتعاون|بالتنسيق)\s+مع\s+|(?<!\w)بمشاركة\s+")}


def _partners(text, lang, agents, s_start, s_end):
    """(start, end, agents) of each partner named after a partnership cue in the sentence."""
    found = []
    for cue in _PARTNER[lang].finditer(text, s_start, s_end):
        chain = _chain_after(text, agents, cue.end(), gap=3)
        if chain:
            found.append((cue.start(), chain[-1].end, chain))
    return found


_PRONOUN_SUBJECT = {"en": re.compile(r"(?:^\s*|[,;]\s+)(?:[Ii]t|[Tt]hey)\s+(?!(?:is|was|are|were|"
                                    r"has|have|had|said|says)\b)[a-z]+(?:ed|s)\b"),
                    "ar": re.compile(r"(?!)")}


def _body_only_after(text: str, lang: str, agents, end: int, s_end: int) -> bool:
    """"الاستخدام المكثف لقوات الأسد غاز الكلور ... مع قرب انتهاء لجنة منظمة حظر الأسلحة
    الكيماوية من استلام مخزون الأسد": a body named only after the attribution, and not as
    the speaker of a finding verb, does not make it the body's finding ("X used chlorine,
    the OPCW said" still is)."""
    bodies = [a for a in agents if a.entity in gz.INVESTIGATORS]
    if not bodies or any(b.start < end for b in bodies):
        return False
    verbs = lx.alternation(gz.FINDING_VERBS[lang])
    flags = re.IGNORECASE if lang == "en" else 0
    return not any(
        re.match(rf"(?:\s*\([^)]{{1,12}}\))?(?:\s+[\w’'-]+){{0,3}}?\s+(?:{verbs})(?!\w)",
                 text[b.end:s_end], flags)
        # "X dropped chlorine ..., according to the OPCW": the body is the speaker
        or re.search(r"\b(?:according\s+to|وفقا\s+ل|وفقاً\s+ل|بحسب|حسب)\s+(?:\S+\s+){0,6}?$",
                     text[max(0, b.start - 60):b.start], flags)
        # "X was responsible ..., Edmond Mulet, Head of the JIM, told the Council"
        or _HEAD_OF[lang].search(text[max(0, b.start - 120):b.start])
        # '"..., X was responsible," said the head of the JIM': a verb between them
        or re.search(rf"(?<!\w)[وف]?(?:{verbs})(?!\w)", ARABIC_MARKS.sub("", text[end:b.start]),
                     flags)
        for b in bodies)


def _names_a_body(text: str, s_start: int, s_end: int, lang: str, agents) -> bool:
    """Does the sentence name an investigative body or its report?"""
    return any(a.entity in gz.INVESTIGATORS and s_start <= a.start < s_end for a in agents) \
        or has_phrase(text[s_start:s_end], gz.INVESTIGATION_WORDS[lang], lang)


def _it_says(sentence: str, lang: str) -> bool:
    """"..., it says, and were dropped by ...": the body named just before speaks on."""
    return lang == "en" and re.search(r"\bit\s+(?:says|said|found|finds|concluded|states)\b",
                                      sentence, re.IGNORECASE) is not None


def _agents(text: str, lang: str, mentions: list[Mention]) -> list[Mention]:
    """Linked agents, and the country or capital named where an agent may stand."""
    out = [_government_of(text, lang, m) for m in mentions
           if m.type in AGENT_TYPES and m.entity]
    taken = [(m.start, m.end) for m in mentions if m.type != "place"]
    for m in phrase_re(gz.STATE_METONYMS[lang], lang).finditer(text):
        if _a_place_here(text, m, lang):
            continue  # "chemical weapons in Syria", "هجمات في دمشق": where, not who
        if not any(s < m.end() and m.start() < e for s, e in taken):
            out.append(Mention(m.start(), m.end(), m.group(), gz.STATE, "organisation",
                               "metonym"))
    # "the government" or "الحكومة" with no nationality or "of": the Syrian state, in a
    # text whose attacks name it (the extractor reads only sentences about an attack)
    if phrase_re(gz.STATE_NAMES[lang], lang).search(text):
        taken = [(a.start, a.end) for a in out]
        for m in _BARE_GOVERNMENT[lang].finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                out.append(Mention(m.start(), m.end(), m.group(), gz.STATE, "organisation",
                                   "metonym"))
    return sorted(out, key=lambda a: a.start)


_BARE_GOVERNMENT = {
    "en": re.compile(r"\b[Tt]he\s+government\b(?!\s+(?:of|in|and)\b)(?!['’]s?\s+(?:own\s+)?"
                     r"(?:response|statement|position))"),
    # not "الحكومة البريطانية" (a nationality after it), nor "الحكومة الحكومة" of another
    "ar": re.compile(r"(?<!\w)[وبل]?(?:ال|ل)حكومة(?!\s+ال\w+ي[ةه]?(?!\w))(?!\s+\w+ي[ةه](?!\w))"
                     r"(?![\w\u064b-\u0652])")}


# "حكومة الرئيس السوري بشار الأسد", "the government of President Bashar al-Assad": the
# government a person leads is the regime (rule A3), not the person
# "Syrian troops loyal to President X", "القوات الموالية للرئيس": his forces, the regime's too
_GOVERNMENT_OF = {"en": re.compile(r"(?i)\b(?:(?:the\s+)?(?:government|regime)\s+of|(?:Syrian\s+)?"
                                   r"(?:troops|forces|soldiers|units)\s+loyal\s+to)\s+"
                                   r"(?:(?:Syrian\s+)?President\s+)?$"),
                  "ar": re.compile(r"(?<!\w)[وبل]?(?:(?:حكومة|نظام)\s+(?:الرئيس\s+)?|(?:ال)?قوات\s+"
                                   r"(?:ال)?موالية\s+(?:للرئيس\s+|لـ?))(?:السوري\s+)?$")}


# "Bashar al-Assad's army", "Assad's forces": the forces a person commands are the regime's
_FORCES_OF = {"en": re.compile(r"['’]s?\s+(?:army|armed\s+forces|forces|troops|military|soldiers|"
                               r"regime|government)\b", re.IGNORECASE),
              "ar": re.compile(r"(?!)")}


def _government_of(text: str, lang: str, m: Mention) -> Mention:
    if m.type != "person":
        return m
    forces = _FORCES_OF[lang].match(text, m.end)
    if forces:
        return Mention(m.start, forces.end(), text[m.start:forces.end()], gz.STATE,
                       "organisation", "metonym")
    before = _GOVERNMENT_OF[lang].search(text[max(0, m.start - 40):m.start])
    if before is None:
        return m
    start = m.start - (len(text[max(0, m.start - 40):m.start]) - before.start())
    return Mention(start, m.end, text[start:m.end], gz.STATE, "organisation", "metonym")


# "this heinous crime", "لهذه الجريمة البشعة": a sentence about the attack named before it
_REFERS_BACK = {
    "en": re.compile(r"(?i)\b(?:this|these|that|those)\s+(?:[\w-]+\s+){0,2}?(?:crimes?|attacks?|"
                     r"atrocit(?:y|ies)|massacres?)\b"
                     # "The complaint ... calls for a criminal investigation into X": the
                     # complaint about the attacks named before
                     r"|\b(?:the|this|that)\s+(?:criminal\s+)?complaint\b"),
    "ar": re.compile(r"(?<!\w)[وبل]?(?:هذه|هذا|تلك|ذلك)\s+(?:ال)?(?:جريمة|جرائم|هجوم|هجمات|مجزرة|"
                     r"مجازر)(?!\w)|(?<!\w)[وبل]?(?:الشكوى|هذه\s+الشكوى)(?!\w)")}
_IN_PLACE = {"en": re.compile(r"(?i)\b(?:in|at|across|into|inside|throughout|to|from|of|on|"
                             r"against|over|near|outside)\s+(?:the\s+)?$"),
             # "غوطتي دمشق", "ريف دمشق": the capital after a place noun is a place too
             "ar": re.compile(r"(?<!\w)(?:في|على|إلى|الى|من|داخل|ضد|خارج|حول|[وب]?ريف|"
                              r"[وب]?غوطت?[يا]|غوطة|ضواحي|مدينة|محافظة|أحياء|جنوب|شمال|شرق|"
                              r"غرب|قرب|وسط)\s+$")}


def _a_place_here(text: str, m: re.Match, lang: str) -> bool:
    """Is the country or capital named as a place ("in Syria", "في سوريا", "بسوريا")?"""
    if lang == "ar" and m.group()[:1] in "بل" and m.group()[1:2] != "ا":
        return True   # the clitic ب (in) or ل (to) written onto the name
    return _IN_PLACE[lang].search(text[max(0, m.start() - 20):m.start()]) is not None


def _a_finding(text: str, s_start: int, s_end: int, lang: str, agents: list[Mention],
               every_agent=()) -> bool:
    """Is an investigative body or its report the speaker ("the report confirms", "OPCW
    accuses", "according to a new investigation by the OPCW", "حمّل التقرير")? Being named
    is not enough ("from the detail in the report, it is clear that ...": the speaker's own
    conclusion)."""
    flags = re.IGNORECASE if lang == "en" else 0
    verbs = lx.alternation(gz.FINDING_VERBS[lang])
    if re.search(gz.FINDING_FORMULA[lang], text[s_start:s_end], flags):
        return True  # "there are reasonable grounds to believe": the IIT's standard of proof
    if any(a.entity in gz.INVESTIGATORS and s_start <= a.start < s_end
           for a in list(agents) + list(every_agent)):
        return True  # the JIM, the OPCW... named in the sentence
    bodies = [(m.start(), m.end()) for m in phrase_re(gz.INVESTIGATION_WORDS[lang], lang)
              .finditer(text, s_start, s_end)]
    for start, end in bodies:
        after, before = text[end:min(s_end, end + 70)], text[max(s_start, start - 60):start]
        # "..., Edmond Mulet, Head of the Joint Investigative Mechanism, told the Council":
        # the head of a body speaks for it
        if _HEAD_OF[lang].search(text[max(s_start, start - 120):start]):
            return True
        # "investigators mandated by the UN Security Council have found": a few words,
        # no clause break, between the body and its verb
        if lang == "en" and (
                re.match(rf"(?:\s*\([^)]{{1,12}}\))?(?:\s+[\w’'-]+){{0,7}}?\s+(?:{verbs})\b",
                         after, flags)
                or re.search(r"\baccording\s+to\s+(?:[\w-]+\s+){0,5}$", before, flags)):
            return True
        if lang == "ar" and re.search(rf"(?<!\w)[وف]?(?:كما\s+)?(?:{verbs})\S*\s+$",
                                      ARABIC_MARKS.sub("", before)):
            return True
    return False


_HEAD_OF = {"en": re.compile(r"\b(?:[Hh]ead|[Cc]hief|[Dd]irector(?:-[Gg]eneral)?|[Cc]hair(?:man|person)?|"
                             r"[Ll]eader|[Ss]pokes(?:person|man|woman))\s+of\s+(?:the\s+)?"
                             r"(?:[\w’'()‑-]+\s+){0,10}?$"),
            "ar": re.compile(r"(?<!\w)(?:رئيس|رئيسة|مدير|مديرة|المتحدث\s+باسم|المتحدثة\s+باسم)\s+"
                             r"(?:\S+\s+){0,6}?$")}


# between a cue and its agent: a clause that begins ("carried out by rescuers ordered by
# the US, who joined the UK": the UK is the relative clause's, not the agent)
_CLAUSE_BETWEEN = re.compile(r"[,;،؛]|(?i:\b(?:who|whom|whose|which)\b)"
                             r"|(?<!\w)(?:الذي|التي|الذين|اللذين|اللتين|اللواتي)(?!\w)")


def _chain_after(text: str, agents: list[Mention], pos: int, gap: int = 25,
                 clause_ends: bool = False) -> list[Mention]:
    """The agent right after ``pos`` (within ``gap`` characters; with ``clause_ends``, no
    clause begun between: a passive cue's agent), and any joined to it."""
    chain: list[Mention] = []
    for a in agents:
        if a.start < pos:
            continue
        if not chain:
            if a.start - pos > gap or (clause_ends
                                       and _CLAUSE_BETWEEN.search(text, pos, a.start)):
                break
            chain.append(a)
        elif _JOIN.fullmatch(text[chain[-1].end:a.start]):
            chain.append(a)
        else:
            break
    return chain


def _chain_before(text: str, agents: list[Mention], end: int) -> list[Mention]:
    """The agent ending at ``end``, and any joined to it before ("X and Y")."""
    chain = [a for a in agents if a.end == end][:1]
    while chain:
        prev = [a for a in agents if a.end <= chain[0].start
                and _JOIN.fullmatch(text[a.end:chain[0].start])]
        if not prev:
            break
        chain.insert(0, prev[-1])
    return chain


def _fillers(lang: str) -> re.Pattern:
    words = lx.alternation(cues.FILLERS[lang])
    flags = re.IGNORECASE if lang == "en" else 0
    # "X, departing from Hama airbase, dropped": one comma-aside may stand there too; a
    # quoted name's closing mark ("the “Tiger Forces” Elite Unit"); in Arabic a comma before
    # the cue ("القوات الجوية ...، كمرتكبين")
    # "the regime's troops have ... used": the agent's possessive before its means
    quote = r"(?:['’]s(?=\s+(?:troops|forces|army|helicopters|aircraft|warplanes|planes|"\
        r"jets|artillery|units|soldiers|militias?)\b)|[”\"’»])?"
    tail = r"(?:\s*[،,])?\s*" if lang == "ar" else r"\s*"
    # "قوات النظام التي كانت موجودة داخل اللواء 155 أطلقت": a relative clause after the
    # agent; "لم يتوقف نظام الأسد بعد مجزرة الغوطة عن استخدام": a time phrase before عن
    aside = r"(?:\s+(?:التي|الذي|الذين)(?:\s+[^\s.،,؛:]+){1,7}?(?=\s)|\s+(?:بعد|منذ)(?:\s+[^\s.،,؛:]+){1,3}?\s+عن(?=\s))?" \
        if lang == "ar" else ""
    # "The Islamic State of Iraq and the Levant (ISIL/Da’esh) had been identified as": the
    # agent's acronym or other name in brackets after it
    brackets = r"(?:\s*\([^()\n]{1,30}\))?"
    # an aircraft's model between the force and the aircraft ("a Syrian Arab Air Force Mi-8
    # helicopter dropped"), with its variant after a slash ("Mi-8/17", "Mi8/17")
    model = r"(?:\s+(?:Sukhoi\s+)?[A-Z][A-Za-z]{0,3}-?[0-9]{1,3}[A-Za-z]?(?:/[0-9]{1,3})?(?=\s))?" \
        if lang == "en" else ""
    return re.compile(rf"{quote}{brackets}(?:\s*,[^,.;:\n]{{1,50}},)?{aside}{model}(?:\s+(?:{words}))*{tail}",
                      flags)


def _active(text, lang, agents, s_start, s_end):
    """(start, end, agents) for "X [fillers] used", "X's use of", Arabic verb-first."""
    found = []
    fillers = _fillers(lang)
    verbs = phrase_re(cues.ATTRIBUTION_ACTIVE[lang], lang)
    possessive = re.compile(cues.POSSESSIVE, re.IGNORECASE)
    for cue in list(verbs.finditer(text, s_start, s_end)) + \
            (list(possessive.finditer(text, s_start, s_end)) if lang == "en" else []):
        if _not_an_attack(text, cue, s_end, lang):
            continue
        # an Arabic noun takes its agent after it ("هجوم النظام"): "مشروع قرار الأمم
        # المتحدة هجوم خان شيخون" names who condemns, not who attacked
        noun = lang == "ar" and cue.group().lstrip("وفبل") in _AR_NOUNS
        before = [a for a in agents if a.end <= cue.start()
                  and not (noun and cue.group().lstrip("وفبل") != "ارتكاب")
                  and fillers.fullmatch(text, a.end, cue.start())
                  and not _passive_voice(text[a.end:cue.start()], cue.group(), lang)]
        chain = _chain_before(text, agents, before[-1].end) if before else []
        if chain:
            found.append((chain[0].start, _clause_end(text, cue.end(), s_end, 60), chain))
        elif lang == "ar":
            chain = _chain_after(text, agents, cue.end(), gap=14 if noun else 25)
            if chain and not _AR_NOT_SUBJECT.search(text[cue.end():chain[0].start]) and (
                    bare(cue.group()).lstrip("وف") not in _AR_LIGHT_VERBS
                    or _AR_LIGHT_ACTION.match(text, chain[-1].end)):
                found.append((cue.start(), chain[-1].end, chain))
    return found


# "قامت قوات النظام بإطلاق صاروخين": a light verb whose agent follows and whose action is a
# verbal noun after ب; only an attack's action makes it an attribution
_AR_LIGHT_VERBS = {"قام", "قامت", "يقوم", "تقوم"}
_AR_LIGHT_ACTION = re.compile(r"\s+ب(?:[اإ]طلاق|قصف|شن|[اإ]ستخدام|استعمال|[اإ]لقاء|تنفيذ|"
                              r"ارتكاب|استهداف|رمي|ضرب|مهاجمة)(?!\w)")


# between an Arabic cue and the agent after it: a preposition ("استخدمت روسيا الفيتو في
# مجلس الأمن": where, not who), a relative clause or verb ("الهجوم الذي ينفي النظام"), or
# the veto as what is used
_AR_NOT_SUBJECT = re.compile(r"(?<!\w)(?:في|على|عن|داخل|أمام|الذي|التي|الذين|ينفي|تنفي|نفى|نفت|"
                             r"الفيتو|النقض)(?:\s+\S+)?\s+$")


# cues that follow a be-verb in the active sense ("X is responsible for", "X was accused of")
_PREDICATIVE = ("responsible", "to blame", "behind", "'", "’", "suspected of", "accused of",
                "charged with", "implicated in", "complicit in", "guilty of", "linked to",
                "the perpetrator", "perpetrator", "accountable for", "culpable")
# (the evaluative passive "X had been identified as accountable for the use of" is active in
# this sense: X is who is held to have used)
# Arabic nouns naming an attack, whose agent follows right after ("هجمات النظام")
_AR_NOUNS = ("هجوم", "هجمات", "مجزرة", "مجازر", "ارتكاب", "الهجمات", "الهجوم", "هجوما",
             "هجوماً", "جريمة", "جرائم", "مسؤولية")


def _passive_voice(between: str, verb: str, lang: str) -> bool:
    """"Damascus were targeted": a be-verb before a participle makes the agent the target."""
    if lang != "en" or verb.lower().startswith(_PREDICATIVE):
        return False
    return re.search(r"\b(?:is|are|was|were|been|be|being)\b", between, re.IGNORECASE) \
        is not None


def _not_an_attack(text: str, cue: re.Match, s_end: int, lang: str) -> bool:
    """"launched campaigns", "used social media": the verb's object is not an attack."""
    return re.match(rf"\s+(?:a\s+|an\s+|the\s+|their\s+|its\s+)?(?:{lx.alternation(cues.NOT_ATTACK_OBJECTS[lang])})\b",
                    text[cue.end():s_end], re.IGNORECASE if lang == "en" else 0) is not None


# "nearly 1,500 Syrians were gassed to death by the regime", "residents were killed by
# government forces": a harm verb in the passive voice names its agent after "by"
# "the attack, attributed by the JIM to the Syrian Arab Air Force": who attributes stands
# between the participle and its preposition
_ATTRIBUTED_BY = {"en": re.compile(r"(?i)\b(?:attributed|blamed)\s+by\s+(?:the\s+)?[\w’'.-]+"
                                   r"(?:\s+[\w’'.-]+){0,5}?\s+(?:to|on)\s+(?:the\s+)?"),
                  "ar": re.compile(r"(?!)")}
_HARMED_BY = {"en": re.compile(r"(?i)\b(?:is|are|was|were|been|being)\s+(?:[a-z]+ly\s+){0,2}"
                               r"(?:gassed|killed|poisoned|targeted|attacked|bombed|shelled|struck|"
                               r"hit|massacred|murdered|suffocated|choked)(?:\s+to\s+death)?"
                               r"(?:\s+(?:with|in)\s+[\w-]+(?:\s+[\w-]+)?)?\s+by\s+"),
              "ar": re.compile(r"(?!)")}


_TARGET_BELONGS = re.compile(r"(?i)\bagainst\s+(?:[\w-]+\s+){0,3}?belonging\s+to(?:\s+the)?$"
                             r"|(?<!\w)ضد\s+(?:\S+\s+){0,3}?(?:ال)?تابع[ةه]?\s+لـ?$")


def _passive(text, lang, agents, s_start, s_end):
    found = []
    cues_found = list(phrase_re(cues.ATTRIBUTION_PASSIVE[lang], lang).finditer(text, s_start, s_end))
    for cue in cues_found + list(_HARMED_BY[lang].finditer(text, s_start, s_end)) + \
            list(_ATTRIBUTED_BY[lang].finditer(text, s_start, s_end)):
        if _TARGET_BELONGS.search(text[max(s_start, cue.start() - 40):cue.end()]):
            continue  # "fighting against groups belonging to the SDF": a target's owner
        chain = _chain_after(text, agents, cue.end(), clause_ends=True)
        if chain:
            found.append((_clause_start(text, s_start, cue.start(), 60), chain[-1].end, chain))
    return found


def _object_cues(text, lang, agents, s_start, s_end):
    """"accused X of using", "hold X responsible", "حمّل ... X المسؤولية"."""
    found = []
    objects = phrase_re(cues.OBJECTS[lang], lang)
    object_before = phrase_re(cues.OBJECT_BEFORE[lang], lang)
    for cue in phrase_re(cues.OBJECT_CUES[lang], lang).finditer(text, s_start, s_end):
        if re.match(r"(?i)\s+(?:to\s+account|accountable)\b", text[cue.end():s_end]):
            continue  # "held to account by the international community": who would judge
        end = min(s_end, cue.end() + 160)
        target = object_before.search(text, cue.end(), end)
        # the agent right before the object word, when there is one
        chain = _chain_before(text, agents, _agent_end_before(text, agents, target.start())) \
            if target else []
        if chain and chain[0].start > cue.end():
            found.append((cue.start(), target.end(), chain))
            continue
        chain = _chain_after(text, agents, cue.end())
        if not chain:
            continue
        tail = objects.search(text, chain[-1].end, min(s_end, chain[-1].end + 60))
        gerund = re.match(r"\s+of\s+\w+ing\b", text[chain[-1].end:s_end])
        if tail or gerund:
            stop = tail.end() if tail else chain[-1].end + gerund.end()
            found.append((cue.start(), stop, chain))
    return found


def _agent_end_before(text: str, agents: list[Mention], pos: int) -> int:
    ends = [a.end for a in agents if a.end <= pos and not text[a.end:pos].strip()]
    return ends[-1] if ends else -1


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
