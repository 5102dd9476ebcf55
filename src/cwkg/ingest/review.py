"""The curator's side of proposals: list them, accept them, reject them.

``accept`` removes a claim's ``status: proposed`` line (accepted is the default),
``reject`` removes the claim's whole block. Both edit the claims file as text, so
comments and layout stay as the curator left them, and both check the result
first: an accepted claim must pass every check a curated claim passes (its quote,
its ids), or nothing is written. ``accept --all`` accepts every proposal that passes
and says why each other one was left. A claim of a source whose text is kept outside
the repository also gets its ``anchor`` written (:mod:`.anchors`), computed from the
text, which must then be at hand in a texts folder. Proposed entities
(``proposed_entities:``, :mod:`.entities_draft`) are accepted into data/entities by their
id (a new entity) or by the id they add aliases to; accepting a claim accepts the new
entities it uses, and ``accept --all`` every proposed entity of the source.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import DataError, UsageError
from cwkg.fsio import write_atomic
from cwkg.load import yamlio
from cwkg.load.claims import PROPOSED_ENTITIES, load_claim, proposed_entities
from cwkg.load.model import Source
from cwkg.load.records import Record
from cwkg.load.refs import check_refs
from cwkg.load.sources import display_path
from cwkg.prefixes import ENTITY_PREFIXES, local_id

from .anchors import (
    SourceAt,
    anchored_as_stored,
    claim_items,
    claim_spans,
    source_at,
    with_anchors,
)
from .entities_draft import Plan, entity_problem, key_of, plan_accept

_STATUS_LINE = re.compile(r"^\s*status:\s*proposed\s*(#.*)?$")
_USES_PROPOSED = re.compile(r"(?<=[\"'])\s*#\s*uses proposed [^\"']*$")


@dataclass(frozen=True)
class Proposal:
    source: str
    id: str
    kind: str
    quote: str
    fields: dict
    file: str
    line: int
    problem: str | None = None  # why it cannot be accepted as it stands (None: it can)


@dataclass(frozen=True)
class Accepted:
    accepted: list[str]
    left: dict[str, str]        # id -> why it was not accepted (``--all`` only)


def _claims_path(data_dir: Path, source: str) -> Path:
    local = local_id(source, "src")
    if local is None or "/" in local:
        raise UsageError(f"{source!r} is not a source id (src:ID, ID or the source's IRI)")
    path = Path(data_dir) / "claims" / f"{local}.yaml"
    if not path.exists():
        raise UsageError(f"no claims file {display_path(path)} for source 'src:{local}'")
    return path


def pending(data_dir: Path, source: str | None = None, texts=None) -> list[Proposal]:
    """Every proposed claim and proposed entity in data/claims (or in one source's file),
    in file order, each with why it cannot be accepted as it stands, if it cannot. A
    proposed entity's ``kind`` is ``entity`` (new) or ``aliases`` (of a known one)."""
    folder = Path(data_dir) / "claims"
    paths = [_claims_path(data_dir, source)] if source else sorted(folder.glob("*.yaml"))
    out = []
    for path in paths:
        doc = yamlio.load(path, display_path(path))
        proposed = [(item, line) for item, line in claim_items(doc)
                    if item.get("status") == "proposed"]
        entities = proposed_entities(doc)
        if not proposed and not entities:
            continue
        at = _source_or_problem(data_dir, path, texts)
        found = acceptance_problems(path.read_text("utf-8"), path,
                                    [str(i.get("id")) for i, _ in proposed], at, doc)
        for item, line in proposed:
            fields = {k: v for k, v in item.items() if k not in ("id", "status", "kind", "quote")}
            out.append(Proposal(doc.get("source", ""), str(item.get("id")),
                                str(item.get("kind")), str(item.get("quote", "")), fields,
                                display_path(path), line, found.get(str(item.get("id")))))
        for item in entities:
            names = item.get("aliases") or item.get("label") or {}
            known = at.entity_ids if not isinstance(at, str) else frozenset()
            out.append(Proposal(doc.get("source", ""), key_of(item),
                                "aliases" if "alias_of" in item else "entity",
                                "; ".join(n for v in names.values()
                                          for n in ([v] if isinstance(v, str) else v)),
                                {k: v for k, v in item.items()
                                 if k not in ("id", "alias_of", "aliases", "label")},
                                display_path(path), item.line, entity_problem(item, known)))
    return out


def _new_ids(entities) -> frozenset[str]:
    return frozenset(str(i["id"]) for i in entities if "id" in i)


def _source_or_problem(data_dir: Path, path: Path, texts) -> SourceAt | str:
    """The claims file's source, or why its claims cannot be checked (a data error)."""
    try:
        return source_at(data_dir, path.stem, texts)
    except (DataError, UsageError) as exc:
        return str(exc)


def problems(text: str, path: Path, ids: list[str], at: SourceAt | str,
             proposed_ids: frozenset[str] = frozenset()) -> dict[str, str]:
    """Why each of ``ids`` cannot be accepted as ``text`` (the claims file) has it: the
    checks of a curated claim (keys, quote, ids), one claim at a time. An id of a proposed
    new entity (``proposed_ids``) is known: it is accepted with the claim."""
    if isinstance(at, str):
        return dict.fromkeys(ids, f"its source does not load: {at}")
    source = at.source
    if source.external and source.text is None:
        return dict.fromkeys(ids, f"the text of {source.id} is not in {at.texts}: the "
                             "anchor of an accepted claim is computed from it (give --texts DIR)")
    # the anchor is computed from the text here; accept writes it into the claim
    view: Source = dataclasses.replace(source, external=False)
    name = display_path(path)
    found: dict[str, str] = {}
    for item, line in claim_items(yamlio.loads(text, name)):
        local = str(item.get("id"))
        if local not in ids:
            continue
        try:
            claim = load_claim(Record(item, "claim", file=name, line=line), view)
            check_refs(claim, at.entity_ids | proposed_ids, at.source_ids)
        except DataError as exc:
            found[local] = str(exc)
    return found


def _blocks(path: Path, text: str) -> dict[str, tuple[int, int]]:
    """claim id -> (first line index, end line index) of its block in the file."""
    doc = yamlio.loads(text, display_path(path))
    lines = text.split("\n")
    blocks = {}
    for (item, _), (start, end) in zip(claim_items(doc), claim_spans(doc, lines)):
        # the comments and blank lines just above the next claim (or the proposed entities)
        # belong to what follows, in whatever order they come
        while end - 1 > start and (not lines[end - 1].strip()
                                   or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        blocks[str(item.get("id"))] = (start, end)
    return blocks


def claim_ids(source: str, ids: list[str]) -> list[str]:
    """Claim ids as the claims file writes them (``c01``), from any way cwkg accepts:
    ``c01``, ``wh-2024-04-04-c01``, ``claim:wh-2024-04-04-c01`` or the claim's IRI.

    >>> claim_ids("src:wh-2024-04-04", ["c01", "wh-2024-04-04-c02", "claim:wh-2024-04-04-c03"])
    ['c01', 'c02', 'c03']
    """
    source_local = local_id(source, "src") or ""
    out = []
    for given in ids:
        local = local_id(given, "claim")
        if local is None:
            raise UsageError(f"{given!r} is not a claim id (c01, {source_local}-c01, "
                             f"claim:{source_local}-c01 or the claim's IRI)")
        named_source = local.startswith(source_local + "-")
        if not named_source and (":" in given or "://" in given):
            raise UsageError(f"claim {given} is not a claim of src:{source_local}")
        out.append(local[len(source_local) + 1:] if named_source else local)
    return out


def _select(blocks: dict, ids: list[str], path: Path) -> list[str]:
    unknown = [i for i in ids if i not in blocks]
    if unknown:
        raise UsageError(f"no claim {', '.join(unknown)} in {display_path(path)}")
    return ids


def accept(data_dir: Path, source: str, ids: list[str] | None = None,
           texts=None) -> Accepted:
    """Accept proposals: those named in ``ids`` (all, or nothing is written), or, when
    ``ids`` is None, every one of the source's that passes the checks (the others are
    left proposed, each with its reason)."""
    path = _claims_path(data_dir, source)
    text = path.read_text("utf-8")
    doc = yamlio.loads(text, display_path(path))
    blocks = _blocks(path, text)
    lines = text.split("\n")
    proposed = [i for i, (s, e) in blocks.items()
                if any(_STATUS_LINE.match(line) for line in lines[s:e])]
    entities = {key_of(item): item for item in proposed_entities(doc)}
    if ids is None:
        chosen, keys = proposed, set(entities)
    else:
        given, keys = _split_ids(ids)
        chosen = _select(blocks, claim_ids(source, given), path)
    not_proposed = [i for i in chosen if i not in proposed]
    if not_proposed:
        raise UsageError(f"{', '.join(not_proposed)} in {display_path(path)} is not proposed")
    at = source_at(data_dir, path.stem, texts)
    # --all: a proposed entity that cannot be accepted yet (an attack without its weapon)
    # is left with its reason, and so is each claim that names it; the rest go through
    blocked = {} if ids is not None else _blocked(entities, at.entity_ids)
    keys -= set(blocked)
    left = acceptance_problems(text, path, chosen, at, doc, blocked)
    if ids is not None and left:
        first = chosen[min(chosen.index(i) for i in left)]
        raise DataError(f"{left[first]}; nothing was changed")
    chosen = [i for i in chosen if i not in left]
    left.update(blocked)
    keys = _with_what_they_name(keys | _entities_used(doc, chosen, entities), entities)
    if not chosen and not keys:
        return Accepted([], left)
    drop = {n for i in chosen for n in range(*blocks[i]) if _STATUS_LINE.match(lines[n])}
    for n in (n for i in chosen for n in range(*blocks[i])):  # no longer a proposal's note
        lines[n] = _USES_PROPOSED.sub("", lines[n])
    plan = plan_accept(data_dir, f"src:{path.stem}", text, doc, keys) if keys else Plan()
    drop |= plan.drop_lines
    kept = [line for n, line in enumerate(lines) if n not in drop]
    if entities and len(plan.accepted) == len(entities):
        kept = [line for line in kept if not line.startswith(f"{PROPOSED_ENTITIES}:")]
    new_text = "\n".join(kept)
    new_text = anchored_as_stored(new_text, path, chosen, at)
    _write_checked(data_dir, path, new_text, plan.files, texts)
    return Accepted(chosen + plan.accepted, left)


def reject(data_dir: Path, source: str, ids: list[str], texts=None) -> list[str]:
    """Delete proposals (their whole blocks) from the source's claims file: claims by id,
    proposed entities by their id (or the id they add aliases to)."""
    path = _claims_path(data_dir, source)
    text = path.read_text("utf-8")
    blocks = _blocks(path, text)
    given, keys = _split_ids(ids)
    chosen = _select(blocks, claim_ids(source, given), path)
    lines = text.split("\n")
    drop = {n for i in chosen for n in range(*blocks[i])}
    if keys:
        doc = yamlio.loads(text, display_path(path))
        drop |= plan_accept(data_dir, f"src:{path.stem}", text, doc, keys).drop_lines
        if len(keys) == len(proposed_entities(doc)):
            drop |= {n for n, line in enumerate(lines)
                     if line.startswith(f"{PROPOSED_ENTITIES}:")}
    kept = [line for n, line in enumerate(lines) if n not in drop]
    new_text = "\n".join(kept)
    if not any(re.match(r"\s*-\s", line) for line in kept if not line.lstrip().startswith("#")):
        new_text = re.sub(r"(?m)^claims:\s*$", "claims: []", new_text)
    _check(data_dir, path, new_text, texts)
    write_atomic(path, new_text.encode())
    return chosen + sorted(keys)


def anchor(data_dir: Path, source: str, ids: list[str] | None = None,
           texts=None) -> list[tuple[str, str]]:
    """Write (or rewrite) the stored anchors of accepted claims of a source whose text is
    kept outside the repository, computed from that text: after a curator edits a quote.
    Returns (id, what changed) for each claim whose anchor was written or changed."""
    path = _claims_path(data_dir, source)
    at = source_at(data_dir, path.stem, texts)
    if not at.source.external:
        raise UsageError(f"the anchors of {at.source.id} are computed by the build from "
                         "its text in data/sources; only a source kept outside the repository "
                         "stores them")
    if at.source.text is None:
        raise UsageError(f"the text of {at.source.id} is not in {at.texts}: anchors are "
                         "computed from it (give --texts DIR)")
    text = path.read_text("utf-8")
    items = claim_items(yamlio.loads(text, display_path(path)))
    accepted = [str(i.get("id")) for i, _ in items if i.get("status") != "proposed"]
    if ids is not None:
        _select({i: None for i in accepted}, ids, path)
    chosen = accepted if ids is None else ids
    new_text = with_anchors(text, path, chosen, at.source.text)
    before = {str(i.get("id")): i.get("anchor") for i, _ in items}
    after = {str(i.get("id")): i.get("anchor")
             for i, _ in claim_items(yamlio.loads(new_text, display_path(path)))}
    changed = [(i, "written" if before[i] is None else "rewritten") for i in chosen
               if before[i] != after[i]]
    if changed:
        _check(data_dir, path, new_text, texts)
        write_atomic(path, new_text.encode())
    return changed


def _split_ids(ids: list[str]) -> tuple[list[str], set[str]]:
    """(claim ids as given, proposed entities' ids): an entity id has an entity prefix."""
    entity = {i for i in ids if i.partition(":")[0] in ENTITY_PREFIXES and "://" not in i}
    return [i for i in ids if i not in entity], entity


def acceptance_problems(text: str, path: Path, ids: list[str], at: SourceAt | str, doc,
                        blocked: dict[str, str] | None = None) -> dict[str, str]:
    """Why each of the proposed claims ``ids`` cannot be accepted with the file's proposed
    entities: :func:`problems`, where a proposed entity's id is known unless it is itself
    ``blocked`` (default: those that cannot be accepted as they stand), and then the claim
    says which one it names and why."""
    entities = {key_of(item): item for item in proposed_entities(doc)}
    if blocked is None:
        blocked = {} if isinstance(at, str) else _blocked(entities, at.entity_ids)
    left = problems(text, path, ids, at,
                    _new_ids(e for k, e in entities.items() if k not in blocked))
    for claim, names in _names_of(doc, ids, set(blocked)).items():
        left[claim] = f"it names {names[0]}, a proposed entity that cannot be accepted yet: " \
            f"{blocked[names[0]]}"
    return left


def _blocked(entities: dict, known: frozenset[str]) -> dict[str, str]:
    """The proposed entities that cannot be accepted as they stand: key -> why."""
    ids = known | _new_ids(entities.values())
    found = {key: entity_problem(item, ids) for key, item in entities.items()}
    return {key: why for key, why in found.items() if why}


def _names_of(doc, chosen: list[str], keys: set[str]) -> dict[str, list[str]]:
    """claim id -> the ids among ``keys`` it names, for the chosen claims that name any."""
    out: dict[str, list[str]] = {}
    for item, _ in claim_items(doc):
        if str(item.get("id")) in chosen:
            for value in item.values():
                for v in (value if isinstance(value, list) else [value]):
                    if isinstance(v, str) and v in keys:
                        out.setdefault(str(item["id"]), []).append(v)
    return out


def _entities_used(doc, chosen: list[str], entities: dict) -> set[str]:
    """The proposed new entities the chosen claims name (accepted with them)."""
    new = {k for k, item in entities.items() if "id" in item}
    return {v for names in _names_of(doc, chosen, new).values() for v in names}


def _with_what_they_name(keys: set[str], entities: dict) -> set[str]:
    """``keys`` and the proposed new entities they name (an attack's proposed place)."""
    new = {k for k, item in entities.items() if "id" in item}
    todo, out = list(keys), set(keys)
    while todo:
        item = entities.get(todo.pop())
        for value in (item or {}).values():
            for v in (value if isinstance(value, list) else [value]):
                if isinstance(v, str) and v in new and v not in out:
                    out.add(v)
                    todo.append(v)
    return out


def _write_checked(data_dir: Path, path: Path, new_text: str, entity_files: dict,
                   texts) -> None:
    """Write the entity files, check the source as the build would, then write the claims
    file; if the check fails, put the entity files back as they were (nothing changed)."""
    before = {p: (p.read_bytes() if p.exists() else None) for p in entity_files}
    shown = {display_path(p) for p in entity_files}
    try:
        for p, content in entity_files.items():
            write_atomic(p, content.encode())
        _check(data_dir, path, new_text, texts)
    except BaseException as exc:
        for p, content in before.items():
            if content is None:
                p.unlink(missing_ok=True)
            else:
                write_atomic(p, content)
        if isinstance(exc, DataError) and exc.file in shown:
            raise DataError(f"a proposed entity would not load in {exc.file}: {exc.message}; "
                            "nothing was changed", file=display_path(path)) from None
        raise
    write_atomic(path, new_text.encode())


def _check(data_dir: Path, path: Path, new_text: str, texts) -> None:
    """Check the source with the edited claims file in place of the old one, as
    ``cwkg build`` would (the other sources cannot be affected: a claims file names only
    its own source and entities)."""
    from cwkg.build.pipeline import check_source

    try:
        check_source(data_dir, "src:" + path.stem, new_text.encode(), texts)
    except DataError as exc:
        if exc.file not in (None, display_path(path)):
            raise
        raise DataError(f"{exc.message}; nothing was changed", file=display_path(path),
                        line=exc.line) from None
