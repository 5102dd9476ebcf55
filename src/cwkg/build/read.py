"""Read the last build: its quads (its persistent store), the node locations, and whether
it is older than data/. Light to import: ``cwkg query`` starts with it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from cwkg.errors import UsageError
from cwkg.rdf.store import Store

from .layout import DATASET_FILE, LOCATIONS_FILE
from .persistent import open_store


def open_build(out_dir: Path) -> Store:
    """The last build's quads, in its persistent store (:mod:`cwkg.build.persistent`)."""
    return open_store(out_dir)


def load_build(out_dir: Path) -> tuple[Store, dict[str, str]]:
    """The last build's quads (:func:`open_build`) and where each node was defined."""
    store = open_store(out_dir)
    locations_path = Path(out_dir) / LOCATIONS_FILE
    locations = json.loads(locations_path.read_text("utf-8")) if locations_path.exists() else {}
    return store, locations


def check_fresh(data_dir: Path, out_dir: Path, texts=None) -> None:
    """Refuse to export a build that is older than the data it was built from, or than a
    text kept outside data/ that a texts folder now has (``texts``: the command line's
    folders, None: the repository's)."""
    dataset = Path(out_dir) / DATASET_FILE
    if not dataset.exists():
        raise UsageError(f"no build found at {dataset}; run 'cwkg build' first")
    built = dataset.stat().st_mtime
    data_dir = Path(data_dir)
    sources: set[str] = set()
    newer = _first_newer(data_dir, built, sources)
    external = [name[:-len(".yaml")] for name in sorted(sources) if name.endswith(".yaml")
                and f"{name[:-len('.yaml')]}.txt" not in sources] if newer is None else []
    if external:  # sources whose text a texts folder may hold
        from cwkg.load.texts import text_folders
        folders = text_folders(data_dir.parent, texts)
        for stem in external:
            found = folders.find(stem)
            if found is not None and found.stat().st_mtime > built:
                newer = found
                break
    if newer is not None:
        raise UsageError(f"the build at {dataset} is older than {newer}; "
                         "run 'cwkg build' again")


def _first_newer(folder: Path, built: float, sources: set[str]) -> Path | None:
    """The first file under ``folder`` changed after ``built``; ``sources`` gets the names
    in its sources/ folder. One directory read and one stat per file: every command
    that reads the build pays this (30,000 files at 10,000 sources)."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():
                stack.append(Path(entry.path))
            elif entry.is_file():
                if current.name == "sources" and current.parent == folder:
                    sources.add(entry.name)
                if entry.stat().st_mtime > built:
                    return Path(entry.path)
    return None
