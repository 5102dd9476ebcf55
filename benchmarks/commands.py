"""What a user lives: each cwkg command end to end, in a fresh process, from its start to
its exit, on a built synthetic corpus, with the baseline it is judged against.

    python -m benchmarks.commands CORPUS [--repeat 3]    # CORPUS: from benchmarks.generate
    python -m benchmarks.commands CORPUS --only queries --questions about-entity voices

- ``cwkg query Q`` for every stored question (optional parameters left out, required ones
  given a synthetic entity), against the same final SPARQL text run on an already-open
  pyoxigraph store (the build's persistent store, opened read-only, rows turned into
  Python tuples) plus Python's own start-up (``python -c pass``) [target: within 2x];
- ``cwkg serve`` until its query URL answers [target: within 1 s];
- ``cwkg build`` from scratch, after one edited source and with nothing changed;
- ``cwkg validate`` from scratch (no findings memo), right after a build (target: under
  20% of from scratch) and after one source edited since the build (under 5%).

Prints one JSON line per figure; ``benchmarks.run`` puts them in its table.

Every command runs as an installed cwkg runs: with Python's byte-code cache, even where
``PYTHONDONTWRITEBYTECODE`` is set for this process (a session that set it compiled all of
cwkg's modules from source on every start, some 50 ms a command: a cost no installed cwkg
pays, and not one of the commands').
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CWKG = [sys.executable, "-m", "cwkg.cli"]
# the commands' environment: with the byte-code cache (see above)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _timed(command: list[str], cwd: Path, check: bool = True) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV)
    seconds = time.perf_counter() - started
    if check and done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def _summary(times: list[float]) -> dict:
    return {"min": min(times), "median": statistics.median(times), "runs": len(times)}


def python_start(repeat: int) -> dict:
    return _summary([_timed([sys.executable, "-c", "pass"], Path.cwd())
                     for _ in range(max(repeat, 5))])


def queries(corpus: Path, repeat: int, questions=None) -> dict:
    """{question: {"cwkg": ..., "engine": ...}} (seconds: min / median / runs), for every
    stored question or for ``questions``."""
    import pyoxigraph as ox

    from benchmarks.queries import assignments, final_text, names
    from cwkg.build.read import open_build
    from cwkg.query.catalogue import get_query

    store = open_build(corpus / "build")
    bare = ox.Store.read_only(os.path.realpath(corpus / "build" / "store"))
    out = {}
    for name in questions or names():
        query = get_query(name)
        params = [f"{k}={v[0]}" for k, v in assignments(query).items()]
        # the engine's time, however long: not the user's default limit of 60 s
        command = CWKG + ["--data", "data", "--out", "build", "query", name, "--format", "tsv",
                          "--timeout", "3600"]
        for param in params:
            command += ["-p", param]
        text = final_text(store, name)
        cwkg_times, engine_times = [], []
        for _ in range(repeat):  # taking turns: the machine's drift lands on both
            cwkg_times.append(_timed(command, corpus))
            started = time.perf_counter()
            rows = [tuple(solution) for solution in bare.query(text)]
            engine_times.append(time.perf_counter() - started)
        out[name] = {"cwkg": _summary(cwkg_times), "engine": _summary(engine_times),
                     "rows": len(rows)}
    return out


def serve_until_answers(corpus: Path, repeat: int) -> dict | None:
    """Seconds from starting ``cwkg serve`` to its first answer (None: no oxigraph)."""
    if shutil.which("oxigraph") is None and not Path(sys.executable).with_name("oxigraph").exists():
        return None
    times = []
    for _ in range(repeat):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        url = f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"
        started = time.perf_counter()
        process = subprocess.Popen(CWKG + ["--data", "data", "--out", "build", "serve",
                                           "--port", str(port)], cwd=corpus, env=ENV,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=5) as answer:
                        answer.read()
                    break
                except OSError:
                    if process.poll() is not None or time.perf_counter() - started > 120:
                        raise SystemExit("cwkg serve did not answer")
                    time.sleep(0.01)
            times.append(time.perf_counter() - started)
        finally:
            process.terminate()
            process.wait(30)
    return _summary(times)


def build_and_validate(corpus: Path, repeat: int) -> dict:
    """cwkg build and cwkg validate as a user runs them, into a copy of the build folder
    (the corpus's own build stays as it was)."""
    out: dict = {}
    work = corpus / "build-commands"
    claims = sorted((corpus / "data" / "claims").glob("*.yaml"))[0]
    original = claims.read_bytes()

    def cwkg(*args) -> float:
        return _timed(CWKG + ["--data", "data", "--out", work.name, *args], corpus)

    def edit() -> None:
        claims.write_bytes(original + f"# edited at {time.time()}\n".encode())

    try:
        scratch, after_build, after_edit, build_new, build_one, build_none = ([] for _ in
                                                                              range(6))
        for _ in range(repeat):
            shutil.rmtree(work, ignore_errors=True)
            build_new.append(cwkg("build"))
            after_build.append(cwkg("validate"))
            (work / ".cache" / "findings.json").unlink()
            scratch.append(cwkg("validate"))
            edit()
            build_one.append(cwkg("build"))
            build_none.append(cwkg("build"))
            edit()
            after_edit.append(cwkg("validate"))
            claims.write_bytes(original)
        out.update({"build from scratch": _summary(build_new),
                    "build, one source edited": _summary(build_one),
                    "build, nothing changed": _summary(build_none),
                    "validate from scratch": _summary(scratch),
                    "validate right after build": _summary(after_build),
                    "validate, one source edited since": _summary(after_edit)})
    finally:
        claims.write_bytes(original)
        shutil.rmtree(work, ignore_errors=True)
    return out


PARTS = ("queries", "serve", "commands")


def measure(corpus: Path, repeat: int, only=PARTS, questions=None) -> dict:
    # the build must be the data's (another benchmark may have touched data/ since); this
    # first command also writes the byte-code cache of the modules a build imports (and
    # validation's), the query that of a query's
    _timed(CWKG + ["--data", "data", "--out", "build", "build"], corpus)
    _timed(CWKG + ["--data", "data", "--out", "build", "query", "voices"], corpus)
    parts = {"queries": lambda: queries(corpus, repeat, questions),
             "serve": lambda: serve_until_answers(corpus, repeat),
             "commands": lambda: build_and_validate(corpus, repeat)}
    return {"python start": python_start(repeat),
            **{part: parts[part]() for part in PARTS if part in only}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=PARTS, default=PARTS,
                        help="measure only these parts (default: all)")
    parser.add_argument("--questions", nargs="+", metavar="ID",
                        help="time only these stored questions (default: every one)")
    args = parser.parse_args(argv)
    if not (args.corpus / "build" / "cwkg.nq").exists():
        raise SystemExit(f"build {args.corpus} first (cwkg --data data --out build build)")
    if args.questions and "queries" not in args.only:
        parser.error("--questions goes with --only queries")
    if args.questions:
        from benchmarks.queries import names
        unknown = sorted(set(args.questions) - set(names()))
        if unknown:
            raise SystemExit(f"no stored question {', '.join(unknown)} (see: cwkg query --list)")
    print(json.dumps(measure(args.corpus, args.repeat, args.only, args.questions)))


if __name__ == "__main__":
    main()
