"""Casualty figures: a number (or "dozens", "hundreds"), its qualifier, what it counts.

The patterns are compiled from :mod:`.lexicon` tables. A number becomes a figure
only when an outcome word (killing, injured, مقتل, إصابة...) stands next to it,
or when it continues a figure of the same sentence ("including 32 children",
"(107 children)", "30 of them children"): a sub-group counts what its head figure
counts, whatever word follows it. A sentence about another kind of attack
(shelling, air strikes) with no chemical named gives no figure. All figures of
one sentence form one candidate claim, quoted from the first cue to the last.

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

from .arabic_numbers import parse_arabic_words
from .model import Candidate
from .numbers import AR_THOUSANDS, NUMBER_WORDS_AR, NUMBER_WORDS_EN, parse_number, to_ascii_digits
from .phrases import bare, tolerant

_CLAUSE_BREAK = re.compile(r"[.;:!?؛\n]")
_NOT_A_COUNT = re.compile(r"(?i)(?:resolution|article|chapter|القرار|المادة|الفصل|no\.|#)\s*$")
_UNIT_AFTER = re.compile(r"(?i)^\s*(?:years?|months?|days?|hours?|weeks?|am|pm|km|kilomet\w*"
                         r"|%|per\s*cent|percent|سنوات|سنة|عام|أعوام|أيام|يوم|ساعة|كيلومتر\w*"
                         r"|كم|ملم|مم|في\s+المئة|بالمئة|[/\-][0-9])")
_ASIDE = re.compile(r"\s[-–—]\S[^-–—\n]{0,80}?\S[-–—]\s|\s[-–—]\s[^-–—\n]{0,80}?\s[-–—]\s"
                    r"|\([^()\n]{0,80}\)")
WORD_GAP = 14   # characters a number word may stand from its outcome noun ("one reported death")


@dataclass
class _Hit:
    start: int        # of qualifier/number
    end: int          # of the number (and group word, if any)
    qualifier: str
    value: int | None
    group: str | None
    word_number: bool = False   # written in words ("six"), not digits
    qualifier_written: bool = False


def _pattern(lang: str) -> re.Pattern:
    quals = {p: q for q, phrases in lx.QUALIFIERS[lang].items() for p in phrases}
    words = NUMBER_WORDS_EN if lang == "en" else NUMBER_WORDS_AR
    sep = r"(?:[\s\-]+(?:and\s+)?)" if lang == "en" else r"\s+و?"
    # "11 ألفا و212" (11,212) before plain digits, so that 11 is not read alone
    thousands = re.sub(r"\(\?P<\w+>", "(?:", AR_THOUSANDS) + "|" if lang == "ar" else ""
    number = (rf"{thousands}[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+|(?:{lx.alternation(words)})(?:{sep}(?:{lx.alternation(words)}))*")
    groups = {w: g for g, ws in lx.GROUPS[lang].items() for w in ws}
    wordq = lx.WORD_QUANTITIES[lang]
    # an Arabic number may carry the conjunction: "و12 سيدة"
    b = r"\b" if lang == "en" else r"(?:(?<![\w])|(?<=(?<![\w])و))"
    e = r"\b" if lang == "en" else r"(?![\w])"
    of = r"of\s+" if lang == "en" else r"من\s+"
    adjectives = lx.GROUP_ADJECTIVES[lang]
    adjective = rf"(?:(?:{lx.alternation(adjectives)})\s+)?" if adjectives else ""
    return re.compile(
        rf"{b}(?:(?P<qual>{_words(quals, lang)})\s+)?"
        rf"(?:(?P<wordq>{_words(wordq, lang)})|(?P<num>{number})){e}"
        rf"(?:\s+(?:{of})?{adjective}(?P<group>{_words(groups, lang)}){e})?",
        re.IGNORECASE if lang == "en" else 0), quals, groups


_PATTERNS: dict[str, tuple] = {}


def _words(words, lang: str) -> str:
    """An alternation of ``words``; in Arabic with diacritics allowed after any letter, so
    that "طفلًا" (tanween before the alef) is "طفلاً" and "طفلا"."""
    if lang == "en":
        return lx.alternation(words)
    return "|".join(tolerant(w, lang) for w in sorted(set(words), key=len, reverse=True))


def _lookup(table: dict, written: str):
    """The value of the table's word that ``written`` is, up to case and diacritics."""
    return next(v for w, v in table.items() if bare(w) == bare(written))


