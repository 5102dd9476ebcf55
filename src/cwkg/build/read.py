"""Read the last build: its quads (its persistent store), the node locations, and whether
it is older than data/. Light to import: ``cwkg query`` starts with it."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from cwkg.errors import UsageError
from cwkg.load.texts import text_folders
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
    folders = text_folders(data_dir.parent, texts)
    external = (folders.find(meta.stem) for meta in (data_dir / "sources").glob("*.yaml")
                if not meta.with_suffix(".txt").exists())
    for path in itertools.chain(data_dir.rglob("*"), (p for p in external if p)):
        if path.is_file() and path.stat().st_mtime > built:
            raise UsageError(f"the build at {dataset} is older than {path}; "
                             "run 'cwkg build' again")
