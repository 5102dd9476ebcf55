"""Stored anchors: what a claim of a source kept outside the repository carries, since
the build cannot compute it without the text.

:func:`with_anchors` writes each chosen claim's ``anchor`` (start, end, prefix, suffix)
into its block of the claims file, computed from the text, replacing any anchor there;
everything else in the file stays as the curator left it.

>>> text = "source: src:x\\nclaims:\\n  - id: c01\\n    kind: event\\n    quote: \\"90 lives\\"\\n"
>>> print(with_anchors(text, Path("x.yaml"), ["c01"], "the loss of over 90 lives."), end="")
source: src:x
claims:
  - id: c01
    kind: event
    quote: "90 lives"
    anchor: {start: 17, end: 25, prefix: "the loss of over ", suffix: "."}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import DataError, UsageError
from cwkg.load import yamlio
from cwkg.load.anchoring import AnchorError
from cwkg.load.anchoring import anchor as compute_anchor
from cwkg.load.model import Anchor, Source
from cwkg.load.sources import display_path, load_source

from .draft import yaml_string


@dataclass(frozen=True)
class SourceAt:
    """A source loaded as the build loads it, with what its claims are checked against."""
    source: Source
    entity_ids: frozenset[str]
    source_ids: frozenset[str]
    texts: str                  # the texts folders searched, as a curator reads them


def source_at(data_dir: Path, local: str, texts=None) -> SourceAt:
    from cwkg.load.data import check_folder

    folder = check_folder(data_dir, texts=texts)
    meta = Path(data_dir) / "sources" / f"{local}.yaml"
    if not meta.exists():
        raise UsageError(f"no source 'src:{local}': expected {display_path(meta)}")
    source = load_source(meta, folder.repo_root, texts=folder.texts)
    return SourceAt(source, frozenset(folder.entities), folder.source_ids,
                    folder.texts.describe())


def claim_items(doc) -> list[tuple[yamlio.Mapping, int]]:
    """(claim mapping, line) of each claim in a parsed claims file."""
    claims = (doc or {}).get("claims") if isinstance(doc, dict) else None
    if not isinstance(claims, yamlio.Sequence):
        return []
    return [(item, line) for item, line in zip(claims, claims.item_lines)
            if isinstance(item, dict)]


def claim_spans(doc, lines: list[str]) -> list[tuple[int, int]]:
    """(first line index, end index) of each claim of the parsed claims file ``doc``
    (:func:`claim_items`) in its ``lines``: to the next claim, or, for the last one, to the
    next top-level key (the proposed entities after the claims; as the parser read it, so a
    wrapped value is never taken for one) or the end of the file."""
    starts = [line - 1 for _, line in claim_items(doc)]
    keys = sorted(line - 1 for line in getattr(doc, "key_lines", {}).values())
    spans = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else next(
            (k for k in keys if k > start), len(lines))
        spans.append((start, end))
    return spans


def anchor_line(indent: str, a: Anchor) -> str:
    return (f"{indent}anchor: {{start: {a.start}, end: {a.end}, prefix: "
            f"{yaml_string(a.prefix)}, suffix: {yaml_string(a.suffix)}}}")


def anchored_as_stored(text: str, path: Path, ids: list[str], at: SourceAt) -> str:
    """``text`` (a claims file) as accepting ``ids`` leaves it: for a source kept outside
    the repository, their anchors written (:func:`with_anchors`; its text is at hand); for
    any other, as it is (the build computes them)."""
    if not (at.source.external and ids):
        return text
    return with_anchors(text, path, ids, at.source.text)


def with_anchors(text: str, path: Path, ids: list[str], source_text: str) -> str:
    """``text`` (a claims file) with the anchor of each claim in ``ids`` computed from
    ``source_text`` and written as the last key of its block."""
    name = display_path(path)
    lines = text.split("\n")
    doc = yamlio.loads(text, name)
    edits = []
    for (item, line), (start, end) in zip(claim_items(doc), claim_spans(doc, lines)):
        local = str(item.get("id"))
        if local not in ids:
            continue
        try:
            a = compute_anchor(source_text, str(item.get("quote", "")), item.get("occurrence"))
        except AnchorError as exc:
            raise DataError(f"claim {local}: {exc}", file=name, line=line) from None
        edits.append((start, end, a))
    for start, end, a in reversed(edits):  # bottom up: earlier indices stay valid
        lines[start:end] = _rewrite_block(lines[start:end], a, name, start + 1)
    return "\n".join(lines)


def _rewrite_block(block: list[str], a: Anchor, name: str, first_line: int) -> list[str]:
    """A claim's lines with its anchor key (and any lines continuing it) replaced by one
    line after its last key (before the comments and blank lines that end the block)."""
    indent = None
    for line in block:
        match = re.match(r"^(\s*)(-\s+)?quote\s*:", line)
        if match:
            indent = " " * (len(match.group(1)) + len(match.group(2) or ""))
            break
    if indent is None:
        raise DataError("cannot find this claim's 'quote' key on a line of its own to place "
                        "the anchor beside", file=name, line=first_line)
    kept, skipping = [], False
    for line in block:
        depth = len(line) - len(line.lstrip(" "))
        if skipping and line.strip() and depth > len(indent):
            continue
        skipping = re.match(rf"^{indent}anchor\s*:", line) is not None
        if not skipping:
            kept.append(line)
    end = len(kept)
    while end > 1 and (not kept[end - 1].strip() or kept[end - 1].lstrip().startswith("#")):
        end -= 1
    return kept[:end] + [anchor_line(indent, a)] + kept[end:]
