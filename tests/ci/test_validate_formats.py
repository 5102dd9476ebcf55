"""``cwkg validate --format``: every format says the same findings, at the same file:line,
with the same exit code; SARIF passes the SARIF 2.1.0 schema; the Turtle report holds
what pySHACL's report graph holds."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

from cwkg.cli import main
from cwkg.validate.formats import FORMATS, _gh_data, _gh_property, location
from cwkg.validate.report import Finding
from cwkg.validate.rules import all_rules

from .conftest import line_of

HERE = Path(__file__).parent
NEWS = "data/claims/news-2021-04-04.yaml"


def _expected(root: Path) -> set:
    """The findings the flawed copy gives, as the text format prints them: each at the line
    that defines its node (the claim c03 for its figure f2, the claim c01, the source)."""
    claims = root / NEWS
    source = root / "data" / "sources" / "news-2021-04-04.yaml"
    return {(f"{NEWS}:{line_of(claims, '- id: c03')}", "Violation", "shape:SubgroupWithinTotalShape"),
            (f"data/sources/news-2021-04-04.yaml:{line_of(source, 'id: src:news-2021-04-04')}",
             "Warning", "shape:SourcePublisherShape"),
            (f"{NEWS}:{line_of(claims, '- id: c01')}", "Violation",
             "query:via-in-own-voice-violation")}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module")
def flawed(tmp_path_factory, repo):
    """A copy of data/ with one shape violation (32 children -> 320, above the total of
    about 100) and one check violation (an own-voice claim with an intermediary), beside
    the repository's one warning (a source without publisher)."""
    root = tmp_path_factory.mktemp("flawed")
    shutil.copytree(repo / "data", root / "data")
    claims = root / NEWS
    _edit(claims, "group: children, qualifier: exactly, value: 32}",
          "group: children, qualifier: exactly, value: 320}")
    _edit(claims, "  - id: c01\n", "  - id: c01\n    via: doc:ned-price-tweet-2021-04-04\n")
    return root


def _quads(root: Path) -> int:
    """The quads the build makes of ``root``'s data (what validation reads)."""
    from cwkg.build.memory import in_memory
    return len(in_memory(root / "data").quads)


def _validate(root: Path, monkeypatch, capsys, *args) -> tuple[int, str, str]:
    monkeypatch.chdir(root)  # relative paths, as in a user's repository
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_keeps_the_exit_code_and_the_summary(fmt, flawed, monkeypatch, capsys):
    code, out, err = _validate(flawed, monkeypatch, capsys, "--format", fmt)
    assert code == 1, err
    assert re.search(rf"2 violation\(s\), 1 warning\(s\)(, \d+ info)? in {_quads(flawed)} quads$",
                     err.strip()), err
    assert out  # the report itself, never on stderr


def test_text_format_is_the_default(flawed, monkeypatch, capsys):
    _, default, _ = _validate(flawed, monkeypatch, capsys)
    _, text, _ = _validate(flawed, monkeypatch, capsys, "--format", "text")
    assert default == text
    assert {(line.split(": ")[0], line.split(": ")[1], line.rsplit("[", 1)[1][:-1])
            for line in text.splitlines() if ": Info: " not in line} == _expected(flawed)


def test_json_gives_file_and_line_apart(flawed, monkeypatch, capsys):
    _, out, _ = _validate(flawed, monkeypatch, capsys, "--format", "json")
    doc = json.loads(out)
    assert (doc["conforms"], doc["violations"], doc["warnings"], doc["quads"]) == \
        (False, 2, 1, _quads(flawed))
    assert {(f"{f['file']}:{f['line']}", f["severity"], f["rule"])
            for f in doc["findings"] if f["severity"] != "Info"} == _expected(flawed)
    subgroup = next(f for f in doc["findings"] if f["rule"].endswith("SubgroupWithinTotalShape"))
    assert (subgroup["focus"], subgroup["value"]) == ("claim:news-2021-04-04-c03-f2", "320")


def test_github_annotations(flawed, monkeypatch, capsys):
    _, out, _ = _validate(flawed, monkeypatch, capsys, "--format", "github")
    c01, c03 = (line_of(flawed / NEWS, f"- id: {c}") for c in ("c01", "c03"))
    lines = sorted((line for line in out.splitlines() if not line.startswith("::notice")),
                   key=lambda line: ("warning" in line, len(line)))
    assert len(lines) == 3
    via = next(line for line in lines if "via-in-own-voice" in line)
    assert via.startswith(
        f"::error file={NEWS},line={c01},"
        "title=Violation%3A query%3Avia-in-own-voice-violation::claim:news-2021-04-04-c01: ")
    subgroup = next(line for line in lines if "SubgroupWithinTotal" in line)
    assert subgroup.startswith(f"::error file={NEWS},line={c03},")
    assert subgroup.endswith("(value: 320)")
    assert lines[2].startswith("::warning file=data/sources/news-2021-04-04.yaml,line=")


def test_github_escaping():
    assert _gh_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert _gh_property("a:b,c") == "a%3Ab%2Cc"


