"""Every stored query returns its golden rows on the built graph.

Goldens are W3C SPARQL TSV results (lossless: IRIs, datatypes and language tags kept),
compared as sorted rows (ResultSet.comparable_rows: integer subtypes read as xsd:integer,
so any engine's answer can be held against them), never as raw text. Each was checked by hand against
data/sources/*.txt before it was stored. Regenerate only on purpose, and review the diff:

    CWKG_REGENERATE=1 .venv/bin/pytest tests/queries/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from cwkg.fsio import write_atomic
from cwkg.query.catalogue import load_catalogue
from cwkg.query.results import ResultSet
from cwkg.query.run import run

GOLDEN = Path(__file__).parent / "golden"
CATALOGUE = load_catalogue()
ANSWERS = [q for q in CATALOGUE.values() if not q.is_violation]
CHECKS = [q for q in CATALOGUE.values() if q.is_violation]
REGENERATE = os.environ.get("CWKG_REGENERATE") == "1"


def golden_params(query) -> dict[str, str]:
    """The golden case: every required parameter at its example, optional ones left out
    (the widest answer; the parameter tests check the narrowed answers against it)."""
    return {p.name: p.example for p in query.params if not p.optional}


def read_golden(path: Path) -> ResultSet:
    solutions = ox.parse_query_results(path.read_bytes(), ox.QueryResultsFormat.TSV)
    return ResultSet.from_solutions(solutions)


@pytest.mark.parametrize("query", ANSWERS, ids=lambda q: q.id)
def test_query_returns_its_golden_rows(query, embedded):
    result = run(query, golden_params(query), backend=embedded)
    path = GOLDEN / f"{query.id}.tsv"
    if REGENERATE:
        ordered = ResultSet(result.variables, sorted(result.rows, key=lambda r: tuple(
            "" if t is None else str(t) for t in r)))
        write_atomic(path, ordered.to_tsv())
    assert path.exists(), f"no golden for {query.id}: review the rows, then regenerate"
    golden = read_golden(path)
    assert result.variables == golden.variables
    assert result.comparable_rows() == golden.comparable_rows()
    assert len(result) > 0, "a golden answer must not be empty: pick a telling example"


def test_every_golden_belongs_to_a_query():
    stale = {p.stem for p in GOLDEN.glob("*.tsv")} - {q.id for q in ANSWERS}
    assert not stale, f"goldens without a query: {sorted(stale)}"


@pytest.mark.parametrize("query", CHECKS, ids=lambda q: q.id)
def test_violation_check_finds_nothing_in_good_data(query, embedded):
    result = run(query, backend=embedded)
    assert result.rows == [], result.sorted_rows()


def to_ox(term):
    import rdflib
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


@pytest.fixture(scope="module")
def rdflib_dataset(store):
    """The same quads in an rdflib Dataset (one rdflib graph per named graph)."""
    import rdflib
    dataset = rdflib.Dataset()
    dataset.parse(data=ox.serialize(store.quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    return dataset


# rdflib's own SPARQL evaluator calls its deprecated Dataset.contexts
@pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")
@pytest.mark.parametrize("query", list(CATALOGUE.values()), ids=lambda q: q.id)
def test_a_second_engine_gives_the_same_rows(query, embedded, rdflib_dataset):
    """rdflib's SPARQL engine shares no code with Oxigraph: the same final text (prefixes
    and VALUES included) must give the same rows on both, evidence that the catalogue is
    portable SPARQL 1.1 and not one engine's dialect."""
    from cwkg.query.resolve import Resolver, bind
    from cwkg.query.run import final_text
    params = {p.name: [p.example] for p in query.params}
    text = final_text(query, bind(query, params, Resolver(embedded)))
    answer = rdflib_dataset.query(text)
    variables = [str(v) for v in answer.vars]
    theirs = ResultSet(variables, [tuple(to_ox(row[v]) for v in answer.vars) for row in answer])
    ours = run(query, params, backend=embedded)
    assert theirs.variables == ours.variables
    assert theirs.comparable_rows() == ours.comparable_rows()
