"""One shape for SPARQL SELECT results, whichever store answered.

The embedded store and a remote endpoint both produce a :class:`ResultSet` of
pyoxigraph terms, so the same query gives rows that compare equal, and every
output format is written from the same rows.

>>> import pyoxigraph as ox
>>> rs = ResultSet(["s", "n"], [(ox.NamedNode("http://e/a"), ox.Literal("1")), (None, None)])
>>> rs.sorted_rows()
[('', ''), ('<http://e/a>', '"1"')]
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass
class ResultSet:
    variables: list[str]
    rows: list[tuple]          # each a tuple of ox.NamedNode | ox.Literal | ox.BlankNode | None

    @classmethod
    def from_solutions(cls, solutions: ox.QuerySolutions) -> "ResultSet":
        variables = [v.value for v in solutions.variables]
        rows = [tuple(solution[v] for v in variables) for solution in solutions]
        return cls(variables, rows)

    def sorted_rows(self) -> list[tuple[str, ...]]:
        """Rows as N-Triples strings ('' for unbound), sorted: the form goldens compare."""
        return sorted(tuple("" if t is None else str(t) for t in row) for row in self.rows)

    def __len__(self) -> int:
        return len(self.rows)
