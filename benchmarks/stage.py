"""One benchmark stage, run in a fresh process so its peak memory is its own.

    python -m benchmarks.stage STAGE CORPUS_DIR [ARG]

prints one JSON line: {"seconds": ..., "peak_mb": ..., ...}. ``seconds`` times the stage's
work only (not interpreter start-up or imports); ``peak_mb`` is the process's peak RSS,
``tree_peak_mb`` the sampled peak of the process and its workers together (proportional
set sizes: pages a forked worker shares with its parent count once), or None when the
environment sets ``CWKG_BENCH_SAMPLE=0``: reading /proc/*/smaps_rollup every 20 ms costs
CPU of its own, more the more worker processes there are (at 10,000 sources it added 30-50 s
to the pipeline's clock on 2 cores), so ``benchmarks.run`` times a stage without the sampler
and measures its memory in a run of its own.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import threading
import time
from pathlib import Path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tree_pss_mb(pid: int) -> float:
    """The memory held by ``pid`` and every process under it (build and validation
    workers), from /proc: each process's proportional set size, so the pages a forked
    worker shares with its parent count once, not once per process as RSS would."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += _pss_kb(current) * 1024
            with open(f"/proc/{current}/task/{current}/children") as children:
                todo += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            pass  # the process ended while we looked
    return total / 2**20


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    with open(f"/proc/{pid}/statm") as statm:  # no smaps_rollup (old kernel): RSS
        return int(statm.read().split()[1]) * resource.getpagesize() // 1024


class _TreePeak:
    """Samples the memory of this process and its workers every 20 ms: the peak the
    machine held, where ru_maxrss gives each process's peak alone (shared pages in each)."""

    def __init__(self):
        self.peak, self._stop = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _tree_pss_mb(os.getpid()))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


_TREE = None
SAMPLE = "CWKG_BENCH_SAMPLE"  # "0": no memory sampler (the stage's time is measured alone)


def _emit(**fields) -> None:
    # a parallel build's workers are processes of their own: the largest one's peak is shown
    # beside the stage's, and the sampled peak of all of them together
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    tree = _TREE.stop() if _TREE is not None else None
    print(json.dumps({**fields, "peak_mb": round(_peak_mb(), 1),
                      "worker_peak_mb": round(children, 1),
                      # a spike between two samples: the main process alone held its peak
                      "tree_peak_mb": round(max(tree, _peak_mb()), 1) if tree else None}),
          flush=True)


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def stage_build(corpus: Path, _arg) -> None:
    """cwkg build from scratch (no cache): data -> checked records -> quads -> every
    export, streamed and written atomically, and the fragment cache filled."""
    from cwkg.build.write import build
    out = corpus / "build-bench"
    shutil.rmtree(out, ignore_errors=True)
    seconds, result = _timed(lambda: build(corpus / "data", out))
    _emit(seconds=seconds, quads=result.quads, reused=result.reused)


def stage_rebuild(corpus: Path, arg) -> None:
    """cwkg build again after ``arg`` ("one": one claims file edited; "none": nothing
    changed): the incremental build. The edit is undone afterwards."""
    from cwkg.build.write import build
    out = corpus / "build-incremental"
    if not (out / "cwkg.nq").exists():
        build(corpus / "data", out)
    claims = sorted((corpus / "data" / "claims").glob("*.yaml"))[0]
    original = claims.read_bytes()
    try:
        if arg == "one":
            claims.write_bytes(original + f"# edited at {time.time()}\n".encode())
        seconds, result = _timed(lambda: build(corpus / "data", out))
    finally:
        claims.write_bytes(original)
    _emit(seconds=seconds, quads=result.quads, reused=result.reused)


def stage_load(corpus: Path, _arg) -> None:
    """data -> quads in memory (no export)."""
    from cwkg.build.memory import in_memory
    seconds, graph = _timed(lambda: in_memory(corpus / "data"))
    _emit(seconds=seconds, quads=len(graph.quads))


def _built(corpus: Path):
    from cwkg.build.read import load_build
    return load_build(corpus / "build")


