"""Which attack a sentence speaks of: a named attack, or a place read with its dates.

In a sentence about an attack, a place with a known attack (Douma: the attack of 7 April
2018) names that attack only when the date the text gives there (the sentence's date
nearest the place, else the last date given earlier in its paragraph, else "recent" read
against the document's date) is within a week of the attack's reference date, or when
no date is given. A place with a date far from every known attack there names another
attack: it is proposed as a new one (``attack:<place>-<date>``, or with the year only),
never attached to the known one, and flagged. A region (a place others are in) or a
place next to another ("Al-Yarmouk camp in Southern Damascus") gets no attack of its own.
Claims take the attacks of their own sentence, else of the paragraph's earlier sentences,
else the document's main attack, if the document dates it; a figure goes to the attack
named nearest before it, so one sentence about two attacks gives one claim per attack.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from cwkg.ingest.extract import lexicon as lx

from .model import Candidate, Flag, Mention, Proposal
from .phrases import has_phrase, phrase_re
from .proposals import slug

SAME_ATTACK = dt.timedelta(days=7)    # a date this close to an attack's is that attack's
RECENT = dt.timedelta(days=60)        # "a recent attack": within this of the document's date
NEAR_DATE = 100                       # characters between a place and the date it takes
_YEAR = {"en": re.compile(r"\b(?:in|of|during)\s+((?:19|20)[0-9]{2})\b(?![-/])"),
         "ar": re.compile(r"(?<!\w)(?:عام|في|سنة)\s+((?:19|20)[0-9]{2})(?!\w)")}
_BESIDE = re.compile(r"^(?:\s+(?:camp|neighbou?rhood|town|village|city|district|area))?"
                     r"\s*(?:,|in|of|near|،|في)\s*(?:the\s+)?(?:(?:eastern|western|northern|"
                     r"southern|rural|countryside\s+of)\s+)?$", re.IGNORECASE)
# "departing from Shayrat airbase": where an attack was launched from, not its site (rule
# A4 of the real evaluation set)
_FROM = re.compile(r"(?:\b(?:from|departing)\s+(?:the\s+)?|(?<!\w)(?:من|انطلاقا\s+من)\s+)$",
                   re.IGNORECASE)
_BASE = re.compile(r"^\s*(?:air\s*base|airbase|airport|airfield|military\s+airport|العسكري"
                   r"|الجوية)\b", re.IGNORECASE)
_ATTACK_ON = {"en": re.compile(r"\b(?:attacks?|massacre|strike)\s+(?:on|in|at|against)\s+"
                               r"(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE),
              "ar": re.compile(r"(?:هجوم|الهجوم|هجمات|مجزرة)\s+(?:على|في)\s+(?:\S+\s+)?$")}


@dataclass
class Attacks:
    """The attacks each sentence names, with positions, and what was proposed or flagged."""

    in_sentence: list[list[tuple[int, str]]]
    proposals: list[Proposal] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    dates: dict[str, dt.date] = field(default_factory=dict)   # proposed attack -> its date
    dated: set[str] = field(default_factory=set)   # attacks the document gives a date for
    lines: list[int] = field(default_factory=list)  # the paragraph (line) of each sentence

    def of_sentence(self, index: int) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for _, a in self.in_sentence[index])) \
            if 0 <= index < len(self.in_sentence) else ()

    def about(self, index: int) -> tuple[str, ...]:
        """The attacks of sentence ``index``, else of the paragraph's last sentence that
        names one ("this incident"), else the main attack."""
        found = self.of_sentence(index)
        j = index - 1
        while not found and j >= 0 and self.lines[j] == self.lines[index]:
            found, j = self.of_sentence(j), j - 1
        main = self.main()
        return found or ((main,) if main else ())

    def main(self) -> str | None:
        """The attack the document names most often, among those it dates, if one does."""
        counts: dict[str, int] = {}
        for found in self.in_sentence:
            for _, a in found:
                if a in self.dated:
                    counts[a] = counts.get(a, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]


class AttackIndex:
    """The known attacks, by id and by place."""

    def __init__(self, entities):
        self.entities = {e.id: e for e in entities}
        self.attacks = {e.id: e for e in self.entities.values() if e.type == "attack"}
        self.at_place: dict[str, list[str]] = {}
        self.regions = {e.links["contained_in"] for e in self.entities.values()
                        if e.type == "place" and e.links.get("contained_in")}
        for attack in self.attacks.values():
            if attack.links.get("place"):
                self.at_place.setdefault(attack.links["place"], []).append(attack.id)

    def date(self, attack: str) -> dt.date | None:
        return self.attacks[attack].values.get("date") if attack in self.attacks else None

    def span(self, attack: str) -> tuple[dt.date, dt.date] | None:
        """An attack's day as (day, day), or a series' first and last day (from, to)."""
        values = self.attacks[attack].values if attack in self.attacks else {}
        if "date" in values:
            return values["date"], values["date"]
        if "from" in values:
            return values["from"], values["to"]
        return None

    def when(self, attack: str) -> str:
        """The reference date as a flag writes it: a day, or a series' first and last."""
        first, last = self.span(attack) or (None, None)
        return str(first) if first == last else f"{first} to {last}"

    def resolve(self, text: str, lang: str, spans, mentions: list[Mention],
                event_dates: list[tuple[int, dt.date]], published: dt.date | None) -> Attacks:
        out = Attacks([[] for _ in spans], lines=[text.count("\n", 0, s) for s, _ in spans])
        proposed: dict[str, Proposal] = {}
        carried, carried_line = None, -1
        recent = phrase_re(lx.RECENT_WORDS[lang], lang)
        for i, (s, e) in enumerate(spans):
            if out.lines[i] != carried_line:
                carried = None
            dates = [(pos, d) for pos, d in event_dates if s <= pos < e]
            dates += [(y.start(1), int(y.group(1))) for y in _YEAR[lang].finditer(text, s, e)]
            here = [m for m in mentions if s <= m.start < e]
            about_attack = bool(dates) or has_phrase(text[s:e], lx.ATTACK_WORDS[lang], lang)
            weapons = [m.entity for m in here if m.type == "weapon"]
            out.in_sentence[i] += [(m.start, m.entity) for m in here if m.entity in self.attacks]
            places = [m for m in here if m.type == "place" and m.entity]
            for n, m in enumerate(places):
                if not about_attack or (n > 0 and _BESIDE.match(text[places[n - 1].end:
                                                                     m.start])):
                    continue  # "Jobar neighborhood of Eastern Ghouta": where, not which
                context, near = _date_for(m, dates, carried)
                if context is None and m.entity in self.regions:
                    continue  # "attacks in Syria", no date: the country names no one attack
                if context is None and published and recent.search(text, s, e):
                    context, near = published.year, True   # "a recent attack": this year's
                    attacks = [a for a in self.at_place.get(m.entity, [])
                               if _close(self.span(a), published, within=RECENT)]
                else:
                    attacks = None
                if context is None and published and not self.at_place.get(m.entity) and \
                        _ATTACK_ON[lang].search(text[max(s, m.start - 40):m.start]):
                    # "a similar attack on the Jobar neighborhood", no year given: the id
                    # takes the document's year, the attack is given no date
                    context, near = published.year, True
                launch_site = _FROM.search(text[max(s, m.start - 20):m.start]) or \
                    _BASE.match(text[m.end:m.end + 20])
                may_propose = near and m.entity not in self.regions and not launch_site
                for attack in self._at(m, context, attacks, may_propose, weapons, lang, out,
                                       proposed):
                    out.in_sentence[i].append((m.start, attack))
            if dates:
                carried, carried_line = dates[-1][1], out.lines[i]
        out.proposals = list(proposed.values())
        out.dated |= set(out.dates) | {p.id for p in out.proposals}
        out.dated |= {a for a in self.attacks
                      if any(_close(self.span(a), d, exact=True) for _, d in event_dates)
                      or any(str(day.year) in text for day in self.span(a) or ())}
        return out

    def _at(self, m: Mention, context, attacks, may_propose: bool, weapons, lang,
            out: Attacks, proposed: dict) -> list[str]:
        known = self.at_place.get(m.entity, [])
        if context is None:
            return known
        same = attacks if attacks is not None else \
            [a for a in known if _close(self.span(a), context)]
        if same or not may_propose:
            return same
        when = context.isoformat() if isinstance(context, dt.date) else str(context)
        place = m.entity.partition(":")[2] or slug(m.text)
        pid = f"attack:{place}-{when}"
        if pid not in proposed:
            self._propose(pid, m, context, when, known, weapons, lang, out, proposed)
        return [pid]

    def _propose(self, pid, m, context, when, known, weapons, lang, out, proposed) -> None:
        values = {"place": m.entity}
        if isinstance(context, dt.date):
            values["date"] = context.isoformat()
            out.dates[pid] = context
        if weapons:
            values["weapon"] = weapons[0]
        label = self.entities[m.entity].labels.get("en") if m.entity in self.entities \
            else m.text
        dated = f" ({', '.join(known)} is dated " \
                f"{', '.join(self.when(a) for a in known)})" if known else ""
        proposed[pid] = Proposal(pid, "attack", {lang: []}, m.start, m.end,
                                 label=f"{label} attack, {when}", values=values,
                                 reason=f"'{m.text}' with the date {when}: no known attack "
                                        f"there at that date{dated}")
        if known:
            out.flags.append(Flag("other-attack", f"'{m.text}' is dated {when} here: not "
                                  f"{', '.join(known)} (reference date "
                                  f"{', '.join(self.when(a) for a in known)}); {pid} "
                                  "is proposed instead. If the text means the known attack, "
                                  "its date contradicts it", m.start, m.end))


