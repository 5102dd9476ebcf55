"""Whether the last build is older than data/ (a file in it changed, or a file added,
removed or renamed, which changes its folder's time) or than a text kept outside data/
that a texts folder now has: what every command that reads the build asks first.

A change is told by a file's change time (ctime), which the system sets on every change
of its content or its times, and which no tool sets back: a file copied with its old
modification time (cp -p, rsync -t, tar x, an editor that keeps it) is still newer.

The answer needs one stat per file of data/ (30,000 files at 10,000 sources: 50-70 ms on
a small virtual machine, in C as in Python). So the walk can start in the background
(:func:`start_fresh_check`: find(1) in child processes, two: data/sources, which holds two
of every three files, and the rest) while the command imports its code and opens the
store, and be waited for (:meth:`FreshCheck.wait`) before anything is answered. Light to
import: ``cwkg query`` starts it first."""

from __future__ import annotations

import json
import os
from pathlib import Path

from cwkg.errors import UsageError

from .finder import Finder
from .layout import BUILD_FILE, DATASET_FILE, READ_AT_FILE

# from this many sources on (the last build's graphs), find(1) walks data/ (in C); below,
# a walk here costs less than starting it
FIND_FROM = 500
FIND_TIMEOUT = 120.0  # seconds; then the walk is done here


def check_fresh(data_dir: Path, out_dir: Path, texts=None) -> None:
    """Refuse to read a build that is older than the data it was built from, or than a
    text kept outside data/ that a texts folder now has (``texts``: the command line's
    folders, None: the repository's)."""
    start_fresh_check(data_dir, out_dir, texts).wait()


def start_fresh_check(data_dir: Path, out_dir: Path, texts=None) -> "FreshCheck":
    """:func:`check_fresh`, begun: a build that is missing is refused at once; the walk of
    a large data/ runs in the background until :meth:`FreshCheck.wait`."""
    return FreshCheck(Path(data_dir), Path(out_dir), texts)


class FreshCheck:
    """The check begun; :meth:`wait` gives its answer (and says first that there is no
    build, so a command's own usage errors still come before it)."""

    def __init__(self, data_dir: Path, out_dir: Path, texts) -> None:
        self.dataset = out_dir / DATASET_FILE
        self.data_dir, self.texts = data_dir, texts
        self.folders = (data_dir, out_dir, texts)  # what it checks
        self._newer: Path | None | bool = False  # False: not known yet
        self._finder: _Finder | None = None
        if not self.dataset.exists():
            return
        read_at = out_dir / READ_AT_FILE  # when the build began to read data/
        self.reference = read_at if read_at.exists() else self.dataset
        self.built = self.reference.stat().st_mtime_ns
        if _sources_built(out_dir) >= FIND_FROM:
            self._finder = _Finder.start(data_dir, self.reference)

    def wait(self) -> None:
        """Raise the UsageError that names the first newer file, if there is one."""
        if not self.dataset.exists() and self._newer is False:
            raise UsageError(f"no build found at {self.dataset}; run 'cwkg build' first")
        if self._newer is False:
            newer = self._finder.result() if self._finder is not None else False
            self._finder = None
            if newer is False:
                newer = _first_newer(self.data_dir, self.built)
            if newer is None:
                newer = _newer_external_text(self.data_dir, self.texts, self.built)
            self._newer = newer
        if self._newer is not None:
            what = (f"{self._newer}{os.sep} (a file there was added, removed or renamed since)"
                    if self._newer.is_dir() else str(self._newer))
            raise UsageError(f"the build at {self.dataset} is older than {what}; "
                             "run 'cwkg build' again")

    def cancel(self) -> None:
        """Stop a walk no one will wait for (the command failed before it needed it)."""
        if self._finder is not None:
            self._finder.stop()
            self._finder = None


def _sources_built(out_dir: Path) -> int:
    """How many sources the last build had (its graphs, less the reference graph's)."""
    try:
        return int(json.loads((out_dir / BUILD_FILE).read_bytes())["graphs"]) - 1
    except (OSError, ValueError, KeyError, TypeError):
        return 0


