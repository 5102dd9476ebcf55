"""String-based constraints (SHACL 4.4): sh:minLength, sh:maxLength, sh:pattern (with
sh:flags) and sh:languageIn as SPARQL conditions on ``?v``; sh:uniqueLang per focus node."""

from __future__ import annotations

import pyoxigraph as ox

from .model import Shape, component, rdf_list, sparql_term

KEYS = ("minLength", "maxLength", "pattern", "languageIn")


def string_condition(key: str, value, shape: Shape, graph: dict, var: str) -> str:
    if key == "pattern":
        flags = shape.one("flags")
        flag = f", {sparql_term(flags)}" if flags is not None else ""
        return f"!isBlank({var}) && REGEX(STR({var}), {sparql_term(value)}{flag})"
    if key == "minLength":
        return f"!isBlank({var}) && STRLEN(STR({var})) >= {value.value}"
    if key == "maxLength":
        return f"!isBlank({var}) && STRLEN(STR({var})) <= {value.value}"
    langs = " || ".join(f"langMatches(lang({var}), {sparql_term(i)})"
                        for i in rdf_list(graph, value))
    return f"isLiteral({var}) && ({langs or 'false'})"


class StringBased:
    """sh:uniqueLang failures (a mixin of :class:`.runner.Runner`)."""

    def unique_lang_failures(self, p: Shape, targets: str, path: str) -> list:
        if p.one("uniqueLang") != ox.Literal(True):
            return []
        # one result per focus node and language used twice, as pySHACL reports them
        return [(r["this"], None, component("uniqueLang")) for r in self.select(
            f"SELECT ?this WHERE {{ {targets} ?this <{path}> ?v . FILTER (lang(?v) != '') }} "
            f"GROUP BY ?this (LCASE(lang(?v)) AS ?lang) HAVING (COUNT(DISTINCT ?v) > 1)")]
