"""Query rows for people and notebooks: each IRI beside its label, literals as Python
values, and ``to_pandas()``.

A column whose values are entities (anything with a label) becomes two columns: ``speaker``
holds the English label (or the compact id where there is none) and ``speakerId`` the
compact id; a column of ids without labels (claims, sources) holds the compact ids; a
literal column holds Python values (int, float, bool, datetime.date, str).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterator

import pyoxigraph as ox

from cwkg.prefixes import PREFIXES, compact
from cwkg.query.results import ResultSet

XSD = PREFIXES["xsd"]
INTEGERS = {XSD + t for t in ("integer", "nonNegativeInteger", "positiveInteger", "long",
                              "int", "short", "nonPositiveInteger", "negativeInteger")}


@dataclass
class Rows:
    """Rows of a query: ``columns``, and each row as a dict (``rows[0]["speaker"]``).
    ``result`` keeps the rows as RDF terms (:class:`cwkg.query.results.ResultSet`)."""

    columns: list[str]
    records: list[dict]
    result: ResultSet

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.records)

    def __getitem__(self, index: int) -> dict:
        return self.records[index]

    def to_pandas(self):
        """A pandas DataFrame of the rows (``pip install 'cwkg[notebook]'``)."""
        try:
            import pandas
        except ImportError:
            from cwkg.errors import UsageError
            raise UsageError("to_pandas() needs pandas: pip install 'cwkg[notebook]'") from None
        return pandas.DataFrame(self.records, columns=self.columns)

    def __repr__(self) -> str:
        if not self.records:
            return f"Rows({', '.join(self.columns)}; no rows)"
        cells = [[_cell(r[c]) for c in self.columns] for r in self.records]
        widths = [min(40, max([len(c)] + [len(row[i]) for row in cells]))
                  for i, c in enumerate(self.columns)]
        line = lambda values: "  ".join(  # noqa: E731
            (v if len(v) <= w else v[:w - 1] + "…").ljust(w)
            for v, w in zip(values, widths)).rstrip()
        count = len(self.records)
        return "\n".join([line(self.columns), *map(line, cells),
                          f"({count} row{'' if count == 1 else 's'})"])


def _cell(value) -> str:
    return "" if value is None else str(value)


def labelled(result: ResultSet, label_of: Callable[[str], str | None]) -> Rows:
    """``result`` with labels beside the ids (see the module's docstring)."""
    labelled_columns = {
        i for i, _ in enumerate(result.variables)
        if any(isinstance(row[i], ox.NamedNode) and label_of(row[i].value) is not None
               for row in result.rows)}
    columns: list[str] = []
    for i, name in enumerate(result.variables):
        columns += [name, name + "Id"] if i in labelled_columns else [name]
    records = []
    for row in result.rows:
        record = {}
        for i, (name, term) in enumerate(zip(result.variables, row)):
            if i in labelled_columns:
                iri = term.value if isinstance(term, ox.NamedNode) else None
                record[name] = (label_of(iri) or compact(iri)) if iri else python_value(term)
                record[name + "Id"] = compact(iri) if iri else None
            else:
                record[name] = python_value(term)
        records.append(record)
    return Rows(columns, records, result)


def python_value(term):
    """A term as a Python value: an IRI as its compact id, a literal by its datatype.

    >>> python_value(ox.Literal("882", datatype=ox.NamedNode(XSD + "nonNegativeInteger")))
    882
    >>> python_value(ox.Literal("2017-04-04", datatype=ox.NamedNode(XSD + "date")))
    datetime.date(2017, 4, 4)
    >>> python_value(ox.NamedNode("https://w3id.org/cwkg/org/soc"))
    'org:soc'
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    datatype = term.datatype.value
    try:
        if datatype in INTEGERS:
            return int(term.value)
        if datatype == XSD + "decimal":
            return Decimal(term.value)
        if datatype in (XSD + "double", XSD + "float"):
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        if datatype == XSD + "date":
            return datetime.date.fromisoformat(term.value)
    except ValueError:
        pass  # an ill-typed literal stays text
    return term.value
