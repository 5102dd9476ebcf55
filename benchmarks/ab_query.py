"""One ``cwkg query`` timed with two installs of cwkg on the same built corpus, each run a
fresh process, the two taking turns (so the machine's drift lands on both): how a change to
the command's start is measured against the code before it.

    python -m benchmarks.ab_query CORPUS QUESTION before=OTHER_CHECKOUT after=. [--rounds 15]
        [-- -p entity="Synth Attack 0000" --format tsv]

Each NAME=CHECKOUT names a checkout with its own ``.venv`` (``pip install -e .``). Prints
min and median per install, in milliseconds. One round runs first untimed (caches warm).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("question")
    parser.add_argument("installs", nargs="+", metavar="NAME=CHECKOUT")
    parser.add_argument("--rounds", type=int, default=15)
    args, extra = parser.parse_known_args(argv)
    extra = [a for a in extra if a != "--"]
    installs = []
    for item in args.installs:
        name, sep, checkout = item.partition("=")
        cwkg = Path(checkout) / ".venv" / "bin" / "cwkg"
        if not sep or not cwkg.exists():
            parser.error(f"{item}: expected NAME=CHECKOUT, a checkout with .venv/bin/cwkg")
        installs.append((name, cwkg.resolve()))
    times: dict[str, list[float]] = {name: [] for name, _ in installs}
    for round_ in range(args.rounds + 1):
        for name, cwkg in installs:
            started = time.perf_counter()
            done = subprocess.run([str(cwkg), "query", args.question, *extra], cwd=args.corpus,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if done.returncode not in (0, 1):
                raise SystemExit(f"{name}: cwkg query {args.question} failed: "
                                 f"{done.stderr.decode(errors='replace')[-500:]}")
            if round_:
                times[name].append(time.perf_counter() - started)
    for name, runs in times.items():
        print(f"{args.question} {name}: min {min(runs) * 1000:.1f} ms, median "
              f"{statistics.median(runs) * 1000:.1f} ms, {len(runs)} runs")


if __name__ == "__main__":
    main()
