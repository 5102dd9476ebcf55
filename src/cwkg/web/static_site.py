"""``cwkg site -o DIR``: every read page of the last build as static HTML, for any static
host or ``file://``.

The same :class:`cwkg.web.pages.Pages` renders each page as the server does, with relative
links to ``.html`` files (:mod:`cwkg.web.links`). Everything is read from the graph at once
first (every source and claim, as the server reads them once per build, and every source's
text), then the pages are rendered by worker processes that share that copy (fork), while
this process asks the store what only it can (the stored questions, whose answers are
kept per build as the server keeps them, the findings, the unnamed authors' pages). The
site is written to a new folder beside ``DIR`` and renamed into place at the end, so a
half-written site is never left in ``DIR``; a folder that is not empty and not a previous
cwkg site is refused.
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import UsageError
from cwkg.progress import progress

from . import questions
from .graph import open_graph
from .links import path_of, static_file
from .pages import DUMPS, Pages
from .render import STATIC
from .views import PAGE_SIZE, NotFound

MARKER = ".cwkg-site"       # written in every site: only such a folder is ever replaced
WORKERS = 2
PIECE = 100                 # pages per task of a worker


@dataclass
class SiteResult:
    pages: int
    files: int
    seconds: float


def write_site(out_dir: Path, data_dir: Path | None, target: Path,
               workers: int | None = None, findings: bool = True) -> SiteResult:
    started = time.monotonic()
    target = Path(target)
    _check_target(target)
    pages = Pages(open_graph(out_dir), data_dir, static=True)
    pages.views.prefetch()
    if not findings:
        pages.findings._result = _no_findings()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        files = _copy_files(pages, Path(out_dir), staging)
        asking, jobs = _jobs(pages)
        _make_folders(asking + jobs, staging)
        workers = workers or min(WORKERS, os.cpu_count() or 1)
        with progress(len(asking) + len(jobs), "writing pages", unit=" pages") as bar:
            # the workers render what was read at start while this process asks the store
            # (the stored questions, the findings, the unnamed authors): the two overlap
            with _rendering(pages, jobs, staging, workers) as rendered:
                files += _downloads(pages, staging)
                count = _render_jobs(asking, str(staging))
                bar.update(len(asking))
                count += rendered(bar)
        (staging / MARKER).write_text("a static site written by 'cwkg site'\n", "utf-8")
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return SiteResult(count, files, time.monotonic() - started)


def _no_findings():
    from .findings import FindingsResult
    return FindingsResult([], 0, "this site was written without validation findings")


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file; give a folder for the site")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise UsageError(f"{target} is not empty and was not written by 'cwkg site'; give an "
                         "empty or new folder (nothing was written)")


def _swap_in(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _copy_files(pages: Pages, out_dir: Path, root: Path) -> int:
    """The stylesheet and scripts, the search index and the dumps (hard links when the
    file system allows, else copies)."""
    count = 0
    (root / "static").mkdir()
    for file in STATIC.iterdir():
        if file.is_file():
            shutil.copyfile(file, root / "static" / file.name)
            count += 1
    index = _script_json(pages.dir.index.to_json_rows())
    # a script, not JSON to fetch: browsers refuse fetch() from file:// pages
    (root / "static" / "search-index.js").write_text(
        f"window.CWKG_SEARCH = {index};\n" + _node_paths(pages), "utf-8")
    (root / "dumps").mkdir()
    for _, name in DUMPS:
        source = out_dir / name
        if source.is_file():
            try:
                os.link(source, root / "dumps" / name)
            except OSError:
                shutil.copyfile(source, root / "dumps" / name)
            count += 1
    return count + 1


def _downloads(pages: Pages, root: Path) -> int:
    """Each stored question's answer as CSV and SPARQL JSON (asked with its examples)."""
    count = 0
    (root / "query").mkdir(exist_ok=True)
    catalogue = questions.catalogue().values()
    for query in catalogue:  # every question handed out first: they are asked in parallel
        questions.answer(pages.dir, query, {}, example=True, answers=pages.answers, wait=0)
    for query in catalogue:
        answer = questions.answer(pages.dir, query, {}, example=True, answers=pages.answers)
        if answer.result is not None:
            given = {k: v for k, v in answer.values.items() if v}
            _write_pieces(root / "query" / f"{query.id}.csv",
                          questions.csv_chunks(pages.dir, answer.result))
            _write_pieces(root / "query" / f"{query.id}.json",
                          pages.answers.json_pieces(query, given, answer.result))
            count += 2
    return count


