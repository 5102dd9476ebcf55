"""Legal instruments and their parts: resolutions, articles, chapters, conventions.

A citation is read structurally (Article 21 of Resolution 2118; Chapter VII of
the UN Charter; المادة 21 من القرار 2118; الفصل السابع), and linked through the
same reading of the reference entities' labels and aliases. A number that
matches nothing but is one edit away from a known one (a "Resolution 2018" next
to Article 21 and Chapter VII) is flagged for the curator, never corrected.

>>> [(c.key, c.text) for c in read_citations("activate Article 21 of Resolution 2118 under Chapter Seven", "en")]
[(('article', 2118, 21), 'Article 21 of Resolution 2118'), (('chapter', 7), 'Chapter Seven')]
>>> [c.key for c in read_citations("والقرار ٢١١٨ تحت الفصل السابع", "ar")]
[('resolution', 2118), ('chapter', 7)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cwkg.ingest.extract import lexicon as lx

from .model import Candidate, Flag, Mention, Proposal
from .numbers import to_ascii_digits

_CHAPTERS = {"vi": 6, "six": 6, "6": 6, "vii": 7, "seven": 7, "7": 7, "viii": 8, "eight": 8,
             "8": 8, "السادس": 6, "السابع": 7, "الثامن": 8}
_CH = "|".join(sorted(_CHAPTERS, key=len, reverse=True))
_RES_EN = (r"(?:(?:UN|United\s+Nations)\s+)?(?:Security\s+Council\s+)?[Rr]esolution\s+(?:No\.\s*)?"
           r"(?P<{g}>[0-9]{{3,4}})(?:\s*\([12][0-9]{{3}}\)|\s+of\s+[12][0-9]{{3}})?")
# "resolutions 2314 (2016), 2235 (2015), 2209 (2015) and 2118 (2013)": one citation each
_YEAR = r"(?:\s*\([12][0-9]{3}\))?"
_RES_LIST_EN = re.compile(r"\b(?:(?:UN|United\s+Nations)\s+)?(?:Security\s+Council\s+)?"
                          r"[Rr]esolutions\s+(?P<list>[0-9]{3,4}" + _YEAR +
                          r"(?:\s*(?:,|and|,\s*and)\s*[0-9]{3,4}" + _YEAR + r")+)")
_RES_LIST_AR = re.compile(r"(?<!\w)[وبل]?(?:القرارات|القرارين|قرارات\s+مجلس\s+الأمن(?:\s+الدولي)?)"
                          r"\s+(?:رقم\s+)?(?P<list>[0-9]{3,4}" + _YEAR +
                          r"(?:\s*(?:،|,|و)\s*و?[0-9]{3,4}" + _YEAR + r")+)")
_SYMBOL = re.compile(r"\bS/RES/(?P<res>[0-9]{3,4})\s*\((?:[12][0-9]{3})\)")
_OPCW_DECISION = (r"(?P<dec>(?:EC-M|EC|C|C-SS)-[0-9]+/DEC\.[0-9]+|EC-M-[0-9]+/DEC\.[0-9]+)")
_PATTERNS = {
    "en": [
        ("paragraph", re.compile(r"\b[Pp]aragraph\s+(?P<para>[0-9]+)\s+of\s+(?:(?:the\s+)?"
                                 r"(?:OPCW\s+)?(?:[Dd]ecision\s+)?)" + _OPCW_DECISION)),
        ("decision", re.compile(r"\b" + _OPCW_DECISION)),
        ("article", re.compile(r"\bArticle\s+(?P<art>[0-9]+)\s+of\s+(?:the\s+)?"
                               + _RES_EN.format(g="res"))),
        ("resolution", re.compile(r"\b" + _RES_EN.format(g="res"))),
        ("chapter", re.compile(rf"\b(?:UN\s+)?Chapter\s+(?P<ch>{_CH})\b(?:\s+of\s+the\s+"
                               r"(?:UN\s+|United\s+Nations\s+)?Charter(?:\s+of\s+the\s+"
                               r"United\s+Nations)?)?", re.IGNORECASE)),
    ],
    "ar": [
        ("decision", re.compile(r"(?<![\w-])" + _OPCW_DECISION)),
        ("article", re.compile(r"(?<!\w)[وبل]?المادة\s+(?P<art>[0-9]+)\s+من\s+(?:قرار\s+مجلس\s+"
                               r"الأمن(?:\s+الدولي)?|القرار)\s+(?:رقم\s+)?(?P<res>[0-9]{3,4})")),
        # "القرار الأممي 2118" (the UN resolution 2118); "القرار الذي حمل الرقم 2314" (the
        # resolution that bore the number 2314); "قرار رقم 2209"
        # "وفقا للقرار 2118": ل before the article takes its alef
        ("resolution", re.compile(r"(?<!\w)[وبل]?(?:(?:قرار\s+مجلس\s+الأمن(?:\s+الدولي)?|(?:ال|ل)قرار"
                                  r"(?:\s+(?:الأممي|الدولي))?)(?:\s+الذي)?(?:\s+(?:يحمل|حمل))?"
                                  r"\s+(?:(?:ال)?رقم\s+)?|قرار\s+(?:ال)?رقم\s+)(?P<res>[0-9]{3,4})")),
        ("chapter", re.compile(rf"(?<!\w)[وبل]?الفصل\s+(?P<ch>{_CH})(?:\s+من\s+ميثاق\s+الأمم"
                               r"\s+المتحدة)?")),
    ],
}


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    text: str
    key: tuple   # ("resolution", N) | ("article", N, art) | ("chapter", n) |
    #              ("decision", "C-SS-4/DEC.3") | ("paragraph", "C-SS-4/DEC.3", 10)



def read_citations(text: str, language: str) -> list[Citation]:
    """Structural citations in ``text``; an article swallows its resolution."""
    ascii_text = to_ascii_digits(text)
    found: list[Citation] = []
    lang = lx.lang_of(language)
    for m in (_RES_LIST_EN if lang == "en" else _RES_LIST_AR).finditer(ascii_text):
        for number in re.finditer(r"(?<![0-9(])[0-9]{3,4}(?![0-9)])", m["list"]):
            start, end = m.start("list") + number.start(), m.start("list") + number.end()
            if start == m.start("list"):
                start = m.start()  # the first number's citation includes "resolutions"
            found.append(Citation(start, end, text[start:end], ("resolution",
                                                                 int(number.group()))))
    for m in _SYMBOL.finditer(ascii_text):
        found.append(Citation(m.start(), m.end(), text[m.start():m.end()],
                              ("resolution", int(m["res"]))))
    for kind, pattern in _PATTERNS[lang]:
        for m in pattern.finditer(ascii_text):
            if any(c.start <= m.start() < c.end or m.start() <= c.start < m.end()
                   for c in found):
                continue  # "Resolution 2118" inside "Article 21 of Resolution 2118"
            if kind == "article":
                key = ("article", int(m["res"]), int(m["art"]))
            elif kind in ("decision", "paragraph"):
                key = (kind, m["dec"]) + ((int(m["para"]),) if kind == "paragraph" else ())
            elif kind == "resolution":
                key = ("resolution", int(m["res"]))
            else:
                key = ("chapter", _CHAPTERS[m["ch"].lower()])
            found.append(Citation(m.start(), m.end(), text[m.start():m.end()], key))
    return sorted(found, key=lambda c: c.start)


class InstrumentIndex:
    """Citation key -> legal entity id, read from the entities' own names."""

    def __init__(self, entities):
        self.by_key: dict[tuple, str] = {}
        for e in entities:
            if e.type != "legal-instrument":
                continue
            for lang in ("en", "ar"):
                names = [e.labels.get(lang)] + list(e.aliases.get(lang, []))
                for name in filter(None, names):
                    cites = read_citations(name, lang)
                    if len(cites) == 1 and cites[0].end - cites[0].start >= len(name) - 12:
                        self.by_key.setdefault(cites[0].key, e.id)

    def resolutions(self) -> set[int]:
        return {k[1] for k in self.by_key if k[0] in ("resolution", "article")}


