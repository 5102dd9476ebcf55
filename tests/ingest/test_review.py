"""review / accept / reject: the curator's side of proposals."""

from __future__ import annotations

import pytest

from cwkg.build.read import in_memory
from cwkg.cli import main
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


def test_accepting_an_incomplete_claim_is_refused_and_nothing_changes(drafted, capsys):
    path = drafted / "claims" / "test-report.yaml"
    path.write_text(path.read_text("utf-8").replace("about: [attack:khan-sheikhoun-2017]",
                                                    "about: []", 1), "utf-8")
    snapshot = files(drafted)
    assert cli(drafted, "accept", "test-report", "--all") == 2
    err = capsys.readouterr().err
    assert "test-report.yaml" in err and "nothing was changed" in err
    assert files(drafted) == snapshot


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
