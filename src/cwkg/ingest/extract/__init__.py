"""Assisted claim extraction: candidate claims with exact quotes, for a curator to review.

:class:`Extractor` runs every extractor over one document and returns an
:class:`~.model.Extraction`: candidates (casualty figures, event dates,
instrument citations, attributions, investigation findings, demands,
commemorations), linked mentions, proposed entities and aliases, unknown names
and flags. Nothing here writes files or links by guess: what ``data/entities``
lacks is proposed (:mod:`.proposals`), for the curator to accept.

>>> import datetime as dt
>>> from cwkg.load.entities import load_entities
>>> from pathlib import Path
>>> ex = Extractor(load_entities(Path(__file__).parents[4] / "data").values())
>>> out = ex.run("Yesterday's sarin attack on Khan Sheikhoun killed over 70 people.", "en",
...              dt.date(2017, 4, 5))
>>> sorted(out.by_kind().items())
[('casualty-figure', 1), ('event', 1)]
"""

from __future__ import annotations

import datetime as dt
import re

from . import gazetteer as gz
from . import lexicon as lx
from .attacks import AttackIndex, split_by_attack
from .attributions import find_attributions
from .dates import dateline, find_dates
from .demands import find_demands
from .entities import Linker
from .events import event_candidates, event_dates, sentence_index, year_checks
from .figures import find_figures
from .legal import InstrumentIndex, find_instruments
from .model import Candidate, Extraction, Flag, Mention, Proposal
from .nlp import pipeline
from .nlp import sentences as split_sentences
from .proposals import extends_a_known_name, from_mentions, merge, typed_names
from .speakers import finding_speaker, speaker

__all__ = ["Extractor", "Extraction", "Candidate", "Flag", "Mention"]


