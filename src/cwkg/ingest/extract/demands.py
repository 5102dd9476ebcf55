"""Demands: who calls for which accountability mechanism.

A demand needs a demand cue in its sentence (calls for, urges, must, ensure, "long
overdue", "determined to", a proposal or a filed complaint, نطالب, طلب, مقترح) and names
mechanisms by the phrases of :mod:`.cues`, the mechanisms' own labels and aliases, and
structural forms: "refer/transfer ... to the ICC" (also with no cue after "to": "a reason
for the Council to refer ... to the ICC"), "hold X accountable" and "hold X to account".
A list of avenues in one sentence ("through the ICC, national courts or a special
tribunal") is one demand with every mechanism it names.

>>> t = "We call on the Council to refer the file to the ICC."
>>> [c.fields for c in find_demands(t, "en", [(0, len(t))], [])]
[{'mechanisms': ['mech:icc-referral']}]
>>> t = "We are determined to hold the perpetrators accountable."
>>> [c.fields for c in find_demands(t, "en", [(0, len(t))], [])]
[{'mechanisms': ['mech:accountability']}]
"""

from __future__ import annotations

import re

from cwkg.ingest.extract import cues
from cwkg.ingest.extract import lexicon as lx

from .model import Candidate, Mention
from .phrases import phrase_re

_REFERRAL = {
    "en": re.compile(r"\b(?:refer|referral|referred|referring|transfer|transferring)\b"
                     r"[^.;:]{0,60}?\bto\s+(?:the\s+)?(?:International\s+Criminal\s+Court|ICC)\b",
                     re.IGNORECASE),
    # "إحالة الوضع السوري على المحكمة" (على in North African usage); what is referred may
    # be a long noun phrase ("إحالة الهجوم الكيميائي الذي أوقع مئات القتلى قرب دمشق ...")
    "ar": re.compile(r"(?<!\w)[وب]?[إا]حالة[^.؛]{0,140}?(?:إلى|الى|على)\s+المحكمة\s+الجنائية"
                     r"\s+الدولية"),
}
_HOLD = re.compile(r"\bhold(?:s|ing)?\s+(?:[\w’'-]+\s+){0,8}?accountable\b", re.IGNORECASE)
# "no one has been held to account", "لم تتم حتى الآن مساءلة أي من المتورطين": the failure
# to hold anyone accountable, which the English cues read as "failure to"
# "the perpetrators ... have not been held accountable", "the criminal hasn't been held to
# account": the same failure stated in English
_NOT_YET_HELD = {"en": re.compile(r"(?i)\b(?:has|have|had|is|are|was|were)(?:\s+not|n[’']t|\s+never)\s+"
                                  r"(?:yet\s+|ever\s+|so\s+far\s+)?(?:been\s+)?held\s+"
                                  r"(?:accountable|to\s+account)\b"
                                  # "instead of being held to account", "without being held
                                  # accountable": the same, as what did not happen
                                  r"|\b(?:instead\s+of|rather\s+than|without)\s+(?:ever\s+)?being\s+"
                                  r"held\s+(?:accountable|to\s+account)\b"
                                  # "the failure and the inaction of the international
                                  # community to take steps to hold X accountable": a failure
                                  # named with words between it and its "to"
                                  r"|\b(?:failure|failures|inaction|unwillingness|inability)\b"
                                  r"[^.;:!?]{0,90}?\bto\s+(?:\w+\s+){0,8}?(?:hold|bring|"
                                  r"prosecute|punish|refer)\b"),
                 "ar": re.compile(r"(?<!\w)لم\s+(?:تتم|يتم|تجر|يجر)\s+(?:\S+\s+){0,3}?"
                                  r"(?:مساءلة|محاسبة|محاسبت\w+|مساءلت\w+)(?!\w)"
                                  # "بدلاً من أن تتم محاسبتهم" (instead of their being held to
                                  # account), "دون أن تتم محاسبة", "لم يحاسب" (was not)
                                  r"|(?<!\w)(?:بدلا|بدلاً|بدل|دون|من\s+دون|بدون)\s+(?:من\s+)?(?:أن\s+|ان\s+)?"
                                  r"(?:تتم|يتم|تجري|يجري)\s+(?:\S+\s+){0,2}?"
                                  r"(?:مساءلة|محاسبة|محاسبت\w+|مساءلت\w+)(?!\w)"
                                  r"|(?<!\w)(?:لم|لا)\s+(?:ي|ت)حاسب\w*(?!\w)")}
# "the criminal investigations in France and Germany could seriously hamper ...": what a
# mechanism could do, said of it as the subject, is no call for it (rule D1)
_COULD_DO = re.compile(r"(?i)^(?:\s+(?:in|of|by|into)?\s*[\w-]+){0,3}?\s+(?:could|may|might|can)\s+"
                       r"(?!be\s+(?:held|brought|referred|established|set\s+up))")


