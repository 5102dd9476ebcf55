"""Push time and query times on the embedded store, Oxigraph server and Virtuoso.

    .venv/bin/python benchmarks/servers.py [--repeat 5] [--data data] [--synthetic N]
    .venv/bin/python benchmarks/servers.py --bulk 10000 [--repeat 3] [--corpus DIR]
        [--no-replace-all] [--servers oxigraph,virtuoso]

Starts its own Oxigraph and Virtuoso on 127.0.0.1 in a temporary folder (as the
tests do; Virtuoso needs `bash .ci/install-servers`), pushes the build with
`cwkg.push` (timed: first push into an empty server, then a re-push replacing
every graph), and times each stored query of queries/ (median of --repeat runs, after
one warm-up) on each store: pyoxigraph in process, and through cwkg.remote.select (what
`cwkg query --endpoint` uses) on each server; required parameters take their examples.
``--synthetic N`` then times a push of N more triples (graphs of 5,000 triples, each
with a 20 KB Arabic and English text literal). Prints Markdown tables.

``--bulk N`` instead generates and builds a corpus of N sources and times `cwkg push` of it
beside each server's own bulk load of the same N-Quads (benchmarks/bulk_push.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests" / "servers"), str(REPO)]

# the test suite's server helpers, after the path that finds them
from server_procs import OxigraphServer, VirtuosoServer  # noqa: E402
from tests.servers.dialects import normalised_rows  # noqa: E402

from cwkg.build.memory import in_memory  # noqa: E402
from cwkg.query.results import ResultSet  # noqa: E402
from cwkg.rdf.store import Store  # noqa: E402
from cwkg.server.payload import Dataset  # noqa: E402
from cwkg.server.push import push  # noqa: E402
from cwkg.server.remote import select  # noqa: E402


def queries(store: Store) -> dict[str, str]:
    """id -> the final query text, parameters bound to their examples (as `cwkg query`
    binds them: a VALUES block)."""
    from cwkg.query.catalogue import load_catalogue
    from cwkg.query.embedded import EmbeddedBackend
    from cwkg.query.resolve import Resolver, bind
    from cwkg.query.run import final_text
    resolver = Resolver(EmbeddedBackend(store))
    texts = {}
    for qid, query in sorted(load_catalogue().items()):
        examples = {p.name: [p.example] for p in query.params if not p.optional}
        texts[qid] = final_text(query, bind(query, examples, resolver))
    return texts


def synthetic(triples: int, per_graph: int = 5000) -> Store:
    """Made-up graphs shaped like sources: a long text and many small claim triples."""
    import pyoxigraph as ox

    from cwkg.namespaces import PREFIXES
    quads = []
    for g in range(max(1, triples // per_graph)):
        graph = ox.NamedNode(f"{PREFIXES['src']}synthetic-{g}")
        quads.append(ox.Quad(graph, ox.NamedNode(PREFIXES["schema"] + "text"),
                             ox.Literal("خان شيخون Khan Sheikhoun " * 800), graph))
        for i in range(per_graph - 1):
            node = ox.NamedNode(f"{PREFIXES['claim']}synthetic-{g}-c{i // 10}")
            quads.append(ox.Quad(node, ox.NamedNode(f"{PREFIXES['cwkg']}p{i % 10}"),
                                 ox.Literal(str(i), datatype=ox.NamedNode(PREFIXES["xsd"] +
                                                                          "integer")), graph))
    return Store(quads)


def timed(function, repeat: int) -> tuple[float, object]:
    """Median of ``repeat`` runs after one warm-up run."""
    result = function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def time_pushes(label: str, store: Store, targets: dict, repeat: int) -> None:
    """First push into each server, then the median re-push (every graph replaced)."""
    dataset = Dataset.from_store(store)
    print(f"{label}: {dataset.triples} quads in {len(dataset.graphs)} graphs\n")
    print("| server | first push (s) | re-push, every graph replaced (s) | triples/s |")
    print("|---|---:|---:|---:|")
    for name, target in targets.items():
        started = time.perf_counter()
        push(dataset, target)
        first = time.perf_counter() - started
        again, _ = timed(lambda: push(dataset, target), repeat)
        print(f"| {name} | {first:.3f} | {again:.3f} | {dataset.triples / again:,.0f} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", type=Path, default=REPO / "data")
    parser.add_argument("--synthetic", type=int, default=0)
    parser.add_argument("--bulk", type=int, default=0, metavar="N")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="where --bulk keeps its corpus (default /tmp/cwkg-bench/bulk-N)")
    parser.add_argument("--no-replace-all", action="store_true",
                        help="--bulk: leave out push --replace-all (the slowest)")
    parser.add_argument("--servers", default="oxigraph,virtuoso",
                        help="--bulk: which servers, comma-separated")
    args = parser.parse_args()
    if args.bulk:
        from bulk_push import bulk_table
        bulk_table(args.bulk, args.corpus or Path(f"/tmp/cwkg-bench/bulk-{args.bulk}"),
                   args.repeat, not args.no_replace_all, tuple(args.servers.split(",")))
        return

    graph = in_memory(args.data)
    store = Store(graph.quads)
    with tempfile.TemporaryDirectory(prefix="cwkg-bench-") as folder:
        servers = {"oxigraph": OxigraphServer(Path(folder) / "oxigraph").start(),
                   "virtuoso": VirtuosoServer(Path(folder) / "virtuoso").start()}
        try:
            targets = {name: server.target() for name, server in servers.items()}
            time_pushes("dataset", store, targets, args.repeat)
            print("| query | rows | embedded (ms) | oxigraph (ms) | virtuoso (ms) | same rows |")
            print("|---|---:|---:|---:|---:|---|")
            engine = store.oxigraph
            for qid, text in queries(store).items():
                local_t, local = timed(lambda: ResultSet.from_solutions(
                    engine.query(text, use_default_graph_as_union=True)), args.repeat)
                cells, same = [], True
                for target in targets.values():
                    remote_t, remote = timed(lambda: select(target.query, text),
                                             args.repeat)
                    cells.append(f"{remote_t * 1000:.1f}")
                    same &= normalised_rows(remote) == normalised_rows(local)
                print(f"| {qid} | {len(local)} | {local_t * 1000:.1f} | {' | '.join(cells)} | "
                      f"{'yes' if same else 'NO'} |")
            if args.synthetic:
                print()
                time_pushes("synthetic", synthetic(args.synthetic), targets, args.repeat)
        finally:
            for server in servers.values():
                server.stop()


if __name__ == "__main__":
    main()
