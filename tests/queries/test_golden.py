"""Every stored query returns its golden rows on the built graph.

Goldens are W3C SPARQL TSV results (lossless: IRIs, datatypes and language tags kept),
compared as sorted rows, never as raw text. Each was checked by hand against
data/sources/*.txt before it was stored. Regenerate only on purpose, and review the diff:

    CWKG_REGENERATE=1 .venv/bin/pytest tests/queries/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from cwkg.fsio import write_atomic
from cwkg.queries import load_catalogue, run
from cwkg.results import ResultSet

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
    assert result.sorted_rows() == golden.sorted_rows()
    assert len(result) > 0, "a golden answer must not be empty: pick a telling example"


def test_every_golden_belongs_to_a_query():
    stale = {p.stem for p in GOLDEN.glob("*.tsv")} - {q.id for q in ANSWERS}
    assert not stale, f"goldens without a query: {sorted(stale)}"


@pytest.mark.parametrize("query", CHECKS, ids=lambda q: q.id)
def test_violation_check_finds_nothing_in_good_data(query, embedded):
    result = run(query, backend=embedded)
    assert result.rows == [], result.sorted_rows()
