"""Findings kept per source, so that validation reuses what it found before.

A source's findings depend on its fragment (whose cache key hashes its files, the entity
files and cwkg's code) and on what validates it: the shapes and the ``*-violation.rq``
checks. ``build/.cache/findings.json`` maps each fragment key to the findings about that
source's nodes, under a digest of the shapes and checks; a source whose key is there is
not validated again. `cwkg build` fills it for the sources it makes, so `cwkg validate`
right after a build validates only what spans sources (the reference graph's nodes and
the ``#+ scope: dataset`` checks). The dataset checks' findings are kept too, under the id
of the whole dataset they ran on (every graph's key, :func:`cwkg.build.persistent.build_id`):
a second validation of the same data does not run them again (at 10,000 sources a check
that compares every source's figures with every other's takes minutes).

>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> memo = FindingsMemo(out, "digest-1")
>>> f = Finding("x.yaml:3", "Violation", "shape:S", "claim:x-c01", None, None, "bad")
>>> memo.put("key-1", [f], [], 120); memo.save()
>>> FindingsMemo(out, "digest-1").get("key-1") == ([f], [], 120)
True
>>> FindingsMemo(out, "digest-2").get("key-1") is None  # other shapes: found anew
True
>>> memo.put_dataset("build-1", [f]); memo.save()
>>> FindingsMemo(out, "digest-1").dataset("build-1") == [f], memo.dataset("build-2")
(True, None)
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from cwkg.build.cache import cache_folder, code_digest
from cwkg.errors import CwkgError
from cwkg.fsio import write_atomic

from .report import Finding

MEMO_FILE = "findings.json"
_FORMAT = "cwkg-findings 1"


def validation_digest(shapes: list[Path], queries_dir: Path) -> str:
    """A hash of what validates: cwkg's code, the shapes files and the violation checks."""
    digest = hashlib.sha256(f"{_FORMAT}\0{code_digest()}".encode())
    for path in [*shapes, *sorted(Path(queries_dir).glob("*-violation.rq"))]:
        digest.update(f"\0{path.name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


class FindingsMemo:
    """The memo of ``out_dir``'s build under ``digest`` (``out_dir`` None: an empty memo
    that is never written)."""

    def __init__(self, out_dir: Path | None, digest: str):
        self.path = cache_folder(out_dir) / MEMO_FILE if out_dir is not None else None
        self.digest = digest
        self.entries: dict[str, list] = {}
        self._dataset: dict = {}      # {"build": the dataset's id, "findings": [...]}
        self.changed = False
        if self.path is None:
            return
        try:
            memo = json.loads(self.path.read_bytes())
            if memo.get("format") == _FORMAT and memo.get("digest") == digest:
                self.entries = memo["sources"]
                self._dataset = memo.get("dataset") or {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # none yet, or unreadable: every source is validated

    def get(self, key: str | None) -> tuple[list[Finding], list[Finding], int] | None:
        """(SHACL findings, check findings, quads) of the source whose fragment has ``key``."""
        entry = self.entries.get(key) if key else None
        if entry is None:
            return None
        try:
            return ([Finding(*f) for f in entry[0]], [Finding(*f) for f in entry[1]],
                    int(entry[2]))
        except (TypeError, ValueError, IndexError):
            return None

    def put(self, key: str | None, shapes: list[Finding], checks: list[Finding],
            quads: int) -> None:
        if key:
            self.entries[key] = [[list(_fields(f)) for f in shapes],
                                 [list(_fields(f)) for f in checks], quads]
            self.changed = True

    def dataset(self, build: str) -> list[Finding] | None:
        """The dataset checks' findings on the dataset whose id is ``build``, if kept."""
        if self._dataset.get("build") != build:
            return None
        try:
            return [Finding(*f) for f in self._dataset["findings"]]
        except (KeyError, TypeError, ValueError):
            return None

    def put_dataset(self, build: str, findings: list[Finding]) -> None:
        self._dataset = {"build": build, "findings": [list(_fields(f)) for f in findings]}
        self.changed = True

    def keep_only(self, keys: set[str]) -> None:
        """Forget the sources that are no longer in data/ (or no longer as they were)."""
        gone = set(self.entries) - keys
        for key in gone:
            del self.entries[key]
        self.changed = self.changed or bool(gone)

    def save(self) -> None:
        """Write the memo; a cache that cannot be written only costs time next run."""
        if not self.changed or self.path is None or not self.path.parent.parent.is_dir():
            return  # no build folder: validation does not make one
        data = json.dumps({"format": _FORMAT, "digest": self.digest, "sources": self.entries,
                           "dataset": self._dataset},
                          ensure_ascii=False, separators=(",", ":")).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, data, durable=False)
        except (CwkgError, OSError):
            pass


def _fields(finding: Finding) -> tuple:
    return (finding.where, finding.severity, finding.shape, finding.focus, finding.path,
            finding.value, finding.message)