def _compiled(lang: str):
    if lang not in _PATTERNS:
        _PATTERNS[lang] = _pattern(lang)
    return _PATTERNS[lang]


def _flags(lang: str) -> int:
    return re.IGNORECASE if lang == "en" else 0


def _phrase(phrases, lang: str) -> str:
    b = r"\b" if lang == "en" else r"(?<![\w])"
    return rf"{b}[وب]?(?:{lx.alternation(phrases)})(?!\w)"


def _nearest_cue(window: str, cues: dict[str, list[str]], lang: str, from_end: bool):
    """(outcome, distance, cue start in window, cue end) of the cue nearest the number."""
    best = None
    for outcome, phrases in cues.items():
        for phrase in phrases:
            b = r"\b" if lang == "en" else r"(?<![\w])"
            # a clitic may stand before an Arabic cue ("لإصابة", "وبمقتل")
            for m in re.finditer(rf"{b}(?:و?[بل]|[وف])?{tolerant(phrase, lang)}(?!\w)", window,
                                 _flags(lang)):
                dist = len(window) - m.end() if from_end else m.start()
                # at the same distance the longer cue wins ("مقتل وإصابة" over "إصابة")
                if best is None or dist < best[1] or \
                        (dist == best[1] and m.end() - m.start() > best[3] - best[2]):
                    best = (outcome, dist, m.start(), m.end())
    return best


def other_attack(sentence: str, lang: str, previous: str = "") -> bool:
    """Is the sentence about shelling, air strikes... and names no chemical (rule F7)?
    "These strikes" (عمليات القصف هذه) after a sentence that names a chemical are the
    chemical attacks it told of."""
    other = re.search(_phrase(lx.OTHER_ATTACK_WORDS[lang], lang), sentence, _flags(lang))
    if other is None or _names_chemical(sentence, lang):
        return False
    near = sentence[max(0, other.start() - 20):other.end() + 12] \
        if other.start() > 20 else sentence[:other.end() + 12]
    refers_back = re.search(lx.BACK_REFERENCE[lang], near, _flags(lang)) is not None
    return not (refers_back and _names_chemical(previous, lang))


def _names_chemical(text: str, lang: str) -> bool:
    return re.search(_phrase(lx.CHEMICAL_WORDS[lang], lang), text, _flags(lang)) is not None


# "قضى طفل" (a child died), "مقتل ضحية واحدة" (one victim's death): a singular noun of a
# person right after an outcome word counts one (rule F4: number words are values)
# and a dual one two ("بينهم متطوعان": among them two volunteers, rule F5)
_AR_PERSON_NOUNS = {  # noun -> (group, how many)
    **{n: ("people", 1) for n in ("شخص", "رجل", "ضحية", "مواطن", "مواطنة", "متطوع")},
    "طفل": ("children", 1), "طفلة": ("children", 1), "امرأة": ("women", 1),
    "سيدة": ("women", 1), "مدني": ("civilians", 1),
    **{n: ("people", 2) for n in ("شخصان", "شخصين", "رجلان", "رجلين", "متطوعان", "مواطنان")},
    **{n: ("children", 2) for n in ("طفلان", "طفلين", "طفلتان", "طفلتين")},
    **{n: ("women", 2) for n in ("امرأتان", "امرأتين", "سيدتان", "سيدتين")},
    "مدنيان": ("civilians", 2)}
_AR_SINGULAR = re.compile(
    r"(?<!\w)[وف]?(?:(?P<cue>مقتل|قتل|قضى|استشهد|استشهاد|وفاة|توفي|توفيت|أصيب|أصيبت|إصابة|اصابة|"
    r"جرح)|(?P<among>بينهم|منهم|من\s+بينهم|ضمنهم))\s+(?P<noun>"
    + "|".join(sorted(_AR_PERSON_NOUNS, key=len, reverse=True)) +
    r")(?:\s+(?:واحد|واحدة|اثنان|اثنين|اثنتان|اثنتين))?(?![\w\u064b-\u0652])")
