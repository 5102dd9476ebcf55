"""Findings kept per source, so that validation reuses what it found before.

A source's findings depend on its fragment (whose cache key hashes its files, the entity
files and cwkg's code) and on what validates it: the shapes and the ``*-violation.rq``
checks. ``build/.cache/findings.json`` maps each fragment key to the findings about that
source's nodes, under a digest of the shapes and checks; a source whose key is there is
not validated again. `cwkg build` fills it for the sources it makes, so `cwkg validate`
right after a build validates nothing again. The findings about the reference graph's
nodes are kept under a hash of that graph, and the dataset checks' findings under the id
of the whole dataset they ran on (every graph's key, :func:`cwkg.build.persistent.build_id`),
with the keys of its sources and, for each source, what its claims are about: after an
edit, :mod:`.across` runs those checks again only for what the edit touched.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> memo = FindingsMemo(out, "digest-1")
>>> f = Finding("x.yaml:3", "Violation", "shape:S", "claim:x-c01", None, None, "bad")
>>> memo.put("key-1", [f], [], 120, ["attack:a"]); memo.save()
>>> FindingsMemo(out, "digest-1").get("key-1") == ([f], [], 120, frozenset({"attack:a"}))
True
>>> FindingsMemo(out, "digest-2").get("key-1") is None  # other shapes: found anew
True
>>> kept = KeptDataset("build-1", "ref-1", ["key-1"], {"query:q": [("attack:a", f)]})
>>> memo.put_dataset(kept); memo.save()
>>> FindingsMemo(out, "digest-1").dataset() == kept
True
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from cwkg.build.cache import cache_folder, code_digest
from cwkg.errors import CwkgError
from cwkg.fsio import write_atomic

from .report import Finding

MEMO_FILE = "findings.json"
_FORMAT = "cwkg-findings 2"


def validation_digest(shapes: list[Path], queries_dir: Path) -> str:
    """A hash of what validates: cwkg's code, the shapes files and the violation checks."""
    digest = hashlib.sha256(f"{_FORMAT}\0{code_digest()}".encode())
    for path in [*shapes, *sorted(Path(queries_dir).glob("*-violation.rq"))]:
        digest.update(f"\0{path.name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


@dataclass
class KeptDataset:
    """The dataset checks' findings on one dataset: its id, the hash of its reference
    graph, its sources' keys, and each check's findings with the value of the check's
    partition variable in its row (None for a check without one)."""
    id: str
    reference: str
    keys: list[str]
    checks: dict[str, list[tuple[str | None, Finding]]] = field(default_factory=dict)

    def findings(self) -> list[Finding]:
        return [finding for rows in self.checks.values() for _, finding in rows]


class FindingsMemo:
    """The memo of ``out_dir``'s build under ``digest`` (``out_dir`` None: an empty memo
    that is never written)."""

    def __init__(self, out_dir: Path | None, digest: str):
        self.path = cache_folder(out_dir) / MEMO_FILE if out_dir is not None else None
        self.digest = digest
        self.entries: dict[str, list] = {}
        self._reference: dict = {}
        self._dataset: dict = {}
        self.changed = False
        if self.path is None:
            return
        try:
            memo = json.loads(self.path.read_bytes())
            if memo.get("format") == _FORMAT and memo.get("digest") == digest:
                self.entries = memo["sources"]
                self._reference = memo.get("reference") or {}
                self._dataset = memo.get("dataset") or {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # none yet, or unreadable: every source is validated

    def get(self, key: str | None
            ) -> tuple[list[Finding], list[Finding], int, frozenset[str]] | None:
        """(SHACL findings, check findings, quads, what its claims are about) of the source
        whose fragment has ``key``."""
        entry = self.entries.get(key) if key else None
        if entry is None:
            return None
        try:
            return (_findings(entry[0]), _findings(entry[1]), int(entry[2]),
                    frozenset(entry[3]))
        except (TypeError, ValueError, IndexError):
            return None

    def put(self, key: str | None, shapes: list[Finding], checks: list[Finding],
            quads: int, about) -> None:
        if key:
            self.entries[key] = [_rows(shapes), _rows(checks), quads, sorted(about)]
            self.changed = True

    def reference(self, key: str) -> tuple[list[Finding], list[Finding], list[str]] | None:
        """(SHACL findings, check findings, the compiled engine's fallback notes) about the
        nodes of the reference graph whose hash is ``key``."""
        if self._reference.get("key") != key:
            return None
        try:
            kept = self._reference
            return _findings(kept["shapes"]), _findings(kept["checks"]), list(kept["notes"])
        except (KeyError, TypeError, ValueError):
            return None

    def put_reference(self, key: str, shapes: list[Finding], checks: list[Finding],
                      notes: list[str]) -> None:
        self._reference = {"key": key, "shapes": _rows(shapes), "checks": _rows(checks),
                           "notes": list(notes)}
        self.changed = True

    def dataset(self) -> KeptDataset | None:
        """The dataset checks' findings on the last dataset they ran on, if kept."""
        kept = self._dataset
        try:
            return KeptDataset(kept["id"], kept["reference"], list(kept["keys"]), {
                check: [(value, Finding(*fields)) for value, *fields in rows]
                for check, rows in kept["checks"].items()})
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def put_dataset(self, kept: KeptDataset) -> None:
        self._dataset = {"id": kept.id, "reference": kept.reference, "keys": kept.keys,
                         "checks": {check: [[value, *_fields(f)] for value, f in rows]
                                    for check, rows in kept.checks.items()}}
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
                           "reference": self._reference, "dataset": self._dataset},
                          ensure_ascii=False, separators=(",", ":")).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, data, durable=False)
        except (CwkgError, OSError):
            pass


def _fields(finding: Finding) -> tuple:
    return (finding.where, finding.severity, finding.shape, finding.focus, finding.path,
            finding.value, finding.message)


def _rows(findings: list[Finding]) -> list[list]:
    return [list(_fields(f)) for f in findings]


def _findings(rows: list[list]) -> list[Finding]:
    return [Finding(*fields) for fields in rows] if rows else []  # most sources have none