def _write_pieces(path: Path, pieces) -> None:
    with open(path, "wb") as out:
        for piece in pieces:
            out.write(piece)


def _node_paths(pages: Pages) -> str:
    """Names of entities for the search results (the index keeps IRIs)."""
    names = {e.iri: e.label("en") for e in pages.dir.entities.values()}
    return f"window.CWKG_NAMES = {_script_json(names)};\n"


def _script_json(value) -> str:
    """JSON for a script: <, > and & as escapes, so no text in it can end a script element
    or open a comment, wherever the script is placed."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _jobs(pages: Pages) -> tuple[list, list]:
    """(path, page number) of every page: those that ask the store (rendered first, in
    this process), and those made from what was read at start (rendered by workers, which
    never touch the store)."""
    views, directory = pages.views, pages.dir
    asking = [("/findings", 1)] + [(f"/query/{q}", 1) for q in questions.catalogue()]
    agents = {c.speaker for c in directory.claims.values()} - set(directory.entities)
    for iri in sorted(agents):  # the unnamed authors: not in the reference graph
        said = len(views.roles_of(iri))
        asking += [(path_of(iri), n) for n in range(1, max(1, -(-said // PAGE_SIZE)) + 1)]
    jobs = [("/", 1), ("/entities", 1), ("/search", 1), ("/queries", 1)]
    count = max(1, -(-len(directory.sources) // PAGE_SIZE))
    jobs += [("/sources", n) for n in range(1, count + 1)]
    jobs += [(path_of(s), 1) for s in directory.sources]
    jobs += [(path_of(c), 1) for c in directory.claims]
    for iri in directory.entities:
        path = path_of(iri)
        if path is None:
            continue
        said = len(views.roles_of(iri))
        jobs += [(path, n) for n in range(1, max(1, -(-said // PAGE_SIZE)) + 1)]
    return asking, jobs


_PAGES: Pages | None = None  # the parent's, inherited by the forked workers


def _make_folders(jobs: list, root: Path) -> None:
    for folder in sorted({os.path.dirname(static_file(path, n)) for path, n in jobs}):
        if folder:
            (root / folder).mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def _rendering(pages: Pages, jobs: list, root: Path, workers: int):
    """Render ``jobs`` in ``workers`` forked processes (forked here, before this process
    starts anything else: they share what was read, copy-on-write) while the caller goes
    on; yields a function that takes the progress bar, waits for the workers and returns
    how many pages they wrote."""
    global _PAGES
    _PAGES = pages
    # pieces small enough for the progress bar to move, large enough to cost nothing
    pieces = [(jobs[i:i + PIECE], str(root)) for i in range(0, len(jobs), PIECE)]
    if workers <= 1 or len(jobs) < 200:
        yield lambda bar: _render_pieces(map(_render_piece, pieces), bar)
        return
    # what was read is frozen out of the cycle collector's sight: a worker's collection
    # would otherwise touch every object it inherited, and so copy the whole heap
    gc.collect()
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.imap_unordered(_render_piece, pieces)  # handed out at once
            yield lambda bar: _render_pieces(done, bar)
    finally:
        gc.unfreeze()


def _render_pieces(done, bar) -> int:
    count = 0
    for pages, size in done:
        count += pages
        bar.update(size)
    return count


def _render_piece(piece: tuple[list, str]) -> tuple[int, int]:
    return _render_jobs(*piece), len(piece[0])


def _render_jobs(jobs: list, root: str) -> int:
    pages = _PAGES
    count = 0
    for path, number in jobs:
        params = {"page": str(number)} if number > 1 else {}
        try:
            html = pages.html(path, params)
        except NotFound:
            continue
        with open(os.path.join(root, static_file(path, number)), "w", encoding="utf-8") as f:
            f.write(html)
        count += 1
    return count
