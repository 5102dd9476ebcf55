"""Load claims files (``data/claims/<source-id>.yaml``) and anchor each quote.

A claim is one statement a source makes (or attributes to someone), with the
exact words it is anchored to. Loading checks every key, every id's prefix and
the quote; whether ids exist is checked once everything is loaded
(:mod:`cwkg.data`).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from cwkg.errors import DataError
from cwkg.prefixes import ENTITY_PREFIXES

from . import figures as fig
from . import yamlio
from .anchoring import CONTEXT, AnchorError, anchor
from .identifications import link_values, load_identifications
from .model import Anchor, Claim, Figure, Source
from .periods import load_period, load_year_count
from .records import Record
from .sources import display_path, sorted_names

AGENTS = ("org", "person")
KINDS = ("casualty-figure", "attribution", "investigation-finding", "demand",
         "instrument-citation", "event", "commemoration", "characterisation")
SPEECH = ("direct-quote", "reported")
REQUIRED_BY_KIND = {  # kind -> keys of which the claim needs at least one
    "casualty-figure": ("figures",),
    "attribution": ("perpetrators",),
    # a call for a mechanism, or on someone to act ("The Assad regime must uphold its
    # international obligations" names no mechanism, only whom it calls upon)
    "demand": ("mechanisms", "addressees"),
    "instrument-citation": ("instruments",),
}
STATUSES = ("proposed", "accepted")  # proposed: drafted by `cwkg add`, not yet reviewed
CLAIM_KEYS = {"id", "status", "kind", "stated_by", "speech", "via", "about", "quote",
              "occurrence", "figures", "perpetrators", "based_on", "weapon", "event_date", "place",
              "mechanisms", "addressees", "accused", "instruments", "anchor", "anniversary",
              "years_since", "period", "identifications"}
# the keys whose ids an `identifications` entry may qualify (stated_by: not the own voice)
LINK_FIELDS = ("about", "stated_by", "via", "perpetrators", "based_on", "weapon", "place",
               "mechanisms", "addressees", "accused", "instruments")
FIGURE_KEYS = {"counts", "group", "qualifier", "value"}
ANCHOR_KEYS = ("start", "end", "prefix", "suffix")
CLAIM_ID = re.compile(r"^c[0-9]+$")
# the keys that hold one id, or a list of ids, and the prefixes each takes
ID_KEYS = {"via": ("doc",), "based_on": ("doc",), "weapon": ("weapon",), "place": ("place",)}
ID_LIST_KEYS = {"about": ENTITY_PREFIXES, "perpetrators": AGENTS, "mechanisms": ("mech",),
                "addressees": AGENTS, "accused": AGENTS, "instruments": ("legal",)}
# entities a draft proposes (cwkg add); `cwkg accept` moves them to data/entities
PROPOSED_ENTITIES = "proposed_entities"


def proposed_entities(doc) -> list:
    """The items of a claims file's ``proposed_entities`` list, each a new entity (``id``)
    or new aliases of a known one (``alias_of``); DataError at file:line otherwise."""
    found = (doc or {}).get(PROPOSED_ENTITIES) or []
    if not isinstance(found, list):
        raise DataError(f"'{PROPOSED_ENTITIES}' must be a list", file=doc.file,
                        line=doc.key_line(PROPOSED_ENTITIES))
    for item in found:
        if not isinstance(item, dict) or ("id" in item) == ("alias_of" in item):
            raise DataError(f"each item of '{PROPOSED_ENTITIES}' is a new entity (with 'id') "
                            "or new aliases of a known one ('alias_of' and 'aliases')",
                            file=doc.file, line=getattr(item, "line", doc.key_line(
                                PROPOSED_ENTITIES)))
    return found


def load_claims_file(path: Path, sources: dict[str, Source],
                     pending: list[str] | None = None, data: bytes | None = None) -> list[Claim]:
    """The accepted claims of one file (``data``: its bytes, when read already); ids of
    proposed ones are appended to ``pending``."""
    name = display_path(path)
    doc = yamlio.load(path, name, data)
    rec = Record(doc, "claims file", file=name)
    rec.check_keys({"source", "claims", PROPOSED_ENTITIES})
    proposed_entities(doc)  # not built: checked only for their shape, as proposed claims
    source_id = rec.identifier("source", ("src",), required=True)
    if source_id != "src:" + path.stem:
        raise rec.error("source", f"'{source_id}' does not match the file name; expected "
                        f"'src:{path.stem}'")
    if source_id not in sources:
        raise rec.error("source", f"no source '{source_id}' in data/sources")
    source = sources[source_id]
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    for item in rec.records("claims", "claim", required=True):
        local_id = item.string("id", required=True)
        if local_id in seen:
            raise DataError(f"duplicate claim id '{local_id}' (first at line "
                            f"{seen[local_id]})", file=item.file, line=item.line)
        seen[local_id] = item.line
        # a proposal is not checked further or built until a curator accepts it
        item.check_keys(CLAIM_KEYS)
        if item.choice("status", STATUSES) == "proposed":
            if pending is not None:
                pending.append(f"{source_id}#{local_id}")
            continue
        claims.append(load_claim(item, source))
    return claims


def load_claim(rec: Record, source: Source) -> Claim:
    rec.check_keys(CLAIM_KEYS)
    local_id = rec.string("id", required=True)
    if not CLAIM_ID.match(local_id):
        raise rec.error("id", f"'{local_id}' is not a claim id such as c01")
    kind = rec.choice("kind", KINDS, required=True)
    stated_by, speech = _speaker(rec, source)
    anchored = load_anchor(rec, source)
    figures = tuple(load_figure(f) for f in rec.records("figures", "figure"))
    required = REQUIRED_BY_KIND.get(kind, ())
    if required and not any(rec.raw(key) for key in required):
        raise DataError(f"a {kind} claim needs " + " or ".join(f"'{k}'" for k in required),
                        file=rec.file, line=rec.line)
    if figures and kind != "casualty-figure":
        raise rec.error("figures", f"figures belong to casualty-figure claims, not {kind}")
    about = tuple(rec.identifiers("about", ENTITY_PREFIXES, required=True))
    claim = Claim(
        file=rec.file, line=rec.line, id=f"claim:{source.local}-{local_id}", local_id=local_id,
        source=source.id, kind=kind, stated_by=stated_by, speech=speech,
        about=about, anchor=anchored, figures=figures, event_date=rec.date("event_date"),
        **{key: rec.identifier(key, prefixes) for key, prefixes in ID_KEYS.items()},
        **{key: tuple(rec.identifiers(key, prefixes))
           for key, prefixes in ID_LIST_KEYS.items() if key != "about"},
        anniversary=load_year_count(rec, "anniversary", about),
        years_since=load_year_count(rec, "years_since", about),
        period=load_period(rec, source.date),
    )
    links = link_values(claim, LINK_FIELDS)
    if speech == "own-voice":
        links["stated_by"] = ()  # the source's author: identified in the source's .yaml
    claim = dataclasses.replace(claim, identifications=load_identifications(rec, links))
    if kind == "event" and not (claim.event_date or claim.place or claim.weapon):
        raise DataError("an event claim needs at least one of event_date, place, weapon",
                        file=rec.file, line=rec.line)
    if claim.event_date and source.date and claim.event_date > source.date:
        raise rec.error("event_date", f"{claim.event_date} is after the source's own date "
                        f"{source.date}")
    return claim


def load_anchor(rec: Record, source: Source) -> Anchor:
    """The quote's anchor: computed from the text; for a source whose text is kept
    outside the repository, stored in the claim (``anchor``), checked against the text
    when a texts folder has it, else taken as stored (checked for consistency only)."""
    quote = rec.string("quote", required=True)
    occurrence = rec.integer("occurrence", minimum=1)
    stored = _stored_anchor(rec, quote)
    if stored is None and source.external:
        raise DataError(f"a claim of {source.id}, whose text is kept outside the repository, "
                        "needs its anchor stored ('anchor: {start, end, prefix, suffix}'); "
                        f"with the text in a texts folder, 'cwkg anchor {source.local}' "
                        "writes it", file=rec.file, line=rec.line)
    if stored is not None and not source.external:
        raise rec.error("anchor", "only for a source whose text is kept outside the "
                        "repository (external_text: true); the build computes this one")
    if source.text is None:
        return _consistent(rec, stored, source)
    try:
        anchored = anchor(source.text, quote, occurrence)
    except AnchorError as exc:
        raise rec.error("quote", f"{exc} ({_text_name(source)})") from None
    if stored is not None and stored != anchored:
        raise rec.error("anchor", f"does not match the text {_text_name(source)}: stored "
                        f"{_describe(stored)}, the text gives {_describe(anchored)}; check the "
                        f"quote, then 'cwkg anchor {source.local} {rec.string('id')}' rewrites "
                        "it")
    return anchored


def _text_name(source: Source) -> str:
    return source.text_path if source.external else source.file.rsplit(".", 1)[0] + ".txt"


def _describe(a: Anchor) -> str:
    return (f"characters {a.start}-{a.end}, prefix {a.prefix[-12:]!r}, suffix "
            f"{a.suffix[:12]!r}")


def _stored_anchor(rec: Record, quote: str) -> Anchor | None:
    stored = rec.mapping("anchor", "anchor")
    if stored is None:
        return None
    stored.check_keys(set(ANCHOR_KEYS))
    start = stored.integer("start", required=True)
    end = stored.integer("end", required=True)
    context = []
    for key in ("prefix", "suffix"):
        value = stored.raw(key)
        if not isinstance(value, str):  # may be empty or blank: the text's own characters
            raise stored.error(key, "is required: the text just before/after the quote "
                               "(a JSON string, \"\" at the text's edge)")
        context.append(value)
    return Anchor(exact=quote, start=start, end=end, prefix=context[0], suffix=context[1])


def _consistent(rec: Record, a: Anchor, source: Source) -> Anchor:
    """A stored anchor whose text is absent: what can be checked without the text."""
    if a.end - a.start != len(a.exact):
        raise rec.error("anchor", f"spans {a.end - a.start} characters ({a.start}-{a.end}) "
                        f"but the quote has {len(a.exact)}")
    if a.end > source.characters:
        raise rec.error("anchor", f"ends at character {a.end}, after the end of the text "
                        f"({source.characters} characters)")
    if len(a.prefix) != min(CONTEXT, a.start) or \
            len(a.suffix) != min(CONTEXT, source.characters - a.end):
        raise rec.error("anchor", f"prefix and suffix must be the {CONTEXT} characters "
                        "before and after the quote (fewer at the text's edges)")
    return a


def _speaker(rec: Record, source: Source) -> tuple[str | None, str]:
    """(agent id or None for the source's unidentified author, speech mode)."""
    stated_by = rec.string("stated_by", required=True)
    if stated_by == "author":
        if rec.raw("speech") is not None:
            raise rec.error("speech", "only for statements the source attributes to someone "
                            "else; the source's own voice needs none")
        return source.author, "own-voice"
    rec.identifier("stated_by", AGENTS)
    speech = rec.choice("speech", SPEECH)
    if speech is None:
        raise DataError(f"claim stated by {stated_by} needs 'speech: direct-quote' or "
                        "'speech: reported' (or 'stated_by: author' for the source's own voice)",
                        file=rec.file, line=rec.line)
    return stated_by, speech


def load_figure(rec: Record) -> Figure:
    rec.check_keys(FIGURE_KEYS)
    counts = rec.choice("counts", fig.COUNTS, required=True)
    # a count of attacks counts no victims, so it has no group; every other figure needs one
    group = rec.choice("group", fig.GROUPS, required=counts != "attacks")
    if counts == "attacks" and group is not None:
        raise rec.error("group", "a count of attacks has no victim group; remove 'group'")
    qualifier = rec.choice("qualifier", fig.QUALIFIERS, required=True)
    value = rec.integer("value", minimum=0)
    if qualifier in fig.NEEDS_VALUE and value is None:
        raise DataError(f"a figure with qualifier '{qualifier}' needs a 'value'",
                        file=rec.file, line=rec.line)
    if qualifier not in fig.NEEDS_VALUE and value is not None:
        raise rec.error("value", f"'{qualifier}' is a word quantity; give no value")
    low, high = fig.bounds(qualifier, value)
    return Figure(counts=counts, group=group, qualifier=qualifier, value=value,
                  min_value=low, max_value=high)


def claims_names(data_dir: Path) -> list[str]:
    """The names of the files of data/claims/, in order (names, not paths: at 10,000
    sources making the paths took longer than reading the folder)."""
    folder = data_dir / "claims"
    if not folder.is_dir():
        raise DataError(f"no claims folder: expected {display_path(folder)}")
    return sorted_names(folder, ".yaml")
