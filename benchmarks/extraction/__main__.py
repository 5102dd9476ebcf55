"""Precision and recall of `cwkg add`'s extractors, per claim kind.

    python -m benchmarks.extraction [--split seeds|dev|heldout|all] [--errors]

The seeds are data/sources + their curated data/claims; dev/ and heldout/ are the
synthetic texts under benchmarks/extraction/eval/ (see README.md there). Prints one
table per split, and the matching rule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import yaml

from benchmarks.extraction.scoring import KINDS, TARGETS, items, score, speaker_agreement, unmatched
from cwkg.ingest.extract import Extractor
from cwkg.load.anchoring import anchor
from cwkg.load.data import load_data

REPO = Path(__file__).resolve().parents[2]
EVAL = Path(__file__).resolve().parent / "eval"
RULE = ("a candidate item matches a gold item when the kinds agree, the value agrees exactly "
        "(figure = counts+group+qualifier+value; date; entity id) and the quote spans overlap "
        "(>= 1 character); one-to-one")


def seed_documents(data_dir: Path):
    data = load_data(data_dir)
    for source in data.sources.values():
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
        yield source.id, source.text, source.language, source.date, gold, [], \
            (source.author, speakers)


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
        p = "-" if s.precision is None else f"{s.precision:.0%} ({s.matched_found}/{s.found})"
        r = "-" if s.recall is None else f"{s.recall:.0%} ({s.matched_gold}/{s.gold})"
        tp, tr = TARGETS[kind]
        target = f"{'>= ' + format(tp, '.0%') if tp else '-'} / >= {tr:.0%}"
        print(f"| {kind} | {s.gold} | {s.found} | {p} | {r} | {target} |")
    if compared:
        print(f"\nspeaker (stated_by) agrees with the gold claim it overlaps most: "
              f"{agree}/{compared} candidates ({agree / compared:.0%})")
    if flags_expected:
        print(f"\nexpected flags raised: {flags_found}/{flags_expected}")
    if show_errors:
        missed, wrong = unmatched(gold, found)
        texts = {d[0]: d[1] for d in docs}
        for label, group in (("MISSED", missed), ("WRONG", wrong)):
            for i in group:
                print(f"{label} {i.doc} {i.kind} {i.value!r}: "
                      f"{texts[i.doc][i.start:i.end][:110]!r}", file=sys.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extraction")
    parser.add_argument("--split", choices=["seeds", "dev", "heldout", "heldout2", "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="list misses and wrong items")
    args = parser.parse_args(argv)
    from cwkg.load.entities import load_entities
    extractor = Extractor(load_entities(REPO / "data").values())
    print(f"matching rule: {RULE}")
    splits = ["seeds", "dev", "heldout", "heldout2"] if args.split == "all" else [args.split]
    for split in splits:
        run(split, extractor, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