def suggested_id(key: tuple) -> str:
    """The id a citation's instrument would have, by the convention of data/entities.

    >>> suggested_id(("resolution", 2209)), suggested_id(("paragraph", "C-SS-4/DEC.3", 10))
    ('legal:unscr-2209', 'legal:opcw-c-ss-4-dec-3-para10')
    """
    if key[0] == "resolution":
        return f"legal:unscr-{key[1]}"
    if key[0] == "article":
        return f"legal:unscr-{key[1]}-art{key[2]}"
    base = "legal:opcw-" + re.sub(r"[^a-z0-9]+", "-", key[1].lower()).strip("-")
    return base + (f"-para{key[2]}" if key[0] == "paragraph" else "")


def _proposal(c: Citation, language: str) -> Proposal:
    year = re.search(r"([12][0-9]{3})", c.text[c.text.find("(") if "(" in c.text else
                                                 len(c.text):])
    values = {"year": int(year.group(1))} if year and c.key[0] == "resolution" else {}
    label = {"resolution": f"UN Security Council resolution {c.key[1]}",
             "article": f"Article {c.key[2] if len(c.key) > 2 else ''} of UN Security Council "
                        f"resolution {c.key[1]}",
             "decision": f"OPCW decision {c.key[1]}",
             "paragraph": f"paragraph {c.key[-1]} of OPCW decision {c.key[1]}"}[c.key[0]]
    return Proposal(suggested_id(c.key), "legal-instrument", {language: [c.text]}, c.start,
                    c.end, label=label, values=values,
                    reason=f"'{c.text}' cites an instrument data/entities lacks")


