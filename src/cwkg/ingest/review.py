"""The curator's side of proposals: list them, accept them, reject them.

``accept`` removes a claim's ``status: proposed`` line (accepted is the default),
``reject`` removes the claim's whole block. Both edit the claims file as text, so
comments and layout stay as the curator left them, and both check the result
first: an accepted claim must pass every check a curated claim passes (its quote,
its ids), or nothing is written. ``accept --all`` accepts every proposal that passes
and says why each other one was left. A claim of a source whose text is kept outside
the repository also gets its ``anchor`` written (:mod:`.anchors`), computed from the
text, which must then be at hand in a texts folder.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import DataError, UsageError
from cwkg.fsio import write_atomic
from cwkg.load import yamlio
from cwkg.load.claims import load_claim
from cwkg.load.model import Source
from cwkg.load.records import Record
from cwkg.load.refs import check_refs
from cwkg.load.sources import display_path
from cwkg.prefixes import local_id

from .anchors import SourceAt, claim_items, source_at, with_anchors

_STATUS_LINE = re.compile(r"^\s*status:\s*proposed\s*(#.*)?$")


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
    """Every proposed claim in data/claims (or in one source's file), in file order, each
    with why it cannot be accepted as it stands, if it cannot."""
    folder = Path(data_dir) / "claims"
    paths = [_claims_path(data_dir, source)] if source else sorted(folder.glob("*.yaml"))
    out = []
    for path in paths:
        doc = yamlio.load(path, display_path(path))
        proposed = [(item, line) for item, line in claim_items(doc)
                    if item.get("status") == "proposed"]
        if not proposed:
            continue
        found = problems(path.read_text("utf-8"), path, [str(i.get("id")) for i, _ in proposed],
                         _source_or_problem(data_dir, path, texts))
        for item, line in proposed:
            fields = {k: v for k, v in item.items() if k not in ("id", "status", "kind", "quote")}
            out.append(Proposal(doc.get("source", ""), str(item.get("id")),
                                str(item.get("kind")), str(item.get("quote", "")), fields,
                                display_path(path), line, found.get(str(item.get("id")))))
    return out


def _source_or_problem(data_dir: Path, path: Path, texts) -> SourceAt | str:
    """The claims file's source, or why its claims cannot be checked (a data error)."""
    try:
        return source_at(data_dir, path.stem, texts)
    except (DataError, UsageError) as exc:
        return str(exc)


def problems(text: str, path: Path, ids: list[str], at: SourceAt | str) -> dict[str, str]:
    """Why each of ``ids`` cannot be accepted as ``text`` (the claims file) has it: the
    checks of a curated claim (keys, quote, ids), one claim at a time."""
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
            check_refs(claim, at.entity_ids, at.source_ids)
        except DataError as exc:
            found[local] = str(exc)
    return found


def _blocks(path: Path, text: str) -> dict[str, tuple[int, int]]:
    """claim id -> (first line index, end line index) of its block in the file."""
    items = claim_items(yamlio.loads(text, display_path(path)))
    lines = text.split("\n")
    starts = [line - 1 for _, line in items]
    blocks = {}
    for n, (item, _) in enumerate(items):
        start = starts[n]
        end = starts[n + 1] if n + 1 < len(items) else len(lines)
        # a comment block just above the next claim belongs to that claim
        while end - 1 > start and lines[end - 1].lstrip().startswith("#"):
            end -= 1
        while end - 1 > start and not lines[end - 1].strip():
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
    blocks = _blocks(path, text)
    lines = text.split("\n")
    proposed = [i for i, (s, e) in blocks.items()
                if any(_STATUS_LINE.match(line) for line in lines[s:e])]
    chosen = proposed if ids is None else _select(blocks, claim_ids(source, ids), path)
    not_proposed = [i for i in chosen if i not in proposed]
    if not_proposed:
        raise UsageError(f"{', '.join(not_proposed)} in {display_path(path)} is not proposed")
    at = source_at(data_dir, path.stem, texts)
    left = problems(text, path, chosen, at)
    if ids is not None and left:
        first = chosen[min(chosen.index(i) for i in left)]
        raise DataError(f"{left[first]}; nothing was changed")
    chosen = [i for i in chosen if i not in left]
    if not chosen:
        return Accepted([], left)
    drop = {n for i in chosen for n in range(*blocks[i]) if _STATUS_LINE.match(lines[n])}
    new_text = "\n".join(line for n, line in enumerate(lines) if n not in drop)
    if at.source.external:
        new_text = with_anchors(new_text, path, chosen, at.source.text)
    _check(data_dir, path, new_text, texts)
    write_atomic(path, new_text.encode())
    return Accepted(chosen, left)


def reject(data_dir: Path, source: str, ids: list[str], texts=None) -> list[str]:
    """Delete proposals (their whole blocks) from the source's claims file."""
    path = _claims_path(data_dir, source)
    text = path.read_text("utf-8")
    blocks = _blocks(path, text)
    ids = _select(blocks, claim_ids(source, ids), path)
    lines = text.split("\n")
    drop = {n for i in ids for n in range(*blocks[i])}
    kept = [line for n, line in enumerate(lines) if n not in drop]
    new_text = "\n".join(kept)
    if not any(re.match(r"\s*-\s", line) for line in kept if not line.lstrip().startswith("#")):
        new_text = re.sub(r"(?m)^claims:\s*$", "claims: []", new_text)
    _check(data_dir, path, new_text, texts)
    write_atomic(path, new_text.encode())
    return ids


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
