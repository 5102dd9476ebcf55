"""The curator's side of proposals: list them, accept them, reject them.

``accept`` removes a claim's ``status: proposed`` line (accepted is the default),
``reject`` removes the claim's whole block. Both edit the claims file as text, so
comments and layout stay as the curator left them, and both check the result
first: an accepted claim must pass every check a curated claim passes (its quote,
its ids), or nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import DataError, UsageError
from cwkg.fsio import write_atomic
from cwkg.load import yamlio
from cwkg.load.sources import display_path

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


def _claims_path(data_dir: Path, source: str) -> Path:
    local = source.removeprefix("src:")
    path = Path(data_dir) / "claims" / f"{local}.yaml"
    if not path.exists():
        raise UsageError(f"no claims file {display_path(path)} for source 'src:{local}'")
    return path


def pending(data_dir: Path, source: str | None = None) -> list[Proposal]:
    """Every proposed claim in data/claims (or in one source's file), in file order."""
    folder = Path(data_dir) / "claims"
    paths = [_claims_path(data_dir, source)] if source else sorted(folder.glob("*.yaml"))
    out = []
    for path in paths:
        doc = yamlio.load(path, display_path(path))
        for item in (doc or {}).get("claims") or []:
            if isinstance(item, dict) and item.get("status") == "proposed":
                fields = {k: v for k, v in item.items()
                          if k not in ("id", "status", "kind", "quote")}
                out.append(Proposal(doc.get("source", ""), str(item.get("id")),
                                    str(item.get("kind")), str(item.get("quote", "")), fields,
                                    display_path(path), item.line))
    return out


def _blocks(path: Path, text: str) -> dict[str, tuple[int, int]]:
    """claim id -> (first line index, end line index) of its block in the file."""
    doc = yamlio.loads(text, display_path(path))
    items = [i for i in (doc or {}).get("claims") or [] if isinstance(i, dict)]
    lines = text.split("\n")
    starts = [i.line - 1 for i in items]
    blocks = {}
    for n, item in enumerate(items):
        start = starts[n]
        end = starts[n + 1] if n + 1 < len(items) else len(lines)
        # a comment block just above the next claim belongs to that claim
        while end - 1 > start and lines[end - 1].lstrip().startswith("#"):
            end -= 1
        while end - 1 > start and not lines[end - 1].strip():
            end -= 1
        blocks[str(item.get("id"))] = (start, end)
    return blocks


def _select(blocks: dict, ids: list[str], path: Path) -> list[str]:
    unknown = [i for i in ids if i not in blocks]
    if unknown:
        raise UsageError(f"no claim {', '.join(unknown)} in {display_path(path)}")
    return ids


def accept(data_dir: Path, source: str, ids: list[str] | None = None) -> list[str]:
    """Accept proposals (all of the source's when ``ids`` is None); returns the accepted ids."""
    path = _claims_path(data_dir, source)
    text = path.read_text("utf-8")
    blocks = _blocks(path, text)
    lines = text.split("\n")
    proposed = [i for i, (s, e) in blocks.items()
                if any(_STATUS_LINE.match(line) for line in lines[s:e])]
    chosen = proposed if ids is None else _select(blocks, ids, path)
    not_proposed = [i for i in chosen if i not in proposed]
    if not_proposed:
        raise UsageError(f"{', '.join(not_proposed)} in {display_path(path)} is not proposed")
    drop = {n for i in chosen for n in range(*blocks[i]) if _STATUS_LINE.match(lines[n])}
    new_text = "\n".join(line for n, line in enumerate(lines) if n not in drop)
    _check(data_dir, path, new_text)
    write_atomic(path, new_text.encode())
    return chosen


def reject(data_dir: Path, source: str, ids: list[str]) -> list[str]:
    """Delete proposals (their whole blocks) from the source's claims file."""
    path = _claims_path(data_dir, source)
    text = path.read_text("utf-8")
    blocks = _blocks(path, text)
    _select(blocks, ids, path)
    lines = text.split("\n")
    drop = {n for i in ids for n in range(*blocks[i])}
    kept = [line for n, line in enumerate(lines) if n not in drop]
    new_text = "\n".join(kept)
    if not any(re.match(r"\s*-\s", line) for line in kept if not line.lstrip().startswith("#")):
        new_text = re.sub(r"(?m)^claims:\s*$", "claims: []", new_text)
    _check(data_dir, path, new_text)
    write_atomic(path, new_text.encode())
    return ids


def _check(data_dir: Path, path: Path, new_text: str) -> None:
    """Check the source with the edited claims file in place of the old one, as
    ``cwkg build`` would (the other sources cannot be affected: a claims file names only
    its own source and entities)."""
    from cwkg.build.pipeline import check_source

    try:
        check_source(data_dir, "src:" + path.stem, new_text.encode())
    except DataError as exc:
        if exc.file not in (None, display_path(path)):
            raise
        raise DataError(f"{exc.message}; nothing was changed", file=display_path(path),
                        line=exc.line) from None
