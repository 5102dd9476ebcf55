"""Run a compiled :class:`.model.Program` on a pyoxigraph store: each node shape's focus
nodes, its property shapes (the summary query first), its constraints on the focus node
itself, its sh:or and its SPARQL constraints. Each constraint family is a mixin of its own
module, as pySHACL arranges its constraint components."""

from __future__ import annotations

import pyoxigraph as ox

from cwkg.rdf.store import triples_as_written

from .cardinality import Cardinality, Summary
from .logical import Logical
from .model import SH, Program, Result, Shape
from .other import Other
from .property_pair import PropertyPair
from .shapes import compile_shapes, path_of, shape
from .sparql import Sparql
from .string_based import StringBased
from .targets import Targets
from .value_type import ValueType
from .values import Values
from .written import Written
from .written import as_written as results_as_written


class Runner(Targets, Values, ValueType, Cardinality, PropertyPair, StringBased, Other,
             Logical, Sparql):
    def __init__(self, store: ox.Store, program: Program, as_written=None):
        self.store, self.program = store, program
        # path IRI -> [(subject, object)] of the triples as written (see validate())
        self._original: dict = as_written if as_written is not None else \
            triples_as_written(store, program.original_paths)
        self._focus: dict = {}

    def property_results(self, p: Shape, targets: str, summary: Summary | None = None) -> list:
        """(focus, value or None, component) for every failure of property shape ``p``;
        ``summary`` is its row of :meth:`summary` when that query has already run."""
        path = path_of(p)
        out = self.count_failures(p, targets, path, summary)
        out += self.failing_values(p, targets, path,
                                   summary.suspects() if summary is not None else None)
        out += self.pair_failures(p, targets, path)
        out += self.unique_lang_failures(p, targets, path)
        out += self.has_value_failures(p, targets, path)
        out += self.qualified_failures(p, targets, path, summary)
        return out

    def node_results(self, node_shape: Shape) -> list[Result]:
        targets = self.expand(node_shape.targets)
        if targets is None:
            return []
        results = []
        props = [p for p in (shape(self.program.graph, prop)
                             for prop in node_shape.props.get(SH + "property", []))
                 if p.props.get(SH + "deactivated", [None])[0] != ox.Literal(True)]
        summaries = self.summary(node_shape, props)
        for p in props:
            for focus, value, component in self.property_results(p, targets,
                                                                 summaries.get(p.node)):
                results.append(Result(focus, p.name, p.severity, p.message, path_of(p),
                                      value, component))
        for focus, component in self.focus_failures(node_shape, targets):
            results.append(Result(focus, node_shape.name, node_shape.severity,
                                  node_shape.message, None, focus, component))
        for focus in self.node_or_failures(node_shape, targets):
            results.append(Result(focus, node_shape.name, node_shape.severity,
                                  node_shape.message, None, focus, SH + "OrConstraintComponent"))
        for constraint in node_shape.props.get(SH + "sparql", []):
            results += self.sparql_results(node_shape, constraint)
        return results


def validate(store: ox.Store, program: Program | None = None,
             as_written: dict[str, list] | None = None,
             written: Written | None = None) -> list[Result]:
    """Every result of the compiled shapes on ``store`` (its union graph).

    pyoxigraph's store keeps numbers and booleans in canonical form, so the datatype
    checks read ``as_written``: for each of ``program.original_paths``, the distinct
    (subject, object) pairs as the data wrote them (:meth:`cwkg.rdf.store.Store.as_written`).
    Without it they are read from ``store``, right only if it holds no such literal.
    ``written`` puts the results' typed literals back as the data wrote them
    (:mod:`.written`); without it a result on a typed literal steps aside for pySHACL."""
    program = program or compile_shapes()
    runner = Runner(store, program, as_written)
    results = []
    for node_shape in runner.program.node_shapes:
        results += runner.node_results(node_shape)
    return results_as_written(results, written)
