"""The stored questions' answers, asked once per build and values, then kept.

A stored question can be slow by nature on a large graph (at 10,000 sources some take
tens of seconds: they join every source's figures). Its answer cannot change while the
build does not, so the first asking keeps it: in memory for the server's life (the most
recently used ones) and in ``build/.cache/web/answers-BUILD/``, so the next start of
``cwkg web`` (and ``cwkg site``) has it too. The file's name hashes the question's text,
the values it was asked with and cwkg's code; the folder is the build's (its id from
``build/build.json``), and the folders of other builds are removed when one is written.
Two requests for the same answer wait for one run, not two; a page need not wait for it
at all (``wait``): it says the question is being asked and comes back for the answer.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from cwkg.build.cache import cache_folder, code_digest
from cwkg.errors import CwkgError
from cwkg.fsio import write_atomic
from cwkg.query.catalogue import Query
from cwkg.query.results import ResultSet

from .prepared import FOLDER

IN_MEMORY = 64          # answers kept in memory: the files hold every one
ASKING = 2              # questions asked at once (the store answers in parallel)
DOWNLOADS_KEPT = 8      # downloads kept in memory, made again when asked for after


class Answers:
    def __init__(self, graph, keep: bool = True):
        """``graph``: a :class:`cwkg.web.graph.Graph`; ``keep``: write answers to the
        build's cache (when the graph knows its build)."""
        self.graph = graph
        self.folder: Path | None = None
        if keep and graph.build and graph.out_dir is not None:
            self.folder = cache_folder(graph.out_dir) / FOLDER / f"answers-{graph.build[:32]}"
        self._memory: OrderedDict[str, tuple[ResultSet, float]] = OrderedDict()
        self._pending: dict[str, tuple[Future, float]] = {}   # being asked, since when
        self._formatted: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._pool: ThreadPoolExecutor | None = None
        self._guard = threading.Lock()
        self._cleaned = False
        # (question id, values) -> seconds its answer took when first asked: for the benchmark
        self.asked: dict[tuple[str, str], float] = {}

    def get(self, query: Query, given: dict[str, str],
            wait: float | None = None) -> tuple[ResultSet, float] | None:
        """(the answer, seconds it took when first asked) of ``query`` with ``given``;
        with ``wait``, None if it is not there within that many seconds (it is still
        being asked: :meth:`asking` says since when). Raises what asking raised."""
        key = _key(query, given)
        with self._guard:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
            pending = self._pending.get(key)
            if pending is None:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(ASKING, thread_name_prefix="cwkg-ask")
                pending = (self._pool.submit(self._find, key, query, given),
                           time.monotonic())
                self._pending[key] = pending
        try:
            return pending[0].result(timeout=wait)
        except FutureTimeout:
            return None

    def streamed(self, query: Query, given: dict[str, str], fmt: str, result: ResultSet,
                 pieces) -> Iterator[bytes]:
        """A download's bytes in pieces: those kept (among the last few asked for), else
        ``pieces(result)`` as it makes them, kept once the last one is made (a response
        sends the first rows while the others are being made)."""
        key = (_key(query, given), fmt)
        with self._guard:
            if key in self._formatted:
                self._formatted.move_to_end(key)
                return iter([self._formatted[key]])
        return self._keeping(key, pieces(result))

    def _keeping(self, key: tuple[str, str], pieces) -> Iterator[bytes]:
        made = []
        for piece in pieces:
            made.append(piece)
            yield piece
        with self._guard:  # only a download made to its end is kept
            self._formatted[key] = b"".join(made)
            while len(self._formatted) > DOWNLOADS_KEPT:
                self._formatted.popitem(last=False)

    def json_pieces(self, query: Query, given: dict[str, str],
                    result: ResultSet) -> Iterator[bytes]:
        """``result`` (the answer of ``query`` with ``given``) as SPARQL JSON results, in
        pieces: the bytes of the file it is kept in, written when it was asked (no second
        encoding: 8 s for differing-figures at 10,000 sources), or made now when it is
        not kept."""
        try:
            handle = open(self.folder / f"{_key(query, given)}.json", "rb")
        except (OSError, TypeError):  # not kept (or no folder to keep answers in)
            return iter([result.to_json()])
        return _body_of(handle)

    def asking(self, query: Query, given: dict[str, str]) -> float | None:
        """Since when (monotonic seconds) the answer is being asked, None if it is not."""
        with self._guard:
            pending = self._pending.get(_key(query, given))
        return pending[1] if pending is not None else None

    def _find(self, key: str, query: Query, given: dict[str, str]) -> tuple[ResultSet, float]:
        try:
            found = self._read(key)
            if found is None:
                started = time.perf_counter()
                result = self.graph.ask(query, given)
                found = (result, time.perf_counter() - started)
                self._write(key, *found)
            with self._guard:
                self.asked[(query.id, json.dumps(sorted(given.items())))] = found[1]
                self._memory[key] = found
                while len(self._memory) > IN_MEMORY:
                    self._memory.popitem(last=False)
            return found
        finally:
            with self._guard:
                self._pending.pop(key, None)

    def _read(self, key: str) -> tuple[ResultSet, float] | None:
        if self.folder is None:
            return None
        try:  # parsed from the file as read: at 10,000 sources one answer's file is
            # 200 MB, and its bytes held beside its rows doubled the memory it took
            with open(self.folder / f"{key}.json", "rb") as handle:
                seconds = json.loads(handle.readline())["seconds"]
                return ResultSet.from_json(handle), float(seconds)
        except (OSError, ValueError, KeyError, TypeError, SyntaxError):
            return None  # not asked yet, or damaged: ask again

    def _write(self, key: str, result: ResultSet, seconds: float) -> None:
        """Keep an answer (a SELECT's rows: other answers are not kept on disk)."""
        if self.folder is None or not isinstance(result, ResultSet):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._clean()
            header = json.dumps({"seconds": round(seconds, 3)}).encode()
            write_atomic(self.folder / f"{key}.json", header + b"\n" + result.to_json(),
                         durable=False)
        except (CwkgError, OSError):
            pass  # a cache that cannot be written costs only time

    def _clean(self) -> None:
        """Remove the answers kept for other builds (never read again)."""
        if self._cleaned:
            return
        self._cleaned = True
        for other in self.folder.parent.glob("answers-*"):
            if other != self.folder:
                shutil.rmtree(other, ignore_errors=True)


def _body_of(handle, size: int = 1 << 20) -> Iterator[bytes]:
    """A kept answer's file after its header line, a megabyte at a time."""
    with handle:
        handle.readline()
        while piece := handle.read(size):
            yield piece


def _key(query: Query, given: dict[str, str]) -> str:
    digest = hashlib.sha256(f"{code_digest()}\0{query.id}\0{query.source}\0".encode())
    digest.update(json.dumps(sorted(given.items()), ensure_ascii=False).encode())
    return f"{query.id}-{digest.hexdigest()[:24]}"
