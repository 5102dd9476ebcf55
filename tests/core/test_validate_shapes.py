"""`cwkg validate --shapes FILE` adds a user's shapes to the shipped ones (or replaces them,
with --no-default-shapes); a bad shapes file is one line and exit 2; and when the compiled
engine steps aside for pySHACL it says, in one line, which shape and which feature."""

from pathlib import Path

import pytest

from cwkg.build.write import build
from cwkg.cli import main

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix cwkg: <https://w3id.org/cwkg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/shapes#> .
"""
# a shape the compiled engine runs: every attack has at most one alias (two attacks of data/
# have more)
COMPILED = PREFIXES + """
ex:OneAliasShape a sh:NodeShape ; sh:targetClass cwkg:Attack ;
    sh:property ex:OneAliasPathShape .
ex:OneAliasPathShape a sh:PropertyShape ; sh:path skos:altLabel ; sh:maxCount 1 ;
    sh:severity sh:Warning ; sh:message "more than one alias" .
"""
# one it does not compile (sh:not): it must fall back, and say so
NOT_COMPILED = PREFIXES + """
ex:NoClaimsShape a sh:NodeShape ; sh:targetClass cwkg:Claim ;
    sh:not [ sh:class cwkg:Claim ] ; sh:message "no claim may be a claim" .
"""


def run(args: list[str], capsys) -> tuple[int, list[str], list[str]]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


@pytest.fixture()
def where(data_copy, tmp_path):
    build(data_copy, tmp_path / "build")
    return ["--data", str(data_copy), "--out", str(tmp_path / "build")]


def shapes_file(tmp_path: Path, text: str, name: str = "mine.ttl") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_own_shapes_apply_as_well_as_the_shipped_ones(where, tmp_path, capsys, engine):
    mine = shapes_file(tmp_path, COMPILED)
    base = run([*where, "validate", "--engine", engine], capsys)
    code, out, err = run([*where, "validate", "--engine", engine, "--shapes", str(mine)],
                         capsys)
    added = [line for line in out if line not in base[1]]
    assert added and all("[http://example.org/shapes#OneAliasPathShape]" in line
                         for line in added)
    assert set(base[1]) <= set(out) and code == base[0] == 0
    assert not any(line.startswith("note:") for line in err)


def test_without_the_default_shapes_only_the_users_apply(where, tmp_path, capsys):
    mine = shapes_file(tmp_path, COMPILED)
    code, out, _ = run([*where, "validate", "--no-default-shapes", "--shapes", str(mine)],
                       capsys)
    assert out and all("OneAliasPathShape" in line for line in out)
    assert code == 0  # warnings only


def test_several_shapes_files(where, tmp_path, capsys):
    one = shapes_file(tmp_path, COMPILED, "one.ttl")
    two = shapes_file(tmp_path, NOT_COMPILED, "two.ttl")
    code, out, _ = run([*where, "validate", "--no-default-shapes", "--shapes", str(one),
                        "--shapes", str(two)], capsys)
    assert {line.rsplit("[", 1)[1] for line in out} == {
        "http://example.org/shapes#OneAliasPathShape]", "http://example.org/shapes#NoClaimsShape]"}
    assert code == 1


def test_a_fallback_says_which_shape_and_feature_in_one_line(where, tmp_path, capsys):
    mine = shapes_file(tmp_path, NOT_COMPILED)
    fast = run([*where, "validate", "--shapes", str(mine)], capsys)
    reference = run([*where, "validate", "--engine", "pyshacl", "--shapes", str(mine)], capsys)
    notes = [line for line in fast[2] if line.startswith("note:")]
    assert len(notes) == 1
    assert "http://example.org/shapes#NoClaimsShape" in notes[0] and "sh:not" in notes[0]
    assert "pySHACL" in notes[0]
    assert fast[:2] == reference[:2] and fast[0] == 1
    assert not any(line.startswith("note:") for line in reference[2])


def test_a_fallback_on_rdf_files_says_so_too(tmp_path, capsys, repo):
    mine = shapes_file(tmp_path, NOT_COMPILED)
    example = repo / "tests" / "shapes" / "valid" / "minimal.trig"
    code, _, err = run(["validate", str(example), "--shapes", str(mine)], capsys)
    assert code == 1 and sum(line.startswith("note:") for line in err) == 1


@pytest.mark.parametrize("text, message", [
    ("ex:a ex:b", "RDF syntax error"),
    (PREFIXES + "ex:a ex:b ex:c .", "no SHACL shape in this file"),
], ids=["syntax", "no-shape"])
def test_a_bad_shapes_file_is_one_line_and_exit_2(where, tmp_path, capsys, text, message):
    bad = shapes_file(tmp_path, text)
    code, out, err = run([*where, "validate", "--shapes", str(bad)], capsys)
    assert code == 2 and out == [] and len(err) == 1
    assert err[0].startswith(f"cwkg: error: {bad}") and message in err[0]


def test_a_missing_shapes_file_is_one_line_and_exit_2(where, tmp_path, capsys):
    code, out, err = run([*where, "validate", "--shapes", str(tmp_path / "none.ttl")], capsys)
    assert code == 2 and out == [] and err == [
        f"cwkg: error: {tmp_path / 'none.ttl'}: cannot read file: No such file or directory"]


def test_malformed_shapes_are_one_line_and_exit_2(where, tmp_path, capsys):
    bad = shapes_file(tmp_path, PREFIXES + """
