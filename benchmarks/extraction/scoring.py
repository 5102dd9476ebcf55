"""Precision and recall of the extractors against gold claims, per claim kind.

Each claim is cut into scored items: a casualty-figure claim gives one item per
figure (counts, group, qualifier, value); an event claim its event date; an
instrument citation one item per instrument id; an attribution one per
perpetrator; a demand one per mechanism; an investigation finding one per
perpetrator it names (a finding on use alone names none). A candidate item matches a gold item
when the kinds agree, the values agree exactly, and the quote spans overlap by
at least one character; matching is one-to-one.

>>> gold = [Item("dates", "2017-04-04", 10, 30)]
>>> found = [Item("dates", "2017-04-04", 25, 40), Item("dates", "2018-04-07", 50, 60)]
>>> s = score(gold, found)["dates"]
>>> (s.matched_found, s.found, s.matched_gold, s.gold)
(1, 2, 1, 1)
"""

from __future__ import annotations

from dataclasses import dataclass

SCORED = {  # claim kind -> (report name, how to cut the claim's fields into values)
    "casualty-figure": "casualty figures",
    "event": "dates",
    "instrument-citation": "legal-instrument citations",
    "attribution": "attributions",
    "demand": "demands",
    # an investigative body's conclusion (rule A2 of real/README.md), reported apart
    "investigation-finding": "investigation findings",
}
# a figure that counts attacks, not people (`counts: attacks`) is not a casualty figure
# (rule F6 of real/README.md): its items are reported apart, under this name
ATTACK_COUNTS = "attack counts"
KINDS = tuple(SCORED.values()) + (ATTACK_COUNTS,)
# (precision, recall) targets; investigation findings and attack counts have none
TARGETS = {"casualty figures": (0.95, 0.90), "dates": (0.95, 0.90),
           "legal-instrument citations": (0.95, 0.90), "attributions": (0.90, 0.80),
           "demands": (0.90, 0.80)}


@dataclass(frozen=True)
class Item:
    kind: str
    value: object
    start: int
    end: int
    doc: str = ""


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched_gold: int = 0
    matched_found: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched_found / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.gold if self.gold else None


def items(kind: str, fields: dict, start: int, end: int, doc: str = "") -> list[Item]:
    """The scored items of one claim given as a kind and data-format fields.

    >>> items("casualty-figure", {"figures": [{"counts": "killed", "group": "people",
    ...        "qualifier": "more-than", "value": 90}]}, 0, 5)[0].value
    ('killed', 'people', 'more-than', 90)
    """
    name = SCORED.get(kind)
    if name is None:
        return []
    if kind == "casualty-figure":
        out = []
        for f in fields.get("figures", []):
            value = (f["counts"], f.get("group"), f["qualifier"], f.get("value"))
            out.append(Item(ATTACK_COUNTS if f["counts"] == "attacks" else name, value, start,
                            end, doc))
        return out
    elif kind == "event":
        values = [str(fields["event_date"])] if fields.get("event_date") else []
    else:
        key = {"instrument-citation": "instruments", "attribution": "perpetrators",
               "investigation-finding": "perpetrators", "demand": "mechanisms"}[kind]
        values = list(fields.get(key, []))
    return [Item(name, v, start, end, doc) for v in values]


def score(gold: list[Item], found: list[Item]) -> dict[str, Score]:
    """Per-kind counts under the one-to-one overlap rule."""
    scores = {k: Score() for k in KINDS}
    used: set[int] = set()
    for f in found:
        scores[f.kind].found += 1
    for g in gold:
        scores[g.kind].gold += 1
    for i, f in enumerate(found):
        for j, g in enumerate(gold):
            if j in used or g.kind != f.kind or g.doc != f.doc or g.value != f.value:
                continue
            if f.start < g.end and g.start < f.end:
                used.add(j)
                scores[f.kind].matched_found += 1
                scores[g.kind].matched_gold += 1
                break
    return scores


def unmatched(gold: list[Item], found: list[Item]) -> tuple[list[Item], list[Item]]:
    """(gold items missed, candidate items wrong), for reading the errors."""
    used_g: set[int] = set()
    wrong = []
    for f in found:
        for j, g in enumerate(gold):
            if j not in used_g and g.kind == f.kind and g.doc == f.doc and g.value == f.value \
                    and f.start < g.end and g.start < f.end:
                used_g.add(j)
                break
        else:
            wrong.append(f)
    return [g for j, g in enumerate(gold) if j not in used_g], wrong


def speaker_agreement(gold: list[tuple], found: list[tuple]) -> tuple[int, int]:
    """(agreeing, compared): for each candidate claim (kind, start, end, stated_by), the gold
    claim of its kind it overlaps most; does it name the same speaker ("author" or an id)?

    >>> speaker_agreement([("demand", 0, 10, "org:soc")], [("demand", 5, 8, "org:soc"),
    ...                   ("demand", 20, 30, "author")])
    (1, 1)
    """
    agree = compared = 0
    for kind, start, end, who in found:
        overlaps = [(min(end, g[2]) - max(start, g[1]), g) for g in gold
                    if g[0] == kind and start < g[2] and g[1] < end]
        if overlaps:
            compared += 1
            agree += max(overlaps)[1][3] == who
    return agree, compared