def find_instruments(text: str, language: str, sentences, mentions: list[Mention],
                     index: InstrumentIndex) -> tuple[list[Candidate], list[Flag], list[Proposal]]:
    """One instrument-citation candidate per sentence that cites an instrument; an
    instrument data/entities lacks is proposed (never one a flag says may be misprinted)."""
    from rapidfuzz.distance import Levenshtein

    # the resolution a text is (its symbol at the head, "S/RES/2235 (2015)", and the line
    # "Adopted by the Security Council at its ... meeting") is not cited by it (rule I4 of
    # the real evaluation set); a sentence that begins with a symbol still cites it
    own = _OWN_SYMBOL.search(text[:300]) if re.search(
        r"Adopted\s+by\s+the\s+Security\s+Council\s+at\s+its", text[:500]) else None
    cites = [c for c in read_citations(text, language)
             if not (own and c.key == ("resolution", int(own["res"])))]
    flags: list[Flag] = []
    proposals: dict[str, Proposal] = {}
    linked: list[tuple[int, int, str]] = []
    for c in cites:
        entity = index.by_key.get(c.key)
        if entity is None and c.key[0] == "chapter":
            continue  # a chapter of something else
        if entity is None:
            number = c.key[1]
            near = sorted(k for k in index.resolutions()
                          if Levenshtein.distance(str(k), str(number)) == 1) \
                if c.key[0] in ("resolution", "article") else []
            context = ", ".join(o.text for o in cites if o is not c
                                and abs(o.start - c.start) < 200)
            if near:
                flags.append(Flag("suspicious-instrument-number",
                                  f"'{c.text}'{' beside ' + context if context else ''}: no "
                                  f"resolution {number} in data/entities; did the text mean "
                                  f"Resolution {near[0]}? Not corrected: check the source",
                                  c.start, c.end))
                continue
            p = proposals.setdefault(suggested_id(c.key), _proposal(c, language))
            if c.text not in p.names[language]:
                p.names[language].append(c.text)
            entity = p.id
        linked.append((c.start, c.end, entity))
    # named instruments (Chemical Weapons Convention, UN Charter) from the entity linker
    itself = index.by_key.get(("resolution", int(own["res"]))) if own else None
    for m in mentions:
        if m.type == "legal-instrument" and not any(s <= m.start < e for s, e, _ in linked) \
                and not any(c.start <= m.start < c.end for c in cites) and m.entity != itself:
            linked.append((m.start, m.end, m.entity))
    # its acronym in brackets right after a name is the same citation, also where a line
    # break between them ends a sentence ("... and on their Destruction\n(CWC)")
    linked = [x for x in linked if not any(
        y[2] == x[2] and y[1] <= x[0] and re.fullmatch(r"\s*\(\s*", text[y[1]:x[0]])
        for y in linked)]
    candidates = []
    for s_start, s_end in sentences:
        inside = sorted(x for x in linked if s_start <= x[0] < s_end)
        if inside:
            # an instrument named again in the sentence ("joined the Chemical Weapons
            # Convention (CWC) ... the implementing body of the CWC") is its own citation
            # is its own citation; its acronym in brackets right after it ("Chemical Weapons
            # Convention (CWC)") is the same one
            firsts = [x for i, x in enumerate(inside) if x[2] not in {y[2] for y in inside[:i]}]
            ids = [x[2] for x in firsts]
            candidates.append(Candidate("instrument-citation", firsts[0][0],
                                        max(x[1] for x in firsts), {"instruments": ids}))
            candidates += [Candidate("instrument-citation", x[0], x[1], {"instruments": [x[2]]})
                           for i, x in enumerate(inside) if x not in firsts and not any(
                               y[2] == x[2] and re.fullmatch(r"\s*\(\s*", text[y[1]:x[0]])
                               for y in inside[:i])]
    return candidates, flags, list(proposals.values())


_OWN_SYMBOL = re.compile(r"\bS\s*/\s*RES\s*/\s*(?P<res>[0-9]{3,4})\b")