def find_demands(text: str, language: str, sentences, mentions: list[Mention]) -> list[Candidate]:
    """One demand candidate per sentence with a demand cue and at least one mechanism."""
    lang = lx.lang_of(language)
    cue_re = phrase_re(cues.DEMAND_CUES[lang], lang)
    phrase_res = {mech: phrase_re(ps, lang) for mech, ps in cues.MECHANISM_PHRASES[lang].items()
                  if ps}
    patterns = {mech: [re.compile(p, re.IGNORECASE) for p in ps]
                for mech, ps in cues.MECHANISM_PATTERNS[lang].items()}
    candidates = []
    for s_start, s_end in sentences:
        referrals = list(_REFERRAL[lang].finditer(text, s_start, s_end))
        cued = cue_re.search(text, s_start, s_end) is not None or \
            _NOT_YET_HELD[lang].search(text, s_start, s_end) is not None
        if not cued:
            # "for the Council to refer the situation to the ICC": the infinitive asks
            referrals = [r for r in referrals if lang == "en"
                         and re.search(r"\bto\s+$", text[max(s_start, r.start() - 4):r.start()])]
            if not referrals:
                continue
        found: list[tuple[int, int, str]] = []
        if cued:
            for mech, pattern in phrase_res.items():
                found += [(m.start(), m.end(), mech) for m in pattern.finditer(text, s_start, s_end)]
            for mech, regexes in patterns.items():
                found += [(m.start(), m.end(), mech) for r in regexes
                          for m in r.finditer(text, s_start, s_end)]
            if lang == "en":
                found += [(m.start(), m.end(), "mech:accountability")
                          for m in _HOLD.finditer(text, s_start, s_end)]
            found += [(m.start, m.end, m.entity) for m in mentions
                      if m.type == "mechanism" and s_start <= m.start < s_end]
        found += [(m.start(), m.end(), "mech:icc-referral") for m in referrals]
        found = _general_removed(text, lang, _purpose_clauses_removed(text, _longest(found)))
        if lang == "en":
            found = [f for f in found if not _COULD_DO.match(text[f[1]:s_end]) or re.search(
                r"(?i)\b(?:failure|failing|lack)\s+(?:to|of)\s+$", text[max(0, f[0] - 14):f[0]])]
        if found:
            mechs = list(dict.fromkeys(f[2] for f in found))
            candidates.append(Candidate("demand", min(f[0] for f in found),
                                        max(f[1] for f in found), {"mechanisms": mechs}))
    return candidates


def _general_removed(text: str, lang: str, found):
    """Accountability named only in general gives way to a specific mechanism of the same
    sentence, and is not read where the text denies it ("lack of accountability")."""
    general = {p.lower() for p in cues.GENERAL_ACCOUNTABILITY[lang]}
    flags = re.IGNORECASE if lang == "en" else 0
    kept = [f for f in found if not re.search(cues.NEGATED[lang], text[max(0, f[0] - 30):f[0]],
                                               flags)]
    specific = any(f[2] != "mech:accountability" for f in kept)
    kept = [f for f in kept if not (specific and f[2] == "mech:accountability"
                                    and text[f[0]:f[1]].lower() in general)]
    # "referred ... to the ICC for possible prosecution": the court's prosecution, not a
    # state's (rule D2)
    # "فرض عقوبات واتخاذ إجراءات بموجب الفصل السابع": sanctions beside Chapter VII measures
    # are those measures, not a resolution of their own
    if any(f[2] == "mech:chapter-vii-measures" for f in kept):
        kept = [f for f in kept if not (f[2] == "mech:un-resolution" and re.search(
            r"(?i)sanctions|عقوبات", text[f[0]:f[1]]))]
    # "محكمة دولية خاصة لمحاكمة مرتكبي": the tribunal's trials, not a state's, likewise
    if any(f[2] in ("mech:icc-referral", "mech:special-tribunal") for f in kept):
        kept = [f for f in kept if not (f[2] == "mech:national-prosecution" and
                                        text[f[0]:f[1]].lower().lstrip("وبل") in _BARE_PROSECUTION)]
    return kept


_BARE_PROSECUTION = {"prosecute", "prosecution", "prosecutions", "محاكمة", "المحاكمة"}


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
                o is not f and o[2] != "mech:accountability" and (
                    o[1] <= f[0] and re.fullmatch(r"[\s\w]{0,25}?\s*to\s+", text[o[1]:f[0]])
                    or (o[2] == "mech:accountability-mechanism" and o[0] < f[1] and f[0] < o[1]))
                for o in found):
            continue
        kept.append(f)
    return kept