_AR_SINGULAR_INJURED = ("أصيب", "أصيبت", "إصابة", "اصابة", "جرح")
_AR_JOINED_NOUN = re.compile(r"\s*،?\s*و\s*(?P<noun>" + "|".join(
    sorted(_AR_PERSON_NOUNS, key=len, reverse=True)) + r")(?:\s+(?:واحد|واحدة))?(?![\w\u064b-\u0652])")


def _singular_figures(text: str, s_start: int, s_end: int, figures, parts):
    """(figure, part) of each Arabic singular or dual person noun an outcome word counts,
    or that a figure before it includes ("بينهم متطوعان": what that figure counts)."""
    out = []
    for m in _AR_SINGULAR.finditer(text, s_start, s_end):
        if m["among"]:
            head = [f for f, p in zip(figures, parts) if p[1] <= m.start()]
            if not head or head[-1]["counts"] == "attacks":
                continue
            counts = head[-1]["counts"]
        else:
            counts = "injured" if m["cue"] in _AR_SINGULAR_INJURED else "killed"
        group, value = _AR_PERSON_NOUNS[m["noun"]]
        out.append(({"counts": counts, "group": group, "qualifier": "exactly", "value": value},
                    (m.start(), m.end())))
        end = m.end()
        while joined := _AR_JOINED_NOUN.match(text, end, s_end):  # "طفلان وامرأة"
            group, value = _AR_PERSON_NOUNS[joined["noun"]]
            out.append(({"counts": counts, "group": group, "qualifier": "exactly",
                         "value": value}, (joined.start("noun"), joined.end())))
            end = joined.end()
    return out


# "وخمس حالات خطرة من بين 22 اصابة" (and five serious cases among 22 injuries): a sub-group
# written before its head counts what the head counts (rule F5)
_AR_BEFORE_HEAD = [re.compile(r"(?<!\w)و?(?P<num>[0-9][0-9,]*|[^\W0-9]+)\s+(?P<noun>[^\W0-9]+)"
                              + adjective + r"\s+من\s+بين\s+$")
                   for adjective in ("", r"\s+[^\W0-9]+")]   # "حالات خطرة": one adjective


def _subgroups_before_head(text: str, s_start: int, figures, parts):
    out = []
    for figure, (start, end) in zip(figures, parts):
        if figure["counts"] == "attacks":
            continue
        read = [(m, _number_word(m["num"])) for r in _AR_BEFORE_HEAD
                for m in [r.search(text, max(s_start, start - 60), start)] if m]
        read = [(m, value) for m, value in read if value]
        if not read:
            continue
        m, value = read[0]
        group = _group_of(m["noun"], "ar") or "people"
        out.append(({"counts": figure["counts"], "group": group, "qualifier": "exactly",
                     "value": value}, (m.start(), m.end())))
    return out


def _number_word(word: str) -> int | None:
    word = word.replace(",", "")
    return int(word) if word.isdigit() else parse_arabic_words(word)


def find_figures(text: str, language: str, sentences=None) -> list[Candidate]:
    """Candidate casualty-figure claims in ``text`` (spans are offsets into ``text``)."""
    lang = lx.lang_of(language)
    ascii_text = _unbracket_numbers(to_ascii_digits(text))
    spans = sentences or [(0, len(text))]
    candidates = []
    previous = ""
    for s_start, s_end in spans:
        sentence = ascii_text[s_start:s_end]
        skip, previous = other_attack(sentence, lang, previous), sentence
        if skip:
            continue
        figures, parts = _sentence_figures(ascii_text, s_start, s_end, lang)
        if lang == "ar":
            for figure, part in _singular_figures(ascii_text, s_start, s_end, figures, parts):
                # "مقتل امرأة واحدة": the number word is the noun's, not a figure of its own
                inside = [i for i, p in enumerate(parts) if part[0] <= p[0] < part[1]]
                if any(p[0] < part[0] < p[1] for p in parts):
                    continue  # inside a figure read already
                figures = [f for i, f in enumerate(figures) if i not in inside] + [figure]
                parts = [p for i, p in enumerate(parts) if i not in inside] + [part]
            for figure, part in _subgroups_before_head(ascii_text, s_start, figures, parts):
                figures, parts = figures + [figure], parts + [part]
            order = sorted(range(len(parts)), key=lambda i: parts[i][0])
            figures, parts = [figures[i] for i in order], [parts[i] for i in order]
        if figures:
            candidates.append(Candidate("casualty-figure", min(p[0] for p in parts),
                                        max(p[1] for p in parts), {"figures": figures},
                                        parts=parts))
    return candidates


