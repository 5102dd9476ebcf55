"""The files of a build folder, named once: one per export format, the node locations, the
cache (see :mod:`cwkg.build.cache`)."""

from __future__ import annotations

import os
from pathlib import Path

from cwkg.rdf.formats import FORMATS

CACHE_FOLDER = ".cache"   # inside the build folder
INDEX_FILE = "index.json"
BASENAME = "cwkg"
LOCATIONS = "locations"   # the locations file's entry in FILES
# the build's files, by export format (and locations.json: subject IRI -> data file:line)
FILES = {**{fmt: f"{BASENAME}{ext}" for fmt, ext in FORMATS.items()},
         LOCATIONS: "locations.json"}
DATASET_FILE = FILES["nquads"]      # the canonical build output every other command reads
LOCATIONS_FILE = FILES[LOCATIONS]  # subject IRI -> data file:line, for validation reports
BUILD_FILE = "build.json"          # the build's id (what the persistent store is checked against)
# an empty file whose modification time is when the last build began to read data/ (a build
# that finds nothing changed writes no export, so the exports' times can be older than files
# touched since; the commands that read the build compare data/ with this)
READ_AT_FILE = ".read-at"
STORE_LINK = "store"          # build/store -> .stores/<generation> (cwkg.build.persistent)
GENERATIONS = ".stores"


def current_generation(out_dir: Path) -> Path | None:
    """The store generation ``build/store`` points at, if it is there."""
    link = Path(out_dir) / STORE_LINK
    try:
        target = Path(os.readlink(link))
    except OSError:
        return None
    generation = target if target.is_absolute() else link.parent / target
    return generation if generation.is_dir() else None
