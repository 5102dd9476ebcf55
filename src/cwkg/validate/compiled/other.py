"""Other constraints (SHACL 4.8): sh:in as a SPARQL condition on ``?v``, sh:hasValue per
focus node."""

from __future__ import annotations

from .model import SH, Shape, component, rdf_list, sparql_term


def in_condition(value, graph: dict, var: str) -> str:
    return " || ".join(f"sameTerm({var}, {sparql_term(i)})" for i in rdf_list(graph, value)) \
        or "false"


class Other:
    """sh:hasValue failures (a mixin of :class:`.runner.Runner`)."""

    def has_value_failures(self, p: Shape, targets: str, path: str) -> list:
        out = []
        for value in p.props.get(SH + "hasValue", []):
            out += [(r["this"], None, component("hasValue")) for r in self.select(
                f"SELECT ?this WHERE {{ {targets} FILTER NOT EXISTS "
                f"{{ ?this <{path}> {sparql_term(value)} }} }}")]
        return out
