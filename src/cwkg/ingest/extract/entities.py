"""Entity linking by label and alias (English and Arabic), and unknown names.

Every label and alias of every reference entity becomes a spaCy PhraseMatcher
pattern over token NORMs (lower case in English; clitic-free, normalised letters
in Arabic). Overlapping matches keep the longest. Short upper-case aliases
("SOC", "UN") match case-sensitively so "un" in running text is not the UN.
Names that look like names but match nothing are listed as candidates for new
entities: they are never linked by guess.

>>> from cwkg.load.model import Entity
>>> e = Entity("x", 1, "place:idlib", "place", {"en": "Idlib", "ar": "إدلب"}, {"en": ["Idleb"]})
>>> linker = Linker([e])
>>> [(m.text, m.entity) for m in linker.link("in Idleb countryside", "en")]
[('Idleb', 'place:idlib')]
>>> [(m.text, m.entity) for m in linker.link("ريف إدلب", "ar")]
[('إدلب', 'place:idlib')]
"""

from __future__ import annotations

import re
from collections import defaultdict

from cwkg.load.model import Entity

from . import gazetteer as gz
from .model import Mention
from .nlp import normalise_arabic, pipeline

_LINE_BREAK_IN_TEXT = re.compile(r"(?<=[^\s.!?:;])\n(?=[^\s])")
_AR_CLITICS = ("و", "ب", "ل", "ف", "وب", "ول")
_AR_CLITIC_ARTICLE = ("وال", "فال", "بال")   # a clitic before the article: not the name's
_SPELLED_TYPES = ("place", "organisation", "person", "legal-instrument", "attack")

# Capitalised words that are not names: function words, months and days. A single
# capitalised word at the start of a sentence or line is not taken for a name either.
_NOT_NAMES = set("""a an the this that these those on in at of for and or but we our it its
they their he she his her today yesterday january february march april may june july august
september october november december monday tuesday wednesday thursday friday saturday sunday
""".split())
_CONNECTORS = {"of", "the", "for", "and", "de", "al"}


class Linker:
    """Links names to entity ids; built once per set of reference entities.

    Besides the entities' own names, it knows the gazetteer's (:mod:`.gazetteer`): those
    give mentions marked ``proposed`` ("entity" when data/entities lacks the entity,
    "alias" when it lacks that name), which the draft proposes to the curator."""

    def __init__(self, entities):
        self.entities: dict[str, Entity] = {e.id: e for e in entities}
        self._matchers: dict[str, tuple] = {}

    def names(self, language: str) -> dict[str, list[str]]:
        """Entity id -> its label and aliases in ``language``."""
        base = language.split("-")[0]
        out: dict[str, list[str]] = defaultdict(list)
        for e in self.entities.values():
            label = e.labels.get(base)
            if label:
                out[e.id].append(label)
            out[e.id].extend(e.aliases.get(base, []))
        return out

    def extra_names(self, language: str) -> list[tuple[str, str, str, str]]:
        """(name, entity id, type, "alias" or "entity") of the gazetteer's names that
        data/entities does not give."""
        base = language.split("-")[0]
        known = {n.lower() for names in self.names(base).values() for n in names}
        out = []
        for eid, (etype, _, names) in gz.ENTITIES.items():
            out += [(n, eid, etype, "alias" if eid in self.entities else "entity")
                    for n in names.get(base, [])]
        if gz.STATE in self.entities:
            out += [(n, gz.STATE, self.entities[gz.STATE].type, "alias")
                    for n in gz.STATE_NAMES.get(base, [])]
        for eid, (_, names) in gz.INSTRUMENTS.items():
            kind = "alias" if eid in self.entities else "entity"
            out += [(n, eid, "legal-instrument", kind) for n in names.get(base, [])]
        return [x for x in out if x[0].lower() not in known]

    def _matcher(self, language: str):
        base = language.split("-")[0]
        if base not in self._matchers:
            from spacy.matcher import PhraseMatcher

            nlp = pipeline(base)
            by_norm = PhraseMatcher(nlp.vocab, attr="NORM")
            by_orth = PhraseMatcher(nlp.vocab, attr="ORTH")
            keys: dict[str, tuple[str, str, str]] = {}

            def add(key: str, name: str) -> None:
                short_acronym = len(name) <= 4 and name.isupper()
                (by_orth if short_acronym else by_norm).add(key, [nlp(name)])
                if base == "ar" and not name.startswith("ال"):
                    # a clitic before a word without the article ("واتفاقية", "بقوات"):
                    # the NORM keeps it, so the name is matched with it too
                    by_norm.add(key, [nlp(c + name) for c in _AR_CLITICS])

            for name, eid, etype, kind in self.extra_names(base):
                keys[f"{kind}|{eid}"] = (eid, etype, kind)
                add(f"{kind}|{eid}", name)
            for entity_id, names in self.names(base).items():
                keys[entity_id] = (entity_id, self.entities[entity_id].type, "")
                for name in names:
                    add(entity_id, name)
            self._matchers[base] = (nlp, by_norm, by_orth, keys)
        return self._matchers[base]

    def link(self, text: str, language: str, doc=None) -> list[Mention]:
        """Every mention of a known (or gazetteer) entity, longest match first wins, in
        text order; at equal spans an entity's own name wins over the gazetteer's."""
        from spacy.util import filter_spans

        nlp, by_norm, by_orth, keys = self._matcher(language)
        # a name broken by a line break ("the Use in War of Asphyxiating,\nPoisonous or other
        # Gases", "the OPCW Executive Council of\n4 February"), as texts taken from PDFs and
        # print layouts break them: read with the break as a space (same offsets)
        joined = _LINE_BREAK_IN_TEXT.sub(" ", text)
        if joined != text:
            doc = nlp(joined)
        doc = doc if doc is not None else nlp(text)
        found: dict[tuple[int, int], str] = {}
        for matcher in (by_norm, by_orth):
            for match_id, s, e in matcher(doc):
                key = nlp.vocab.strings[match_id]
                if (s, e) not in found or not keys[key][2]:
                    found[(s, e)] = key
        mentions = []
        for span in filter_spans([doc[s:e] for s, e in found]):
            eid, etype, kind = keys[found[(span.start, span.end)]]
            start = span.start_char
            if span.text[:3] in _AR_CLITIC_ARTICLE:
                start += 1   # "والمعارضة المسلحة": the conjunction is not the name's
            mentions.append(Mention(start, span.end_char, text[start:span.end_char], eid, etype,
                                    kind))
        return mentions

    def close_spellings(self, text: str, language: str, known: list[Mention]) -> list[Mention]:
        """Names one spelling away from a known name ("Khan Shaykhun", "Khan Cheikhoun" for
        Khan Sheikhoun): mentions marked as proposed aliases of that entity."""
        from rapidfuzz import fuzz

        base = language.split("-")[0]
        taken = [(m.start, m.end) for m in known]
        targets = [(n, eid) for eid, names in self.names(base).items() for n in names
                   if self.entities[eid].type in _SPELLED_TYPES]
        found = []
        for start, end in _candidate_spans(text, base):
            if any(s < end and start < e for s, e in taken):
                continue
            written = text[start:end]
            for name, eid in targets:
                if _close(written, name, base, fuzz):
                    found.append(Mention(start, end, written, eid, self.entities[eid].type,
                                         "alias"))
                    taken.append((start, end))
                    break
        return found

    def unknown_names(self, text: str, language: str, known: list[Mention],
                      skip: list[tuple[int, int]] = ()) -> list[Mention]:
        """Runs of capitalised words (English) that no known name covers."""
        if not language.startswith("en"):
            return []  # Arabic has no capitals to find names by; see the README
        taken = [(m.start, m.end) for m in known] + list(skip)
        found: dict[str, Mention] = {}
        # a name stays on one line: runs of capitalised words joined by spaces
        # (a unit's ordinal is a word of its name: "50th Brigade of the 22nd Air Division")
        word = r"(?:(?:al|el|bin|ibn|abu)-[A-Z][\w’'\-]*|[A-Z][\w’'\-]*|[0-9]+(?:st|nd|rd|th)\b)"
        for match in re.finditer(rf"{word}(?:[ \t]+(?:(?:of|the|for|and|al)[ \t]+)*{word})*",
                                 text):
            # a known name inside the run ends it: "50th Brigade of the 22nd Air Division of
            # the Syrian Arab Air Force" proposes the unit, the air force is known
            inside = [s for s, e in taken if match.start() < s < match.end()]
            cut = min(inside) if inside else match.end()
            words = text[match.start():cut].split()
            while words and words[0].lower() in _NOT_NAMES | _CONNECTORS:
                words.pop(0)
            while words and words[-1].lower() in _CONNECTORS:
                words.pop()
            if not words:
                continue
            name = " ".join(words)
            start = text.find(name, match.start())
            if len(words) == 1 and (words[0].lower() in _NOT_NAMES or len(words[0]) < 3
                                    or _starts_sentence(text, start) or words[0][0].isdigit()):
                continue
            end = start + len(name)
            if any(s < end and start < e for s, e in taken):
                continue
            found.setdefault(name, Mention(start, end, name, None))
        return list(found.values())