_BRACKETED_NUMBER = re.compile(r"\((\s*[0-9][0-9,]*\s*)\)")


def _unbracket_numbers(text: str) -> str:
    """"(1420) شخصاً", "killed (43) people": a number set in its own brackets is read as if
    they were spaces (same offsets), as reports that bracket every count write them; and
    a higher estimate set off after a number ("hundreds, if not thousands, of civilians",
    "مئات، إن لم يكن آلاف، المدنيين") is read as spaces, so the number meets its group."""
    text = _BRACKETED_NUMBER.sub(lambda m: " " + m.group(1) + " ", text)
    return _IF_NOT.sub(lambda m: " " * len(m.group()), text)


_IF_NOT = re.compile(r"(?i),\s*(?:if\s+not|or\s+even|perhaps\s+even|possibly)\s+[\w,]+\s*,(?=\s+of\b)"
                     r"|،\s*(?:إن\s+لم\s+يكن|بل)\s+\S+\s*،")


def _sentence_figures(text: str, s_start: int, s_end: int, lang: str):
    pattern, quals, groups = _compiled(lang)
    figures, parts = [], []
    prev_end, prev_counts = s_start, None
    pending = None   # a head figure whose outcome word follows its sub-group
    found = [(m, hit) for m in pattern.finditer(text, s_start, s_end)
             for hit in [_read(m, quals, groups, lang)]
             if hit is not None and not _is_not_count(text, m, lang)]
    for n, (m, hit) in enumerate(found):
        hit.end = _qualifier_after(text, hit, s_end, lang)
        _counted_noun_between(text, m, hit, quals, lang)
        # "30 of them children": the number's group follows; "41 مدنيا بينهم نساء" (41
        # civilians, among them women) keeps its own group: a sub-group without a number
        # gives no figure (rule F5)
        sub_group = _of_them(text, hit.end, s_end, groups, lang) if hit.group is None else None
        left_from = max(prev_end, _clause_start(text, s_start, m.start()))
        left = text[left_from:m.start()]
        after_prev = prev_counts is not None and prev_end >= left_from
        # an outcome word beyond the next number is that number's
        next_number = found[n + 1][0].start() if n + 1 < len(found) else s_end
        counts, cue_start, cue_end = None, m.start(), hit.end
        if hit.group == "attacks":
            counts = "attacks"
        elif (after_prev and _continues(left, lang)) or (sub_group and prev_counts):
            if _two_groups(text, hit.end, s_end, groups, lang):
                continue  # "including hundreds of women and children": no one group (F3)
            counts = prev_counts  # a sub-group counts what its head figure counts (rule F5)
        elif re.match(lx.PARTITIVE[lang], text[hit.end:s_end], _flags(lang)):
            counts, cue_end = _partitive(text, hit.end, s_end, lang)
        else:
            counts, cue_start, cue_end = _outcome(text, m, hit, left, next_number, lang)
            if after_prev and _joined(left, lang) and (
                    counts is None or _next_clause(text[hit.end:cue_end], lang)):
                # "100 civilians and 23 women"; "بينهم 32 طفلا و23 سيدة، وإصابة 520": an
                # outcome word past a comma and a conjunction begins the next clause
                counts, cue_start, cue_end = prev_counts, m.start(), hit.end
        if counts is None:
            # "At least six people, including three children, were killed": the head's
            # outcome word follows its sub-group; the head waits for it
            following = found[n + 1][0].start() if n + 1 < len(found) else None
            pending = (m, hit) if following is not None and hit.group != "attacks" and \
                _continues(text[hit.end:following], lang) else None
            continue
        if pending is not None and counts != "attacks" and not after_prev:
            head_m, head = pending
            figures.append(_figure(head, counts))
            parts.append((head_m.start(), head.end))
            cue_start = min(cue_start, m.start())
        pending = None
        if sub_group:
            hit.group = sub_group[0]
            cue_end = sub_group[1]
        elif lang == "ar" and hit.group in (None, "people"):
            # "100 قتيل من المدنيين": the outcome noun, then the group it is drawn from
            drawn = re.match(rf"\s*\S+\s+من\s+(?:{_words(_GROUP_WORDS[lang], lang)})(?!\w)",
                             text[hit.end:s_end])
            # "70 شخصا أغلبهم من الأطفال": most of them, a share, does not narrow (rule F6)
            if drawn and not re.match(rf"\s*(?:{_words(lx.MAJORITY['ar'], lang)})",
                                      text[hit.end:s_end]):
                hit.group = _group_of(drawn.group().split()[-1], lang)
                cue_end = max(cue_end, hit.end + drawn.end())
        if hit.group is None and counts != "attacks":
            window_start = max(s_start, m.start() - 40)
            named = _GROUP_BEFORE_ASIDE[lang].search(text[window_start:m.start()])
            if named and _group_of(named.group("g"), lang):
                # "children -- some 426 died": the group, then the number set off
                hit.group = _group_of(named.group("g"), lang)
                cue_start = min(cue_start, window_start + named.start())
        if hit.group not in (None, "people", "attacks") and \
                _listed_groups(text, hit.end, s_end, lang, hit.group):
            hit.group = "people"  # "dozens of children, women and men": no one group (F3)
        if _war_toll(text, s_start, m.start(), lang):
            continue  # "the war, which ... has killed at least 350,000 people" (rule F7)
        figures.append(_figure(hit, counts))
        parts.append((min(cue_start, m.start()), max(cue_end, hit.end)))
        prev_end, prev_counts = max(hit.end, cue_end), counts
    return figures, parts


