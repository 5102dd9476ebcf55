"""Logical constraints (SHACL 4.6): sh:or, on a property shape (members of value-level
constraints, tested on each value) and on a node shape (members that are property shapes,
or node shapes of value-level constraints and property shapes, tested on the focus node).
sh:and, sh:not and sh:xone are not compiled: pySHACL runs them."""

from __future__ import annotations

from .model import INERT, SH, VALUE_LEVEL, Shape, UnsupportedShapes, component, features, rdf_list
from .shapes import check_property_shape, shape


class Logical:
    """sh:or failures (a mixin of :class:`.runner.Runner`)."""

    def or_failures(self, p: Shape, targets: str, path: str) -> list:
        """(focus, value, component) for each value of a property shape's path that
        conforms to none of the members of one of its sh:or lists."""
        rows = []
        for member_list in p.props.get(SH + "or", []):
            members = [shape(self.program.graph, m)
                       for m in rdf_list(self.program.graph, member_list)]
            for m in members:
                if set(m.props) - VALUE_LEVEL - INERT:
                    raise UnsupportedShapes(p.node, "sh:or with members that are not "
                                            "value-level constraints")
            failing = None
            for m in members:
                rows_m = {(f, v) for f, v, _ in self.failing_values(m, targets, path)}
                failing = rows_m if failing is None else failing & rows_m
            rows += [(f, v, component("or")) for f, v in sorted(failing or (), key=str)]
        return rows

    def node_or_failures(self, node_shape: Shape, targets: str) -> list:
        """Focus nodes that conform to no member of one of ``node_shape``'s sh:or lists."""
        out = []
        for member_list in node_shape.props.get(SH + "or", []):
            failing = None
            for member in rdf_list(self.program.graph, member_list):
                focus = self._failing_focus(shape(self.program.graph, member), targets)
                failing = focus if failing is None else failing & focus
            out += sorted(failing or (), key=str)
        return out

    def _failing_focus(self, m: Shape, targets: str) -> set:
        """Focus nodes that do not conform to ``m``, a member of a node-level sh:or: a
        property shape, or a node shape of value-level constraints and sh:property."""
        if SH + "path" in m.props:
            check_property_shape(self.program.graph, m.node)
            return {f for f, *_ in self.property_results(m, targets)}
        unknown = set(m.props) - (VALUE_LEVEL - {SH + "datatype"}) - INERT - {SH + "property"}
        if unknown:
            raise UnsupportedShapes(m.node, features(unknown) + " in a node-level sh:or")
        failing = set()
        for prop in m.props.get(SH + "property", []):
            p = check_property_shape(self.program.graph, prop)
            failing |= {f for f, *_ in self.property_results(p, targets)}
        condition = self.condition(m)
        if condition != "true":  # value-level constraints apply to the focus node itself
            failing |= {r["this"] for r in self.select(
                f"SELECT ?this WHERE {{ {targets} BIND (?this AS ?v) FILTER (!({condition})) }}")}
        return failing
