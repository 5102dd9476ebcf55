"""Bad data gets one clear line naming file and line, exit code 2, no traceback, and the
previous build is left exactly as it was."""

import re
from pathlib import Path

import pytest

from cwkg.cli import main


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def built_copy(data_copy: Path, capsys):
    """A private data copy with a good build beside it; returns (data, out, snapshot)."""
    out = data_copy.parent / "build"
    code, _, err = run(capsys, "--data", str(data_copy), "--out", str(out), "build")
    assert code == 0, err
    return data_copy, out, _files(out)


def _files(folder: Path) -> dict:
    """Every file under ``folder`` (the exports and the fragment cache) and its bytes."""
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _bom_with_its_hash(text_path: Path) -> None:
    """A byte-order mark before the text, with the hash recorded for the new bytes (so the
    BOM, not the hash, is what the build must refuse)."""
    import hashlib
    old = hashlib.sha256(text_path.read_bytes()).hexdigest()
    text_path.write_bytes(b"\xef\xbb\xbf" + text_path.read_bytes())
    edit(text_path.with_suffix(".yaml"), old, hashlib.sha256(text_path.read_bytes()).hexdigest())


def _symlink_loop(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)  # points at itself


WH_CLAIMS = "claims/wh-2024-04-04.yaml"
NEWS_CLAIMS = "claims/news-2021-04-04.yaml"
CASES = {
    "bom-in-text": ("sources/wh-2024-04-04.txt", _bom_with_its_hash,
                    r"wh-2024-04-04\.txt:1: starts with a byte-order mark"),
    "metadata-symlink-loop": ("sources/wh-2024-04-04.yaml", _symlink_loop,
                              r"wh-2024-04-04\.yaml: is a symbolic link that cannot be followed"),
    "broken-yaml": (WH_CLAIMS, lambda p: edit(p, "  - id: c02\n", "  - id: [c02\n"),
                    r"wh-2024-04-04\.yaml:\d+:\d+: YAML syntax error"),
    "unknown-entity": (WH_CLAIMS, lambda p: edit(p, "about: attack:khan-sheikhoun-2017\n",
                                                 "about: attack:khan-shaikhun-2017\n"),
                       r"wh-2024-04-04\.yaml:\d+: field 'about': unknown entity id "
                       r"'attack:khan-shaikhun-2017'"),
    "duplicate-claim-id": (WH_CLAIMS, lambda p: edit(p, "  - id: c02\n", "  - id: c01\n"),
                           r"wh-2024-04-04\.yaml:\d+: duplicate claim id 'c01' \(first at line"),
    "duplicate-entity-id": ("entities/places.yaml",
                            lambda p: edit(p, "- id: place:douma\n", "- id: place:idlib\n"),
                            r"places\.yaml:\d+: duplicate entity id 'place:idlib'"),
    "impossible-date": (WH_CLAIMS, lambda p: edit(p, 'event_date: "2017-04-04"',
                                                  'event_date: "2017-02-30"'),
                        r"wh-2024-04-04\.yaml:\d+: field 'event_date': '2017-02-30' is not a real"),
    "future-date": ("sources/soc-2020-04-04.yaml",
                    lambda p: edit(p, 'date: "2020-04-04"', 'date: "2999-04-04"'),
                    r"soc-2020-04-04\.yaml:\d+: field 'date': '2999-04-04' is in the future"),
    "quote-not-in-text": (WH_CLAIMS, lambda p: edit(p, '"the loss of over 90 lives"',
                                                    '"the loss of over 95 lives"'),
                          r"wh-2024-04-04\.yaml:\d+: field 'quote': the quote does not occur"),
    "quote-twice": ("claims/soc-2020-04-04.yaml",
                    lambda p: edit(p, "    occurrence: 1\n", ""),
                    r"soc-2020-04-04\.yaml:\d+: field 'quote': the quote occurs 2 times"),
    "text-edited-after-hashing": ("sources/wh-2024-04-04.txt",
                                  lambda p: p.write_bytes(p.read_bytes().replace(b"90", b"95")),
                                  r"wh-2024-04-04\.yaml:\d+: field 'sha256': does not match"),
    "non-utf8": (WH_CLAIMS, lambda p: p.write_bytes(p.read_bytes().replace(
                     "regime’s".encode(), "regime\x92s".encode("latin-1"), 1)),
                 r"wh-2024-04-04\.yaml:\d+: not valid UTF-8"),
    "unknown-key": (WH_CLAIMS, lambda p: edit(p, "    perpetrators: [org:assad-regime]\n",
                                              "    perpetrator: [org:assad-regime]\n"),
                    r"wh-2024-04-04\.yaml:\d+: field 'perpetrator': unknown key in claim "
                    r"\(did you mean 'perpetrators'\?\)"),
    "negative-figure": (WH_CLAIMS, lambda p: edit(p, "value: 90}", "value: -90}"),
                        r"wh-2024-04-04\.yaml:\d+: field 'value': must be at least 0"),
    "wrong-type": (WH_CLAIMS, lambda p: edit(p, "value: 90}", "value: ninety}"),
                   r"wh-2024-04-04\.yaml:\d+: field 'value': must be a whole number, not 'ninety'"),
    "demand-without-call": (WH_CLAIMS, lambda p: edit(p, "    mechanisms: [mech:special-tribunal]\n",
                                                      ""),
                            r"wh-2024-04-04\.yaml:\d+: a demand claim needs 'mechanisms' or "
                            r"'addressees'"),
    "identification-of-an-id-not-linked": (
        WH_CLAIMS, lambda p: edit(p, "{field: about, id: attack:ghouta-2013,",
                                  "{field: about, id: attack:douma-2018-x,"),
        r"wh-2024-04-04\.yaml:\d+: field 'id': 'attack:douma-2018-x' is not one of this "
        r"record's 'about' ids"),
    "identification-without-reason": (
        WH_CLAIMS, lambda p: edit(p, "identified_by: curator,\n         reason: \"The text names "
                                  "the place 'Ghouta' with no date; the curator takes it to be "
                                  "the attack of 21 August 2013 (the date attack:ghouta-2013 "
                                  "cites). The text does not say which attack in Ghouta it "
                                  "means.\"}", "identified_by: curator}"),
        r"wh-2024-04-04\.yaml:\d+: identification is missing the required field 'reason'"),
    "identification-misspelt-key": (
        "sources/wh-2024-04-04.yaml", lambda p: edit(p, "    reason: >-\n", "    reasons: >-\n"),
        r"wh-2024-04-04\.yaml:\d+: field 'reasons': unknown key in identification \(did you "
        r"mean 'reason'\?\)"),
    "identification-by-someone-else": (
        WH_CLAIMS, lambda p: edit(p, "identified_by: curator", "identified_by: reader"),
        r"wh-2024-04-04\.yaml:\d+: field 'identified_by': 'reader' is not one of: curator"),
    "identification-of-the-own-voice": (
        WH_CLAIMS, lambda p: edit(p, "{field: about, id: attack:ghouta-2013,",
                                  "{field: stated_by, id: org:white-helmets,"),
        r"wh-2024-04-04\.yaml:\d+: field 'id': 'org:white-helmets' is not one of this "
        r"record's 'stated_by' ids \(none\)"),
    "years-since-in-words": (
        WH_CLAIMS, lambda p: edit(p, "    years_since: 7\n", "    years_since: seven\n"),
        r"wh-2024-04-04\.yaml:\d+: field 'years_since': must be a whole number, not 'seven'"),
    "years-since-two-attacks": (
        WH_CLAIMS, lambda p: edit(p, 'about: attack:khan-sheikhoun-2017\n    quote: "Seven years',
                                  'about: [attack:khan-sheikhoun-2017, attack:douma-2018]\n'
                                  '    quote: "Seven years'),
        r"wh-2024-04-04\.yaml:\d+: field 'years_since': counts the years since one attack, "
        r"but 'about' names 2"),
    "period-ends-before-it-starts": (
        NEWS_CLAIMS, lambda p: edit(p, 'period: {start: "2011"}', 'period: {start: "2011", end: "2010"}'),
        r"news-2021-04-04\.yaml:\d+: field 'end': '2010' is before the period's start '2011'"),
    "period-in-words": (
        NEWS_CLAIMS, lambda p: edit(p, 'period: {start: "2011"}', 'period: {start: "since 2011"}'),
        r"news-2021-04-04\.yaml:\d+: field 'start': 'since 2011' is not a year, month or date"),
    "period-after-its-source": (
        NEWS_CLAIMS, lambda p: edit(p, 'period: {start: "2011"}', 'period: {start: "2021-05"}'),
        r"news-2021-04-04\.yaml:\d+: field 'start': '2021-05' is after the source's own date "
        r"2021-04-04"),
    "source-without-date-or-note": ("sources/soc-2020-04-04.yaml",
                                    lambda p: p.write_text(p.read_text("utf-8").split(
                                        "note:")[0].replace('date: "2020-04-04"\n', ""),
                                        "utf-8"),
                                    r"soc-2020-04-04\.yaml:\d+: a source needs its 'date', or"),
    "attack-without-date": ("entities/attacks.yaml",
                            lambda p: edit(p, '  date: "2017-04-04"\n', ""),
                            r"attacks\.yaml:\d+: an attack needs its 'date', or, for a series"),
    "attack-series-reversed": ("entities/attacks.yaml",
                               lambda p: edit(p, '  date: "2017-04-04"\n',
                                              '  from: "2017-04-04"\n  to: "2017-04-01"\n'),
                               r"attacks\.yaml:\d+: field 'to': 2017-04-01 is before 'from'"),
    "empty-file": (WH_CLAIMS, lambda p: p.write_text("", "utf-8"),
                   r"wh-2024-04-04\.yaml:1: the file is empty; expected a claims file"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_data_fails_cleanly_and_keeps_the_previous_build(name, built_copy, capsys):
    data, out, snapshot = built_copy
    relative, breaker, pattern = CASES[name]
    breaker(data / relative)
    code, stdout, stderr = run(capsys, "--data", str(data), "--out", str(out), "build")
    assert code == 2
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert re.search(pattern, lines[0]), lines[0]
    assert stdout == ""
    after = _files(out)
    # every file is as it was; the cache may have gained the sources read before the error
    assert {name: after.get(name) for name in snapshot} == snapshot
    assert {p for p in after if p.parent == Path(".")} == \
        {p for p in snapshot if p.parent == Path(".")}


def test_validate_reports_the_same_data_error(data_copy, capsys):
    edit(data_copy / WH_CLAIMS, "  - id: c02\n", "  - id: c01\n")
    code, _, stderr = run(capsys, "--data", str(data_copy), "validate")
    assert code == 2 and "duplicate claim id 'c01'" in stderr


def test_repository_data_builds_and_validates(repo, tmp_path, capsys):
    code, stdout, stderr = run(capsys, "--data", str(repo / "data"), "--out", str(tmp_path),
                               "build")
    assert code == 0, stderr
    assert "built " in stderr and "cwkg.nq" in stdout
    code, _, stderr = run(capsys, "--data", str(repo / "data"), "validate")
    assert code == 0, stderr
    assert "0 violation(s)" in stderr


def test_export_refuses_a_missing_or_stale_build(data_copy, tmp_path, capsys):
    out = tmp_path / "nobuild"
    code, _, stderr = run(capsys, "--data", str(data_copy), "--out", str(out), "export",
                          "--format", "trig")
    assert code == 2 and "run 'cwkg build' first" in stderr


def test_export_writes_atomically_to_a_file(built_copy, capsys):
    data, out, _ = built_copy
    target = out.parent / "export.jsonld"
    code, stdout, stderr = run(capsys, "--data", str(data), "--out", str(out), "export",
                               "--format", "jsonld", "-o", str(target))
    assert code == 0, stderr
    assert target.read_bytes() == (out / "cwkg.jsonld").read_bytes()
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_invalid_rdf_file_is_a_violation_not_an_error(repo, capsys):
    path = repo / "tests" / "shapes" / "invalid" / "quote-not-in-text.trig"
    code, stdout, _ = run(capsys, "validate", str(path))
    assert code == 1 and "shape:QuoteInTextShape" in stdout


def test_unparseable_rdf_file_names_line_and_column(tmp_path, capsys):
    path = tmp_path / "broken.ttl"
    path.write_text('@prefix e: <http://e/> .\ne:a e:b "unterminated .\n', "utf-8")
    code, _, stderr = run(capsys, "validate", str(path))
    assert code == 2
    assert re.search(r"broken\.ttl:2:\d+: RDF syntax error", stderr), stderr