_NAMED_GROUPS = {lang: {g: [w for w in words if not w.startswith("من ")]
                        for g, words in lx.GROUPS[lang].items() if g not in ("people", "attacks")}
                 for lang in lx.GROUPS}
_GROUP_WORDS = {lang: [w for words in groups.values() for w in words]
                for lang, groups in _NAMED_GROUPS.items()}
# the war as the subject of the killing ("the war, which ... has killed", "Syria's war has
# now killed")
_WAR_TOLL = {"en": r"\b(?:war|conflict|fighting)\b(?:,?\s+(?:which|that)\b[^.;]{0,100}"
                   r"|\s+(?:has|had|have)\s+(?:now\s+|so\s+far\s+|already\s+)?\w+\s+[^.;]{0,30})$",
             "ar": r"(?<!\w)(?:الحرب|النزاع|الصراع)(?!\w)[^.؛]{0,40}(?:التي|الذي)[^.؛]{0,80}$"}


_GROUP_BEFORE_ASIDE = {lang: re.compile(rf"(?<!\w)(?P<g>{_words(words, lang)})\s*(?:--|—|–)\s*"
                                        rf"(?:\S+\s+){{0,2}}?$", _flags(lang))
                       for lang, words in _GROUP_WORDS.items()}


def _group_of(word: str, lang: str) -> str | None:
    return next((g for g, words in _NAMED_GROUPS[lang].items() if word in words), None)


def _war_toll(text: str, s_start: int, pos: int, lang: str) -> bool:
    """Is the number the toll of the whole war ("the war, which ... has killed")?"""
    return re.search(_WAR_TOLL[lang], text[s_start:pos], _flags(lang)) is not None


def _listed_groups(text: str, pos: int, limit: int, lang: str, own: str | None = None) -> bool:
    """Does another group of people follow the number's group in a list ("children, women,
    and men", "أطفال ونساء ورجال")? The same group in another form ("المدنيات والمدنيين",
    women and men civilians) is not another."""
    words = _words(_GROUP_WORDS[lang] + lx.OTHER_PEOPLE[lang], lang)
    listed = re.match(rf"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+|،?\s*و\s*)(?P<w>{words})(?!\w)",
                      text[pos:limit], _flags(lang))
    return listed is not None and (own is None or _group_of(listed["w"], lang) != own)


