"""Time validation alone on a built corpus: SHACL (shapes compiled to SPARQL) and the
``*-violation.rq`` checks, with the slowest queries of each.

    python -m benchmarks.validation /path/to/corpus --repeat 5 --top 10

The corpus folder holds data/ and the build/ of it (benchmarks/run.py's work folders, or
the repository itself). The store is loaded once, as ``cwkg validate`` loads it (from the
build's fragment cache, with the literals as written kept aside), and is not timed with
validation; each figure is the minimum and the
median of --repeat runs, as wall-clock and as this process's CPU time (on a shared machine
the CPU time is the steadier figure). Every SPARQL query the SHACL engine sends is timed
by wrapping ``Runner.select``; each violation check is timed on its own.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path


def _short(query: str, width: int = 150) -> str:
    text = " ".join(query.split())
    text = re.sub(r"PREFIX \S+ <[^>]*> ", "", text)
    text = re.sub(r"<http[^>]*[#/]([^>#/]*)>", r"\1", text)
    return text[:width]


def _figure(values: list[float]) -> str:
    return f"min {min(values):6.2f} s  median {statistics.median(values):6.2f} s"


def _clear_caches() -> None:
    """Empty the compiled engine's caches (each of its modules' lru_caches)."""
    import importlib
    import pkgutil

    from cwkg.validate import compiled
    for info in pkgutil.iter_modules(compiled.__path__):
        module = importlib.import_module(f"{compiled.__name__}.{info.name}")
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def measure(corpus: Path, repeat: int = 3, top: int = 10, say=print) -> dict:
    """Time validation ``repeat`` times on ``corpus`` (data/ and build/); print a report."""
    from cwkg.build.memory import dataset_store
    from cwkg.query.catalogue import load_catalogue
    from cwkg.query.embedded import EmbeddedBackend
    from cwkg.query.run import run
    from cwkg.validate.compiled import runner as compiled_runner
    from cwkg.validate.shacl import as_written_paths, run_shacl

    start = time.perf_counter()
    store, locations = dataset_store(corpus / "data", corpus / "build",
                                     watch=as_written_paths(), keep_written=True)
    say(f"load {time.perf_counter() - start:.2f} s ({len(store.quads):,} quads, not timed below)")

    per_query: dict = defaultdict(list)
    select = compiled_runner.Runner.select

    def timed(self, query):
        t = time.perf_counter()
        rows = select(self, query)
        per_query[query].append(time.perf_counter() - t)
        return rows

    checks = [q for q in load_catalogue().values() if q.is_violation]
    backend = EmbeddedBackend(store)
    figures = {k: [] for k in ("shacl", "shacl cpu", "checks", "checks cpu", "total",
                               "total cpu")}
    per_check: dict = defaultdict(list)
    compiled_runner.Runner.select = timed
    try:
        for _ in range(repeat):
            _clear_caches()  # every run as cold as the one of 'cwkg validate'
            wall, cpu = time.perf_counter(), time.process_time()
            findings = run_shacl(store, locations).findings
            figures["shacl"].append(time.perf_counter() - wall)
            figures["shacl cpu"].append(time.process_time() - cpu)
            wall, cpu = time.perf_counter(), time.process_time()
            rows = 0
            for check in checks:
                t = time.perf_counter()
                rows += len(run(check, backend=backend).rows)
                per_check[check.id].append(time.perf_counter() - t)
            figures["checks"].append(time.perf_counter() - wall)
            figures["checks cpu"].append(time.process_time() - cpu)
    finally:
        compiled_runner.Runner.select = select
    for kind in ("", " cpu"):
        figures["total" + kind] = [a + b for a, b in zip(figures["shacl" + kind],
                                                         figures["checks" + kind])]
    sparql = sum(min(v) for v in per_query.values())
    say(f"SHACL            {_figure(figures['shacl'])}   cpu {_figure(figures['shacl cpu'])}"
        f"   ({len(per_query)} queries, {sparql:.2f} s of them in SPARQL; "
        f"{len(findings)} findings)")
    say(f"violation checks {_figure(figures['checks'])}   cpu {_figure(figures['checks cpu'])}"
        f"   ({len(checks)} checks, {rows} rows)")
    say(f"total            {_figure(figures['total'])}   cpu {_figure(figures['total cpu'])}")
    say(f"slowest queries (min of {repeat} runs):")
    slowest = sorted([(min(v), _short(q)) for q, v in per_query.items()]
                     + [(min(v), f"check {name}") for name, v in per_check.items()],
                     reverse=True)[:top]
    for seconds, text in slowest:
        say(f"  {seconds:6.3f} s  {text}")
    return figures


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder with data/ and its build/")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    measure(args.corpus, args.repeat, args.top)


if __name__ == "__main__":
    main()
