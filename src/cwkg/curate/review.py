"""A source as a curator reviews it: its text, each claim with where its quote sits and
what keeps it from being accepted, and the version every save must quote back.

Nothing here writes. A proposal's card says why it cannot be accepted before the
curator tries: the checks of its fields (:func:`.findings.field_findings`, ids against
data/entities and the entities the file proposes) and, as a last word, the very check
``cwkg accept`` runs (:func:`cwkg.ingest.review.problems`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cwkg.fsio import display_path
from cwkg.ingest import review as ingest_review
from cwkg.ingest.anchors import claim_items
from cwkg.load import yamlio
from cwkg.load.anchoring import AnchorError, anchor
from cwkg.load.model import Source

from . import roundtrip as rt
from .files import claims_path, read_versioned
from .findings import BLOCKING, CANNOT_ACCEPT, Finding
from .saving import claim_findings, context


@dataclass(frozen=True)
class Card:
    id: str                        # c07
    status: str                    # proposed | accepted
    fields: dict                   # the claim as its file holds it (plain values)
    line: int                      # its first line in the claims file
    span: tuple[int, int] | None   # its quote's offsets in the text (None: not found)
    findings: tuple[Finding, ...]  # malformed fields, why it cannot be accepted yet

    @property
    def acceptable(self) -> bool:
        return self.status == "proposed" and not any(
            f.severity in (BLOCKING, CANNOT_ACCEPT) for f in self.findings)


@dataclass(frozen=True)
class Review:
    source: Source
    file: str                      # the claims file, as a curator types it
    version: str                   # what every save of this page quotes back
    text: str | None               # None: kept outside the repository and not at hand
    cards: tuple[Card, ...]
    proposed_entities: tuple[dict, ...]

    @property
    def proposals(self) -> list[Card]:
        return [c for c in self.cards if c.status == "proposed"]


def open_source(data_dir: Path, source: str, texts=None) -> Review:
    """The source ``source`` (src:ID, ID or its IRI) for review."""
    path = claims_path(data_dir, source)
    at = context(data_dir, path.stem, texts)
    data, version = read_versioned(path)
    text = data.decode("utf-8")
    name = display_path(path)
    doc = yamlio.loads(text, name)
    found = claim_findings(text, path, at)
    proposed = [str(i.get("id")) for i, _ in claim_items(doc) if i.get("status") == "proposed"]
    last_word = ingest_review.acceptance_problems(text, path, proposed, at, doc) \
        if proposed else {}
    cards = []
    for item, line in claim_items(doc):
        local = str(item.get("id"))
        own = [f for f in found if f.claim == local]
        status = "proposed" if item.get("status") == "proposed" else "accepted"
        if status == "proposed" and local in last_word and not any(
                f.severity in (BLOCKING, CANNOT_ACCEPT) for f in own):
            own.append(Finding(CANNOT_ACCEPT, last_word[local], local))
        cards.append(Card(local, status, rt.plain(dict(item)), line,
                          _span(at.source, item), tuple(own)))
    entities = (doc or {}).get("proposed_entities") if isinstance(doc, dict) else None
    return Review(at.source, name, version, at.source.text, tuple(cards),
                  tuple(rt.plain(dict(e)) for e in entities or [] if isinstance(e, dict)))


def _span(source: Source, item) -> tuple[int, int] | None:
    stored = item.get("anchor")
    if source.text is None:
        if isinstance(stored, dict) and isinstance(stored.get("start"), int):
            return stored["start"], stored.get("end")
        return None
    try:
        a = anchor(source.text, str(item.get("quote") or ""), item.get("occurrence"))
    except (AnchorError, TypeError):
        return None
    return a.start, a.end
