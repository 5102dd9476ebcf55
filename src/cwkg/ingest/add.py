"""Add one document to data/: its text unchanged, its metadata, its draft claims.

Everything is checked and rendered in memory first; a refusal (duplicate text,
bad metadata) writes nothing. The three files are then written with
:func:`cwkg.fsio.write_atomic`, the metadata file last (it is what makes the text a
source), and the source is checked as the build checks it; if that fails, the new
files are removed and the error is reported. With ``--external-text`` the text goes
to the first texts folder (``<id>.txt``) instead of data/sources, and the metadata
says ``external_text: true`` with the text's length.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import CwkgError, DataError, UsageError
from cwkg.fsio import write_atomic
from cwkg.load.sources import decode_text, display_path, occurs_spaced, sha256_hex
from cwkg.load.texts import TextFolders, text_folders

from .draft import render_draft
from .duplicates import find_duplicate
from .entities_draft import placeholder
from .extract import Extraction, Extractor
from .extract.model import Proposal
from .extract.proposals import slug
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
    notes: tuple[str, ...] = ()     # how the metadata's names were read (close spellings)


def existing_texts(data_dir: Path, texts: TextFolders) -> tuple[dict[str, str], dict[str, str]]:
    """(src id -> text, SHA-256 -> src id) of every source already in data/: the texts in
    data/sources and those of sources kept outside it that a texts folder has; the hashes
    of all (a text kept outside and not at hand is still refused when identical)."""
    out, hashes = {}, {}
    for meta in sorted((data_dir / "sources").glob("*.yaml")):
        source_id = f"src:{meta.stem}"
        declared = _SHA_LINE.search(meta.read_text("utf-8", errors="replace"))
        if declared:
            hashes[declared.group(1).lower()] = source_id
        path = meta.with_suffix(".txt")
        if not path.exists():
            path = texts.find(meta.stem)
        if path is not None:
            out[source_id] = path.read_text("utf-8", errors="replace")
    return out, hashes


_SHA_LINE = re.compile(r"(?m)^sha256:\s*[\"']?([0-9a-fA-F]{64})")


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
    if meta.publisher:
        base = meta.publisher.partition(":")[2]
    else:  # a proposed publisher's name, as its id will be
        base = slug(meta.new_agents.get("publisher", "")) or "doc"
    base += f"-{meta.date.isoformat() if meta.date else 'undated'}"
    local, n = base, 1
    while f"src:{local}" in taken:
        n += 1
        local = f"{base}-{n}"
    return local


def agent_proposals(meta: DocumentMeta, entities: dict) -> list[Proposal]:
    """A proposed organisation for each name the metadata gave that no agent has (the same
    name in two fields: one proposal that sets both)."""
    fields_of: dict[str, list[str]] = {}
    for key, name in meta.new_agents.items():
        fields_of.setdefault(name, []).append(key)
    out, taken = [], set(entities)
    for name, keys in fields_of.items():
        base = f"org:{slug(name) or 'new-agent'}"
        agent_id, n = base, 1
        while agent_id in taken:
            n += 1
            agent_id = f"{base}-{n}"
        taken.add(agent_id)
        language = "ar" if re.search(r"[\u0600-\u06FF]", name) else "en"
        given = " and ".join(f"--{k.replace('_', '-')}" for k in keys)
        out.append(Proposal(agent_id, "organisation", {language: [name]}, 0, 0,
                            label=name if language == "en" else "",
                            reason=f"{given} '{name}' names no agent in data/entities "
                                   "(organisation or person: check the type)",
                            sets=tuple(keys)))
    return out


def render_source_yaml(local: str, meta: DocumentMeta, sha: str, original: str | None,
                       external_chars: int | None = None,
                       new_agents: list[Proposal] = ()) -> str:
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    # a pasted text arrived under no file name
    lines = [f"# Added by cwkg add from {original or 'a pasted text'}; metadata as given to "
             "cwkg add: check it against the text.", f"id: src:{local}"]
    if original:
        lines.append(f"original_file: {q(original)}")
    lines.append(f"type: {meta.type}")
    if meta.title:
        lines.append(f"title: {q(meta.title)}")
    for key in ("author", "publisher", "translated_by"):
        value = getattr(meta, key)
        if value:
            lines.append(f"{key}: {value}")
        for agent in new_agents:
            if key in agent.sets:
                lines.append(placeholder(key, agent.id, local))
    if meta.date:
        lines.append(f'date: "{meta.date.isoformat()}"')
    lines += [f"language: {meta.language}", f"sha256: {sha}"]
    if external_chars is not None:
        lines += ["external_text: true  # the text is <id>.txt in a texts folder, not in data/",
                  f"characters: {external_chars}"]
    if meta.url:
        lines.append(f"url: {q(meta.url)}")
    if meta.quotes:
        lines.append(f"quotes: [{', '.join(meta.quotes)}]")
    if meta.note:
        lines.append(f"note: {q(meta.note)}")
    return "\n".join(lines) + "\n"


def add_document(data_dir: Path, path: Path, meta: DocumentMeta,
                 extractor: Extractor | None = None, external_text: bool = False,
                 texts=None) -> AddResult:
    """Check, extract and write one document; raise a CwkgError (nothing written) on refusal.
    ``external_text``: keep the text outside the repository, as ``<id>.txt`` in the first
    texts folder (``texts``: the command line's folders; None: the repository's setting)."""
    raw, _ = read_document(path)
    return add_text(data_dir, raw, path.name, meta, extractor, external_text, texts,
                    shown=display_path(path))


def add_text(data_dir: Path, raw: bytes, name: str | None, meta: DocumentMeta,
             extractor: Extractor | None = None, external_text: bool = False,
             texts=None, shown: str | None = None) -> AddResult:
    """:func:`add_document` for a text given as bytes (a paste, an upload) that arrived
    under the file name ``name`` (recorded as ``original_file``; None for a paste);
    ``shown``: how errors name it (default ``name``)."""
    from cwkg.build.pipeline import check_source
    from cwkg.load.entities import load_entities

    data_dir = Path(data_dir)
    if not (data_dir / "sources").is_dir():
        raise UsageError(f"no data folder at {data_dir} (expected {data_dir}/sources)")
    shown = shown or name or "the pasted text"
    text = decode_text(raw, shown)
    folders = text_folders(data_dir.parent, texts)
    known, hashes = existing_texts(data_dir, folders)
    sha = sha256_hex(raw)
    if sha in hashes and hashes[sha] not in known:  # kept outside and not at hand
        raise DataError(f"refused: the text is identical to {hashes[sha]} (same SHA-256); "
                        "nothing was written", file=shown)
    dup = find_duplicate(text, known)
    if dup is not None:
        if dup.identical:
            how = "identical to"
        elif dup.similarity == 100.0:
            how = "the same (up to case, quote marks and spacing) as"
        else:
            how = f"near-identical ({dup.similarity:.0f}% similar) to"
        existing = data_dir / "sources" / (dup.source_id[4:] + ".txt")
        if not existing.exists():  # kept outside the repository: its metadata
            existing = existing.with_suffix(".yaml")
        existing = display_path(existing)
        raise DataError(f"refused: the text is {how} {dup.source_id} ({existing}); "
                        "nothing was written", file=shown)
    entities = load_entities(data_dir)
    meta = resolve(meta, entities)
    new_agents = agent_proposals(meta, entities)
    if meta.title and not occurs_spaced(meta.title, text):
        raise UsageError(f"{meta.where}: the title does not occur in the text; a title is "
                         "only recorded when the text gives one")
    local = source_local_id(meta, {f"src:{p.stem}" for p in (data_dir / "sources").iterdir()
                                   if p.suffix in (".yaml", ".txt")})
    extractor = extractor or Extractor(entities.values())
    extraction = extractor.run(text, meta.language, meta.date, meta.author)
    extraction.proposals = new_agents + [p for p in extraction.proposals
                                         if p.id not in {a.id for a in new_agents}]
    folder = data_dir / "sources"
    meta_path = folder / f"{local}.yaml"
    claims_path = data_dir / "claims" / f"{local}.yaml"
    text_path = _archive_path(folders, local) if external_text else folder / f"{local}.txt"
    for target in (folder / f"{local}.txt", meta_path, claims_path):
        if target.exists():
            raise UsageError(f"{display_path(target)} already exists; give another --id")
    if text_path.exists() and text_path.read_bytes() != raw:
        raise UsageError(f"{display_path(text_path)} already exists with another text; give "
                         "another --id, or move that file")
    payloads = [(text_path, raw),
                (claims_path, render_draft(f"src:{local}", text, extraction).encode()),
                (meta_path, render_source_yaml(local, meta, sha, name,
                                               len(text) if external_text else None,
                                               new_agents).encode())]
    written: list[Path] = []
    try:
        for target, payload in payloads:
            if target.exists():  # the same text already in the texts folder: keep it
                continue
            write_atomic(target, payload)
            written.append(target)
        check_source(data_dir, f"src:{local}", texts=texts)  # as 'cwkg build' checks it
    except CwkgError:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return AddResult(f"src:{local}", text_path, meta_path, claims_path, sha, len(text),
                     extraction, tuple(meta.notes))


def _archive_path(folders: TextFolders, local: str) -> Path:
    """Where ``cwkg add --external-text`` keeps the text: the first texts folder."""
    if not folders.folders:
        raise UsageError("no texts folder to keep the text in: give --texts DIR")
    folder = folders.folders[0]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the texts folder {display_path(folder)}: "
                         f"{exc.strerror}") from None
    return folder / f"{local}.txt"