def _newer_external_text(data_dir: Path, texts, built: int) -> Path | None:
    """A text kept outside data/ that a texts folder holds, changed after ``built``."""
    if not _may_hold_texts(data_dir.parent, texts):
        return None
    try:
        names = os.listdir(data_dir / "sources")
    except OSError:
        return None
    with_text = {name[:-len(".txt")] for name in names if name.endswith(".txt")}
    external = sorted({name[:-len(".yaml")] for name in names if name.endswith(".yaml")}
                      - with_text)
    if not external:
        return None
    from cwkg.load.texts import text_folders
    folders = text_folders(data_dir.parent, texts)
    for stem in external:
        found = folders.find(stem)
        if found is not None and found.stat().st_ctime_ns > built:
            return found
    return None


def _may_hold_texts(repo_root: Path, texts) -> bool:
    """False when no texts folder can hold a text: none given, no settings file that
    names one, and no default ``archive/`` (so no setting is read for nothing)."""
    from cwkg.load.texts import DEFAULT_FOLDER, SETTINGS_FILE
    if texts is not None:
        return any(Path(folder).is_dir() for folder in texts)
    return any(path.exists() for path in (repo_root / SETTINGS_FILE,
                                          repo_root / "pyproject.toml",
                                          repo_root / DEFAULT_FOLDER))


# the largest folder of data/ (two files a source): walked by a find of its own, beside
# one for the rest, so that the walk takes two cores where there are
LARGEST = "sources"


class _Finder:
    """find(1) listing the files and folders under a folder (links followed) changed
    after a reference file, in child processes (:class:`.finder.Finder`): one for its
    largest subfolder, one for the rest."""

    def __init__(self, finders: list[Finder]) -> None:
        self.finders = finders

    @classmethod
    def start(cls, folder: Path, reference: Path) -> "_Finder | None":
        # -cnewer: changed (ctime) after the reference's modification time, the build's
        # start as noted by the file system's clock
        listed = ["-cnewer", str(reference), "-printf", "%Y %p\\0"]
        largest = folder / LARGEST
        if not largest.is_dir():
            walks = [["-L", str(folder), *listed]]
        else:  # the rest: everything but the largest folder's contents (itself included)
            walks = [["-L", str(largest), *listed],
                     ["-L", str(folder), "-path", str(largest), "-prune", "-o", *listed]]
        finders = [Finder.start(walk) for walk in walks]
        if None in finders:
            for finder in finders:
                if finder is not None:
                    finder.stop()
            return None
        return cls(finders)

    @property
    def pids(self) -> list[int]:
        return [finder.pid for finder in self.finders]

    def stop(self) -> None:
        for finder in self.finders:
            finder.stop()

    def result(self) -> Path | None | bool:
        """The file find(1) printed; None if none; False where it cannot tell (an error,
        or no answer within :data:`FIND_TIMEOUT`)."""
        outputs = [finder.output(FIND_TIMEOUT) for finder in self.finders]
        if None in outputs:
            return False
        found = b"".join(outputs)
        # every entry newer than the build, each as "<type> <path>": a file if there is one
        # (it names the change), else a folder (a file in it added, removed or renamed)
        entries = [line.split(b" ", 1) for line in found.split(b"\0") if line]
        for kind in (b"f", b"d"):
            for entry_kind, path in entries:
                if entry_kind == kind:
                    return Path(os.fsdecode(path))
        return None


def _first_newer(folder: Path, built: int) -> Path | None:
    """The first file or folder under ``folder`` (itself included) changed after
    ``built`` (ns; by its change time): one directory read and one stat per entry, done
    here. A folder changes when a file in it is added, removed or renamed; a file removed
    has no time of its own to show it."""
    try:
        changed_folder = folder if folder.stat().st_ctime_ns > built else None
    except OSError:
        return None
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            try:
                changed = entry.stat().st_ctime_ns > built
                is_dir = entry.is_dir()
            except OSError:  # a link to nothing: as find -L, not a change
                continue
            if is_dir:
                stack.append(Path(entry.path))
                if changed and changed_folder is None:
                    changed_folder = Path(entry.path)
            elif changed:
                return Path(entry.path)  # a file names the change better than its folder
    return changed_folder
