"""review / accept / reject: the curator's side of proposals."""

from __future__ import annotations

import pytest

from cwkg.build.memory import in_memory
from cwkg.cli import main
from cwkg.ingest.review import pending
from cwkg.load.data import load_data

from .test_add import REPORT, files


@pytest.fixture()
def drafted(data_copy, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, "utf-8")
    assert main(["--data", str(data_copy), "add", str(path), "--publisher", "org:soc",
                 "--date", "2017-04-05", "--lang", "en", "--id", "test-report"]) == 0
    return data_copy


def cli(data, *args) -> int:
    return main(["--data", str(data), *args])


def test_review_lists_every_proposal(drafted, capsys):
    capsys.readouterr()
    assert cli(drafted, "review", "test-report") == 0
    out = capsys.readouterr().out.splitlines()
    assert out and all("src:test-report#c" in line for line in out)


def test_accept_moves_claims_into_the_graph(drafted, capsys):
    pending_before = len(load_data(drafted).pending)
    assert cli(drafted, "accept", "test-report", "c01", "c02") == 0
    data, graph = load_data(drafted), in_memory(drafted)
    assert len(data.pending) == pending_before - 2
    ids = {c.id for c in data.claims}
    assert {"claim:test-report-c01", "claim:test-report-c02"} <= ids
    subjects = {q.subject.value for q in graph.quads}
    assert {"https://w3id.org/cwkg/claim/test-report-c01",
            "https://w3id.org/cwkg/claim/test-report-c02"} <= subjects
    assert cli(drafted, "accept", "test-report", "--all") == 0
    data = load_data(drafted)
    assert data.pending == () and cli(drafted, "validate") == 0


def _spoil_first_proposal(drafted) -> str:
    """Empty the first proposal's 'about' (as a curator who has not filled it in yet);
    returns its id."""
    path = drafted / "claims" / "test-report.yaml"
    text = path.read_text("utf-8")
    spoiled = text.replace("about: [attack:khan-sheikhoun-2017]", "about: []", 1)
    assert spoiled != text
    path.write_text(spoiled, "utf-8")
    block = spoiled[:spoiled.index("about: []")]
    return block[block.rindex("id: c"):].split()[1]


def test_accepting_a_named_incomplete_claim_is_refused_and_nothing_changes(drafted, capsys):
    bad = _spoil_first_proposal(drafted)
    snapshot = files(drafted)
    others = [p.id for p in pending(drafted, "test-report") if p.id != bad]
    assert cli(drafted, "accept", "test-report", bad, *others) == 2
    err = capsys.readouterr().err
    assert "test-report.yaml" in err and "nothing was changed" in err
    assert files(drafted) == snapshot


def test_accept_all_accepts_what_it_can_and_names_what_it_left(drafted, capsys):
    bad = _spoil_first_proposal(drafted)
    proposals = pending(drafted, "test-report")
    assert [p.id for p in proposals if p.problem] == [bad]
    assert "about" in next(p.problem for p in proposals if p.id == bad)
    capsys.readouterr()
    assert cli(drafted, "review", "test-report") == 0
    marks = {line.split("\t")[1]: line.split("\t")[-1]
             for line in capsys.readouterr().out.splitlines()}
    assert marks.pop(f"src:test-report#{bad}").startswith("CANNOT ACCEPT: ")
    assert set(marks.values()) == {"ok"}
    assert cli(drafted, "accept", "test-report", "--all") == 1
    err = capsys.readouterr().err
    assert f"left {bad} proposed:" in err and "field 'about'" in err
    assert [p.id for p in pending(drafted, "test-report")] == [bad]
    assert len(load_data(drafted).claims_of("src:test-report")) == len(proposals) - 1


def test_reject_deletes_blocks_and_keeps_comments(drafted, capsys):
    path = drafted / "claims" / "test-report.yaml"
    header = path.read_text("utf-8").split("source:")[0]
    assert cli(drafted, "reject", "test-report", "c01") == 0
    text = path.read_text("utf-8")
    assert text.startswith(header) and "id: c01" not in text and "id: c02" in text
    assert "src:test-report#c01" not in load_data(drafted).pending


@pytest.mark.parametrize("args, message", [
    (["accept", "test-report", "c99"], "no claim c99"),
    (["accept", "nothing-here", "c01"], "no claims file"),
    (["accept", "test-report"], "give claim ids"),
    (["accept", "wh-2024-04-04", "c01"], "is not proposed"),
])
def test_review_usage_errors(drafted, capsys, args, message):
    capsys.readouterr()
    assert cli(drafted, *args) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("source, claim", [
    ("test-report", "c01"),
    ("src:test-report", "test-report-c01"),
    ("https://w3id.org/cwkg/source/test-report", "claim:test-report-c01"),
    ("<https://w3id.org/cwkg/source/test-report>", "https://w3id.org/cwkg/claim/test-report-c01")])
def test_accept_and_reject_take_every_spelling_of_an_id(drafted, capsys, source, claim):
    """One id syntax everywhere: src:ID, ID or the IRI for a source; c01, the claim's
    id with or without claim:, or its IRI for a claim."""
    assert cli(drafted, "accept", source, claim) == 0
    assert "claim:test-report-c01" in {c.id for c in load_data(drafted).claims}
    assert cli(drafted, "reject", source, claim.replace("c01", "c02")) == 0
    assert "accepted 1 claim(s)" in capsys.readouterr().err


@pytest.mark.parametrize("source, claim, message", [
    ("src:test-report", "claim:wh-2024-04-04-c01", "is not a claim of src:test-report"),
    ("src:test-report", "src:test-report-c01", "is not a claim id"),
    ("org:soc", "c01", "'org:soc' is not a source id")])
def test_an_id_of_something_else_is_one_clear_error(drafted, capsys, source, claim, message):
    assert cli(drafted, "accept", source, claim) == 2
    assert message in capsys.readouterr().err
