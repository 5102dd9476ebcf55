"""What the extractors return: candidate claims, linked mentions and flags.

Offsets are Unicode code points into the document text, as in :mod:`cwkg.anchoring`.

>>> c = Candidate("casualty-figure", 4, 9, {"figures": []})
>>> c.quote("the loss of lives")
'loss '
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Candidate:
    """One proposed claim: its kind, the span of its exact quote, and its structured fields."""

    kind: str
    start: int
    end: int
    fields: dict = field(default_factory=dict)
    about: tuple[str, ...] = ()
    note: str = ""
    stated_by: str | None = None   # None: the source's own voice (`stated_by: author`)
    speech: str | None = None      # direct-quote or reported, when stated_by is an agent
    parts: list = field(default_factory=list)   # (start, end) of each figure, in order

    def quote(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True)
class Mention:
    """A name in the text linked to a reference entity (or, with ``entity`` None, unknown).
    ``proposed``: "" for a name of an entity in data/entities; "alias" for a name that
    entity lacks (a close spelling, a name of the gazetteer); "entity" for an entity that
    data/entities lacks (the gazetteer's, or a name the text gives)."""

    start: int
    end: int
    text: str
    entity: str | None
    type: str = ""
    proposed: str = ""


@dataclass
class Proposal:
    """A new entity, or new aliases of a known one, for the curator to accept.

    ``id`` is the suggested id of a new entity, or the id of the known entity the names
    are new aliases of (``alias_of``). ``names`` are as written, per language; ``values``
    the entity's other keys the text gives (an attack's date and place)."""

    id: str
    type: str
    names: dict[str, list[str]]
    start: int
    end: int
    alias_of: bool = False
    label: str = ""          # an English label when one is known (gazetteer), else empty
    values: dict = field(default_factory=dict)
    reason: str = ""
    sets: tuple[str, ...] = ()  # the source's fields (publisher...) accepting it fills in


@dataclass(frozen=True)
class Flag:
    """Something suspicious for the curator: never corrected silently."""

    code: str
    message: str
    start: int = 0
    end: int = 0


@dataclass
class Extraction:
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    unknown_names: list[Mention] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)

    def by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for c in self.candidates:
            counts[c.kind] = counts.get(c.kind, 0) + 1
        return counts
