"""`python -m benchmarks.extraction` on the real set: it scores the texts it finds, names
the ones it lacks, and never prints a score for a split it could not read.

The scoring tests use a tiny annotated set written here (synthetic text), so they run on
a fresh clone, without the archive of real texts.
"""

from __future__ import annotations

import hashlib
import sys

import pytest
import yaml

from ..conftest import REPO

TEXT = ("[SYNTHETIC TEST TEXT]\nThe attack on 4 April 2017 killed 92 people.\u00a0"
        "We call for accountability.")


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(REPO))
    try:
        import benchmarks.extraction.__main__ as bench
        import benchmarks.extraction.real_set as real_set
    finally:
        sys.path.remove(str(REPO))
    return bench, real_set


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _tiny_set(root, archive, text_on_disk: str | None):
    (root / "dev").mkdir(parents=True)
    meta = {"language": "en", "date": "2017-04-05", "file": "t1.txt", "sha256": _sha(TEXT),
            "sha256_nbsp_folded": _sha(TEXT.replace("\u00a0", " ")),
            "claims": [{"kind": "casualty-figure", "quote": "killed 92 people",
                        "figures": [{"counts": "killed", "group": "people",
                                     "qualifier": "exactly", "value": 92}]},
                       {"kind": "event", "quote": "4 April 2017", "event_date": "2017-04-04"}]}
    (root / "dev" / "t1.yaml").write_text(yaml.safe_dump(meta), "utf-8")
    archive.mkdir()
    if text_on_disk is not None:
        (archive / "t1.txt").write_text(text_on_disk, "utf-8")


@pytest.mark.parametrize("on_disk, status, gold", [
    (TEXT, "ok", 2), (TEXT.replace("\u00a0", " "), "nbsp-variant", 2),
    (TEXT + " edited", "differs", 0), (None, "missing", 0)])
def test_a_text_is_scored_only_when_it_is_the_annotated_one(bench, tmp_path, on_disk, status,
                                                            gold):
    _, real_set = bench
    _tiny_set(tmp_path / "real", tmp_path / "archive", on_disk)
    [doc] = real_set.real_documents("dev", tmp_path / "archive", tmp_path / "real")
    assert (doc.status, len(doc.gold), doc.scored) == (status, gold, status in ("ok",
                                                                                "nbsp-variant"))
    lines = " ".join(real_set.availability([doc], tmp_path / "archive"))
    if status == "missing":
        assert "not in" in lines and "t1" in lines
    if status == "differs":
        assert "SHA-256 differs" in lines and "t1" in lines


def test_a_fresh_clone_says_the_real_set_was_not_scored(bench, tmp_path, capsys):
    main, _ = bench
    assert main.main(["--split", "real", "--archive", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("NOT SCORED") == 9
    assert "0 of 21 documents scored" in out and "0 of 12 documents scored" in out
    assert "0 of 14 documents scored" in out   # real-dev2
    assert "0 of 13 documents scored" in out   # real-dev3
    assert "0 of 12 documents scored" in out.split("real-dev4")[1]
    assert "0 of 12 documents scored" in out.split("real-dev5")[1]
    assert "0 of 12 documents scored" in out.split("real-dev6")[1]
    assert "0 of 11 documents scored" in out.split("real-dev7")[1]
    assert "0 of 11 documents scored" in out.split("real-heldout2")[1]
    assert "| casualty figures |" not in out and "%" not in out.split("matching rule")[1]


def _one_document_with_a_miss(main, real_set, tmp_path, monkeypatch):
    # the tiny set plus a gold demand the extractor cannot match (its quote is elsewhere),
    # served to every real split the benchmark runs
    _tiny_set(tmp_path / "real", tmp_path / "archive", TEXT)
    meta = yaml.safe_load((tmp_path / "real" / "dev" / "t1.yaml").read_text("utf-8"))
    meta["claims"].append({"kind": "demand", "quote": "SYNTHETIC TEST TEXT",
                           "mechanisms": ["mech:icc-referral"]})
    (tmp_path / "real" / "dev" / "t1.yaml").write_text(yaml.safe_dump(meta), "utf-8")
    docs = real_set.real_documents("dev", tmp_path / "archive", tmp_path / "real")
    monkeypatch.setattr(main, "real_documents", lambda split, archive: docs)


def test_errors_are_never_listed_for_a_held_out_split(bench, tmp_path, monkeypatch, capsys):
    """--errors on real-heldout2 prints its table and no miss: tuning must not see it."""
    main, real_set = bench
    _one_document_with_a_miss(main, real_set, tmp_path, monkeypatch)
    assert main.main(["--split", "real-heldout2", "--archive", str(tmp_path / "archive"),
                      "--errors"]) == 0
    out, err = capsys.readouterr()
    assert "| casualty figures |" in out
    assert "real-heldout2's misses are not listed" in err
    assert "MISSED" not in err and "WRONG" not in err
    # the control: the same document in a dev split has its errors listed
    assert main.main(["--split", "real-dev7", "--archive", str(tmp_path / "archive"),
                      "--errors"]) == 0
    assert "MISSED" in capsys.readouterr().err


def test_the_retired_held_out_split_lists_its_errors_and_says_it_is_retired(bench, tmp_path,
                                                                          monkeypatch, capsys):
    main, real_set = bench
    _one_document_with_a_miss(main, real_set, tmp_path, monkeypatch)
    assert main.main(["--split", "real-heldout", "--archive", str(tmp_path / "archive"),
                      "--errors"]) == 0
    out, err = capsys.readouterr()
    assert "retired as a held-out split" in out and "MISSED" in err
