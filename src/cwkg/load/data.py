"""data/ as checked records: the checks across files, then each source's records.

This is the one way cwkg reads ``data/``. :func:`check_folder` does what is checked
across files (every source text has its metadata, every claims file its source, entity
ids and their references); :func:`source_records` loads one source with its claims and
checks every id they use. The build (:mod:`cwkg.build.pipeline`) calls the two for each
fragment it makes; :func:`load_data` calls them for the whole folder, for code that
wants records rather than quads (the extraction benchmark, reports).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cwkg.errors import DataError

from .claims import claims_names, load_claims_file
from .entities import load_entities, read_entity_files
from .model import Claim, Entity, Source
from .refs import check_refs
from .sources import load_source, source_names
from .texts import TextFolders, text_folders


class SourceFiles(Sequence):
    """Each source's (metadata file, claims file), in file-name order, as paths made when
    asked: a command that looks at a few sources, or at every source's paths as text
    (:meth:`as_text`), does not make 20,000 paths at 10,000 sources (some 40 ms)."""

    def __init__(self, sources_dir: Path, claims_dir: Path, names: list[str]):
        self.sources_dir, self.claims_dir, self.names = sources_dir, claims_dir, names

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._pair(name) for name in self.names[index]]
        return self._pair(self.names[index])

    def __iter__(self):
        return map(self._pair, self.names)

    def _pair(self, name: str) -> tuple[Path, Path]:
        return self.sources_dir / name, self.claims_dir / name

    def as_text(self) -> list[tuple[str, str]]:
        """Each pair as ``str`` of its paths would give it."""
        sources, claims = str(self.sources_dir), str(self.claims_dir)
        return [(f"{sources}/{name}", f"{claims}/{name}") for name in self.names]

    def stems(self) -> list[str]:
        """Each source's file name without ``.yaml``: its id without ``src:``."""
        return [os.path.splitext(name)[0] for name in self.names]


@dataclass(frozen=True)
class Folder:
    """data/ checked as a whole: what each source's records are checked against."""
    data_dir: Path
    repo_root: Path
    entities: dict[str, Entity] | None  # None: read, not parsed yet (:func:`with_entities`)
    entity_files: dict[str, bytes]      # the entity files' bytes, as they were checked
    sources: SourceFiles                # (metadata file, claims file), in file-name order
    source_ids: frozenset[str] = field(default_factory=frozenset)
    texts: TextFolders = TextFolders((), "none")  # where texts kept outside data/ are
    entity_paths: dict[str, Path] = field(default_factory=dict)  # by shown name


def check_folder(data_dir: Path, repo_root: Path | None = None, texts=None,
                 entities: bool = True) -> Folder:
    """data/ checked as a whole; ``texts``: the texts folders given on the command line
    (None: the repository's setting, :func:`cwkg.load.texts.text_folders`). ``entities``
    False: the entity files are read, neither parsed nor checked (for a caller that knows
    what they define from a cache keyed by their bytes; else :func:`with_entities`)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(f"no data folder at {data_dir}")
    claims_dir = data_dir / "claims"
    sources = SourceFiles(data_dir / "sources", claims_dir, source_names(data_dir))
    source_ids = frozenset("src:" + stem for stem in sources.stems())
    for name in claims_names(data_dir):
        if "src:" + os.path.splitext(name)[0] not in source_ids:  # as Path.stem
            # raises the error that names the file and line
            load_claims_file(claims_dir / name, {})
    root = Path(repo_root or data_dir.parent)
    folder = Folder(data_dir, root, None, {}, sources, source_ids, text_folders(root, texts))
    if not entities:
        files = read_entity_files(data_dir)
        return replace(folder, entity_files={n: data for n, (_, data) in files.items()},
                       entity_paths={n: path for n, (path, _) in files.items()})
    entity_files: dict[str, bytes] = {}
    return _checked(replace(folder, entities=load_entities(data_dir, entity_files),
                            entity_files=entity_files))


def with_entities(folder: Folder) -> Folder:
    """``folder`` with its entity files parsed and checked, as they were read."""
    if folder.entities is not None:
        return folder
    files = {name: (folder.entity_paths[name], data)
             for name, data in folder.entity_files.items()}
    return _checked(replace(folder, entities=load_entities(folder.data_dir, files=files)))


def _checked(folder: Folder) -> Folder:
    for entity in folder.entities.values():
        check_refs(entity, folder.entities, folder.source_ids)
    return folder


def source_records(meta: Path, claims_path: Path, entity_ids, source_ids, repo_root: Path,
                   files: tuple | None = None, texts: TextFolders | None = None
                   ) -> tuple[Source, list[Claim], list[str]]:
    """One source, its accepted claims and the ids of its proposed ones, every id checked
    against ``entity_ids`` and ``source_ids`` (anything supporting ``in``). ``files``: the
    bytes of the metadata, text and claims files when the caller read them already (None
    for one that is absent), and (the file, its bytes) of its text in a texts folder
    (as the build's cache key reads them); else they are read here. ``texts``: where a text kept outside
    data/ is looked for."""
    if files is None:
        source = load_source(meta, repo_root, texts=texts)
        claims_data = None
        has_claims = claims_path.exists()
    else:
        meta_data, text_data, claims_data, external = files
        if meta_data is None:
            raise DataError("the source's metadata file is gone (deleted meanwhile?)",
                            file=str(meta))
        source = load_source(meta, repo_root, meta_data, text_data, text_read=True,
                             texts=texts, external=external)
        has_claims = claims_data is not None
    pending: list[str] = []
    claims = load_claims_file(claims_path, {source.id: source}, pending, claims_data) \
        if has_claims else []
    for item in (source, *claims):
        check_refs(item, entity_ids, source_ids)
    return source, claims, pending


@dataclass(frozen=True)
class Data:
    sources: dict[str, Source]
    entities: dict[str, Entity]
    claims: list[Claim]
    pending: tuple[str, ...] = ()  # "src:<id>#cNN" of claims proposed but not yet accepted

    def claims_of(self, source_id: str) -> list[Claim]:
        return list(self._claims_by_source.get(source_id, ()))

    @functools.cached_property
    def _claims_by_source(self) -> dict[str, list[Claim]]:
        # one pass, not a scan of every claim per source (quadratic: 45M comparisons at
        # 10,000 sources)
        index: dict[str, list[Claim]] = {}
        for claim in self.claims:
            index.setdefault(claim.source, []).append(claim)
        return index


def load_data(data_dir: Path, repo_root: Path | None = None, texts=None) -> Data:
    """All of data/ as records, checked as the build checks it."""
    folder = check_folder(data_dir, repo_root, texts)
    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    pending: list[str] = []
    for meta, claims_path in folder.sources:
        source, its_claims, its_pending = source_records(
            meta, claims_path, folder.entities, folder.source_ids, folder.repo_root,
            texts=folder.texts)
        sources[source.id] = source
        claims += its_claims
        pending += its_pending
    return Data(sources, folder.entities, claims, tuple(pending))
