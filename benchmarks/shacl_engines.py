"""SHACL on a built corpus three ways: cwkg's compiled engine (the shapes compiled to SPARQL
on pyoxigraph), pySHACL on a plain rdflib graph (what ``--engine pyshacl`` runs), and
pySHACL on an rdflib graph whose store is pyoxigraph (the ``oxrdflib`` store plugin:
rdflib's API, pyoxigraph's storage and SPARQL).

    pip install -e '.[bench]'     # oxrdflib
    python -m benchmarks.generate 10000 /tmp/corpus10k
    python -c 'from pathlib import Path; from cwkg.build.write import build; build(Path("/tmp/corpus10k/data"), Path("/tmp/corpus10k/build"))'
    python -m benchmarks.shacl_engines /tmp/corpus10k --timeout 900

Each engine runs in a process of its own, stopped after --timeout seconds (then shown as
"> T s"). "load" is the time to get the data where the engine reads it (pyoxigraph store
from the build cache; an rdflib graph parsed from the union's N-Triples, as written);
"validate" is the SHACL run alone. "findings" counts what each reports: the synthetic corpus
has none, so a count above 0 is a wrong answer (pyoxigraph's store keeps
"+3"^^xsd:nonNegativeInteger as "3"^^xsd:integer, and pySHACL then judges sh:datatype on
what the store hands back, not what the data says).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ENGINES = ("compiled", "pyshacl-rdflib", "pyshacl-oxigraph")


def _pyshacl(graph, say) -> int:
    import logging

    import pyshacl

    from cwkg.namespaces import SH
    from cwkg.validate.shacl import load_shapes
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    shapes = load_shapes()
    start = time.perf_counter()
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                     abort_on_first=False, allow_warnings=True,
                                     meta_shacl=False, advanced=False, debug=False)
    say(validate=time.perf_counter() - start)
    return len(set(results.objects(None, SH.result)))


def run_one(engine: str, corpus: Path) -> None:
    """Load and validate with ``engine``; print one JSON line per step as it ends."""
    from cwkg.build.read import dataset_store
    from cwkg.validate.shacl import as_written_paths, run_shacl

    def say(**figures):
        print(json.dumps(figures), flush=True)

    start = time.perf_counter()
    if engine == "compiled":
        store, locations = dataset_store(corpus / "data", corpus / "build",
                                         watch=as_written_paths())
        say(load=time.perf_counter() - start, quads=len(store))
        start = time.perf_counter()
        findings = run_shacl(store, locations).findings
        say(validate=time.perf_counter() - start, findings=len(findings))
        return
    store, _ = dataset_store(corpus / "data", corpus / "build", keep_written=True)
    if engine == "pyshacl-rdflib":
        graph = store.union_rdflib_graph()  # as --engine pyshacl reads it
    else:
        import rdflib
        graph = rdflib.Graph(store="Oxigraph")
        graph.parse(data=store.to_ntriples_union(), format="ox-nt")
    say(load=time.perf_counter() - start, quads=len(graph))
    say(findings=_pyshacl(graph, say))


def _measure(engine: str, corpus: Path, timeout: float) -> dict:
    """``run_one`` in a child process; what it said before it ended or was stopped."""
    command = [sys.executable, "-m", "benchmarks.shacl_engines", str(corpus), "--one", engine]
    figures: dict = {}
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                          cwd=Path(__file__).resolve().parents[1]) as child:
        try:
            out, _ = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            out, _ = child.communicate()
            figures["stopped"] = True
    for line in out.splitlines():
        if line.startswith("{"):
            figures.update(json.loads(line))
    if child.returncode not in (0, None) and not figures.get("stopped"):
        figures["failed"] = child.returncode
    return figures


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder with data/ and build/")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds each engine may take, load included (default 900)")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--one", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        run_one(args.one, args.corpus)
        return
    rows = []
    for engine in args.engines.split(","):
        print(f"  {engine} ...", file=sys.stderr, flush=True)
        rows.append((engine, _measure(engine, args.corpus, args.timeout)))
    print(f"SHACL on {args.corpus} (timeout {args.timeout:.0f} s per engine)\n")
    print("| engine | quads | load (s) | validate (s) | findings |")
    print("|---|---|---|---|---|")
    for engine, f in rows:
        if "validate" in f:
            validate = f"{f['validate']:.1f}"
        elif f.get("stopped"):
            validate = f"> {args.timeout - f.get('load', 0):.0f}"
        else:
            validate = f"failed ({f.get('failed')})"
        load = f"{f['load']:.1f}" if "load" in f else "-"
        print(f"| {engine} | {f.get('quads', '-'):,} | {load} | {validate} | "
              f"{f.get('findings', '-')} |")


if __name__ == "__main__":
    main()
