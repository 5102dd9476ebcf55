"""How fast ``cwkg web`` answers and ``cwkg site`` writes, on the synthetic corpus.

    python -m benchmarks.web /tmp/cwkg-web --sources 10000

makes the corpus in that folder if it has none (``benchmarks/generate.py``), times
``cwkg build`` from scratch into a fresh folder, then:

- the server: starts it as ``cwkg web`` does (open the build, read names, sources and
  quotes), twice: the first start after a build, which reads the build's sources and claims
  and keeps them in the build's cache (``cwkg.web.prepared``), and a start that finds them
  kept; then waits for the background asking of the stored questions that need no value
  (once per build: their answers are kept) and prints how long each took, then asks for a
  sample of every page type through the ASGI application in-process (Starlette's test
  client: no network), each page several times, and prints median, p95 and max of the
  server-side time per page type (target: p95 < 300 ms; a CSV download, sent as it is
  made, also until its first byte); a question page answers at
  once while a slow answer is asked (the page reloads itself: the time until the answer
  is printed apart); last (after the site), the findings page, which answers at once
  while validation runs in the background, and the time until it shows the findings;
- the static site: ``cwkg site`` into a fresh folder, timed against the build (target:
  within 2x), right after a build (nothing kept) and with what ``cwkg web`` kept for the
  build (its pages' index and the questions' answers), without the findings page
  (``--site-findings`` adds a run with it, which validates the data once per build); each
  with its CPU seconds (this process and its worker processes: on a shared machine the
  clock moves with the others' load), ``--site-rounds`` times in turn.

Prints one table; nothing is written outside the given folder.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import time
from pathlib import Path
from urllib.parse import quote

from cwkg.namespaces import compact

STREAMED = {"question CSV"}  # page types sent as they are made


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _samples(pages, rng: random.Random, count: int) -> dict[str, list[tuple[str, dict]]]:
    """page type -> [(path, headers)]: a random sample of each."""
    from cwkg.web.links import path_of
    from cwkg.web.questions import catalogue
    d = pages.dir
    claims = rng.sample(sorted(d.claim_sources), min(count, len(d.claim_sources)))
    sources = rng.sample(sorted(d.sources), min(count, len(d.sources)))
    attacks = [e.iri for e in d.by_kind("attack")]
    others = [e.iri for e in d.entities.values() if e.prefix in ("org", "person", "place",
                                                                 "weapon", "legal", "mech")]
    busiest = sorted(others, key=lambda i: -len(pages.views.roles_of(i)))[:count]
    html = {}
    words = [e.label("en") for e in d.entities.values()][:count // 2]
    arabic = [e.labels["ar"].split()[0] for e in d.entities.values() if "ar" in e.labels]
    quotes = [c.rpartition("-")[2] for c in claims[:count // 2]]
    pages_of_sources = max(1, len(d.sources) // 50)
    samples = {
        "home": [("/", html)],
        "sources list": [(f"/sources?page={rng.randrange(1, pages_of_sources + 1)}", html)
                         for _ in range(count)],
        "entities list": [("/entities", html)],
        "dossier": [(path_of(a), html) for a in rng.sample(attacks, min(count, len(attacks)))],
        "source": [(path_of(s), html) for s in sources],
        "claim": [(path_of(c), html) for c in claims],
        "entity (busiest)": [(path_of(e), html) for e in busiest],
        "entity page 2+": [(f"{path_of(e)}?page=2", html) for e in busiest
                           if len(pages.views.roles_of(e)) > 50],
        "search": [(f"/search?q={quote(w)}", html) for w in words + arabic[:count // 4]
                   + [f"statement {q}" for q in quotes]],
        "question": [(f"/query/{q.id}?" + _params(pages, q), html)
                     for q in catalogue().values()],
        "question CSV": [(f"/query/{q.id}.csv?" + _params(pages, q), html)
                         for q in catalogue().values()],
        "claim as Turtle": [(path_of(c), {"Accept": "text/turtle"}) for c in claims],
        "source as JSON-LD": [(path_of(s), {"Accept": "application/ld+json"})
                              for s in sources[:count // 2]],
    }
    return {k: v for k, v in samples.items() if v}


def _value_for(pages, param) -> str:
    """A value that exists in this corpus: the catalogue's examples name the seeds'
    entities, which the synthetic corpus does not hold."""
    from cwkg.namespaces import PREFIXES
    d = pages.dir
    if param.type == "entity":
        spaces = tuple(PREFIXES[p] for p in param.prefixes) or (PREFIXES["org"],)
        return next(compact(e.iri) for e in d.entities.values() if e.iri.startswith(spaces))
    if param.type == "claim":
        return compact(next(iter(d.claim_sources)))
    if param.type == "source":
        return compact(next(iter(d.sources)))
    if param.type == "string":
        return "statement 1"
    return param.example


def _params(pages, query) -> str:
    return "&".join(f"{p.name}={quote(_value_for(pages, p))}" for p in query.params
                    if not p.optional)


def _show(row) -> None:
    kind, n, median, p95, worst = row
    print(f"{kind:<52} {n:>5} {median:>8.3f} {p95:>8.3f} {worst:>8.3f}", flush=True)


def time_server(root: Path, count: int, repeat: int, seed: int):
    from starlette.testclient import TestClient

    from cwkg.web.app import create_app
    from cwkg.web.graph import open_graph
    from cwkg.web.pages import Pages
    from cwkg.web.prepared import FOLDER
    print(f"{'page type':<52} {'n':>5} {'median':>8} {'p95':>8} {'max':>8}")
    rows = []
    shutil.rmtree(root / "build" / ".cache" / FOLDER, ignore_errors=True)  # as after a build
    for kind in ("start, first after a build (reads and keeps)", "start, later (kept)"):
        started = time.perf_counter()
        pages = Pages(open_graph(root / "build"), root / "data")
        _ = pages.dir.index
        ready = time.perf_counter() - started
        rows.append((kind, 1, ready, ready, ready))
        _show(rows[-1])
    started = time.perf_counter()
    pages.warm().join()
    warmed = time.perf_counter() - started
    rows.append(("stored questions without values, asked in the background", 1, warmed,
                 warmed, warmed))
    _show(rows[-1])
    client = TestClient(create_app(pages), base_url="http://127.0.0.1")
    rng = random.Random(seed)
    until_answered = []
    for kind, requests in _samples(pages, rng, count).items():
        times, first_bytes = [], []
        for _ in range(repeat):
            for path, headers in requests:
                t0 = time.perf_counter()
                with client.stream("GET", path, headers=headers) as response:
                    chunks = response.iter_raw()
                    content = next(chunks, b"")
                    first_bytes.append(time.perf_counter() - t0)
                    content += b"".join(chunks)
                times.append(time.perf_counter() - t0)
                if response.status_code not in (200, 400):
                    raise SystemExit(f"{path}: HTTP {response.status_code}")
                while b"Asking this question of the build" in content:
                    time.sleep(0.5)  # as the page reloads itself, until the answer is there
                    content = client.get(path, headers=headers).content
                    if b"Asking this question" not in content:
                        until_answered.append(time.perf_counter() - t0)
        rows.append((kind, len(times), statistics.median(times), _percentile(times, 0.95),
                     max(times)))
        _show(rows[-1])
        if kind in STREAMED:  # sent as it is made: when the user's download starts
            rows.append((f"{kind}, first byte", len(first_bytes),
                         statistics.median(first_bytes), _percentile(first_bytes, 0.95),
                         max(first_bytes)))
            _show(rows[-1])
    if until_answered:
        rows.append(("question, until answered (when the page said: asking)",
                     len(until_answered), statistics.median(until_answered),
                     _percentile(until_answered, 0.95), max(until_answered)))
        _show(rows[-1])
    _first_asked(pages)
    return pages, client


def time_findings(pages, client, wait: float) -> None:
    """The findings page: its first visit (validation starts in the background), how long
    until it shows the findings (at most ``wait`` seconds), and later visits."""
    print()
    t0 = time.perf_counter()
    client.get("/findings")
    first = time.perf_counter() - t0
    _show(("findings, first visit (says: validating)", 1, first, first, first))
    while pages.findings.get(wait=False) is None and time.perf_counter() - t0 < wait:
        time.sleep(1)
    validated = time.perf_counter() - t0
    if pages.findings.get(wait=False) is None:
        print(f"findings: still validating after {validated:.0f} s (--findings-wait)")
        return
    _show(("findings, until validated (background, once per build)", 1, validated,
           validated, validated))
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        client.get("/findings")
        times.append(time.perf_counter() - t0)
    _show(("findings, later visits", len(times), statistics.median(times),
           _percentile(times, 0.95), max(times)))


def _first_asked(pages) -> None:
    """How long each stored question took when first asked of this build (kept since)."""
    print("\nstored questions: seconds each took when first asked of this build (then kept)")
    slowest: dict[str, float] = {}
    for (query_id, _), seconds in pages.answers.asked.items():
        slowest[query_id] = max(seconds, slowest.get(query_id, 0.0))
    for query_id, seconds in sorted(slowest.items(), key=lambda i: -i[1]):
        print(f"  {query_id:<50} {seconds:8.2f}")


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the worker
    processes of a build or a site): less moved by the machine's load than the clock."""
    import resource
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def time_build(root: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) of ``cwkg build`` from scratch into a fresh folder."""
    from cwkg.build.write import build
    out = root / "bench-build"
    shutil.rmtree(out, ignore_errors=True)
    t0, c0 = time.perf_counter(), _cpu()
    build(root / "data", out)
    elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
    shutil.rmtree(out, ignore_errors=True)
    return elapsed, cpu


def time_site(root: Path, findings: bool, kept: bool) -> tuple[float, float, int]:
    """``cwkg site`` into a fresh folder: (seconds, CPU seconds, pages); ``kept``: with
    what ``cwkg web`` (or an earlier site) kept for this build (the pages' index, the
    questions' answers, the findings), else as right after a build (nothing kept)."""
    from cwkg.web.prepared import FOLDER
    from cwkg.web.static_site import write_site
    target = root / "bench-site"
    shutil.rmtree(target, ignore_errors=True)
    if not kept:
        shutil.rmtree(root / "build" / ".cache" / FOLDER, ignore_errors=True)
    t0, c0 = time.perf_counter(), _cpu()
    result = write_site(root / "build", root / "data", target, findings=findings)
    elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
    shutil.rmtree(target, ignore_errors=True)
    return elapsed, cpu, result.pages


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sources", type=int, default=10000)
    parser.add_argument("--sample", type=int, default=40, help="pages per page type")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--server-only", action="store_true", help="skip the static site")
    parser.add_argument("--site-only", action="store_true", help="skip the server")
    parser.add_argument("--site-findings", action="store_true",
                        help="also time the site with its findings page (runs validation)")
    parser.add_argument("--site-rounds", type=int, default=1,
                        help="times the build and the site are timed in turn")
    parser.add_argument("--findings-wait", type=float, default=900,
                        help="seconds to wait for the findings page's validation (0: skip)")
    args = parser.parse_args(argv)
    root = args.folder
    if not (root / "data").is_dir():
        from benchmarks.generate import generate
        generate(args.sources, root)
    from cwkg.build.write import build
    build(root / "data", root / "build")   # brings the build and its store up to date
    print(f"cwkg web at {len(list((root / 'data' / 'sources').glob('*.yaml')))} sources "
          "(server-side, in-process ASGI; seconds)")
    server = None
    if not args.site_only:
        server = time_server(root, args.sample, args.repeat, args.seed)
    if not args.server_only:
        _time_sites(root, args.site_findings, args.site_rounds)
    if server is not None and args.findings_wait > 0:  # last: it may validate for long
        time_findings(*server, args.findings_wait)


def _time_sites(root: Path, with_findings: bool, rounds: int) -> None:
    """The build, then the site, ``rounds`` times in turn (the machine's drift then lands
    on both), each with its CPU seconds beside it; the median ratios last."""
    ratios: dict[str, list[tuple[float, float]]] = {}
    for _ in range(rounds):
        build_time, build_cpu = time_build(root)
        print(f"\ncwkg build from scratch: {build_time:.1f} s (CPU {build_cpu:.1f} s)",
              flush=True)
        for label, findings, kept in (
                ("right after a build (reads the graph, asks every question)", False, False),
                ("with what cwkg web kept for this build", False, True),
                *([("with the findings page (validation, once per build)", True, True)]
                  if with_findings else [])):
            seconds, cpu, page_count = time_site(root, findings, kept)
            ratios.setdefault(label, []).append((seconds / build_time, cpu / build_cpu))
            print(f"cwkg site ({page_count} pages), {label}: {seconds:.1f} s = "
                  f"{seconds / build_time:.2f}x the build (target 2x); CPU {cpu:.1f} s = "
                  f"{cpu / build_cpu:.2f}x the build's", flush=True)
    if rounds > 1:
        print()
        for label, pairs in ratios.items():
            print(f"cwkg site, {label}: median {statistics.median(p[0] for p in pairs):.2f}x "
                  f"the build (CPU {statistics.median(p[1] for p in pairs):.2f}x) over "
                  f"{rounds} rounds", flush=True)


if __name__ == "__main__":
    main()
