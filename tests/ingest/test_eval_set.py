"""The evaluation set itself, and the extractor's scores on the parts it was tuned on.

The held-out split is run (it must not crash) but its scores are not asserted: it is
reported by `python -m benchmarks.extraction`, never tuned on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from benchmarks.extraction.scoring import TARGETS

from ..conftest import DATA, REPO

EVAL = REPO / "benchmarks" / "extraction" / "eval"
MARK = "[SYNTHETIC TEST TEXT"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(REPO))
    try:
        import benchmarks.extraction.__main__ as bench
    finally:
        sys.path.remove(str(REPO))
    from cwkg.ingest.extract import Extractor
    from cwkg.load.entities import load_entities
    return bench, Extractor(load_entities(DATA).values())


def eval_texts() -> list[Path]:
    return sorted(EVAL.glob("*/*.txt"))


def test_every_eval_text_is_marked_synthetic_and_kept_out_of_data():
    texts = eval_texts()
    assert len(texts) >= 10 and {p.parent.name for p in texts} == {"dev", "heldout", "heldout2"}
    seeds = {p.read_text("utf-8") for p in (DATA / "sources").glob("*.txt")}
    for path in texts:
        text = path.read_text("utf-8")
        assert MARK in text.splitlines()[0] or MARK in text.splitlines()[1], path
        assert text not in seeds
        meta = yaml.safe_load(path.with_suffix(".yaml").read_text("utf-8"))
        assert meta["synthetic"] is True
        for claim in meta["claims"]:
            assert claim["quote"] in text, (path.name, claim["quote"])
    assert not any(MARK in p.read_text("utf-8") for p in DATA.rglob("*.txt"))


def _scores(bench, extractor, split):
    from benchmarks.extraction.scoring import items, score
    docs = list(bench.seed_documents(DATA)) if split == "seeds" else \
        list(bench.eval_documents(split))
    gold, found = [], []
    for doc_id, text, language, date, doc_gold, _, _ in docs:
        gold += doc_gold
        for c in extractor.run(text, language, date).candidates:
            found += items(c.kind, c.fields, c.start, c.end, doc_id)
    return score(gold, found)


@pytest.mark.parametrize("split", ["seeds", "dev"])
def test_tuned_splits_meet_the_targets(bench, split):
    """A regression guard on the data the extractor was tuned on (seeds and dev)."""
    scores = _scores(bench[0], bench[1], split)
    for kind, (min_p, min_r) in TARGETS.items():
        s = scores[kind]
        assert s.gold > 0, kind
        assert s.recall >= min_r, (kind, s)
        if min_p is not None:
            assert s.precision >= min_p, (kind, s)


def test_heldout_runs_and_the_command_prints_every_kind(bench, capsys):
    bench[0].main(["--split", "heldout"])
    out = capsys.readouterr().out
    for kind in TARGETS:
        assert f"| {kind} |" in out
