"""Precision and recall of `cwkg add`'s extractors, per claim kind.

    python -m benchmarks.extraction [--split NAME] [--archive DIR] [--errors]

Splits: ``seeds`` (data/sources + their curated data/claims); ``dev``, ``heldout`` and
``heldout2`` (the synthetic texts under eval/, see README.md there); ``real-dev``,
``real-heldout``, ``real-dev2`` to ``real-dev7`` and ``real-heldout2`` (the real documents
annotated under real/, scored on the texts found in ``--archive``, default ``archive/corpus``,
and ``archive/dev2`` to ``archive/dev7`` and ``archive/heldout2`` for the later splits; the
others are named, never scored);
``synthetic`` and ``real`` for each group, ``all`` (the default) for everything.
Prints one table per split, per language for the real set, and the matching rule.
``--errors`` lists misses and wrong items on stderr, except for the held-out split
real-heldout2: its texts and annotations are not looked at while tuning. real-heldout, the
first held-out split, is retired (scored at the end of nine tuning rounds, then diagnosed):
its errors are listed, with a note saying it no longer estimates generalisation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import yaml

from benchmarks.extraction.real_set import ARCHIVES, availability, real_documents
from benchmarks.extraction.real_set import SPLITS as REAL_SPLITS
from benchmarks.extraction.scoring import (
    ATTACK_COUNTS,
    KINDS,
    TARGETS,
    items,
    score,
    speaker_agreement,
    unmatched,
)
from cwkg.ingest.extract import Extractor
from cwkg.load.anchoring import anchor
from cwkg.load.data import load_data

REPO = Path(__file__).resolve().parents[2]
EVAL = Path(__file__).resolve().parent / "eval"
RULE = ("a candidate item matches a gold item when the kinds agree, the value agrees exactly "
        "(figure = counts+group+qualifier+value; date; entity id) and the quote spans overlap "
        "(>= 1 character); one-to-one")
SYNTHETIC = ("dev", "heldout", "heldout2")
GROUPS = {"synthetic": SYNTHETIC, "real": tuple(REAL_SPLITS),
          "all": ("seeds",) + SYNTHETIC + tuple(REAL_SPLITS)}
NO_ERRORS = ("real-heldout2",)   # never listed: tuning must not see it
# retired held-out splits: their errors are listed (for the diagnosis in real/README.md), and
# their scores no longer estimate how the rules generalise
RETIRED = {"real-heldout": "retired as a held-out split on 2026-12-06 (real-heldout2 replaces it)"}


def seed_documents(data_dir: Path):
    # the seeds: the sources whose text is in data/sources (the real documents curated into
    # data/ keep theirs outside it, and are scored in the real set, benchmarks/extraction/real)
    data = load_data(data_dir, texts=())
    for source in data.sources.values():
        if source.external:
            continue
        gold, speakers = [], []
        for c in data.claims_of(source.id):
            who = "author" if c.stated_by in (None, source.author) else c.stated_by
            speakers.append((c.kind, c.anchor.start, c.anchor.end, who))
            fields = {"figures": [{"counts": f.counts, "group": f.group, "qualifier": f.qualifier,
                                   "value": f.value} for f in c.figures],
                      "event_date": c.event_date.isoformat() if c.event_date else None,
                      "instruments": c.instruments, "perpetrators": c.perpetrators,
                      "mechanisms": c.mechanisms}
            gold += items(c.kind, fields, c.anchor.start, c.anchor.end, source.id)
            gold += accused_items(c, source.id)
        yield source.id, source.text, source.language, source.date, gold, [], \
            (source.author, speakers)


def accused_items(claim, doc: str) -> list:
    """A curated demand about an attack that names whom to hold to account (`accused`)
    accuses them of it: attribution items at the demand's quote, as the real set's rule A1
    reads "X must be held accountable for these atrocities" (decided in round 6; see
    real/README.md)."""
    if claim.kind != "demand" or not any(a.startswith("attack:") for a in claim.about):
        return []
    return items("attribution", {"perpetrators": list(claim.accused)}, claim.anchor.start,
                 claim.anchor.end, doc)


def eval_documents(split: str):
    for meta_path in sorted((EVAL / split).glob("*.yaml")):
        meta = yaml.safe_load(meta_path.read_text("utf-8"))
        text = meta_path.with_suffix(".txt").read_text("utf-8")
        gold = []
        for c in meta["claims"]:
            a = anchor(text, c["quote"], c.get("occurrence"))
            gold += items(c["kind"], c, a.start, a.end, meta_path.stem)
        yield (meta_path.stem, text, meta["language"], dt.date.fromisoformat(meta["date"]),
               gold, meta.get("expected_flags", []), (None, None))


def _cell(s, part: str) -> str:
    if part == "p":
        return "-" if s.precision is None else f"{s.precision:.0%} ({s.matched_found}/{s.found})"
    return "-" if s.recall is None else f"{s.recall:.0%} ({s.matched_gold}/{s.gold})"


def _target(kind: str) -> str:
    if kind not in TARGETS:
        return "- (reported apart)" if kind != ATTACK_COUNTS else "- (not casualties: rule F6)"
    tp, tr = TARGETS[kind]
    return f">= {tp:.0%} / >= {tr:.0%}"


def _print_errors(gold, found, texts) -> None:
    missed, wrong = unmatched(gold, found)
    for label, group in (("MISSED", missed), ("WRONG", wrong)):
        for i in group:
            print(f"{label} {i.doc} {i.kind} {i.value!r}: "
                  f"{texts[i.doc][i.start:i.end][:110]!r}", file=sys.stderr)


def run(split: str, extractor: Extractor, show_errors: bool) -> None:
    docs = list(seed_documents(REPO / "data")) if split == "seeds" else list(eval_documents(split))
    gold, found, flags_expected, flags_found = [], [], 0, 0
    agree = compared = 0
    started = time.perf_counter()
    for doc_id, text, language, date, doc_gold, expected, (author, speakers) in docs:
        out = extractor.run(text, language, date, author)
        for c in out.candidates:
            found += items(c.kind, c.fields, c.start, c.end, doc_id)
        if speakers is not None:
            a, n = speaker_agreement(speakers, [(c.kind, c.start, c.end, c.stated_by or "author")
                                                for c in out.candidates])
            agree, compared = agree + a, compared + n
        gold += doc_gold
        codes = {f.code for f in out.flags}
        flags_expected += len(expected)
        flags_found += sum(1 for e in expected if e in codes)
    elapsed = time.perf_counter() - started
    scores = score(gold, found)
    print(f"\n## {split}: {len(docs)} documents ({elapsed:.2f} s)\n")
    print("| kind | gold | found | precision | recall | target P / R |")
    print("|---|---:|---:|---:|---:|---|")
    for kind in KINDS:
        s = scores[kind]
        print(f"| {kind} | {s.gold} | {s.found} | {_cell(s, 'p')} | {_cell(s, 'r')} | "
              f"{_target(kind)} |")
    if compared:
        print(f"\nspeaker (stated_by) agrees with the gold claim it overlaps most: "
              f"{agree}/{compared} candidates ({agree / compared:.0%})")
    if flags_expected:
        print(f"\nexpected flags raised: {flags_found}/{flags_expected}")
    if show_errors:
        _print_errors(gold, found, {d[0]: d[1] for d in docs})


def run_real(split: str, extractor: Extractor, archive: Path, show_errors: bool) -> bool:
    """One real split, per language; False when none of its texts is in ``archive``."""
    docs = real_documents(REAL_SPLITS[split], archive)
    scored = [d for d in docs if d.scored]
    languages = sorted({d.language for d in scored}, key=lambda lang: (lang != "en", lang))
    per_lang = ", ".join(f"{lang} {sum(d.language == lang for d in scored)}"
                         for lang in languages)
    print(f"\n## {split}: {len(scored)} of {len(docs)} documents scored"
          f"{' (' + per_lang + ')' if scored else ''}, texts from {archive}\n")
    for line in availability(docs, archive):
        print(line)
    if not scored:
        print(f"NOT SCORED: none of the {len(docs)} texts of {split} is in {archive} "
              "(benchmarks/extraction/real/README.md says how to get them)")
        return False
    started = time.perf_counter()
    gold, found, lang_of = [], [], {}
    for d in scored:
        out = extractor.run(d.text, d.language, d.date)
        found += [i for c in out.candidates for i in items(c.kind, c.fields, c.start, c.end, d.name)]
        gold += d.gold
        lang_of[d.name] = d.language
    elapsed = time.perf_counter() - started
    columns = languages + (["all"] if len(languages) > 1 else [])
    tables = {lang: score([g for g in gold if lang in ("all", lang_of[g.doc])],
                          [f for f in found if lang in ("all", lang_of[f.doc])])
              for lang in columns}
    print(f"\n({elapsed:.2f} s) P = precision (matched/found), R = recall (matched/gold)\n")
    print("| category | " + " | ".join(f"{c} P | {c} R" for c in columns) + " | target P / R |")
    print("|---|" + "---:|---:|" * len(columns) + "---|")
    for kind in KINDS:
        cells = " | ".join(f"{_cell(tables[c][kind], 'p')} | {_cell(tables[c][kind], 'r')}"
                           for c in columns)
        print(f"| {kind} | {cells} | {_target(kind)} |")
    if show_errors and split not in NO_ERRORS:
        _print_errors(gold, found, {d.name: d.text for d in scored})
    return True


def _commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h %cs"],
                             capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "src",
                                "data", "benchmarks"], capture_output=True, text=True, timeout=10)
    except OSError:
        return "unknown"
    if out.returncode:
        return "unknown"
    return out.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction")
    parser.add_argument("--split", default="all",
                        choices=["seeds", *SYNTHETIC, *REAL_SPLITS, *GROUPS])
    parser.add_argument("--archive", type=Path, default=None,
                        help="folder of the real set's texts, for every real split named "
                             "(default: archive/corpus; archive/devN for real-devN, N = 2 to 7; "
                             "archive/heldout2 for real-heldout2)")
    parser.add_argument("--errors", action="store_true",
                        help="list misses and wrong items (not for real-heldout2, the held-out split)")
    args = parser.parse_args(argv)
    from cwkg.load.entities import load_entities
    extractor = Extractor(load_entities(REPO / "data").values())
    print(f"matching rule: {RULE}")
    print(f"code and data: commit {_commit()}; run {dt.date.today().isoformat()}")
    splits = GROUPS.get(args.split, (args.split,))
    for split in splits:
        if split in REAL_SPLITS:
            run_real(split, extractor, args.archive or ARCHIVES[REAL_SPLITS[split]], args.errors)
            if args.errors and split in NO_ERRORS:
                print(f"(--errors: {split}'s misses are not listed: never tune on it)",
                      file=sys.stderr)
            if split in RETIRED:
                print(f"({split}: {RETIRED[split]}; its score is not a held-out estimate)")
        else:
            run(split, extractor, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
