"""`cwkg push` of a whole synthetic corpus beside each server's own bulk load of the same
N-Quads, side by side (``benchmarks/servers.py --bulk N`` runs it).

For each server, each round runs, in turn:

- the server's own bulk load of the build's ``cwkg.nq``: ``oxigraph load`` into a new
  store folder (Oxigraph); ``ld_dir`` + ``rdf_loader_run()`` into a new database through
  ``isql`` (Virtuoso; the loader's own time, without the checkpoint that makes it durable);
- ``cwkg push`` of the same build into a new, empty server (a process of its own, from
  start to exit: reading the export, the upload, the server's commit and the count check);
- ``cwkg push --source`` of one source (a graph the server holds: replaced in place);
- ``cwkg push --replace-all`` of everything (every graph replaced, in transactions).

Rounds alternate the two, so drift on a shared machine falls on both; the table shows the
median of ``--repeat`` rounds and the machine's load average at the start.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from server_procs import OxigraphServer, VirtuosoServer, push_command

from cwkg.server.push import server_counts
from cwkg.server.serve import oxigraph_binary

ONE_SOURCE = "src:synthetic-00001"


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


def cwkg_pushes(kind, out: Path, scratch: Path) -> tuple[float, float, float]:
    """(push into an empty server, re-push of one source, --replace-all) in seconds."""
    folder = scratch / f"{kind.__name__}-push"
    shutil.rmtree(folder, ignore_errors=True)
    server = kind(folder).start()
    try:
        options, env = push_command(server)
        cwkg = [sys.executable, "-m", "cwkg.cli", "--out", str(out), "push", *options,
                "--timeout", "600"]
        first = timed_run(cwkg, env)
        one = timed_run([*cwkg, "--source", ONE_SOURCE], env)
        everything = timed_run([*cwkg, "--replace-all"], env)
        return first, one, everything
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def bulk_table(n: int, folder: Path, repeat: int) -> None:
    out = corpus(n, folder)
    dataset = out / "cwkg.nq"
    scratch = folder / "scratch"
    scratch.mkdir(exist_ok=True)
    quads = sum(1 for _ in open(dataset, "rb"))
    print(f"bulk push: N = {n:,} sources, {quads:,} quads, "
          f"{dataset.stat().st_size / 1e6:.0f} MB of N-Quads; load average at start "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; median of {repeat}\n")
    print("| server | server's own bulk load (s) | cwkg push into an empty server (s) | ratio "
          "| re-push of one source (s) | push --replace-all (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, baseline, how in ((OxigraphServer, oxigraph_load, "oxigraph load"),
                                (VirtuosoServer, virtuoso_load, "ld_dir + rdf_loader_run")):
        loads, pushes = [], []
        for _ in range(repeat):
            loads.append(baseline(dataset, scratch, quads))
            pushes.append(cwkg_pushes(kind, out, scratch))
        load = statistics.median(loads)
        first, one, everything = (statistics.median(p[i] for p in pushes) for i in range(3))
        print(f"| {kind.__name__.removesuffix('Server')} ({how}) | {load:.1f} | {first:.1f} | "
              f"{first / load:.2f}x | {one:.2f} | {everything:.1f} |", flush=True)
    shutil.rmtree(scratch, ignore_errors=True)
