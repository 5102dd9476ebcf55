"""The claim-level `status` key: proposed claims stay out of the graph and are counted."""

from __future__ import annotations

import pytest

from cwkg.build.memory import in_memory
from cwkg.cli import main
from cwkg.errors import DataError
from cwkg.load.data import load_data

CLAIMS = "claims/wh-2024-04-04.yaml"


def _append(data_copy, text: str) -> None:
    path = data_copy / CLAIMS
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def test_proposed_claim_is_counted_not_built(data_copy):
    before, graph_before = load_data(data_copy), in_memory(data_copy)
    # a proposal may be incomplete (no about, unknown ids): it is not checked until accepted
    _append(data_copy, "  - id: c90\n    status: proposed\n    kind: attribution\n"
                       "    stated_by: author\n    quote: \"no such words\"\n"
                       "    perpetrators: [org:nobody-yet]\n")
    data, graph = load_data(data_copy), in_memory(data_copy)
    assert data.pending == ("src:wh-2024-04-04#c90",)
    assert len(data.claims) == len(before.claims)
    assert len(graph.quads) == len(graph_before.quads)
    assert not any("c90" in q.subject.value for q in graph.quads)


def test_accepted_status_is_the_default_and_is_built(data_copy):
    before = load_data(data_copy)
    _append(data_copy, "  - id: c90\n    status: accepted\n    kind: commemoration\n"
                       "    stated_by: author\n    about: attack:khan-sheikhoun-2017\n"
                       "    quote: \"a call for justice\"\n")
    data = load_data(data_copy)
    assert data.pending == ()
    assert len(data.claims) == len(before.claims) + 1


@pytest.mark.parametrize("extra, message", [
    ("    status: maybe\n", "status"),
    ("    stauts: proposed\n", "did you mean 'status'"),
])
def test_bad_status_is_a_data_error(data_copy, extra, message):
    _append(data_copy, "  - id: c90\n" + extra + "    kind: commemoration\n")
    with pytest.raises(DataError, match=message):
        load_data(data_copy)


def test_duplicate_id_between_proposed_and_accepted(data_copy):
    _append(data_copy, "  - id: c01\n    status: proposed\n    kind: demand\n")
    with pytest.raises(DataError, match="duplicate claim id 'c01'"):
        load_data(data_copy)


def test_build_reports_pending(data_copy, tmp_path, capsys):
    _append(data_copy, "  - id: c90\n    status: proposed\n    kind: demand\n")
    assert main(["--data", str(data_copy), "--out", str(tmp_path / "b"), "build"]) == 0
    assert "1 proposed claim(s) pending review" in capsys.readouterr().err