def _two_groups(text: str, pos: int, limit: int, groups: dict, lang: str) -> bool:
    """Does a second group word follow the number's own ("women and children")?"""
    return re.match(rf"\s*(?:and|or|&|و)\s*(?:{_words(groups, lang)})(?!\w)", text[pos:limit],
                    _flags(lang)) is not None


def _figure(hit: _Hit, counts: str) -> dict:
    """A figure in the data format (a count of attacks has no group)."""
    figure = {"counts": counts}
    if counts != "attacks":
        figure["group"] = hit.group or "people"
    figure["qualifier"] = hit.qualifier
    if hit.value is not None:
        figure["value"] = hit.value
    return figure


def _partitive(text: str, pos: int, s_end: int, lang: str):
    """"One of the injured was dead on arrival": killed if the clause says so, else nothing."""
    end = _clause_end(text, pos, s_end)
    dead = _nearest_cue(text[pos:end], {"killed": lx.CASUALTIES_DEAD[lang]}, lang, False) \
        if lx.CASUALTIES_DEAD[lang] else None
    return ("killed", pos + dead[3]) if dead else (None, pos)


def _outcome(text: str, m: re.Match, hit: _Hit, left: str, limit: int, lang: str):
    """(counts, quote start, quote end) from the outcome word nearest the number, or Nones;
    the word after the number is looked for before ``limit`` (the next number)."""
    right_to = _clause_end(text, hit.end, limit)
    right = _window_past_asides(text[hit.end:right_to], 50)
    before = _nearest_cue(left[-45:], lx.OUTCOME_BEFORE[lang], lang, from_end=True)
    toll = _TOLL_ROSE[lang].search(left[-90:])
    after = _nearest_cue(right, lx.OUTCOME_AFTER[lang], lang, from_end=False)
    own_noun = any(bare((m.group("group") or "").lower()) in (bare(w) for w in words)
                   for words in lx.OUTCOME_AFTER[lang].values()) or \
        (after is not None and after[1] <= 1)
    if toll and not own_noun:
        # "the death toll from the gas attack rose to 87": the toll counts the dead (but
        # "ارتفع عدد ضحايا الهجوم إلى 100 قتيل": the number's own noun says what it counts)
        return _TOLL_COUNTS[lang].get(toll["counts"], "killed"), \
            m.start() - len(left[-90:]) + toll.start(), hit.end
    group_word = (m.group("group") or "").lower()
    said = [o for o, words in lx.OUTCOME_AFTER[lang].items() if bare(group_word) in
            (bare(w) for w in words)]
    if said:  # the group word is itself the outcome ("450 جريحا", "90 martyrs")
        after = (said[0], 0, hit.end - m.end(), hit.end - m.end())
    construct = m.group("wordq") and re.match(
        rf"\s*(?:{_words([w for ws in lx.OUTCOME_CONSTRUCT[lang].values() for w in ws], lang)})"
        r"(?!\w)", text[hit.end:right_to]) if lx.OUTCOME_CONSTRUCT[lang] else None
    if construct:  # "مئات القتلى": the word quantity's own noun
        noun = bare(construct.group().strip())
        counts = next(o for o, ws in lx.OUTCOME_CONSTRUCT[lang].items()
                      if noun in (bare(w) for w in ws))
        if counts == "casualties" and _dead_after(text, hit.end, right_to, lang):
            counts = "killed"  # "آلاف الضحايا الذين قضوا": the victims who died
        return counts, m.start(), hit.end + construct.end()
    if hit.word_number and not hit.group and not hit.qualifier_written:
        # "six" alone counts nobody; "six casualties", "one reported death" do, and so does
        # a harm verb right before it ("killed two and wounded 40")
        verb_before = before is not None and before[1] <= 1 and lang == "en" and \
            re.search(r"(?i)\b(?:killed|killing|injured|injuring|wounded|wounding)\s*$", left)
        if verb_before:
            cue_start = m.start() - len(left[-45:]) + before[2]
            return before[0], cue_start, hit.end
        before = None
        if not after or after[1] > WORD_GAP:
            return None, 0, 0
    if before and (not after or before[1] <= after[1]):
        cue_start = m.start() - len(left[-45:]) + before[2]
        return before[0], cue_start, hit.end
    if after:
        end = hit.end + after[3]
        counts = after[0]
        if counts == "casualties" and _dead_after(text, hit.end, right_to, lang):
            counts = "killed"  # "42 casualties ... that were found dead"
        return counts, m.start(), end
    return None, 0, 0


