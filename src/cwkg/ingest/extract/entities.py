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

from .model import Mention
from .nlp import pipeline

# Capitalised words that are not names: function words, months and days. A single
# capitalised word at the start of a sentence or line is not taken for a name either.
_NOT_NAMES = set("""a an the this that these those on in at of for and or but we our it its
they their he she his her today yesterday january february march april may june july august
september october november december monday tuesday wednesday thursday friday saturday sunday
""".split())
_CONNECTORS = {"of", "the", "for", "and", "de", "al"}


class Linker:
    """Links names to entity ids; built once per set of reference entities."""

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

    def _matcher(self, language: str):
        base = language.split("-")[0]
        if base not in self._matchers:
            from spacy.matcher import PhraseMatcher

            nlp = pipeline(base)
            by_norm = PhraseMatcher(nlp.vocab, attr="NORM")
            by_orth = PhraseMatcher(nlp.vocab, attr="ORTH")
            for entity_id, names in self.names(base).items():
                for name in names:
                    short_acronym = len(name) <= 4 and name.isupper()
                    matcher = by_orth if short_acronym else by_norm
                    matcher.add(entity_id, [nlp(name)])
            self._matchers[base] = (nlp, by_norm, by_orth)
        return self._matchers[base]

    def link(self, text: str, language: str, doc=None) -> list[Mention]:
        """Every mention of a known entity, longest match first wins, in text order."""
        from spacy.util import filter_spans

        nlp, by_norm, by_orth = self._matcher(language)
        doc = doc if doc is not None else nlp(text)
        spans = [doc[s:e] for _, s, e in by_norm(doc)] + [doc[s:e] for _, s, e in by_orth(doc)]
        labels = {}
        for matcher in (by_norm, by_orth):
            for match_id, s, e in matcher(doc):
                labels[(s, e)] = nlp.vocab.strings[match_id]
        mentions = []
        for span in filter_spans(spans):
            entity_id = labels[(span.start, span.end)]
            mentions.append(Mention(span.start_char, span.end_char, span.text, entity_id,
                                    self.entities[entity_id].type))
        return mentions

    def unknown_names(self, text: str, language: str, known: list[Mention],
                      skip: list[tuple[int, int]] = ()) -> list[Mention]:
        """Runs of capitalised words (English) that no known name covers."""
        if not language.startswith("en"):
            return []  # Arabic has no capitals to find names by; see the README
        taken = [(m.start, m.end) for m in known] + list(skip)
        found: dict[str, Mention] = {}
        # a name stays on one line: runs of capitalised words joined by spaces
        for match in re.finditer(r"[A-Z][\w’'\-]*(?:[ \t]+(?:(?:of|the|for|and|al)[ \t]+)*"
                                 r"[A-Z][\w’'\-]*)*", text):
            words = match.group().split()
            while words and words[0].lower() in _NOT_NAMES | _CONNECTORS:
                words.pop(0)
            while words and words[-1].lower() in _CONNECTORS:
                words.pop()
            if not words:
                continue
            name = " ".join(words)
            start = text.find(name, match.start())
            if len(words) == 1 and (words[0].lower() in _NOT_NAMES or len(words[0]) < 3
                                    or _starts_sentence(text, start)):
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
