"""The plain records the loaders produce and the graph builder turns into RDF.

Each carries ``file`` and ``line`` so any later finding (a SHACL result, a
violation row) can point a curator back at the place to edit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Located:
    file: str
    line: int

    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Identification(Located):
    """A link the text does not make in words, made by whoever ``identified_by`` names
    (``curator``), with the reason: "Ghouta" taken as the attack of 21 August 2013, "It"
    resolved to the Assad regime, an author the text never names."""
    field: str                  # the YAML key of the link: about, accused, author, ...
    id: str                     # the id that key holds and that was identified
    identified_by: str          # curator
    reason: str


@dataclass(frozen=True)
class Source(Located):
    id: str                     # src:...
    type: str
    text: str | None            # None: kept outside the repository and not found
    text_path: str              # repository-relative path of the .txt (data/sources, or
                                # the texts folder's file for an external text)
    sha256: str
    date: dt.date | None        # None: the document states no date (its note says so)
    language: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    translated_by: str | None = None
    url: str | None = None
    original_file: str | None = None
    quotes: tuple[str, ...] = ()
    relays: tuple[str, ...] = ()
    publisher_verified: bool | None = None
    publisher_note: str | None = None
    note: str | None = None
    external: bool = False      # external_text: its text is kept outside the repository
    characters: int = 0         # length of the text in Unicode code points
    identifications: tuple[Identification, ...] = ()

    @property
    def verified(self) -> bool:
        """Its hash and its claims' anchors were checked against its text (always, for a
        text in data/sources; for an external text, when a texts folder has it)."""
        return self.text is not None

    @property
    def local(self) -> str:
        return self.id.partition(":")[2]


@dataclass(frozen=True)
class Entity(Located):
    id: str
    type: str
    labels: dict                # lang -> label
    aliases: dict               # lang -> [alias]
    sources: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    wikidata: str | None = None
    links: dict = field(default_factory=dict)   # key -> id or [ids] (part_of, place, ...)
    values: dict = field(default_factory=dict)  # key -> literal (date, year, job_title, ...)


@dataclass(frozen=True)
class Anchor:
    exact: str
    start: int                  # Unicode code points, 0-based, end exclusive (Web Annotation)
    end: int
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Figure:
    counts: str
    group: str | None           # None for a count of attacks
    qualifier: str
    value: int | None
    min_value: int | None
    max_value: int | None


@dataclass(frozen=True)
class Period:
    """The span of time a statement covers, each end as the text gives it: a year "2011", a
    month "2011-03" or a date "2011-03-15"; None where the text gives no such end ("since
    2011" has no end)."""
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Claim(Located):
    id: str                     # claim:<source-local>-<local id>
    local_id: str
    source: str
    kind: str
    stated_by: str              # agent id, or the source's unidentified-author IRI key
    speech: str                 # own-voice | direct-quote | reported
    about: tuple[str, ...]
    anchor: Anchor
    via: str | None = None
    figures: tuple[Figure, ...] = ()
    perpetrators: tuple[str, ...] = ()
    based_on: str | None = None
    weapon: str | None = None
    event_date: dt.date | None = None
    place: str | None = None
    mechanisms: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    accused: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    anniversary: int | None = None      # "the fourth anniversary": 4
    years_since: int | None = None      # "Seven years have passed since": 7
    period: Period | None = None        # "dozens of times since 2011": start 2011
    identifications: tuple[Identification, ...] = ()