class Extractor:
    """Every extractor, built once for a set of reference entities."""

    def __init__(self, entities):
        self.entities = {e.id: e for e in entities}
        self.linker = Linker(self.entities.values())
        self.instruments = InstrumentIndex(self.entities.values())
        self.attacks = AttackIndex(self.entities.values())

    def run(self, text: str, language: str, published: dt.date | None,
            author: str | None = None) -> Extraction:
        """Every candidate in ``text``; ``author`` (the source's author id) states its own voice.
        ``published`` None: the date of the text's dateline, if it has one (:func:`.dates.
        dateline`); else (a document that states no date of its own) relative dates
        ("yesterday") are not resolved and anniversaries are not checked."""
        lang = "ar" if language.startswith("ar") else "en"
        if published is None:  # an undated document may state its date in a dateline
            published = dateline(text, lang)
        spans = split_sentences(text, lang)
        mentions = [m for m in self.linker.link(text, lang, pipeline(lang)(text))
                    if not extends_a_known_name(text, m)]
        mentions += self.linker.close_spellings(text, lang, mentions)
        dates = find_dates(text, lang, published)
        unknown = self.linker.unknown_names(text, lang, mentions,
                                            [(d.start, d.end) for d in dates])
        typed = typed_names(text, lang, unknown)
        named = {n: p for p in typed for n in p.names[lang]}
        mentions += _every_occurrence(text, named, mentions)
        mentions.sort(key=lambda m: m.start)
        out = Extraction(mentions=mentions,
                         unknown_names=[u for u in unknown if u.text not in named])

        chosen, flags = event_dates(text, lang, published, spans, dates, mentions,
                                    set(self.attacks.at_place))
        out.flags += flags
        attacks = self.attacks.resolve(text, lang, spans, mentions,
                                       [(d.start, d.value) for d in chosen], published)
        out.flags += attacks.flags
        events, flags = event_candidates(text, chosen, spans, mentions, attacks, self.attacks)
        out.candidates += events
        out.flags += flags
        commemorations, flags = year_checks(text, lang, published, spans, mentions, attacks,
                                            self.attacks)
        out.candidates += commemorations
        out.flags += flags
        instruments, flags, proposed = find_instruments(text, lang, spans, mentions,
                                                        self.instruments)
        out.candidates += instruments
        out.flags += flags
        for c in find_figures(text, lang, spans):
            i = sentence_index(c.start, spans)
            out.candidates += split_by_attack(c, attacks.in_sentence[i] if i >= 0 else [])
        out.candidates += find_attributions(text, lang, spans, mentions,
                                            set(self.attacks.at_place))
        out.candidates += find_demands(text, lang, spans, mentions)
        for c in out.candidates:
            if not c.about:
                c.about = attacks.about(sentence_index(c.start, spans))
            if not c.about and c.kind != "event" and _in_general(text, lang, spans, c):
                c.about = (gz.GENERAL_ATTACK[0],)
        self._tidy(text, lang, spans, mentions, author, out)
        out.proposals = merge(from_mentions(mentions, lang) + typed + proposed +
                              attacks.proposals + self._mechanisms(text, lang, out.candidates)
                              + self._general(lang, out.candidates))
        return out

    def _tidy(self, text, lang, spans, mentions, author, out: Extraction) -> None:
        """Quotes without edge punctuation, breadcrumb repeats dropped, speakers proposed."""
        for c in out.candidates:  # a quote neither starts nor ends in spaces or commas
            while c.end > c.start + 1 and text[c.end - 1] in " ,;:،\n\t":
                c.end -= 1
            while c.start < c.end - 1 and text[c.start] in " ,;:،\n\t":
                c.start += 1
        out.candidates = sorted((c for c in out.candidates if not _breadcrumb_repeat(text, c)),
                                key=lambda c: (c.start, c.kind))
        for c in out.candidates:
            i = sentence_index(c.start, spans)
            agent, mode = speaker(text, lang, spans[i] if i >= 0 else (c.start, c.start),
                                  mentions, c)
            if agent is None and c.kind == "investigation-finding" and i >= 0:
                body = finding_speaker([m for m in mentions if spans[i][0] <= m.start
                                        < spans[i][1]], c, gz.INVESTIGATORS)
                agent, mode = (body, "reported") if body else (None, None)
            if agent and agent != author:
                c.stated_by, c.speech = agent, mode

    def _general(self, lang, candidates) -> list[Proposal]:
        """The entity of attacks in general, if a claim is about them and data/entities
        lacks it."""
        eid, label = gz.GENERAL_ATTACK
        about = [c for c in candidates if eid in c.about]
        if not about or eid in self.entities:
            return []
        return [Proposal(eid, "attack", {lang: []}, about[0].start, about[0].end, label=label,
                         reason="a claim speaks of chemical attacks in Syria in general, and "
                                "data/entities lacks that entity")]

    def _mechanisms(self, text, lang, candidates) -> list[Proposal]:
        """The mechanisms demands name that data/entities lacks (the demand rules know them)."""
        out = []
        for c in candidates:
            for mech in c.fields.get("mechanisms", []):
                if mech not in self.entities:
                    out.append(Proposal(mech, "mechanism", {lang: []}, c.start, c.end,
                                        label=gz.MECHANISMS.get(mech, ""),
                                        reason=f"a demand names {mech}, which data/entities "
                                               "lacks"))
        return out


def _in_general(text: str, lang: str, spans, c: Candidate) -> bool:
    """Does the claim's sentence speak of chemical attacks in general ("these abhorrent
    attacks in Syria", "any use of chemical weapons")?"""
    i = sentence_index(c.start, spans)
    s, e = spans[i] if i >= 0 else (c.start, c.end)
    return re.search(lx.GENERAL_ATTACKS[lang], text[s:e]) is not None


def _every_occurrence(text: str, named: dict, known: list[Mention]) -> list[Mention]:
    """A mention at each place the text writes a proposed name (not inside another name)."""
    out: list[Mention] = []
    for name, p in named.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not any(k.start < m.end() and m.start() < k.end for k in known + out):
                out.append(Mention(m.start(), m.end(), name, p.id, p.type, "entity"))
    return out


_BREADCRUMB = re.compile(r"(?:Home|Accueil|الرئيسية)\b[^\n]{0,200}$")


def _breadcrumb_repeat(text: str, c: Candidate) -> bool:
    """A page's breadcrumb ("Home press releases <title>") repeats its title: not a second
    statement. A passage printed twice elsewhere (a lead repeated in the body) is proposed
    at each occurrence, as a reader sees it (rule G3 of the real evaluation set)."""
    line_start = text.rfind("\n", 0, c.start) + 1
    return bool(_BREADCRUMB.match(text, line_start, c.start)) and \
        text.find(text[c.start:c.end]) < line_start
