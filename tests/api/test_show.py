"""``cwkg show ID``: a claim, source or entity for a person, from the last build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cwkg.cli import main

REPO = Path(__file__).resolve().parents[2]


def _claim_line(source: str, claim: str) -> str:
    """``<source>.yaml:<line>``: where data/claims/<source>.yaml defines ``claim``."""
    lines = [line.strip() for line in (REPO / "data" / "claims" / f"{source}.yaml")
             .read_text("utf-8").splitlines()]
    return f"{source}.yaml:{lines.index(f'- id: {claim}') + 1}"


# one claim of each seed, its quote and figure (checked by hand against the texts)
SEED_CLAIMS = [
    ("claim:wh-2024-04-04-c07", "the loss of over 90 lives", _claim_line("wh-2024-04-04", "c07"),
     "killed: more than 90 people (91 or more)"),
    ("news-2021-04-04-c03", "which killed about 100 civilians - including 32 children and 23 "
     "women", _claim_line("news-2021-04-04", "c03"), "killed: 32 children"),
    ("claim:soc-2020-04-04-c10", "killing 100 people and injuring hundreds more",
     _claim_line("soc-2020-04-04", "c10"), "injured: hundreds of people (200 to 999)"),
]


@pytest.fixture(scope="module")
def build_dir(repo, tmp_path_factory):
    from cwkg.build.write import build
    out = tmp_path_factory.mktemp("show") / "build"
    build(repo / "data", out)
    return out


def _show(repo, build_dir, capsys, *args) -> tuple[int, str, str]:
    code = main(["--data", str(repo / "data"), "--out", str(build_dir), "show", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("ident, quote, line, figure", SEED_CLAIMS)
def test_a_claim_of_each_seed(ident, quote, line, figure, repo, build_dir, capsys):
    code, out, err = _show(repo, build_dir, capsys, ident)
    assert code == 0, err
    assert f"[[{quote}]]" in out  # highlighted in its context, plain markers in a pipe
    assert f"data/claims/{line}" in out
    assert figure in out
    for heading in ("What it says", "Provenance"):
        assert heading in out
    assert "\x1b[" not in out


def test_the_quote_sits_in_the_source_texts_context(repo, build_dir, capsys):
    code, out, _ = _show(repo, build_dir, capsys, "wh-2024-04-04-c07", "--context", "20")
    text = (repo / "data" / "sources" / "wh-2024-04-04.txt").read_text("utf-8")
    before, after = " ".join(text[862:882].split()), " ".join(text[907:927].split())
    assert f'"…{before} [[the loss of over 90 lives]] {after}…"' in out
    assert "characters 882-907" in out


def test_a_source_lists_its_metadata_and_claims(repo, build_dir, capsys):
    for ident in ("src:soc-2020-04-04", "soc-2020-04-04"):
        code, out, _ = _show(repo, build_dir, capsys, ident)
        assert code == 0
        assert out.startswith("src:soc-2020-04-04  source: On 3rd Anniversary")
        claims = (REPO / "data/claims/soc-2020-04-04.yaml").read_text("utf-8").count("  - id: c")
        assert f"Claims ({claims})" in out and "2020-04-04" in out
        assert "SOC Department of Media and Communications (org:soc-media-department)" in out


def test_an_entity_by_id_label_or_arabic_alias(repo, build_dir, capsys):
    outputs = set()
    for ident in ("org:assad-regime", "Syrian regime", "نظام الأسد"):
        code, out, _ = _show(repo, build_dir, capsys, ident)
        assert code == 0
        assert out.startswith("org:assad-regime  entity: Assad regime")
        assert "نظام الأسد" in out and "regime forces" in out
        assert f"What the claims say of it ({_claims_naming(build_dir, 'org:assad-regime')})" \
            in out
        outputs.add(out)
    assert len(outputs) == 1


def _claims_naming(build_dir, entity: str) -> int:
    """The claims that name ``entity`` in any role, counted by one plain query."""
    from cwkg.build.read import load_build
    from cwkg.namespaces import expand
    store, _ = load_build(build_dir)
    rows = store.oxigraph.query(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?c a "
        f"<{expand('cwkg:Claim')}> ; ?p <{expand(entity)}> }} }}")
    return int(next(iter(rows))[0].value)


def test_highlight_on_a_terminal_and_not_with_no_color(repo, build_dir, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out, _ = _show(repo, build_dir, capsys, "wh-2024-04-04-c07")
    assert "\x1b[1;4mthe loss of over 90 lives\x1b[0m" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = _show(repo, build_dir, capsys, "wh-2024-04-04-c07")
    assert "[[the loss of over 90 lives]]" in out and "\x1b[" not in out


def test_an_unknown_id_is_one_line_and_exit_2(repo, build_dir, capsys):
    code, out, err = _show(repo, build_dir, capsys, "claim:wh-2024-04-04-c99")
    assert code == 2 and out == ""
    assert err.startswith("cwkg: error: parameter 'claim': no claim 'claim:wh-2024-04-04-c99'")
    code, _, err = _show(repo, build_dir, capsys, "Atlantis")
    assert code == 2 and "no entity is named 'Atlantis'" in err