# a toll and its verb of rising with words between them ("the death toll from the attack
# rose to", "ارتفعت حصيلة قتلى الهجوم الكيماوي إلى")
_TOLL_ROSE = {"en": re.compile(r"(?i)\b(?P<counts>death|casualty)\s+toll\b[^.;:]{0,60}?\b(?:rose|risen|"
                               r"climbed|reached|jumped|increased|stood|stands|is|was|has\s+risen)"
                               r"(?:\s+(?:to|at))?\s+$"),
              "ar": re.compile(r"(?<!\w)(?:حصيلة|عدد)\s+(?P<counts>(?:ال)?قتلى|(?:ال)?وفيات|(?:ال)?ضحايا"
                               r"|(?:ال)?شهداء|(?:ال)?مصابين|(?:ال)?جرحى)(?!\w)[^.؛]{0,60}?(?:إلى|الى|بلغت|"
                               r"بلغ)\s+$")}
_TOLL_COUNTS = {"en": {"death": "killed", "Death": "killed", "casualty": "casualties",
                       "Casualty": "casualties"},
                "ar": {"قتلى": "killed", "القتلى": "killed", "وفيات": "killed", "الوفيات": "killed",
                       "شهداء": "killed", "الشهداء": "killed", "ضحايا": "casualties",
                       "الضحايا": "casualties", "مصابين": "injured", "المصابين": "injured",
                       "جرحى": "injured", "الجرحى": "injured"}}


def _dead_after(text: str, pos: int, end: int, lang: str) -> bool:
    """Does the clause after the number say the casualties are dead ("found dead")?"""
    return bool(lx.CASUALTIES_DEAD[lang]) and re.search(
        _phrase(lx.CASUALTIES_DEAD[lang], lang), text[pos:end], _flags(lang)) is not None


def _window_past_asides(text: str, size: int) -> str:
    """The first ``size`` characters of ``text`` that are not inside a dashed or bracketed
    aside ("500 cases -the majority of whom are women- have reached ... with symptoms"); the
    asides are blanked (same offsets), so a cue after them is in reach."""
    limit = size
    for a in _ASIDE.finditer(text):
        if a.start() >= limit:
            break
        limit += len(a.group())
    return _ASIDE.sub(lambda a: " " * len(a.group()), text[:limit])


def _qualifier_after(text: str, hit: _Hit, limit: int, lang: str) -> int:
    """"1127 at least": a qualifier written after the number (only if none stands before)."""
    if hit.qualifier_written or hit.value is None:
        return hit.end
    for qualifier, phrases in lx.QUALIFIERS_AFTER[lang].items():
        after = re.match(rf"\s*(?:{lx.alternation(phrases)})(?!\w)", text[hit.end:limit],
                         _flags(lang))
        if after:
            hit.qualifier = qualifier
            return hit.end + after.end()
    return hit.end


def _counted_noun_between(text: str, m: re.Match, hit: _Hit, quals: dict, lang: str) -> None:
    """"ليفوق عدد الإصابات المئتين", "exceeded the number of injured 200": a qualifier verb
    before "the number of" and its noun qualifies the number after them."""
    if hit.qualifier_written or lang != "ar":
        return
    verb = re.search(rf"(?<!\w)({_words(quals, lang)})\s+عدد\s+\S+\s+$",
                     text[max(0, m.start() - 40):m.start()])
    if verb:
        hit.qualifier, hit.qualifier_written = _lookup(quals, verb.group(1)), True


def _of_them(text: str, pos: int, limit: int, groups: dict, lang: str):
    """(group, end) of "30 of them children", "منهم 10 أطفال" written after the number."""
    m = re.match(rf"{lx.OF_THEM[lang]}({_words(groups, lang)})(?!\w)", text[pos:limit],
                 _flags(lang))
    if not m:
        return None
    group = _lookup(groups, m.group(1))
    return (group, pos + m.end()) if group != "attacks" else None


