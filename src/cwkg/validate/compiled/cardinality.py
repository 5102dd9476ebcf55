"""Cardinality constraints (SHACL 4.2): sh:minCount, sh:maxCount, and the qualified counts
(SHACL 4.7.3), all the property shapes of a node shape in one *summary* query that also
tells which focus nodes have a value failing a value-level constraint."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from .model import SH, VALUE_LEVEL, Shape, UnsupportedShapes, component, sparql_term
from .shapes import path_of, shape

# what a qualified value shape may hold: value-level constraints tested in SPARQL
_QUALIFIED = VALUE_LEVEL - {SH + "datatype"}


@dataclass
class Summary:
    """A property shape's columns in :meth:`Cardinality.summary`'s rows (failing focus
    nodes)."""

    rows: list = field(default_factory=list)
    count: str | None = None       # variable: distinct values on the path
    qualified: str | None = None   # variable: distinct values conforming to the qualified shape
    bad: str | None = None         # variable: values failing a SPARQL-checked value constraint

    def suspects(self) -> str | None:
        """A VALUES group of the focus nodes with a failing value, "" if none, None if
        one is a blank node (VALUES cannot name it: check every target)."""
        if self.bad is None:
            return ""
        nodes = [r["this"] for r in self.rows if int(r[self.bad[1:]].value) > 0]
        if not nodes:
            return ""
        if any(isinstance(n, ox.BlankNode) for n in nodes):
            return None
        return "{ VALUES ?this { " + " ".join(sparql_term(n) for n in nodes) + " } }"


def qualified_shape(p: Shape, graph: dict) -> Shape | None:
    node = p.one("qualifiedValueShape")
    if node is None:
        return None
    inner = shape(graph, node)
    if set(inner.props) - _QUALIFIED - INERT_OF_QUALIFIED:
        raise UnsupportedShapes(p.node, "this sh:qualifiedValueShape")
    if p.props.get(SH + "qualifiedValueShapesDisjoint"):
        raise UnsupportedShapes(p.node, "sh:qualifiedValueShapesDisjoint")
    return inner


INERT_OF_QUALIFIED = {SH + k for k in ("name", "description", "message", "severity")} | {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}


class Cardinality:
    """Counts per focus node (a mixin of :class:`.runner.Runner`)."""

    def summary(self, node_shape: Shape, props: list) -> dict:
        """One query for the cardinality of every property shape of ``node_shape``
        (sh:minCount, sh:maxCount, qualified counts) and for which focus nodes have a value
        failing a SPARQL-checked value constraint: property shape node -> Summary. Each
        constraint asked on its own re-joins the 45,000 targets with their values; here
        they are joined once, and only the failing focus nodes come back to Python."""
        paths: dict = {}            # path IRI -> variable of its values
        optionals, selects, having, kept = [], [], [], {}
        for j, p in enumerate(props):
            path = path_of(p)
            var = paths.get(path, f"?_v{len(paths)}")
            counts = {k: p.one(k) for k in ("minCount", "maxCount")}
            value_keys = [k for k in p.props if k in VALUE_LEVEL
                          and k not in (SH + "flags", SH + "datatype")]
            qualified = qualified_shape(p, self.program.graph)
            entry = kept.setdefault(p.node, Summary())
            if any(v is not None for v in counts.values()) or value_keys:
                if path not in paths:
                    paths[path] = var
                    optionals.append(f"OPTIONAL {{ ?this <{path}> {var} }}")
                if any(v is not None for v in counts.values()):
                    entry.count = f"?_n{j}"
                    selects.append(f"(COUNT(DISTINCT {var}) AS ?_n{j})")
                    if counts["minCount"] is not None:
                        having.append(f"COUNT(DISTINCT {var}) < {int(counts['minCount'].value)}")
                    if counts["maxCount"] is not None:
                        having.append(f"COUNT(DISTINCT {var}) > {int(counts['maxCount'].value)}")
                if value_keys:
                    cond = " && ".join(f"({self.value_condition(k[len(SH):], v, p, var)})"
                                       for k in value_keys for v in p.props[k])
                    # an error counts as conforming, as in failing_values' FILTER
                    bad = f"SUM(COALESCE(IF(BOUND({var}) && !({cond}), 1, 0), 0))"
                    entry.bad = f"?_b{j}"
                    selects.append(f"({bad} AS ?_b{j})")
                    having.append(f"{bad} > 0")
            if qualified is not None:
                qvar = f"?_q{j}"
                optionals.append(f"OPTIONAL {{ ?this <{path}> {qvar} . "
                                 f"FILTER ({self.condition(qualified, qvar)}) }}")
                entry.qualified = f"?_m{j}"
                selects.append(f"(COUNT(DISTINCT {qvar}) AS ?_m{j})")
                low, high = p.one("qualifiedMinCount"), p.one("qualifiedMaxCount")
                if low is not None:
                    having.append(f"COUNT(DISTINCT {qvar}) < {int(low.value)}")
                if high is not None:
                    having.append(f"COUNT(DISTINCT {qvar}) > {int(high.value)}")
        if not having:
            return {node: Summary(rows=[]) for node in kept}
        rows = self.select(
            f"SELECT ?this {' '.join(selects)} WHERE {{ {self.expand(node_shape.target_union)} "
            f"{' '.join(optionals)} }} "
            f"GROUP BY ?this HAVING ({' || '.join(having)})")
        for entry in kept.values():
            entry.rows = rows
        return kept

    def count_failures(self, p: Shape, targets: str, path: str,
                       summary: Summary | None) -> list:
        """(focus, None, component) for sh:minCount and sh:maxCount, from ``summary``'s
        rows when that query ran, else asked here."""
        out = []
        min_count, max_count = p.one("minCount"), p.one("maxCount")
        if summary is not None:
            for key, bound in (("minCount", min_count), ("maxCount", max_count)):
                for row in summary.rows:
                    n = int(row[summary.count[1:]].value) if summary.count else None
                    if bound is not None and _out_of_bounds(key, n, bound):
                        out.append((row["this"], None, component(key)))
            return out
        if min_count is not None:
            out += [(r["this"], None, component("minCount")) for r in self.select(
                f"SELECT ?this WHERE {{ {targets} OPTIONAL {{ ?this <{path}> ?v }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(min_count.value)})")]
        if max_count is not None:
            out += [(r["this"], None, component("maxCount")) for r in self.select(
                f"SELECT ?this WHERE {{ {targets} ?this <{path}> ?v }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(max_count.value)})")]
        return out

    def qualified_failures(self, p: Shape, targets: str, path: str,
                           summary: Summary | None) -> list:
        """(focus, None, component) for sh:qualifiedMinCount and sh:qualifiedMaxCount."""
        qualified = qualified_shape(p, self.program.graph)
        if qualified is None:
            return []
        low, high = p.one("qualifiedMinCount"), p.one("qualifiedMaxCount")
        if summary is not None:
            rows = [(r["this"], int(r[summary.qualified[1:]].value)) for r in summary.rows]
        else:
            rows = [(r["this"], int(r["n"].value)) for r in self.select(
                f"SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {targets} OPTIONAL {{ "
                f"?this <{path}> ?v . FILTER ({self.condition(qualified)}) }} }} "
                f"GROUP BY ?this")]
        return [failure for focus, n in rows for failure in _qualified(focus, n, low, high)]


def _out_of_bounds(key: str, n: int, bound) -> bool:
    return n < int(bound.value) if key == "minCount" else n > int(bound.value)


def _qualified(focus, n: int, low, high) -> list:
    out = []
    if high is not None and n > int(high.value):
        out.append((focus, None, component("qualifiedMaxCount")))
    if low is not None and n < int(low.value):
        out.append((focus, None, component("qualifiedMinCount")))
    return out
