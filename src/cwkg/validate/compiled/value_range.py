"""Value range constraints (SHACL 4.3): sh:minInclusive, sh:maxInclusive, sh:minExclusive,
sh:maxExclusive as SPARQL conditions; a value that cannot be compared fails, as in pySHACL."""

from __future__ import annotations

from .model import sparql_term

_OPERATORS = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">",
              "maxExclusive": "<"}
KEYS = tuple(_OPERATORS)


def range_condition(key: str, value, var: str) -> str:
    return f"isLiteral({var}) && COALESCE({var} {_OPERATORS[key]} {sparql_term(value)}, false)"