def _read(m: re.Match, quals: dict, groups: dict, lang: str) -> _Hit | None:
    qual_text = m.group("qual")
    qualifier = None
    if qual_text:
        qualifier = _lookup(quals, qual_text)
    group_text = m.group("group")
    group = None
    if group_text:
        group = _lookup(groups, group_text)
    if m.group("wordq"):
        wq = lx.WORD_QUANTITIES[lang]
        word = next(w for w in wq if bare(w) == bare(m.group("wordq")))
        return _Hit(m.start(), m.end(), wq[word], None, group, qualifier_written=True)
    try:
        value = parse_number(m.group("num"))
    except CwkgError:
        return None
    if group is None and value >= 1900 and value <= 2100:
        return None  # a year, not a count
    return _Hit(m.start(), m.end(), qualifier or "exactly", value, group,
                word_number=not m.group("num")[0].isdigit(), qualifier_written=bool(qual_text))


_MAGNITUDE_AFTER = re.compile(r"(?i)\s+(?:of\s+thousands|(?:ال)?[اآ]لاف)(?!\w)")
_MAGNITUDE_BEFORE = re.compile(r"(?i)(?:(?:hundreds|tens|dozens)\s+of|(?:ال)?(?:مئات|عشرات))\s+$")


def _is_not_count(text: str, m: re.Match, lang: str) -> bool:
    """Numbers of resolutions, articles, dates, durations, shares and sizes are not figures."""
    before = text[max(0, m.start() - 12):m.start()]
    after = text[m.end():m.end() + 12]
    if _NOT_A_COUNT.search(before) or _UNIT_AFTER.match(after):
        return True
    if m.group("wordq") and (_MAGNITUDE_AFTER.match(text, m.end()) or
                             _MAGNITUDE_BEFORE.search(text[max(0, m.start() - 16):m.start()])):
        return True  # "hundreds of thousands", "عشرات الآلاف": no word quantity of the set
    months = lx.alternation(lx.MONTHS[lang])
    if re.search(rf"(?:{months})\.?\s*$", text[max(0, m.start() - 14):m.start()], _flags(lang)):
        return True
    if re.match(rf"\s*(?:th|st|nd|rd)?\s*(?:of\s+)?(?:{months})", text[m.end():m.end() + 24],
                _flags(lang)):
        return True
    return bool(re.search(r"[0-9][/\-.:]$", before)) or bool(re.match(r"[/\-.:][0-9]", after))


def _clause_start(text: str, floor: int, pos: int) -> int:
    found = [m.end() for m in _CLAUSE_BREAK.finditer(text, floor, pos)]
    return found[-1] if found else floor


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos, ceiling)
    end = m.start() if m else ceiling
    opened = text.rfind("(", 0, pos) > text.rfind(")", 0, pos)
    if opened:  # a number inside brackets looks for its outcome inside them
        close = text.find(")", pos, end)
        end = close if close != -1 else end
    return end


def _continues(left: str, lang: str) -> bool:
    """Does the text between two numbers mark the second as a sub-group of the first
    ("- including", "among them", "(", "بينهم")?"""
    words = lx.alternation(lx.INCLUDING[lang])
    stripped = left.strip(" ,-–")
    return re.search(rf"(?:^|[\s,\-–(])(?:{words})\s*$", stripped, _flags(lang)) is not None \
        or re.search(r"\(\s*$", left) is not None


def _next_clause(between: str, lang: str) -> bool:
    """Does a comma and a conjunction stand between a number and its outcome word?"""
    conj = lx.alternation(lx.JOINED[lang])
    return re.search(rf"[,،]\s*(?:{conj})", between, _flags(lang)) is not None


def _joined(left: str, lang: str) -> bool:
    """Is the second number only joined to the first ("and", ",", "و")?"""
    words = lx.alternation(lx.JOINED[lang])
    # a sub-group's closing bracket may stand before ("(... 260 امرأة)، فضلا عن 94")
    # and a bracketed gloss of the first's group ("244 امرأة (إناث بالغات)، و 57 ...")
    return re.fullmatch(rf"\s*(?:\([^()\n]{{1,30}}\))?\s*\)?\s*[,،\-–]?\s*(?:(?:{words})\s*)?",
                        left, _flags(lang)) \
        is not None or (lang == "ar" and left.strip() == "")
