"""`cwkg export --format ntriples|rdfxml`: the union of the build's graphs as one graph, read
back by rdflib (a parser independent of the pyoxigraph writer) as the Turtle export's graph;
a character RDF/XML cannot hold is one clear error, nothing written."""

from __future__ import annotations

import hashlib
import shutil

import pytest
import rdflib
from rdflib.compare import isomorphic

from cwkg.cli import main


@pytest.fixture(scope="module")
def out(tmp_path_factory, repo):
    out = tmp_path_factory.mktemp("build")
    assert main(["--data", str(repo / "data"), "--out", str(out), "build"]) == 0
    return out


def export(repo, out, fmt, *more) -> int:
    return main(["--data", str(repo / "data"), "--out", str(out), "export", "--format", fmt,
                 *more])


@pytest.mark.parametrize("fmt, rdflib_format", [("ntriples", "nt"), ("rdfxml", "xml")])
def test_the_union_reads_back_as_the_turtle_export(repo, out, tmp_path, capsys, fmt,
                                                   rdflib_format):
    target = tmp_path / f"cwkg.{fmt}"
    assert export(repo, out, fmt, "-o", str(target)) == 0
    graph = rdflib.Graph().parse(target, format=rdflib_format)
    turtle = rdflib.Graph().parse(out / "cwkg.ttl", format="turtle")
    assert len(graph) == len(turtle) > 1000 and isomorphic(graph, turtle)
    # to stdout, the same bytes
    capsys.readouterr()
    assert export(repo, out, fmt) == 0
    assert capsys.readouterr().out.encode() == target.read_bytes()


def test_ntriples_has_one_line_per_quad_of_the_build(repo, out, tmp_path):
    """No triple sits in two graphs, so the union keeps every quad's triple."""
    target = tmp_path / "cwkg.nt"
    assert export(repo, out, "ntriples", "-o", str(target)) == 0
    lines = target.read_text("utf-8").splitlines()
    assert len(lines) == len(set(lines)) == sum(1 for _ in (out / "cwkg.nq").open("rb"))


def test_a_control_character_rdfxml_cannot_hold_is_one_error(data_copy, tmp_path, capsys):
    """A form feed (pages of a PDF's text) is fine in N-Triples, impossible in XML 1.0."""
    text = data_copy / "sources" / "wh-2024-04-04.txt"
    content = text.read_bytes().replace(b"\n", b"\n\x0c", 1)
    text.write_bytes(content)
    meta = data_copy / "sources" / "wh-2024-04-04.yaml"
    old = "8ecc84fd08e0f70a99e49bea8c338543aaaea1a888bd0afd7254a6eae8a8a131"
    meta.write_text(meta.read_text("utf-8").replace(old, hashlib.sha256(content).hexdigest()))
    out = tmp_path / "build"
    args = ["--data", str(data_copy), "--out", str(out)]
    assert main([*args, "build"]) == 0, capsys.readouterr().err
    target = tmp_path / "x.rdf"
    target.write_bytes(b"previous")
    capsys.readouterr()
    assert main([*args, "export", "--format", "rdfxml", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("cwkg: error: RDF/XML cannot hold the character U+000C, which the "
                           "value of src:wh-2024-04-04 schema:text contains; export ntriples or "
                           "turtle, or remove it from data/")
    assert target.read_bytes() == b"previous"
    assert main([*args, "export", "--format", "rdfxml"]) == 2
    assert capsys.readouterr().out == ""                 # nothing half-written to stdout
    assert main([*args, "export", "--format", "ntriples", "-o", str(tmp_path / "x.nt")]) == 0
    shutil.rmtree(out)
