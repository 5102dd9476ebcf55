"""Add one document to data/: its text unchanged, its metadata, its draft claims.

Everything is checked and rendered in memory first; a refusal (duplicate text,
unknown agent, bad metadata) writes nothing. The three files are then written
with :func:`cwkg.fsio.write_atomic`, the metadata file last (it is what makes the
text a source), and the whole dataset is loaded again; if that fails, the new
files are removed and the error is reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import CwkgError, DataError, UsageError
from cwkg.fsio import write_atomic
from cwkg.load.sources import decode_text, display_path, sha256_hex

from .draft import render_draft
from .duplicates import find_duplicate
from .extract import Extraction, Extractor
from .metadata import DocumentMeta, resolve


@dataclass
class AddResult:
    source_id: str
    text_path: Path
    meta_path: Path
    claims_path: Path
    sha256: str
    characters: int
    extraction: Extraction


def existing_texts(data_dir: Path) -> dict[str, str]:
    """src id -> text of every source already in data/sources."""
    out = {}
    for path in sorted((data_dir / "sources").glob("*.txt")):
        out[f"src:{path.stem}"] = path.read_text("utf-8", errors="replace")
    return out


def read_document(path: Path) -> tuple[bytes, str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    return raw, decode_text(raw, str(path))


def source_local_id(meta: DocumentMeta, taken: set[str]) -> str:
    """``<publisher>-<date>``, or the given id; ``-2``, ``-3``... when taken.

    >>> import datetime as dt
    >>> m = DocumentMeta(date=dt.date(2023, 4, 7), language="en", publisher="org:soc")
    >>> source_local_id(m, {"src:soc-2023-04-07"})
    'soc-2023-04-07-2'
    """
    if meta.id:
        if f"src:{meta.id}" in taken:
            raise UsageError(f"{meta.where}: source id 'src:{meta.id}' is already in data/")
        return meta.id
    base = (meta.publisher.partition(":")[2] if meta.publisher else "doc") + \
        f"-{meta.date.isoformat()}"
    local, n = base, 1
    while f"src:{local}" in taken:
        n += 1
        local = f"{base}-{n}"
    return local


def render_source_yaml(local: str, meta: DocumentMeta, sha: str, original: str) -> str:
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = [f"# Added by cwkg add from {original}; metadata as given to cwkg add: check it "
             "against the text.",
             f"id: src:{local}", f"original_file: {q(original)}", f"type: {meta.type}"]
    if meta.title:
        lines.append(f"title: {q(meta.title)}")
    for key in ("author", "publisher", "translated_by"):
        value = getattr(meta, key)
        if value:
            lines.append(f"{key}: {value}")
    lines += [f'date: "{meta.date.isoformat()}"', f"language: {meta.language}",
              f"sha256: {sha}"]
    if meta.url:
        lines.append(f"url: {q(meta.url)}")
    if meta.quotes:
        lines.append(f"quotes: [{', '.join(meta.quotes)}]")
    return "\n".join(lines) + "\n"


def add_document(data_dir: Path, path: Path, meta: DocumentMeta,
                 extractor: Extractor | None = None) -> AddResult:
    """Check, extract and write one document; raise a CwkgError (nothing written) on refusal."""
    from cwkg.build.pipeline import check_source
    from cwkg.load.entities import load_entities

    data_dir = Path(data_dir)
    if not (data_dir / "sources").is_dir():
        raise UsageError(f"no data folder at {data_dir} (expected {data_dir}/sources)")
    raw, text = read_document(path)
    texts = existing_texts(data_dir)
    dup = find_duplicate(text, texts)
    if dup is not None:
        if dup.identical:
            how = "identical to"
        elif dup.similarity == 100.0:
            how = "the same (up to case, quote marks and spacing) as"
        else:
            how = f"near-identical ({dup.similarity:.0f}% similar) to"
        existing = display_path(data_dir / "sources" / (dup.source_id[4:] + ".txt"))
        raise DataError(f"refused: the text is {how} {dup.source_id} ({existing}); "
                        "nothing was written", file=display_path(path))
    entities = load_entities(data_dir)
    meta = resolve(meta, entities)
    if meta.title and meta.title not in text:
        raise UsageError(f"{meta.where}: the title does not occur in the text; a title is "
                         "only recorded when the text gives one")
    local = source_local_id(meta, set(texts))
    extractor = extractor or Extractor(entities.values())
    extraction = extractor.run(text, meta.language, meta.date, meta.author)
    sha = sha256_hex(raw)
    folder = data_dir / "sources"
    text_path, meta_path = folder / f"{local}.txt", folder / f"{local}.yaml"
    claims_path = data_dir / "claims" / f"{local}.yaml"
    for target in (text_path, meta_path, claims_path):
        if target.exists():
            raise UsageError(f"{display_path(target)} already exists; give another --id")
    payloads = [(text_path, raw),
                (claims_path, render_draft(f"src:{local}", text, extraction).encode()),
                (meta_path, render_source_yaml(local, meta, sha, path.name).encode())]
    written: list[Path] = []
    try:
        for target, payload in payloads:
            write_atomic(target, payload)
            written.append(target)
        check_source(data_dir, f"src:{local}")  # as 'cwkg build' checks it
    except CwkgError:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return AddResult(f"src:{local}", text_path, meta_path, claims_path, sha, len(text),
                     extraction)
