"""Read the last build: its quads (its persistent store), the node locations, and whether
it is older than data/ (:mod:`cwkg.build.fresh`)."""

from __future__ import annotations

import json
from pathlib import Path

from cwkg.rdf.store import Store

from .fresh import check_fresh
from .layout import LOCATIONS_FILE
from .persistent import open_store

__all__ = ["check_fresh", "load_build", "open_build"]


def open_build(out_dir: Path, before_remake=None) -> Store:
    """The last build's quads, in its persistent store (:mod:`cwkg.build.persistent`;
    ``before_remake``: see :func:`~cwkg.build.persistent.open_store`)."""
    return open_store(out_dir, before_remake)


def load_build(out_dir: Path) -> tuple[Store, dict[str, str]]:
    """The last build's quads (:func:`open_build`) and where each node was defined."""
    store = open_store(out_dir)
    locations_path = Path(out_dir) / LOCATIONS_FILE
    locations = json.loads(locations_path.read_text("utf-8")) if locations_path.exists() else {}
    return store, locations