def test_junit_has_a_case_per_rule_failing_with_file_andline_of(flawed, monkeypatch, capsys):
    _, out, _ = _validate(flawed, monkeypatch, capsys, "--format", "junit")
    root = ET.fromstring(out)
    cases = root.findall("testsuite/testcase")
    rules = all_rules()
    assert sorted(c.get("name") for c in cases) == sorted(r.id for r in rules)
    assert root.get("tests") == str(len(rules)) and root.get("failures") == "2"
    failing = {c.get("name"): c.find("failure") for c in cases if c.find("failure") is not None}
    assert set(failing) == {"shape:SubgroupWithinTotalShape", "query:via-in-own-voice-violation"}
    c01, c03 = (line_of(flawed / NEWS, f"- id: {c}") for c in ("c01", "c03"))
    assert failing["shape:SubgroupWithinTotalShape"].text.startswith(f"{NEWS}:{c03}: Violation:")
    assert failing["query:via-in-own-voice-violation"].text.startswith(
        f"{NEWS}:{c01}: Violation:")
    warned = next(c for c in cases if c.get("name") == "shape:SourcePublisherShape")
    assert warned.find("failure") is None  # a warning does not fail, as the exit code
    assert warned.find("system-out").text.startswith("data/sources/news-2021-04-04.yaml:4:")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert suites["violation checks"].get("failures") == "1"


def test_sarif_passes_the_schema_and_points_into_the_yaml(flawed, monkeypatch, capsys):
    import jsonschema

    _, out, _ = _validate(flawed, monkeypatch, capsys, "--format", "sarif")
    log = json.loads(out)
    schema = json.loads((HERE / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(log))
    assert not errors, [e.message for e in errors[:3]]
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    found = set()
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        if result["level"] == "note":
            continue  # the data's Info findings: not what this copy's edits put in
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        found.add((f"{physical['artifactLocation']['uri']}:{physical['region']['startLine']}",
                   {"error": "Violation", "warning": "Warning"}[result["level"]],
                   result["ruleId"]))
    assert found == _expected(flawed)
    assert {r["id"] for r in rules} == {r.id for r in all_rules()}


def test_sarif_schema_check_is_not_empty():
    """The vendored schema rejects a log that breaks it (so the test above can fail)."""
    import jsonschema
    schema = json.loads((HERE / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [
        {"message": {"text": "x"}, "level": "fatal"}]}]}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))


def test_turtle_report_holds_what_pyshacl_reports(flawed, monkeypatch, capsys):
    """Each SHACL result of ours has pySHACL's focus node, path, severity, source shape and
    message; the check's result is there too, and sh:conforms agrees."""
    import pyshacl

    from cwkg.build.memory import in_memory
    from cwkg.rdf.store import Store
    from cwkg.validate.shacl import load_shapes

    _, out, _ = _validate(flawed, monkeypatch, capsys, "--format", "turtle")
    ours = rdflib.Graph().parse(data=out, format="turtle")
    report = ours.value(predicate=rdflib.RDF.type, object=SH.ValidationReport, any=False)
    assert ours.value(report, SH.conforms).toPython() is False

    def results(graph, report_node):
        return {(graph.value(r, SH.focusNode), graph.value(r, SH.resultPath),
                 graph.value(r, SH.resultSeverity), graph.value(r, SH.sourceShape),
                 str(graph.value(r, SH.resultMessage)))
                for r in graph.objects(report_node, SH.result)}

    data = Store(in_memory(flawed / "data").quads).union_rdflib_graph()
    _, theirs, _ = pyshacl.validate(data, shacl_graph=load_shapes(), allow_warnings=True)
    their_report = theirs.value(predicate=rdflib.RDF.type, object=SH.ValidationReport,
                                any=False)
    expected = results(theirs, their_report)
    mine = results(ours, report)
    checks = {r for r in mine if str(r[3]).startswith("urn:cwkg:query:")}
    assert mine - checks == expected
    assert {str(r[3]) for r in checks} == {"urn:cwkg:query:via-in-own-voice-violation"}


def test_output_file_is_written_whole_and_only_on_success(flawed, monkeypatch, capsys):
    target = flawed / "reports" / "cwkg.sarif"
    code, out, err = _validate(flawed, monkeypatch, capsys, "--format", "sarif", "-o",
                               str(target))
    assert code == 1 and out == "" and f"wrote {target}" in err
    written = target.read_bytes()
    assert json.loads(written)["version"] == "2.1.0"
    broken = flawed.parent / "broken"
    shutil.copytree(flawed / "data", broken / "data")
    _edit(broken / NEWS, "  - id: c02\n", "  - id: c01\n")
    code, _, err = _validate(broken, monkeypatch, capsys, "--format", "sarif", "-o",
                             str(target))
    assert code == 2 and "duplicate claim id" in err
    assert target.read_bytes() == written  # the last report stays as it was
    assert [p.name for p in target.parent.iterdir()] == ["cwkg.sarif"]


def test_repository_data_conforms_in_every_format(repo, monkeypatch, capsys):
    for fmt in FORMATS:
        code, _, err = _validate(repo, monkeypatch, capsys, "--format", fmt)
        assert code == 0, (fmt, err)


@pytest.mark.parametrize("where, expected", [
    ("data/claims/a.yaml:12", ("data/claims/a.yaml", 12)),
    ("/abs/data/x.yaml:3", ("/abs/data/x.yaml", 3)),
    ("my data/x.yaml:3", ("my data/x.yaml", 3)),
    ("_:b12", (None, None)),
    ("my files/g.ttl: ex:node", ("my files/g.ttl", None)),
    ("claim:a-c01", (None, None)),
    ("https://example.org/x:80", (None, None)),
])
def test_location_of_each_kind_of_where(where, expected):
    found = location(Finding(where, "Violation", "shape:S", "claim:a", None, None, "m"))
    assert (found.file, found.line) == expected