def _starts_sentence(text: str, pos: int) -> bool:
    """Is ``pos`` the first word of a sentence or a line (capitalised for that reason)?"""
    before = text[:pos].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n"


def _candidate_spans(text: str, language: str):
    """Spans that could be a misspelt name: runs of capitalised words (English), runs of
    two to five words (Arabic)."""
    if language == "ar":
        words = list(re.finditer(r"[\u0621-\u064a\u064b-\u0652]+", text))
        for size in (5, 4, 3, 2):
            for i in range(len(words) - size + 1):
                run = words[i:i + size]
                if all(re.fullmatch(r"\s+", text[a.end():b.start()]) for a, b in zip(run, run[1:])):
                    yield run[0].start(), run[-1].end()
        return
    for m in re.finditer(r"[A-Z][\w’'\-]+(?:[ \t]+(?:al-|el-)?[A-Z][\w’'\-]+){0,4}", text):
        yield m.start(), m.end()


def _skeleton(word: str) -> str:
    """Consonants of a transliterated word ("Shaykhun", "Sheikhoun", "Cheikhoun": skn)."""
    w = word.lower().replace("ch", "sh").replace("kh", "k").replace("sh", "s")
    w = re.sub(r"[aeiouyhw’'\-]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)


def _close(written: str, name: str, language: str, fuzz) -> bool:
    """Another spelling of ``name``: same number of words, each close; not the same name,
    and not the name with an ending added ("Syrian" is not "Syria")."""
    a, b = written.split(), name.split()
    if len(a) != len(b) or written.lower() == name.lower():
        return False
    if language == "ar":
        a, b = [normalise_arabic(w) for w in a], [normalise_arabic(w) for w in b]
        return a != b and fuzz.ratio(" ".join(a), " ".join(b)) >= 88 and \
            all(fuzz.ratio(x, y) >= 75 for x, y in zip(a, b))
    for x, y in zip(a, b):
        x, y = x.lower(), y.lower()
        if x == y:
            continue
        if x.startswith(y) or y.startswith(x) or min(len(x), len(y)) < 4:
            return False
        if not (fuzz.ratio(x, y) >= 88 or (_skeleton(x) == _skeleton(y)
                                          and fuzz.ratio(x, y) >= 60)):
            return False
    return True
