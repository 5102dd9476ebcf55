"""SHACL shapes on example folders: every valid example conforms with no violation or warning,
and every invalid example fails for exactly the shapes its '# expect:' line names. Info
findings (a link the curator identified: no fault) are exactly those its '# info:' line
names, or none."""

import re
from pathlib import Path

import pytest
import rdflib

from cwkg.namespaces import PREFIXES
from cwkg.rdf.store import Store
from cwkg.resources import shapes_path
from cwkg.validate.shacl import run_shacl

HERE = Path(__file__).parent
VALID = sorted((HERE / "valid").glob("*.trig"))
INVALID = sorted((HERE / "invalid").glob("*.trig"))


def expected_shapes(path: Path) -> set[str]:
    match = re.search(r"^# expect: (.+)$", path.read_text("utf-8"), re.M)
    assert match, f"{path.name} has no '# expect:' line"
    return set(match.group(1).split())


def expected_infos(path: Path) -> set[str]:
    match = re.search(r"^# info: (.+)$", path.read_text("utf-8"), re.M)
    return set(match.group(1).split()) if match else set()


def infos(report) -> set[str]:
    return {f.shape for f in report.findings if f.severity == "Info"}


def test_there_are_examples():
    assert VALID and len(INVALID) >= 15


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_conforms(path):
    report = run_shacl(Store.from_file(path))
    faults = [f.line() for f in report.findings if f.severity != "Info"]
    assert faults == [], faults
    assert infos(report) == expected_infos(path)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_fails_for_the_shape_it_names(path):
    report = run_shacl(Store.from_file(path))
    assert not report.conforms
    assert {f.shape for f in report.violations} == expected_shapes(path)
    assert infos(report) == expected_infos(path)


def test_every_sparql_constraint_has_an_invalid_example():
    shapes = rdflib.Graph().parse(shapes_path())
    sh = rdflib.Namespace(PREFIXES["sh"])
    with_sparql = {"shape:" + str(s).split("#")[1] for s in shapes.subjects(sh.sparql, None)}
    covered = set().union(*(expected_shapes(p) for p in INVALID),
                          *(expected_infos(p) for p in VALID))
    assert with_sparql and with_sparql <= covered, with_sparql - covered


def test_every_shape_has_an_iri_a_message_and_a_severity():
    shapes = rdflib.Graph().parse(shapes_path())
    sh = rdflib.Namespace(PREFIXES["sh"])
    for shape in set(shapes.subjects(rdflib.RDF.type, sh.NodeShape)) | set(
            shapes.subjects(rdflib.RDF.type, sh.PropertyShape)):
        assert isinstance(shape, rdflib.URIRef), "a shape without an IRI"
        assert shapes.value(shape, sh.severity) is not None, shape
        has_message = shapes.value(shape, sh.message) is not None or any(
            shapes.value(c, sh.message) is not None for c in shapes.objects(shape, sh.sparql))
        props = list(shapes.objects(shape, sh.property))
        assert has_message or props, f"{shape} has no sh:message"
