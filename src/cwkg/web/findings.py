"""The findings of ``cwkg validate`` (SHACL shapes and the ``*-violation.rq`` checks) for
the findings page, each with its ``file:line`` and a link to the node it is about.

Validation reads ``data/`` (unchanged sources from the build cache), as ``cwkg validate``
does, once per build; the result is kept until the build changes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import CwkgError
from cwkg.namespaces import expand


@dataclass
class FindingsResult:
    findings: list          # cwkg.validate.report.Finding
    quads: int
    error: str | None = None

    def by_severity(self) -> list[tuple[str, list]]:
        groups: dict[str, list] = {}
        for f in self.findings:
            groups.setdefault(f.severity, []).append(f)
        return list(groups.items())


def focus_iri(focus: str) -> str | None:
    try:
        return expand(focus) if "://" not in focus else focus
    except KeyError:
        return None


class Findings:
    def __init__(self, data_dir: Path | None, out_dir: Path | None):
        self.data_dir, self.out_dir = data_dir, out_dir
        self._result: FindingsResult | None = None
        self._lock = threading.Lock()

    def get(self) -> FindingsResult:
        with self._lock:
            if self._result is None:
                self._result = self._validate()
            return self._result

    def _validate(self) -> FindingsResult:
        if self.data_dir is None or not Path(self.data_dir).is_dir():
            return FindingsResult([], 0, f"no data folder at {self.data_dir}: the findings "
                                         "come from validating data/ ('cwkg validate')")
        from cwkg.validate.batches import validate_data
        try:
            report, quads = validate_data(Path(self.data_dir), Path(self.out_dir))
        except CwkgError as exc:
            return FindingsResult([], 0, str(exc))
        return FindingsResult(list(report.findings), quads)