def _validate(corpus: Path, out: Path, engine: str = "sparql") -> tuple[float, list]:
    """What ``cwkg validate`` does: with the sparql engine, data/ by batches of sources in
    worker processes (cwkg.validate_data); with pyshacl, the dataset from the build's
    fragment cache into one store, the SHACL shapes, then the *-violation.rq checks.
    Returns (seconds to load the store, or 0 when batched; findings)."""
    if engine == "sparql":
        from cwkg.validate.batches import validate_data
        return 0.0, validate_data(corpus / "data", out)[0].findings
    from cwkg.build.memory import dataset_store
    from cwkg.validate.checks import run_violation_checks
    from cwkg.validate.shacl import as_written_paths, run_shacl
    started = time.perf_counter()
    store, locations = dataset_store(corpus / "data", out, watch=as_written_paths(),
                                     keep_written=True)  # pySHACL reads literals as written
    loaded = time.perf_counter() - started
    findings = run_shacl(store, locations, engine=engine).findings
    return loaded, findings + list(run_violation_checks(store, locations))


def stage_validate(corpus: Path, engine: str) -> None:
    """cwkg validate after a build: by batches of sources in worker processes (sparql), or
    the store loaded from the build's cache, then SHACL and the violation checks (pyshacl)."""
    seconds, (loaded, findings) = _timed(lambda: _validate(corpus, corpus / "build",
                                                           engine or "sparql"))
    _emit(seconds=seconds, load=loaded, findings=len(findings))


def stage_export(corpus: Path, fmt: str) -> None:
    from cwkg.rdf.serialize import serialize
    store, _ = _built(corpus)
    quads = store.quads  # Python quads from the store, before timing: the writer's cost alone
    seconds, payload = _timed(lambda: serialize(quads, fmt))
    _emit(seconds=seconds, bytes=len(payload))


def stage_pipeline(corpus: Path, _arg) -> None:
    """The full pipeline, as `cwkg build && cwkg validate` runs it, from scratch in one
    process: build (every export written) then validate."""
    from cwkg.build.write import build
    out = corpus / "build-pipeline"
    shutil.rmtree(out, ignore_errors=True)

    def work():
        build(corpus / "data", out)
        return _validate(corpus, out)[1]

    seconds, findings = _timed(work)
    _emit(seconds=seconds, findings=len(findings))


