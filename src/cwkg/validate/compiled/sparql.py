"""SPARQL-based constraints (SHACL 5): each sh:select runs once for all focus nodes, not
once per focus node as pySHACL runs it, where that gives the same rows (see
:func:`prebinding_free`); its ``?this``, ``?path`` and ``?value`` make the results, each
distinct solution once, as pySHACL reports them."""

from __future__ import annotations

import re

from .model import SH, Result, Shape, UnsupportedShapes
from .shapes import shape


class Sparql:
    """SPARQL-based constraints (a mixin of :class:`.runner.Runner`)."""

    def sparql_results(self, node_shape: Shape, constraint) -> list[Result]:
        c = shape(self.program.graph, constraint)
        select = c.one("select")
        if select is None or not prebinding_free(select.value):
            raise UnsupportedShapes(node_shape.node, "a SPARQL constraint this engine cannot "
                                    "run once for all focus nodes (see prebinding_free)")
        text = self.program.prefix_block + re.sub(r"\$this\b", "?this", select.value)
        try:
            rows = self.select(text)
        except (SyntaxError, ValueError, OSError) as exc:  # pySHACL says what is wrong
            raise UnsupportedShapes(node_shape.node, f"a SPARQL constraint pyoxigraph "
                                    f"refuses ({str(exc).splitlines()[0]})") from None
        variables = projected(select.value)
        focus_nodes = self.focus_among(self.expand(node_shape.targets),
                                       {row["this"] for row in rows if row["this"] is not None})
        message = c.message or node_shape.message
        out, seen = [], set()
        for row in rows:
            key = tuple(row)  # pySHACL reports a solution repeated by the query once
            if row["this"] in focus_nodes and key not in seen:
                seen.add(key)
                path = row["path"] if "path" in variables else None
                out.append(Result(row["this"], node_shape.name, node_shape.severity, message,
                                  path.value if path is not None else None,
                                  row["value"] if "value" in variables else None,
                                  SPARQL_COMPONENT))
        return out


SPARQL_COMPONENT = SH + "SPARQLConstraintComponent"


def projected(select: str) -> set[str]:
    """The variables a SELECT query returns (all of them for ``SELECT *``).

    >>> sorted(projected("SELECT $this ?value WHERE { $this <p> ?value ; <q> ?other }"))
    ['this', 'value']
    """
    clause = re.search(r"(?is)\bSELECT\b(.*?)\bWHERE\b|\bSELECT\b(.*?)\{", select)
    text = (clause.group(1) or clause.group(2)) if clause else select
    if re.sub(r"(?i)^\s*(DISTINCT|REDUCED)\s+", "", text).startswith("*"):
        text = select
    return set(re.findall(r"[?$](\w+)", text))


_NOT_ONCE_FOR_ALL = re.compile(
    r"\$(PATH|shapesGraph|currentShape|failure)\b|\?failure\b|\b(GROUP\s+BY|HAVING|LIMIT|"
    r"OFFSET|COUNT|SUM|AVG|MIN|MAX|SAMPLE|GROUP_CONCAT|SERVICE|MINUS|UNION)\b", re.IGNORECASE)


def prebinding_free(select: str) -> bool:
    """Whether a SPARQL constraint gives, run once with ``$this`` free, the rows pySHACL
    gets by running it once per focus node with ``$this`` bound. True when its WHERE
    clause opens with a group of triple patterns on ``$this`` (cwkg's house style), and
    every other ``$this`` sits where that binding reaches: the top level, or a plain,
    OPTIONAL or EXISTS group of triple patterns right under it; and nothing counts,
    limits, nests a query, or joins by UNION or MINUS.

    >>> prebinding_free("SELECT $this WHERE { { $this a ?c . } FILTER (?c != 1) }")
    True
    >>> prebinding_free("SELECT $this ?value WHERE { { $this <p> ?v . } "
    ...                 "OPTIONAL { $this <q> ?value } FILTER NOT EXISTS { ?v <r> $this } }")
    True
    >>> prebinding_free("SELECT $this WHERE { ?x ?p ?y . FILTER NOT EXISTS { $this ?p ?y } }")
    False
    >>> prebinding_free("SELECT $this WHERE { { $this a ?c } { ?x <p> ?c FILTER ($this != ?x) } }")
    False
    """
    # strings and IRIs blanked out, so that their braces and words do not count
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|<[^<>\s]*>',
                  lambda m: " " * len(m.group()), select)
    if _NOT_ONCE_FOR_ALL.search(text) or len(re.findall(r"\bSELECT\b", text, re.IGNORECASE)) != 1:
        return False
    if not re.search(r"\{\s*\{\s*\$this\s[^{}]*\}", text):
        return False
    groups, stack, uses = {}, [], []  # group start -> end; open groups; $this's group chains
    for match in re.finditer(r"[{}]|\$this\b", text):
        if match.group() == "{":
            stack.append(match.start())
        elif match.group() == "}":
            if not stack:
                return False
            groups[stack.pop()] = match.start()
        else:
            uses.append(tuple(stack))
    if stack:
        return False
    for chain in uses:
        if len(chain) <= 1:
            continue  # the SELECT clause, or the top level where the first group binds it
        if len(chain) != 2:
            return False
        before = text[:chain[1]].rstrip()
        body = text[chain[1] + 1:groups[chain[1]]]
        after = text[groups[chain[1]] + 1:].lstrip()
        kind = re.search(r"(\w*)$", before).group(1).upper()
        if "{" in body or re.match(r"(?i)UNION\b", after) or kind in ("UNION", "MINUS", "GRAPH"):
            return False
        if kind != "EXISTS" and re.search(r"(?i)\b(FILTER|BIND)\b", body):
            return False
    return True
