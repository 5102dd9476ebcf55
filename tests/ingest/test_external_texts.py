"""Sources whose text is kept outside the repository: added with --external-text, built
verified with the text at hand and unverified without it, never republished, and every
mismatch refused with one line at file:line."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from cwkg.build.read import load_build
from cwkg.build.write import build
from cwkg.cli import main
from cwkg.ingest.review import pending

from .test_add import files

ARTICLE = ("[SYNTHETIC TEST TEXT - invented wording for cwkg's tests; not a real document]\n\n"
           "A statement about the\nchemical attack\n\n"
           "Yesterday's sarin attack on Khan Sheikhoun killed more than 70 people. Opposition "
           "groups accused the Syrian regime of launching the attack, and called for a "
           "referral to the International Criminal Court under Chapter VII.\n")
UNIQUE = "Opposition groups accused the Syrian regime of launching the attack"  # no quote
EARL = "http://www.w3.org/ns/earl#"
VERIFICATION = "https://w3id.org/cwkg/ontology#verification"


def cli(data: Path, *args, texts: Path | None = None) -> int:
    extra = ["--texts", str(texts)] if texts is not None else []
    return main(["--data", str(data), *extra, *map(str, args)])


@pytest.fixture()
def added(data_copy, tmp_path, capsys) -> Path:
    """data/ with src:art added as an external-text source, its proposals accepted; its
    text is tmp/archive/art.txt (the default texts folder beside data/)."""
    incoming = tmp_path / "incoming.txt"
    incoming.write_text(ARTICLE, "utf-8")
    assert cli(data_copy, "add", incoming, "--external-text", "--publisher", "org:soc",
               "--date", "2017-04-05", "--lang", "en", "--id", "art",
               "--title", "A statement about the chemical attack") == 0
    assert cli(data_copy, "accept", "art", "--all") == 0
    capsys.readouterr()
    return data_copy


def outcomes(out_dir: Path) -> dict[str, str]:
    store, _ = load_build(out_dir)
    return {q.subject.value.rsplit("/", 1)[1]: q.object.value.removeprefix(EARL)
            for q in store.quads if q.predicate.value == VERIFICATION and "/art" in q.subject.value}


def test_add_keeps_the_text_outside_data_and_accept_stores_anchors(added, tmp_path):
    archived = tmp_path / "archive" / "art.txt"
    assert archived.read_text("utf-8") == ARTICLE
    assert not (added / "sources" / "art.txt").exists()
    meta = (added / "sources" / "art.yaml").read_text("utf-8")
    assert "external_text: true" in meta and f"characters: {len(ARTICLE)}" in meta
    assert hashlib.sha256(ARTICLE.encode()).hexdigest() in meta
    # the title wraps over two lines in the text: matched across the line break
    assert 'title: "A statement about the chemical attack"' in meta
    claims = (added / "claims" / "art.yaml").read_text("utf-8")
    start = ARTICLE.index("killed more than 70 people")
    assert f"anchor: {{start: {start}, end: {start + 26}, prefix: " in claims
    assert pending(added, "art") == []
    # no file in data/ holds more of the text than quotes and their 32-character context
    assert not any(UNIQUE in p.read_text("utf-8") for p in added.rglob("*.yaml"))


def test_build_verifies_with_the_text_and_not_without_and_never_shares_a_fragment(
        added, tmp_path, capsys):
    out = tmp_path / "build"
    assert cli(added, "--out", out, "build") == 0
    # (the other sources kept outside, those of data/, have no text in this tmp archive/)
    assert "not verified: src:art\n" not in capsys.readouterr().err
    assert set(outcomes(out).values()) == {"passed"} and len(outcomes(out)) == 6
    assert UNIQUE not in (out / "cwkg.nq").read_text("utf-8")  # never republished
    with_text = (out / "cwkg.nq").read_bytes()
    # the same out folder, the text not at hand: that source's fragment is made again
    assert cli(added, "--out", out, "build", texts=tmp_path / "empty") == 0
    err = capsys.readouterr().err
    assert "0 verified against their text" in err and "not verified: src:art\n" in err
    sources = len(list((added / "sources").glob("*.yaml")))
    assert f"({sources - 1} of {sources} source graphs unchanged" in err
    assert set(outcomes(out).values()) == {"untested"}
    assert cli(added, "--out", out, "validate", texts=tmp_path / "empty") == 0
    assert cli(added, "--out", out, "build") == 0
    assert (out / "cwkg.nq").read_bytes() == with_text


def test_a_changed_text_or_anchor_is_one_line_at_file_and_line(added, tmp_path, capsys):
    out = tmp_path / "build"
    archived = tmp_path / "archive" / "art.txt"
    archived.write_text(ARTICLE.replace("70 people", "71 people"), "utf-8")
    snapshot = files(added)
    assert cli(added, "--out", out, "build") == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("cwkg: error: ")
    assert "sources/art.yaml:9: field 'sha256': does not match the text" in err
    assert files(added) == snapshot and not out.exists()
    archived.write_text(ARTICLE, "utf-8")
    claims = added / "claims" / "art.yaml"
    start = ARTICLE.index("killed more than 70 people")
    claims.write_text(claims.read_text("utf-8").replace(
        f"start: {start}, end: {start + 26}", f"start: {start + 1}, end: {start + 27}"), "utf-8")
    assert cli(added, "--out", out, "build") == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "claims/art.yaml:" in err
    assert "field 'anchor': does not match the text" in err and "cwkg anchor art" in err
    # without the text only what the stored selectors say of themselves can be checked
    claims.write_text(claims.read_text("utf-8").replace(
        f"start: {start + 1}, end: {start + 27}", f"start: {start + 1}, end: {start + 26}"),
        "utf-8")
    assert cli(added, "--out", out, "build", texts=tmp_path / "empty") == 2
    assert "spans 25 characters" in capsys.readouterr().err


def test_cwkg_anchor_rewrites_an_edited_quote(added, tmp_path, capsys):
    claims = added / "claims" / "art.yaml"
    claims.write_text(claims.read_text("utf-8").replace(
        'quote: "killed more than 70 people"', 'quote: "killed more than 70"'), "utf-8")
    assert cli(added, "--out", tmp_path / "b", "build") == 2
    assert cli(added, "anchor", "art") == 0
    assert "rewritten the anchor of c02" in capsys.readouterr().err
    assert cli(added, "--out", tmp_path / "b", "build") == 0
    assert cli(added, "anchor", "art") == 0  # nothing left to change
    assert "0 anchor(s)" in capsys.readouterr().err
    assert cli(added, "anchor", "art", texts=tmp_path / "empty") == 2
    assert "not in" in capsys.readouterr().err
    assert cli(added, "anchor", "wh-2024-04-04") == 2
    assert "computed by the build" in capsys.readouterr().err


def test_accept_needs_the_text_and_a_text_in_data_is_refused(data_copy, tmp_path, capsys):
    incoming = tmp_path / "incoming.txt"
    incoming.write_text(ARTICLE, "utf-8")
    assert cli(data_copy, "add", incoming, "--external-text", "--publisher", "org:soc",
               "--date", "2017-04-05", "--lang", "en", "--id", "art") == 0
    assert cli(data_copy, "accept", "art", "--all", texts=tmp_path / "empty") == 1
    err = capsys.readouterr().err
    assert "left c01 proposed: the text of src:art is not in" in err
    (data_copy / "sources" / "art.txt").write_text(ARTICLE, "utf-8")
    assert cli(data_copy, "--out", tmp_path / "b", "build") == 2
    assert "field 'external_text'" in capsys.readouterr().err


@pytest.fixture()
def drafted_with_proposals(data_copy, tmp_path) -> Path:
    """src:art drafted with proposed entities after its claims (its publisher is new)."""
    incoming = tmp_path / "incoming.txt"
    incoming.write_text(ARTICLE, "utf-8")
    assert cli(data_copy, "add", incoming, "--external-text", "--publisher", "Wire Agency",
               "--date", "2017-04-05", "--lang", "en", "--id", "art") == 0
    claims = (data_copy / "claims" / "art.yaml").read_text("utf-8")
    assert "\nproposed_entities:\n" in claims and "  - id: org:wire-agency\n" in claims
    return data_copy


def _last_claim(data: Path) -> str:
    return re.findall(r"^  - id: (c\d+)$", (data / "claims" / "art.yaml").read_text("utf-8"),
                      re.M)[-1]


def test_the_last_claim_is_accepted_by_id_with_its_anchor(drafted_with_proposals, capsys):
    """The last claim's block ends where the proposed entities begin: its anchor is written
    in the claim (it went after the proposed entities, and the accept was refused)."""
    data = drafted_with_proposals
    last = _last_claim(data)
    assert cli(data, "accept", "art", last) == 0, capsys.readouterr().err
    claims = (data / "claims" / "art.yaml").read_text("utf-8")
    block = claims[claims.index(f"  - id: {last}\n"):claims.index("\nproposed_entities:\n")]
    assert "    anchor: {start: " in block and "status: proposed" not in block
    assert "  - id: org:wire-agency\n" in claims.split("\nproposed_entities:\n")[1]


def test_the_last_claims_end_is_the_next_key_as_the_parser_reads_it(drafted_with_proposals,
                                                                    capsys):
    """A quote wrapped onto a line of its own at column 0 is still the claim's (the span
    ended there, and the accept was refused with a YAML error), and a comment and a blank
    line before the proposed entities stay when the last claim is rejected."""
    data = drafted_with_proposals
    path = data / "claims" / "art.yaml"
    text = path.read_text("utf-8")
    assert '    quote: "Chapter VII"\n' in text
    path.write_text(text.replace('    quote: "Chapter VII"\n', '    quote: "Chapter\nVII"\n')
                    .replace("\nproposed_entities:\n",
                             "\n# the curator's note\n\nproposed_entities:\n"), "utf-8")
    last = _last_claim(data)
    assert cli(data, "accept", "art", last) == 0, capsys.readouterr().err
    assert "    anchor: {start: " in path.read_text("utf-8").split(f"  - id: {last}\n")[1] \
        .split("# the curator's note")[0]
    assert cli(data, "reject", "art", last) == 0, capsys.readouterr().err
    after = path.read_text("utf-8")
    assert f"  - id: {last}\n" not in after
    assert "\n# the curator's note\n\nproposed_entities:\n" in after


def test_review_of_a_source_just_added_outside_the_repository(drafted_with_proposals, capsys):
    """Its plausibility warnings are those of its proposals accepted, anchors included (the
    review stopped with 'needs its anchor stored' after listing them)."""
    capsys.readouterr()
    assert cli(drafted_with_proposals, "review", "art") == 0
    out, err = capsys.readouterr()
    assert "src:art#c01\t" in out and "error" not in err
    assert "0 of them not acceptable as they stand" in err


def test_rejecting_the_last_claim_keeps_the_proposed_entities(drafted_with_proposals, capsys):
    data = drafted_with_proposals
    before = (data / "claims" / "art.yaml").read_text("utf-8")
    entities = before[before.index("\nproposed_entities:\n"):]
    last = _last_claim(data)
    assert cli(data, "reject", "art", last) == 0, capsys.readouterr().err
    after = (data / "claims" / "art.yaml").read_text("utf-8")
    assert f"  - id: {last}\n" not in after
    assert after.endswith(entities)


def test_the_same_text_is_refused_even_when_not_at_hand(added, tmp_path, capsys):
    (tmp_path / "archive" / "art.txt").unlink()
    incoming = tmp_path / "again.txt"
    incoming.write_text(ARTICLE, "utf-8")
    snapshot = files(added)
    assert cli(added, "add", incoming, "--publisher", "org:soc", "--date", "2017-04-06",
               "--lang", "en") == 2
    assert "identical to src:art (same SHA-256)" in capsys.readouterr().err
    assert files(added) == snapshot


@pytest.mark.parametrize("settings, name", [
    ('texts = ["kept"]\n', "cwkg.toml"),
    ('[project]\nname = "x"\n[tool.cwkg]\ntexts = "kept"\n', "pyproject.toml"),
])
def test_the_texts_folder_comes_from_the_repository_settings(added, tmp_path, settings, name):
    (tmp_path / "archive").rename(tmp_path / "kept")
    (tmp_path / name).write_text(settings, "utf-8")
    result = build(added, tmp_path / "b")
    assert ("https://w3id.org/cwkg/source/art", "verified") in result.external
    assert "kept/" in result.texts


def test_bad_settings_are_one_line(added, tmp_path, capsys):
    (tmp_path / "cwkg.toml").write_text('texts = [1]\n', "utf-8")
    assert cli(added, "--out", tmp_path / "b", "build") == 2
    assert "cwkg.toml: 'texts' must be a folder or a list" in capsys.readouterr().err
    (tmp_path / "cwkg.toml").write_text('texts = [\n', "utf-8")
    assert cli(added, "--out", tmp_path / "b", "build") == 2
    assert "cwkg.toml:" in capsys.readouterr().err


def test_a_build_older_than_its_data_or_an_external_text_is_refused(added, tmp_path, capsys):
    """Commands that read the build (query, export, serve) refuse one that is older than a
    file of data/ or than an external text now in a texts folder."""
    import os
    out = tmp_path / "b"
    assert cli(added, "--out", out, "build", "--no-validate") == 0
    query = ("--out", out, "query", "voices")
    assert cli(added, *query) == 0
    for newer in (tmp_path / "archive" / "art.txt", added / "claims" / "art.yaml"):
        before = newer.stat().st_mtime - 3600
        os.utime(newer, (before, before))  # changed now, to an older time (as cp -p gives)
        capsys.readouterr()
        assert cli(added, *query) == 2
        assert f"is older than {newer}" in capsys.readouterr().err
        assert cli(added, "--out", out, "build", "--no-validate") == 0
        assert cli(added, *query) == 0
