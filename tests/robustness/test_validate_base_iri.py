"""``cwkg validate FILE`` reads relative IRIs against the file's own location (as rdflib,
Jena's riot and Oxigraph's CLI do), or against ``--base IRI``."""

from __future__ import annotations

import json
from pathlib import Path

import rdflib

from cwkg.cli import main

SUITES = Path(__file__).parent / "w3c"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")


def _accepted_files() -> list[Path]:
    """The Turtle and TriG files the W3C suites say are valid (positive syntax and
    evaluation tests), many with relative IRIs such as <s> or <#x>."""
    files = []
    for suite in ("rdf-turtle", "rdf-trig"):
        manifest = rdflib.Graph().parse(SUITES / suite / "manifest.ttl",
                                        publicID=f"https://example.org/{suite}/")
        for test in manifest.subjects(MF.action, None):
            kind = str(manifest.value(test, rdflib.RDF.type)).rsplit("#", 1)[-1]
            if kind.startswith(("TestTurtlePositive", "TestTurtleEval", "TestTrigPositive",
                                "TestTrigEval")):
                files.append(SUITES / suite / str(manifest.value(test, MF.action)).rsplit("/")[-1])
    return sorted(set(files))


def test_every_valid_w3c_file_is_read(capsys):
    files = _accepted_files()
    assert len(files) > 300
    relative = [f for f in files if b"<#" in f.read_bytes() or b"<s>" in f.read_bytes()]
    assert len(relative) > 20  # the files that need a base IRI are among them
    code = main(["validate", *map(str, files)])
    _, err = capsys.readouterr()
    assert code in (0, 1), err  # SHACL may well find cwkg's shapes unmet; no error
    assert "No scheme" not in err


def _focus_nodes(tmp_path, capsys, *options) -> set[str]:
    path = tmp_path / "claims.ttl"
    path.write_text("@prefix cwkg: <https://w3id.org/cwkg/ontology#> .\n"
                    "<#c1> a cwkg:Claim .\n", "utf-8")
    code = main(["validate", "--format", "json", *options, str(path)])
    out, err = capsys.readouterr()
    assert code == 1, err  # a claim with nothing: the claim shapes fail
    return {f["focus"] for f in json.loads(out)["findings"]}


def test_relative_iris_resolve_against_the_file(tmp_path, capsys):
    assert _focus_nodes(tmp_path, capsys) == {(tmp_path / "claims.ttl").as_uri() + "#c1"}


def test_base_option_overrides_the_file_location(tmp_path, capsys):
    assert _focus_nodes(tmp_path, capsys, "--base", "https://example.org/mine") == \
        {"https://example.org/mine#c1"}
