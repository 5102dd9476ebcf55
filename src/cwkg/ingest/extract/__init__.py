"""Assisted claim extraction: candidate claims with exact quotes, for a curator to review.

:class:`Extractor` runs every extractor over one document and returns an
:class:`~.model.Extraction`: candidates (casualty figures, event dates,
instrument citations, attributions, investigation findings, demands,
commemorations), linked mentions, unknown names and flags. Nothing here writes
files or guesses an id: what is not in ``data/entities`` stays unlinked.

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
from collections import Counter

from cwkg.ingest.extract import lexicon as lx

from .dates import find_dates, find_year_counts
from .entities import Linker
from .figures import find_figures
from .legal import InstrumentIndex, find_instruments
from .model import Candidate, Extraction, Flag, Mention
from .nlp import pipeline
from .nlp import sentences as split_sentences
from .speakers import speaker
from .statements import find_attributions, find_demands, has_phrase

__all__ = ["Extractor", "Extraction", "Candidate", "Flag", "Mention"]

ANNIVERSARY_TOLERANCE = dt.timedelta(days=45)  # a statement may come out days early or late


class Extractor:
    """Every extractor, built once for a set of reference entities."""

    def __init__(self, entities):
        self.entities = {e.id: e for e in entities}
        self.linker = Linker(self.entities.values())
        self.instruments = InstrumentIndex(self.entities.values())
        self.attacks = {e.id: e for e in self.entities.values() if e.type == "attack"}
        self.attacks_at: dict[str, list[str]] = {}
        for attack in self.attacks.values():
            place = attack.links.get("place")
            if place:
                self.attacks_at.setdefault(place, []).append(attack.id)

    def run(self, text: str, language: str, published: dt.date | None,
            author: str | None = None) -> Extraction:
        """Every candidate in ``text``; ``author`` (the source's author id) states its own voice.
        ``published`` None (a document that states no date of its own): relative dates
        ("yesterday") are not resolved and anniversaries are not checked."""
        lang = "ar" if language.startswith("ar") else "en"
        spans = split_sentences(text, lang)
        doc = pipeline(lang)(text)
        mentions = self.linker.link(text, lang, doc)
        out = Extraction(mentions=mentions)
        main_attack = self._main_attack(mentions)

        out.candidates += find_figures(text, lang, spans)
        events, flags = self._events(text, lang, published, spans, mentions)
        out.candidates += events
        out.flags += flags
        commemorations, flags = self._year_checks(text, lang, published, spans, mentions,
                                                  main_attack)
        out.candidates += commemorations
        out.flags += flags
        instruments, flags = find_instruments(text, lang, spans, mentions, self.instruments)
        out.candidates += instruments
        out.flags += flags
        out.candidates += find_attributions(text, lang, spans, mentions)
        out.candidates += find_demands(text, lang, spans, mentions)
        for c in out.candidates:
            if not c.about:
                c.about = self._attacks_near(c.start, c.end, spans, mentions) or \
                    ((main_attack,) if main_attack else ())
        for c in out.candidates:  # a quote neither starts nor ends in spaces or commas
            while c.end > c.start + 1 and text[c.end - 1] in " ,;:،\n\t":
                c.end -= 1
            while c.start < c.end - 1 and text[c.start] in " ,;:،\n\t":
                c.start += 1
        out.candidates = _without_repeats(text, out.candidates)
        for c in out.candidates:
            agent, mode = speaker(text, lang, self._sentence_of(c.start, spans), mentions, c)
            if agent and agent != author:
                c.stated_by, c.speech = agent, mode
        taken = [(c.start, c.end) for c in out.candidates if c.kind == "event"]
        out.unknown_names = self.linker.unknown_names(text, lang, mentions, taken)
        return out

    # -- attacks -------------------------------------------------------------------------

    def _attack_ids(self, mention: Mention) -> list[str]:
        if mention.entity in self.attacks:
            return [mention.entity]
        return self.attacks_at.get(mention.entity or "", [])

    def _main_attack(self, mentions: list[Mention]) -> str | None:
        counts = Counter(a for m in mentions for a in self._attack_ids(m))
        if not counts:
            return None
        (best, n), *rest = counts.most_common()
        return best if not rest or rest[0][1] < n else None

    def _sentence_of(self, pos: int, spans) -> tuple[int, int]:
        return next(((s, e) for s, e in spans if s <= pos < e), (pos, pos))

    def _attacks_near(self, start: int, end: int, spans, mentions) -> tuple[str, ...]:
        s, e = self._sentence_of(start, spans)
        e = max(e, end)
        found = [a for m in mentions if s <= m.start < e for a in self._attack_ids(m)]
        return tuple(dict.fromkeys(found))

    # -- dates ---------------------------------------------------------------------------

    def _events(self, text, lang, published, spans, mentions):
        candidates, flags = [], []
        for d in find_dates(text, lang, published):
            if d.ambiguous:
                flags.append(Flag("ambiguous-date", f"'{text[d.start:d.end]}' read as "
                                  f"{d.value.isoformat()} (month/day, as English dates are "
                                  "written in the US); check the source", d.start, d.end))
            if published and d.value >= published:
                continue  # the document's own date (a dateline), or a date to come
            s, e = self._sentence_of(d.start, spans)
            sentence = text[s:e]
            nearby = self._attacks_near(d.start, d.end, spans, mentions)
            if not (nearby or has_phrase(sentence, lx.ATTACK_WORDS[lang], lang)):
                continue
            if has_phrase(text[max(s, d.start - 50):d.start], lx.DOCUMENT_DATE_WORDS[lang], lang):
                continue  # "the report ... in October 26, 2017": a document's date
            matching = [a for a in self.attacks if self.attacks[a].values.get("date") == d.value]
            about = tuple(a for a in nearby if a in matching) or tuple(matching[:1]) or nearby
            for attack in about:
                known = self.attacks[attack].values.get("date")
                if known and known != d.value:
                    flags.append(Flag("date-mismatch", f"'{text[d.start:d.end]}' dates "
                                      f"{attack} to {d.value.isoformat()}, but its reference "
                                      f"date is {known.isoformat()}", d.start, d.end))
            start, end = self._event_span(text, d, mentions, s)
            candidates.append(Candidate("event", start, end,
                                        {"event_date": d.value.isoformat()}, about=about))
        return candidates, flags

    def _event_span(self, text, d, mentions, floor):
        """"Khan Sheikhoun (4/4/2017)" when a name stands before the bracket, else the date."""
        if text[d.start - 1:d.start] == "(" and text[d.end:d.end + 1] == ")":
            before = [m for m in mentions if m.end in (d.start - 2, d.start - 1)]
            if before:
                return before[0].start, d.end + 1
        return d.start, d.end

    def _year_checks(self, text, lang, published, spans, mentions, main_attack):
        candidates, flags = [], []
        if published is None:
            return candidates, flags
        for y in find_year_counts(text, lang):
            near = self._attacks_near(y.start, y.end, spans, mentions)
            attack = near[0] if len(near) == 1 else (main_attack if not near else None)
            if attack is None or attack not in self.attacks:
                continue
            known = self.attacks[attack].values.get("date")
            phrase = text[y.start:y.end]
            if y.kind == "anniversary":
                candidates.append(Candidate("commemoration", y.start, y.end,
                                            {"anniversary": y.years}, about=(attack,)))
                if known:
                    due = known.replace(year=known.year + y.years)
                    if abs(due - published) > ANNIVERSARY_TOLERANCE:
                        flags.append(Flag("anniversary-mismatch",
                                          f"'{phrase}' of {attack} ({known.isoformat()}) "
                                          f"falls on {due.isoformat()}, but the document is "
                                          f"dated {published.isoformat()}", y.start, y.end))
            elif known and abs((published - known).days / 365.25 - y.years) >= 1:
                flags.append(Flag("years-since-mismatch",
                                  f"'{phrase}': {attack} ({known.isoformat()}) was "
                                  f"{published.year - known.year} years before the document's "
                                  f"date {published.isoformat()}", y.start, y.end))
        return candidates, flags


def _without_repeats(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A passage repeated word for word (a title again in a page footer) is proposed once:
    same kind, same fields, same quote with the same 30 characters before it."""
    seen, kept = set(), []
    for c in sorted(candidates, key=lambda c: (c.start, c.kind)):
        key = (c.kind, text[max(0, c.start - 30):c.end], repr(sorted(c.fields.items())))
        if key not in seen:
            seen.add(key)
            kept.append(c)
    return kept
