"""The findings of ``cwkg validate`` (SHACL shapes and the ``*-violation.rq`` checks) for
the findings page, each with its ``file:line`` and a link to the node it is about.

Validation reads ``data/`` (unchanged sources' findings from the findings memo that
``cwkg build`` wrote), as ``cwkg validate`` does, once per build: the result is kept in
``build/.cache/web/`` under the build's id and a digest of the shapes and checks, so a
later start reads it back. Checks that join every source (``#+ scope: dataset``) still
run once per build, and can take minutes at 10,000 sources: the server starts them in
the background (:meth:`Findings.start`), and until they are done the page says so and
reloads itself. When data/ is newer than the build, the findings (of data/ as it is now)
are not kept.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import astuple, dataclass
from pathlib import Path

from cwkg.build.cache import cache_folder
from cwkg.errors import CwkgError
from cwkg.fsio import write_atomic
from cwkg.namespaces import expand

from .prepared import FOLDER

_FORMAT = "cwkg-web-findings 1"


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
    def __init__(self, data_dir: Path | None, out_dir: Path | None, build: str | None = None):
        self.data_dir, self.out_dir, self.build = data_dir, out_dir, build
        self._result: FindingsResult | None = None
        self._lock = threading.Lock()        # held while validating
        self._starting = threading.Lock()
        self.started: float | None = None    # when the validation began (monotonic)
        self._checked = False                # whether the kept findings were looked for

    def get(self, wait: bool = True) -> FindingsResult | None:
        """The findings; without ``wait``, None while a validation is under way (started
        by this call when none is)."""
        if not wait:
            if self._result is None and self.started is None:
                if not self._checked:
                    self.read_kept()
                if self._result is None:
                    self.start()
            return self._result
        with self._lock:
            if self._result is None:
                self.started = self.started or time.monotonic()
                self._result = self._kept() or self._validate()
            return self._result

    def read_kept(self) -> None:
        """Look for the findings kept for this build (a file's read, after a look at the
        times of data/'s files: a second at 10,000 sources), so that the page need not:
        the server does it in the background as it starts."""
        kept = self._kept()
        with self._starting:
            if kept is not None and self._result is None:
                self._result = kept
            self._checked = True

    def start(self) -> None:
        """Find the findings in a background thread (once)."""
        with self._starting:  # not self._lock: a validation holds that one until it is done
            if self._result is not None or self.started is not None:
                return
            self.started = time.monotonic()
        threading.Thread(target=self._background, name="cwkg-web-findings", daemon=True).start()

    def _background(self) -> None:
        try:
            self.get()
        except Exception as exc:  # the page says so rather than "validating" for ever
            logging.getLogger("cwkg.web").exception("while validating")
            self._result = FindingsResult([], 0, f"validation failed ({exc}); the server's "
                                                 "terminal shows why")

    # -------------------------------------------------- kept per build and validation

    def _file(self) -> Path | None:
        if self.build is None or self.out_dir is None or self.data_dir is None:
            return None
        from cwkg.build.read import check_fresh
        try:
            check_fresh(Path(self.data_dir), Path(self.out_dir))
        except CwkgError:
            return None  # data/ changed since the build: its findings are not the build's
        from cwkg.query.catalogue import QUERIES_DIR
        from cwkg.resources import shapes_path
        from cwkg.validate.memo import validation_digest
        digest = validation_digest([shapes_path()], QUERIES_DIR)
        return cache_folder(self.out_dir) / FOLDER / f"findings-{self.build[:32]}-{digest[:16]}.json"

    def _kept(self) -> FindingsResult | None:
        from cwkg.validate.report import Finding
        file = self._file()
        try:
            kept = json.loads(file.read_bytes()) if file is not None else None
            if kept is None or kept.get("format") != _FORMAT:
                return None
            return FindingsResult([Finding(*f) for f in kept["findings"]], int(kept["quads"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _keep(self, result: FindingsResult) -> None:
        file = self._file()
        if file is None or result.error is not None:
            return
        data = json.dumps({"format": _FORMAT, "quads": result.quads,
                           "findings": [list(astuple(f)) for f in result.findings]},
                          ensure_ascii=False).encode("utf-8")
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(file, data, durable=False)
            for other in file.parent.glob("findings-*.json"):
                if other != file:
                    other.unlink(missing_ok=True)
        except (CwkgError, OSError):
            pass  # not kept: the next start validates again

    def _validate(self) -> FindingsResult:
        if self.data_dir is None or not Path(self.data_dir).is_dir():
            return FindingsResult([], 0, f"no data folder at {self.data_dir}: the findings "
                                         "come from validating data/ ('cwkg validate')")
        from cwkg.validate.batches import validate_data
        try:
            report, quads = validate_data(Path(self.data_dir), Path(self.out_dir))
        except CwkgError as exc:
            return FindingsResult([], 0, str(exc))
        result = FindingsResult(list(report.findings), quads)
        self._keep(result)
        return result