ex:S a sh:NodeShape ; sh:targetClass cwkg:Claim ;
    sh:property [ sh:path skos:altLabel ; sh:minCount "many" ] .
""")
    for engine in ("sparql", "pyshacl"):
        code, out, err = run([*where, "validate", "--engine", engine, "--shapes", str(bad)],
                             capsys)
        assert code == 2 and out == [], engine
        assert len([line for line in err if not line.startswith("note:")]) == 1, err
        assert str(bad) in err[-1], engine


def test_no_shapes_at_all_is_a_usage_error(where, capsys):
    code, _, err = run([*where, "validate", "--no-default-shapes"], capsys)
    assert code == 2 and len(err) == 1 and "--shapes" in err[0]


def test_a_feature_met_while_running_falls_back_too(tmp_path, capsys):
    """The store keeps "4.0"^^xsd:decimal as "4": a focus node that is such a literal is
    found only while the compiled engine runs; it steps aside then, with the same line."""
    data = shapes_file(tmp_path, PREFIXES + """@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:size "4.0"^^xsd:decimal .
""", "data.ttl")
    mine = shapes_file(tmp_path, PREFIXES + """
ex:SmallShape a sh:NodeShape ; sh:targetObjectsOf ex:size ; sh:maxInclusive 3 ;
    sh:message "too big" .
""")
    args = ["validate", str(data), "--no-default-shapes", "--shapes", str(mine)]
    fast = run(args, capsys)
    reference = run([*args, "--engine", "pyshacl"], capsys)
    notes = [line for line in fast[2] if line.startswith("note:")]
    assert len(notes) == 1 and "shape <http://example.org/shapes#SmallShape>" in notes[0]
    assert fast[:2] == reference[:2] and fast[0] == 1
    assert fast[1][0].endswith('too big (value: 4.0) [http://example.org/shapes#SmallShape]')


def test_a_shape_that_is_a_class_targets_its_instances(tmp_path, capsys):
    """An implicit class target (SHACL 2.1.3.1): the compiled engine once found no focus
    node here and answered "conforms"."""
    data = shapes_file(tmp_path, PREFIXES + """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Person a rdfs:Class, sh:NodeShape ; sh:property ex:PersonNameShape .
ex:PersonNameShape sh:path ex:name ; sh:minCount 1 ; sh:message "a person needs a name" .
ex:alice a ex:Person .
""", "data.ttl")
    args = ["validate", str(data), "--no-default-shapes", "--shapes", str(data)]
    fast = run(args, capsys)
    assert fast == run([*args, "--engine", "pyshacl"], capsys)
    assert fast[0] == 1 and not any(line.startswith("note:") for line in fast[2])
    assert "a person needs a name" in fast[1][0]