def _date_for(m: Mention, dates: list[tuple[int, object]], carried):
    """(date or year, near) a place takes: the sentence's date nearest it, else the
    paragraph's last one; ``near`` when close enough to propose a new attack with."""
    if not dates:
        return carried, carried is not None
    distance, _, date = min((m.start - pos if pos <= m.start else pos - m.end, n, d)
                            for n, (pos, d) in enumerate(dates))
    return date, distance <= NEAR_DATE or len({d for _, d in dates}) == 1


def _close(known: tuple[dt.date, dt.date] | None, context, exact: bool = False,
           within: dt.timedelta = SAME_ATTACK) -> bool:
    """Is an attack of reference day (or series' first and last day) ``known`` the one a
    text dates ``context`` (a date within ``within`` of it, or a year it falls in)?"""
    if known is None or context is None:
        return not exact
    first, last = known
    if isinstance(context, int):
        return first.year <= context <= last.year
    return first - within <= context <= last + within


def split_by_attack(c: Candidate, attacks: list[tuple[int, str]]) -> list[Candidate]:
    """A figure claim whose sentence names several attacks, one claim per attack: each
    figure goes to the attack named nearest before it (or, before the first, after it)."""
    names = sorted(attacks)
    if len({a for _, a in names}) < 2 or not c.parts:
        return [c]
    groups: dict[str, list[int]] = {}
    for n, (start, _) in enumerate(c.parts):
        before = [a for pos, a in names if pos <= start]
        attack = before[-1] if before else names[0][1]
        groups.setdefault(attack, []).append(n)
    if len(groups) < 2:
        c.about = (next(iter(groups)),)
        return [c]
    out = []
    for attack, indices in groups.items():
        figures = [c.fields["figures"][n] for n in indices]
        parts = [c.parts[n] for n in indices]
        out.append(Candidate(c.kind, min(p[0] for p in parts), max(p[1] for p in parts),
                             {"figures": figures}, about=(attack,), parts=parts))
    return out
