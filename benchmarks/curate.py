"""How long a curator waits in the browser, on the synthetic corpus.

    python -m benchmarks.curate /tmp/cwkg-curate --sources 1000

makes the corpus in that folder if it has none (``benchmarks/generate.py``) and builds it
(the build's cache is what a save's validation reads the other sources from), then, on a
sample of sources, through the ASGI application in-process (Starlette's test client, as
the browser would ask it): the review page, a save that edits one claim (checked as
``cwkg build`` and ``cwkg validate`` check the source), and a save refused for a date
that does not exist. Prints median, p95 and max per step. The saves write to the
corpus's data/ (the edit is made and undone, so the corpus ends as it began).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _timed(times: list[float], call):
    t0 = time.perf_counter()
    result = call()
    times.append(time.perf_counter() - t0)
    return result


def run(root: Path, sample: int, seed: int) -> list[tuple[str, int, float, float, float]]:
    from starlette.testclient import TestClient

    from cwkg.web.access import Access
    from cwkg.web.app import create_app
    from cwkg.web.curator import Curator
    from cwkg.web.graph import open_graph
    from cwkg.web.pages import Pages
    data, build = root / "data", root / "build"
    access = Access()
    app = create_app(Pages(open_graph(build), data), None, Curator(data, build), access)
    sources = sorted(p.stem for p in (data / "sources").glob("*.yaml"))
    chosen = random.Random(seed).sample(sources, min(sample, len(sources)))
    steps: dict[str, list[float]] = {"review page": [], "save an edit (checked)": [],
                                     "refused save (no such date)": []}
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        client.cookies.set("cwkg_session", access.token)
        for local in chosen:
            page = _timed(steps["review page"], lambda: client.get(f"/curate/source/{local}"))
            version = re.search(r'name="version" value="([0-9a-f]{64})"', page.text).group(1)
            claim = re.search(r'id="card-(c[0-9]+)"', page.text).group(1)
            kind = re.search(rf'id="c-{claim}-kind".*?<option value="([a-z-]+)" selected',
                             page.text, re.S).group(1)
            form = {"csrf": access.csrf, "version": version, "claim": claim}
            refused = _timed(steps["refused save (no such date)"], lambda: client.post(
                f"/curate/source/{local}/edit", data={**form, "kind": kind,
                                                      "event_date": "2017-02-30"}))
            if refused.status_code != 422:
                raise SystemExit(f"{local}: a refused save answered {refused.status_code}")
            path = data / "claims" / f"{local}.yaml"
            before = path.read_bytes()
            saved = _timed(steps["save an edit (checked)"], lambda: client.post(
                f"/curate/source/{local}/edit", data={**form, "kind": kind, "stated_by":
                                                      "author"}, follow_redirects=False))
            if saved.status_code not in (303, 422):
                raise SystemExit(f"{local}: a save answered {saved.status_code}")
            path.write_bytes(before)  # as it was
    return [(step, len(times), statistics.median(times), _percentile(times, 0.95), max(times))
            for step, times in steps.items()]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=10, help="sources to curate")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    root = args.folder
    if not (root / "data").exists():
        from benchmarks.generate import generate
        generate(args.sources, root)
    if not (root / "build").exists():
        from cwkg.build.write import build
        t0 = time.perf_counter()
        build(root / "data", root / "build")
        print(f"cwkg build: {time.perf_counter() - t0:.1f} s")
    count = len(list((root / "data" / "sources").glob("*.yaml")))
    print(f"{count} sources; seconds per step, server side:")
    print(f"{'step':32} {'n':>4} {'median':>8} {'p95':>8} {'max':>8}")
    for step, n, median, p95, worst in run(root, args.sample, args.seed):
        print(f"{step:32} {n:>4} {median:>8.3f} {p95:>8.3f} {worst:>8.3f}")


if __name__ == "__main__":
    main()
