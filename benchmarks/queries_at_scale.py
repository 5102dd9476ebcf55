"""Time every stored query on a graph scaled up from the seed data.

The seed sources' named graphs are copied N times (every src:/claim: IRI gets a -copyK
suffix, so each copy is a distinct source with distinct claims), the reference graph
once. Each query runs on the embedded store (pyoxigraph) with its required parameters at
their examples and optional ones left out (the widest answer): best of 3, query plus
reading every row, in process (as `cwkg query` runs it), after one run in a worker process
stopped at LIMIT seconds (the library's timeout), so a runaway query cannot hang the run.

    .venv/bin/python benchmarks/queries_at_scale.py [COPIES [LIMIT]]   # 600 copies ~ 1M quads
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cwkg.build.memory import in_memory
from cwkg.errors import QueryError
from cwkg.namespaces import PREFIXES
from cwkg.query.catalogue import load_catalogue
from cwkg.query.embedded import EmbeddedBackend
from cwkg.query.run import run
from cwkg.rdf.store import Store

LOCAL = (PREFIXES["src"], PREFIXES["claim"])


def rename(term, suffix):
    if isinstance(term, ox.NamedNode) and term.value.startswith(LOCAL):
        if term.value.startswith(PREFIXES["claim"]):
            # claim:<source>-cNN[-anchor...]: the source part gets the suffix
            source, _, rest = term.value[len(PREFIXES["claim"]):].rpartition("-c")
            return ox.NamedNode(f"{PREFIXES['claim']}{source}{suffix}-c{rest}")
        if term.value.endswith("-author"):
            return ox.NamedNode(term.value[:-len("-author")] + suffix + "-author")
        return ox.NamedNode(term.value + suffix)
    return term


def scaled(quads, copies):
    reference = PREFIXES["graph"] + "reference"
    out = [q for q in quads if q.graph_name.value == reference]
    sourced = [q for q in quads if q.graph_name.value != reference]
    for k in range(copies):
        suffix = "" if k == 0 else f"-copy{k}"
        out.extend(ox.Quad(rename(q.subject, suffix), q.predicate, rename(q.object, suffix),
                           rename(q.graph_name, suffix)) for q in sourced)
    return out


def main(copies: int, limit: float) -> None:
    graph = in_memory(Path("data"))
    started = time.perf_counter()
    store = Store(scaled(graph.quads, copies))
    store.oxigraph
    print(f"{len(store):,} quads ({copies} copies of the seed sources), "
          f"loaded in {time.perf_counter() - started:.1f} s\n")
    guarded = EmbeddedBackend(store, timeout=limit)   # a worker process, killed at the limit
    direct = EmbeddedBackend(store)                    # in process, as the command runs it
    print("| query | rows | seconds (in process) | seconds (worker process) |\n"
          "|---|---:|---:|---:|")
    for query in load_catalogue().values():
        params = {p.name: p.example for p in query.params if not p.optional}
        try:
            t = time.perf_counter()
            run(query, params, backend=guarded)
            in_worker = time.perf_counter() - t
        except QueryError:
            print(f"| {query.id} | ? | stopped after {limit:g} s | |", flush=True)
            continue
        best, rows = float("inf"), 0
        for _ in range(3):
            t = time.perf_counter()
            rows = len(run(query, params, backend=direct))
            best = min(best, time.perf_counter() - t)
        print(f"| {query.id} | {rows:,} | {best:.3f} | {in_worker:.3f} |", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 600,
         float(sys.argv[2]) if len(sys.argv) > 2 else 60.0)
