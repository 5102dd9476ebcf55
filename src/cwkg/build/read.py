"""Read the last build: its quads (its persistent store), the node locations, and whether
it is older than data/. Light to import: ``cwkg query`` starts with it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from cwkg.errors import UsageError
from cwkg.rdf.store import Store

from .layout import DATASET_FILE, LOCATIONS_FILE, READ_AT_FILE
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
    read_at = Path(out_dir) / READ_AT_FILE  # when the build began to read data/
    reference = read_at if read_at.exists() else dataset
    built = reference.stat().st_mtime
    data_dir = Path(data_dir)
    try:
        sources = set(os.listdir(data_dir / "sources"))
    except OSError:
        sources = set()
    newer = _newer_by_find(data_dir, reference) if len(sources) >= FIND_FROM else False
    if newer is False:
        newer = _first_newer(data_dir, built)
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


# from this many files in data/sources on, find(1) walks data/ (in C: about 15 ms for
# 30,000 files, where a walk in Python takes 120 ms); below, starting it costs more
FIND_FROM = 1000


def _newer_by_find(folder: Path, reference: Path) -> Path | None | bool:
    """The first file under ``folder`` (links followed) modified after ``reference``, by
    find(1); None if there is none, False where find cannot tell (absent, an error)."""
    import shutil
    import subprocess
    if os.name != "posix" or shutil.which("find") is None:
        return False
    try:
        done = subprocess.run(["find", "-L", str(folder), "-type", "f", "-newer",
                               str(reference), "-print", "-quit"],
                              capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return False
    if done.returncode != 0:
        return False
    found = done.stdout.rstrip(b"\n")
    return Path(os.fsdecode(found)) if found else None


def _first_newer(folder: Path, built: float) -> Path | None:
    """The first file under ``folder`` changed after ``built``: one directory read and one
    stat per file, every command that reads the build pays it (30,000 files at 10,000
    sources)."""
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
            elif entry.is_file() and entry.stat().st_mtime > built:
                return Path(entry.path)
    return None
