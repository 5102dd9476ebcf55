"""cwkg parses RDF that users bring strictly: every W3C RDF 1.1 negative syntax test for
Turtle, TriG and N-Quads is refused with file:line:column, every positive test is accepted,
and every evaluation test gives the expected triples."""

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from cwkg.errors import DataError
from cwkg.rdf.parse import parse_file

SUITES = Path(__file__).parent / "w3c"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
RDFT = rdflib.Namespace("http://www.w3.org/ns/rdftest#")
FORMATS = {"rdf-turtle": ox.RdfFormat.TURTLE, "rdf-trig": ox.RdfFormat.TRIG,
           "rdf-n-quads": ox.RdfFormat.N_QUADS}


def _tests(kind_suffix: str):
    cases = []
    for suite, fmt in FORMATS.items():
        manifest = rdflib.Graph().parse(SUITES / suite / "manifest.ttl",
                                        publicID=f"https://w3c.github.io/rdf-tests/rdf/rdf11/{suite}/")
        for test in manifest.subjects(MF.action, None):
            kind = str(manifest.value(test, rdflib.RDF.type)).rsplit("#", 1)[-1]
            if not kind.endswith(kind_suffix):
                continue
            action = str(manifest.value(test, MF.action))
            result = manifest.value(test, MF.result)
            cases.append(pytest.param(suite, fmt, action, str(result) if result else None,
                                      id=f"{suite}/{action.rsplit('/', 1)[-1]}"))
    return cases


def _local(suite: str, iri: str) -> Path:
    return SUITES / suite / iri.rsplit("/", 1)[-1]


NEGATIVE = _tests("NegativeSyntax") + _tests("NegativeEval")
POSITIVE = _tests("PositiveSyntax")
EVAL = _tests("Eval")


def test_suites_are_complete():
    assert len(NEGATIVE) >= 94 + 115 + 34 - 10 and len(POSITIVE) > 100 and len(EVAL) > 100


@pytest.mark.parametrize("suite, fmt, action, result", NEGATIVE)
def test_negative_syntax_is_refused_with_a_position(suite, fmt, action, result):
    with pytest.raises(DataError) as caught:
        parse_file(_local(suite, action), fmt, base_iri=action)
    assert caught.value.file.endswith(action.rsplit("/", 1)[-1])
    assert "RDF syntax error" in caught.value.message or "cannot parse" in caught.value.message


@pytest.mark.parametrize("suite, fmt, action, result", POSITIVE)
def test_positive_syntax_is_accepted(suite, fmt, action, result):
    parse_file(_local(suite, action), fmt, base_iri=action)


def _canonical(quads) -> set:
    """The quads with blank nodes relabelled by RDF Dataset Canonicalization (RDFC-1.0)."""
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


@pytest.mark.parametrize("suite, fmt, action, result", EVAL)
def test_evaluation_gives_the_expected_graph(suite, fmt, action, result):
    got = parse_file(_local(suite, action), fmt, base_iri=action)
    expected_fmt = ox.RdfFormat.N_QUADS if suite == "rdf-trig" else ox.RdfFormat.N_TRIPLES
    expected = parse_file(_local(suite, result), expected_fmt)
    assert _canonical(got) == _canonical(expected)
