"""`cwkg push` of a whole synthetic corpus beside each server's own bulk load of the same
N-Quads, side by side.

    .venv/bin/python -m benchmarks.bulk_push 10000 [--repeat 3] [--corpus DIR]
        [--no-replace-all] [--servers oxigraph,virtuoso]

(``benchmarks/servers.py --bulk N`` runs the same.)

For each server, each round runs, in turn:

- the server's own bulk load of the build's ``cwkg.nq``: ``oxigraph load`` into a new
  store folder (Oxigraph); ``ld_dir`` + ``rdf_loader_run()`` into a new database through
  ``isql`` (Virtuoso; the loader's own time, without the checkpoint that makes it durable);
- ``cwkg push`` of the same build into a new, empty server (a process of its own, from
  start to exit: reading the export, the upload, the server's commit and the count check),
  while a reader asks the server for its number of quads every 0.2 s: the line says
  which answers it got (an atomic load gives only 0 and the total);
- ``cwkg push --source`` of one source (a graph the server holds: replaced in place);
- ``cwkg push --replace-all`` of everything (every graph replaced, in transactions: on
  Virtuoso through its parser, on Oxigraph by ``DELETE ... WHERE`` + ``INSERT DATA``,
  longer than a bulk load), unless ``--no-replace-all``; its cell gives its ratio to the
  server's own bulk load too.

Each figure is printed as soon as it is measured. Rounds alternate the server's load and
cwkg's push, so drift on a shared machine falls on both; the closing table shows the
median of ``--repeat`` rounds and the machine's load average at the start and the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "servers"))
from server_procs import OxigraphServer, VirtuosoServer, push_command  # noqa: E402

from cwkg.server.http import Connection  # noqa: E402
from cwkg.server.push import server_counts  # noqa: E402
from cwkg.server.remote import select  # noqa: E402
from cwkg.server.serve import oxigraph_binary  # noqa: E402

ONE_SOURCE = "src:synthetic-00001"
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
PAUSE = 0.2  # seconds between a reader's questions: it watches, it does not load the server


def corpus(n: int, folder: Path) -> Path:
    """The build folder of a generated corpus of ``n`` sources (made once, then reused)."""
    out = folder / "build"
    if not (out / "cwkg.nq").exists():
        if not (folder / "data").exists():
            subprocess.run([sys.executable, "-m", "benchmarks.generate", str(n), str(folder)],
                           check=True, cwd=Path(__file__).resolve().parents[1])
        from cwkg.build.write import build
        build(folder / "data", out)
    return out


def timed_run(command: list[str], env: dict | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}... failed: {done.stderr[-800:]}")
    return seconds


def oxigraph_load(dataset: Path, scratch: Path, quads: int) -> float:
    location = scratch / "oxigraph-load"
    shutil.rmtree(location, ignore_errors=True)
    seconds = timed_run([oxigraph_binary(), "load", "--location", str(location), "--file",
                         str(dataset)])
    shutil.rmtree(location, ignore_errors=True)
    return seconds


def virtuoso_load(dataset: Path, scratch: Path, quads: int) -> float:
    folder = scratch / "virtuoso-load"
    shutil.rmtree(folder, ignore_errors=True)
    server = VirtuosoServer(folder).start()
    try:
        shutil.copy(dataset, folder / "load.nq")          # where DirsAllowed lets it read
        server.isql(f"ld_dir('{folder}', 'load.nq', 'urn:cwkg:bench');")
        started = time.perf_counter()
        server.isql("rdf_loader_run();")
        seconds = time.perf_counter() - started
        loaded = sum(server_counts(server.target().query, None).values())
        if loaded != quads:
            raise RuntimeError(f"Virtuoso's loader loaded {loaded} quads of {quads}")
        return seconds
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


class Reader:
    """A thread that counts the server's quads every ``PAUSE`` seconds; ``seen`` keeps each
    answer once, with how often it came."""

    def __init__(self, url: str):
        self.connection = Connection(url, timeout=600, retries=0)
        # what the server holds before (Virtuoso's own system graphs), taken off each answer
        self.before = int(select(self.connection, QUADS).rows[0][0].value)
        self.seen: dict[int, int] = {}
        self.stopping = False
        self.thread = threading.Thread(target=self._ask, daemon=True)

    def _ask(self) -> None:
        while not self.stopping:
            try:
                n = int(select(self.connection, QUADS).rows[0][0].value) - self.before
            except Exception:  # noqa: BLE001 - a busy server's refusal is not an answer
                continue
            self.seen[n] = self.seen.get(n, 0) + 1
            time.sleep(PAUSE)

    def __enter__(self) -> Reader:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping = True
        self.thread.join(600)

    def describe(self, total: int) -> str:
        between = sorted(n for n in self.seen if n not in (0, total))
        return (f"a reader got 0 quads {self.seen.get(0, 0)} times, all {total:,} "
                f"{self.seen.get(total, 0)} times, anything else "
                f"{sum(self.seen[n] for n in between)} times"
                + (f" ({between[0]:,} ... {between[-1]:,})" if between else ""))


def cwkg_pushes(kind, out: Path, scratch: Path, quads: int, replace_all: bool) -> list[float]:
    """[push into an empty server, re-push of one source, --replace-all] in seconds,
    each printed as it is measured."""
    name = kind.__name__.removesuffix("Server")
    folder = scratch / f"{kind.__name__}-push"
    shutil.rmtree(folder, ignore_errors=True)
    server = kind(folder).start()
    try:
        options, env = push_command(server)
        cwkg = [sys.executable, "-m", "cwkg.cli", "--data", str(out.parent / "data"), "--out",
                str(out), "push", *options, "--timeout", "3600"]
        with Reader(server.query_url()) as reader:
            seconds = [timed_run(cwkg, env)]
        print(f"  {name}: cwkg push into the empty server {seconds[0]:.1f} s; "
              f"{reader.describe(quads)}", flush=True)
        seconds.append(timed_run([*cwkg, "--source", ONE_SOURCE], env))
        print(f"  {name}: re-push of {ONE_SOURCE} {seconds[1]:.2f} s", flush=True)
        if replace_all:
            seconds.append(timed_run([*cwkg, "--replace-all"], env))
            print(f"  {name}: push --replace-all {seconds[2]:.1f} s", flush=True)
        return seconds
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def bulk_table(n: int, folder: Path, repeat: int, replace_all: bool = True,
               servers: tuple[str, ...] = ("oxigraph", "virtuoso")) -> None:
    out = corpus(n, folder)
    dataset = out / "cwkg.nq"
    scratch = folder / "scratch"
    scratch.mkdir(exist_ok=True)
    quads = sum(1 for _ in open(dataset, "rb"))
    started = os.getloadavg()[0]
    print(f"bulk push: N = {n:,} sources, {quads:,} quads, "
          f"{dataset.stat().st_size / 1e6:.0f} MB of N-Quads; load average at start "
          f"{started:.1f} on {os.cpu_count()} CPUs; {repeat} round(s)\n", flush=True)
    rows = []
    kinds = {"oxigraph": (OxigraphServer, oxigraph_load, "oxigraph load"),
             "virtuoso": (VirtuosoServer, virtuoso_load, "ld_dir + rdf_loader_run")}
    for kind, baseline, how in (kinds[s] for s in servers):
        name = kind.__name__.removesuffix("Server")
        loads, pushes = [], []
        for _ in range(repeat):
            loads.append(baseline(dataset, scratch, quads))
            print(f"  {name}: {how} {loads[-1]:.1f} s", flush=True)
            pushes.append(cwkg_pushes(kind, out, scratch, quads, replace_all))
        load = statistics.median(loads)
        medians = [statistics.median(p[i] for p in pushes) for i in range(len(pushes[0]))]
        everything = f"{medians[2]:.1f} ({medians[2] / load:.2f}x)" if replace_all \
            else "not run"
        rows.append(f"| {name} ({how}) | {load:.1f} | {medians[0]:.1f} | "
                    f"{medians[0] / load:.2f}x | {medians[1]:.2f} | {everything} |")
    print(f"\nmedian of {repeat} round(s); load average {started:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    print("| server | server's own bulk load (s) | cwkg push into an empty server (s) | ratio "
          "| re-push of one source (s) | push --replace-all (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(row)
    shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, metavar="N", help="sources in the generated corpus")
    parser.add_argument("--repeat", type=int, default=1, help="rounds per server (median)")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="where the corpus is kept (default /tmp/cwkg-bench/bulk-N)")
    parser.add_argument("--no-replace-all", action="store_true",
                        help="leave out push --replace-all (the slowest)")
    parser.add_argument("--servers", default="oxigraph,virtuoso",
                        help="which servers, comma-separated")
    args = parser.parse_args()
    bulk_table(args.n, args.corpus or Path(f"/tmp/cwkg-bench/bulk-{args.n}"), args.repeat,
               not args.no_replace_all, tuple(args.servers.split(",")))


if __name__ == "__main__":
    main()