def _repeat(fn, repeat: int, long: float = 20.0) -> dict:
    """min and median of ``repeat`` runs; a run longer than ``long`` seconds is not repeated
    (differing-figures returns 180,000 pairs at N = 10,000: minutes per run)."""
    times, result = [], None
    for _ in range(repeat):
        seconds, result = _timed(fn)
        times.append(seconds)
        if seconds > long:
            break
    return {"min": min(times), "median": sorted(times)[len(times) // 2], "runs": len(times),
            "rows": result}


def stage_queries(corpus: Path, repeat: str) -> None:
    """Every stored query through cwkg, and the same final SPARQL text on bare pyoxigraph."""
    _emit(seconds=0.0, queries=time_queries(corpus, int(repeat or 3)))


def time_queries(corpus: Path, repeat: int = 3, selected=None) -> dict:
    """{query: {"cwkg", "pyoxigraph rows", "pyoxigraph count"}}, each min / median / runs /
    rows as :func:`_repeat` gives them.

    cwkg: the query run as ``cwkg query`` runs it (catalogue, safety checks, parameter
    resolution, the rows as pyoxigraph terms in a ResultSet), on the store ``cwkg query``
    loads (:func:`cwkg.build.load_build`).

    The baselines run the same final SPARQL text on a bare pyoxigraph Store bulk-loaded
    from the same N-Quads:
    - "pyoxigraph rows" (the fair one, judged against the 2x target): the rows a user of
      pyoxigraph needs to use the answer, ``[tuple(s) for s in store.query(text)]``: the
      same terms in the same order as cwkg's rows;
    - "pyoxigraph count" (the first baseline, kept so the change shows): the solutions only
      counted, ``sum(1 for _ in store.query(text))``; no term reaches Python, so it times
      the SPARQL engine alone and is lower than anything that returns the answer.

    cwkg keeps an embedded Store's entity names once fetched (a parameter given as a name
    is resolved against them), so its runs after the first are warm; "cwkg first run" is
    one run with that table dropped beforehand: what each ``cwkg query`` process pays.

    The three take turns, run by run (cwkg, rows, count, cwkg, ...): on a shared 2-core
    machine the same query's time drifts by a third from one second to the next, and
    timing all of one kind before the other would put that drift into the ratio.
    """
    import gc

    import pyoxigraph as ox

    from benchmarks.queries import final_text, names, run_cwkg
    from cwkg.query.resolve import _STORE_NAMES
    chosen = [n for n in names() if selected is None or n in selected]
    store, _ = _built(corpus)
    store.oxigraph  # noqa: B018 - load before timing
    bare = ox.Store()
    bare.bulk_load(path=str(corpus / "build" / "cwkg.nq"), format=ox.RdfFormat.N_QUADS)
    gc.collect()
    out = {}
    for name in chosen:
        _STORE_NAMES.pop(store, None)
        first, _ = _timed(lambda: run_cwkg(store, name))
        text = final_text(store, name)
        out[name] = _taking_turns({
            "cwkg": lambda: run_cwkg(store, name),
            "pyoxigraph rows": lambda: len([tuple(s) for s in bare.query(text)]),
            "pyoxigraph count": lambda: sum(1 for _ in bare.query(text))}, repeat)
        out[name]["cwkg first run"] = {"seconds": first}
    return out


def _taking_turns(work: dict, repeat: int, long: float = 20.0, fill: float = 1.0,
                  most: int = 25) -> dict:
    """:func:`_repeat` for several functions, one run of each in turn; quick ones run more
    often (until the turns took ``fill`` seconds, at most ``most`` runs): a median of three
    runs of a 2 ms query is mostly noise."""
    times: dict = {k: [] for k in work}
    results: dict = {}
    spent = 0.0
    while True:
        for key, fn in work.items():
            seconds, results[key] = _timed(fn)
            times[key].append(seconds)
            spent += seconds
        runs = len(times[next(iter(work))])
        if max(times[k][-1] for k in work) > long or runs >= most or (
                runs >= repeat and spent >= fill):
            break
    return {k: {"min": min(t), "median": sorted(t)[len(t) // 2], "runs": len(t),
                "rows": results[k]} for k, t in times.items()}


def stage_ox_bulk(corpus: Path, _arg) -> None:
    """Baseline (b): pyoxigraph bare bulk load of the N-Quads, then a dump of them."""
    import pyoxigraph as ox
    source = corpus / "build" / "cwkg.nq"
    target = corpus / "ox-dump.nq"

    def work():
        store = ox.Store()
        store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
        loaded = time.perf_counter()
        store.dump(output=str(target), format=ox.RdfFormat.N_QUADS)
        return loaded

    start = time.perf_counter()
    loaded = work()
    end = time.perf_counter()
    _emit(seconds=end - start, load=loaded - start, dump=end - loaded)


def stage_naive(corpus: Path, _arg) -> None:
    """Baseline (a): rdflib + pySHACL alone. Prints a line after each step, so a run cut
    short by the time limit still tells how far it got."""
    import rdflib
    from pyshacl import validate

    from cwkg.resources import shapes_path
    start = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(corpus / "build" / "cwkg.ttl", format="turtle")
    parsed = time.perf_counter()
    _emit(step="parse", seconds=parsed - start)
    conforms, _, _ = validate(graph, shacl_graph=str(shapes_path()), inference="none",
                              allow_warnings=True)
    validated = time.perf_counter()
    _emit(step="validate", seconds=validated - start, validate=validated - parsed)
    graph.serialize(format="turtle")
    done = time.perf_counter()
    _emit(step="done", seconds=done - start, parse=parsed - start,
          validate=validated - parsed, serialize=done - validated)


STAGES = {"build": stage_build, "rebuild": stage_rebuild, "load": stage_load, "validate": stage_validate,
          "export": stage_export, "pipeline": stage_pipeline, "queries": stage_queries, "ox-bulk": stage_ox_bulk, "naive": stage_naive}


def main(argv: list[str]) -> None:
    global _TREE
    name, corpus = argv[0], Path(argv[1])
    _TREE = None if os.environ.get(SAMPLE) == "0" else _TreePeak()
    STAGES[name](corpus, argv[2] if len(argv) > 2 else None)


if __name__ == "__main__":
    main(sys.argv[1:])
