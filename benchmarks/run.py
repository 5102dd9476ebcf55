"""Run the benchmark suite and print one table: every stage, both baselines, the ratios.

    python -m benchmarks.run --sizes 1000 10000

For each N it generates the synthetic corpus (benchmarks/generate.py) in a work folder
(never in data/), builds it once, then runs each stage in a fresh process
(benchmarks/stage.py): min and median of --repeat runs for stages under --long seconds,
one run above. The naive rdflib + pySHACL baseline gets --naive-timeout seconds; if it is
cut off, its figure is a lower bound (">").
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import commands
from benchmarks.generate import generate
from benchmarks.stage import SAMPLE

EXPORTS = ("turtle", "trig", "nquads", "jsonld")


def _stage(name: str, corpus: Path, arg: str | None = None, timeout: float | None = None,
           sample: bool = True):
    """One stage in a fresh process; ``sample``: with the memory sampler (see stage.py)."""
    cmd = [sys.executable, "-m", "benchmarks.stage", name, str(corpus)] + ([arg] if arg else [])
    env = {**os.environ, SAMPLE: "1" if sample else "0"}
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                              cwd=Path(__file__).resolve().parents[1])
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        return {"timeout": timeout, "progress": lines}
    if done.returncode != 0:
        raise SystemExit(f"stage {name} {arg or ''} failed:\n{done.stderr[-2000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")][-1]


def measure(name, corpus, arg=None, repeat=3, long=20.0):
    """{'min', 'median', 'runs', 'peak_mb', ...} of a stage: its time from runs without the
    memory sampler, whose own CPU would be counted in it (stage.py), and its memory from
    one more run with the sampler."""
    runs = [_stage(name, corpus, arg, sample=False)]
    while len(runs) < repeat and runs[0]["seconds"] < long:
        runs.append(_stage(name, corpus, arg, sample=False))
    sampled = _stage(name, corpus, arg)
    times = [r["seconds"] for r in runs]
    return {**runs[-1], "min": min(times), "median": statistics.median(times), "runs": len(runs),
            "sampled_seconds": sampled["seconds"],
            "peak_mb": max(r["peak_mb"] for r in runs + [sampled]),
            "tree_peak_mb": sampled["tree_peak_mb"] or sampled["peak_mb"]}


def help_time(repeat: int) -> dict:
    cwkg = Path(sys.executable).with_name("cwkg")
    times = []
    for _ in range(max(repeat, 5)):
        start = time.perf_counter()
        subprocess.run([str(cwkg), "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return {"min": min(times), "median": statistics.median(times), "runs": len(times),
            "peak_mb": None}


def run_size(n: int, work: Path, args) -> dict:
    corpus = work / f"n{n}"
    if not (corpus / "data").exists():
        generate(n, corpus, seed=args.seed)
    subprocess.run([sys.executable, "-c", "from pathlib import Path; from cwkg.build.write import "
                    f"build; build(Path({str(corpus / 'data')!r}), Path({str(corpus / 'build')!r}))"],
                   check=True)
    r: dict = {"n": n, "nq_mb": (corpus / "build" / "cwkg.nq").stat().st_size / 2**20}
    say = lambda what: print(f"  N={n}: {what}", file=sys.stderr, flush=True)  # noqa: E731
    for stage, arg in [("pipeline", None), ("build", None), ("rebuild", "one"),
                       ("rebuild", "none"), ("load", None), ("validate", "sparql")] + \
            [("export", f) for f in EXPORTS]:
        say(f"{stage} {arg or ''}")
        r[f"{stage} {arg}" if arg else stage] = measure(stage, corpus, arg, args.repeat, args.long)
    if args.pyshacl_up_to and n <= args.pyshacl_up_to:
        say("validate pyshacl")
        r["validate pyshacl"] = measure("validate", corpus, "pyshacl", 1)
    say("stored queries, cwkg and bare pyoxigraph")
    r["queries"] = _stage("queries", corpus, str(args.repeat), sample=False)["queries"]
    say("baseline pyoxigraph bulk load + dump")
    r["ox-bulk"] = measure("ox-bulk", corpus, None, args.repeat, args.long)
    # enough time to show the 10x target met or missed; a cut-off run is a lower bound
    limit = args.naive_timeout or max(120.0, 12 * r["pipeline"]["median"])
    say(f"baseline rdflib + pySHACL (limit {limit:.0f} s)")
    r["naive"] = _stage("naive", corpus, None, timeout=limit)
    if "timeout" not in r["naive"]:
        r["naive"].update(min=r["naive"]["seconds"], median=r["naive"]["seconds"], runs=1)
    r["help"] = help_time(args.repeat)
    say("user commands end to end (query, serve, build, validate)")
    r["user"] = commands.measure(corpus, args.repeat)
    if not args.keep:
        shutil.rmtree(corpus / "build-bench", ignore_errors=True)
        shutil.rmtree(corpus / "build-pipeline", ignore_errors=True)
        shutil.rmtree(corpus / "build-incremental", ignore_errors=True)
    return r


def _fmt(m) -> str:
    if m is None:
        return "-"
    if "timeout" in m:
        return f"> {m['timeout']:.0f} (cut off)"
    if m["runs"] == 1:
        return f"{m['median']:.3f}"
    return f"{m['min']:.3f} / {m['median']:.3f}"


def table(results: list[dict]) -> str:
    lines = []
    add = lines.append
    sizes = [r["n"] for r in results]
    add("| stage (seconds: min / median of runs; one figure = one run) | "
        + " | ".join(f"N={n}" for n in sizes) + " |")
    add("|---|" + "---|" * len(sizes))

    def row(label, get):
        add(f"| {label} | " + " | ".join(get(r) for r in results) + " |")

    row("N-Quads export size", lambda r: f"{r['nq_mb']:.1f} MB")
    row("**full pipeline** from scratch (build + all exports + validate), cwkg",
        lambda r: _fmt(r["pipeline"]))
    row("cwkg build from scratch (data -> 4 exports + locations written, with the cache index)",
        lambda r: _fmt(r["build"]))
    row("cwkg build again, one source edited (incremental)", lambda r: _fmt(r["rebuild one"]))
    row("cwkg build again, nothing changed", lambda r: _fmt(r["rebuild none"]))
    row("  ratio incremental / from scratch", lambda r: f"{r['rebuild one']['median'] / r['build']['median']:.2f}")
    row("  data -> quads in memory (no export)", lambda r: _fmt(r["load"]))
    row("cwkg validate (batches of sources from the build cache, in worker processes: SHACL + violation checks)",
        lambda r: _fmt(r["validate sparql"]))
    for f in EXPORTS:
        row(f"  serialize the whole dataset as {f}", lambda r, f=f: _fmt(r[f"export {f}"]))
    row("  validate --engine pyshacl (reference)", lambda r: _fmt(r.get("validate pyshacl")))
    row("baseline (b): pyoxigraph bulk load + dump N-Quads", lambda r: _fmt(r["ox-bulk"]))
    row("baseline (a): naive rdflib parse + pySHACL + serialize", lambda r: _fmt(r["naive"]))
    row("ratio full pipeline / (b)  [target <= 3]",
        lambda r: f"{r['pipeline']['median'] / r['ox-bulk']['median']:.1f}x")
    row("ratio (a) / full pipeline  [target >= 10]", lambda r: _naive_ratio(r))
    for name in sorted(results[0]["queries"]):
        row(f"query {name}: cwkg / pyoxigraph rows (ratio) [target <= 2]; "
            "pyoxigraph count only (ratio); cwkg's first run", lambda r, q=name: _query_cell(r, q))
    row("peak memory, full pipeline (cwkg + its workers, sampled) / N-Quads size  "
        "[target <= 2]",
        lambda r: f"{r['pipeline']['tree_peak_mb']:.0f} MB / {r['nq_mb']:.0f} MB = "
                  f"{r['pipeline']['tree_peak_mb'] / r['nq_mb']:.1f}x")
    for label, key in (("cwkg build from scratch", "build"), ("cwkg validate", "validate sparql")):
        row(f"  peak memory of {label}: all processes (sampled); the main one; its largest "
            "worker", lambda r, k=key: _memory(r[k]))
    row("cwkg --help  [target <= 0.3]", lambda r: _fmt(r["help"]))
    _user_rows(row, results)
    if len(results) > 1:
        a, b = results[0], results[-1]
        growth = b["pipeline"]["median"] / a["pipeline"]["median"]
        add("")
        add(f"growth: {b['n'] // a['n']}x the documents -> {growth:.1f}x the full-pipeline time "
            "[target <= 11x for 10x]")
    return "\n".join(lines)


def _user_rows(row, results: list[dict]) -> None:
    """Each command as a user runs it: a fresh process, start to exit."""
    row("**user commands** (fresh process, start to exit)", lambda r: "")
    row("Python start-up (python -c pass)", lambda r: _fmt(r["user"]["python start"]))
    for name in sorted(results[0]["user"]["queries"]):
        row(f"cwkg query {name} / (Python start-up + the same SPARQL on an open store) "
            "[target <= 2x]", lambda r, q=name: _user_query(r, q))
    row("cwkg serve, until it answers [target <= 1 s]",
        lambda r: _fmt(r["user"]["serve"]) if r["user"]["serve"] else "no oxigraph")
    for label in ("build from scratch", "build, one source edited", "build, nothing changed",
                  "validate from scratch", "validate right after build",
                  "validate, one source edited since"):
        row(f"cwkg {label}", lambda r, k=label: _fmt(r["user"]["commands"][k]))
    for label, target in (("validate right after build", 0.20),
                          ("validate, one source edited since", 0.05)):
        row(f"  ratio {label} / validate from scratch [target <= {target:.2f}]",
            lambda r, k=label: f"{_median(r, k) / _median(r, 'validate from scratch'):.2f}")


def _median(r, key: str) -> float:
    return r["user"]["commands"][key]["median"]


def _user_query(r, name: str) -> str:
    times = r["user"]["queries"].get(name)
    if times is None:
        return "-"
    cwkg = times["cwkg"]["median"]
    base = r["user"]["python start"]["median"] + times["engine"]["median"]
    return f"{cwkg:.3f} / {base:.3f} ({cwkg / base:.1f}x), {times['rows']} rows"


def _memory(m: dict) -> str:
    return (f"{m['tree_peak_mb']:.0f} MB; {m['peak_mb']:.0f} MB; "
            f"{m.get('worker_peak_mb', 0):.0f} MB")


def _naive_ratio(r) -> str:
    naive = r["naive"]
    if "timeout" in naive:
        return f"> {naive['timeout'] / r['pipeline']['median']:.0f}x"
    return f"{naive['median'] / r['pipeline']['median']:.0f}x"


def _query_cell(r, name) -> str:
    if name not in r["queries"]:
        return "-"
    times = r["queries"][name]
    cwkg, rows, count = (times[k]["median"] for k in ("cwkg", "pyoxigraph rows",
                                                      "pyoxigraph count"))
    first = times.get("cwkg first run", {}).get("seconds")
    return (f"{cwkg:.3f} / {rows:.3f} ({cwkg / max(rows, 1e-6):.1f}x); "
            f"{count:.3f} ({cwkg / max(count, 1e-6):.1f}x)"
            + (f"; first run {first:.3f}" if first is not None else ""))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--long", type=float, default=20.0,
                        help="stages slower than this (seconds) run once")
    parser.add_argument("--naive-timeout", type=float, default=0.0,
                        help="limit for the naive baseline (default: 12x the full pipeline, "
                        "at least 120 s)")
    parser.add_argument("--pyshacl-up-to", type=int, default=0,
                        help="also time validate --engine pyshacl for N up to this")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work", type=Path, help="work folder (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="cwkg-bench-"))
    try:
        results = [run_size(n, work, args) for n in args.sizes]
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print(table(results))


if __name__ == "__main__":
    main()
