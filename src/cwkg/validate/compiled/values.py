"""The value-level constraints together: each value node of a path is tested on its own
(sh:class, sh:nodeKind, ranges, strings, sh:in) by one SPARQL condition on ``?v`` per
constraint, sh:datatype in Python. Only the failing values come back."""

from __future__ import annotations

from . import string_based, value_range
from .model import SH, VALUE_LEVEL, Shape, UnsupportedShapes, component
from .other import in_condition
from .value_type import node_kind_condition


class Values:
    """Value-level conditions and failures (a mixin of :class:`.runner.Runner`)."""

    def condition(self, shape: Shape, var: str = "?v") -> str:
        """All of ``shape``'s value-level constraints but sh:datatype as one SPARQL
        condition on ``var`` (true: conforms)."""
        conds = []
        for key, values in shape.props.items():
            if key not in VALUE_LEVEL or key in (SH + "flags", SH + "datatype"):
                continue
            for value in values:
                conds.append(self.value_condition(key[len(SH):], value, shape, var))
        return " && ".join(f"({c})" for c in conds) or "true"

    def value_condition(self, key: str, value, shape: Shape, var: str = "?v") -> str:
        if key == "class":
            return f"EXISTS {{ {self.instances(var, value)} }}"
        if key == "nodeKind":
            return node_kind_condition(value, shape, var)
        if key == "in":
            return in_condition(value, self.program.graph, var)
        if key in value_range.KEYS:
            return value_range.range_condition(key, value, var)
        if key in string_based.KEYS:
            return string_based.string_condition(key, value, shape, self.program.graph, var)
        raise UnsupportedShapes(shape.node, f"sh:{key}")

    def failing_values(self, shape: Shape, targets: str, path: str,
                       suspects: str | None = None) -> list:
        """(focus, value, component) for each value failing a value-level constraint of
        ``shape``; ``suspects``, when given, are the only targets the SPARQL-checked
        constraints can fail on (a VALUES group from :meth:`summary`), "" when none."""
        rows = []
        suspects = targets if suspects is None else suspects
        for key, values in shape.props.items():
            if key not in VALUE_LEVEL or key == SH + "flags":
                continue
            for value in values:
                if key == SH + "datatype":
                    rows += self.datatype_failures(targets, path, value)
                    continue
                if not suspects:
                    continue
                cond = self.value_condition(key[len(SH):], value, shape)
                query = (f"SELECT ?this ?v WHERE {{ {suspects} ?this <{path}> ?v . "
                         f"FILTER (!({cond})) }}")
                rows += [(r["this"], r["v"], component(key[len(SH):]))
                         for r in self.select(query)]
        rows += self.or_failures(shape, targets, path)
        return rows

    def focus_failures(self, shape: Shape, targets: str) -> list:
        """(focus, component) for each value-level constraint the focus node itself fails
        (constraints placed on a node shape), one query per constraint, as pySHACL reports
        one result per constraint."""
        out = []
        for key, values in shape.props.items():
            if key not in VALUE_LEVEL or key in (SH + "flags", SH + "datatype"):
                continue
            for value in values:
                cond = self.value_condition(key[len(SH):], value, shape)
                out += [(r["this"], component(key[len(SH):])) for r in self.select(
                    f"SELECT ?this WHERE {{ {targets} BIND (?this AS ?v) FILTER (!({cond})) }}")]
        return out
