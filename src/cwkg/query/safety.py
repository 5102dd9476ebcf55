"""Refuse queries that could reach the network or change a store, unless asked to.

Read from the tokens (:mod:`cwkg.sparql_text`), so a comment, a string literal, an
IRI or a variable that merely contains the word SERVICE never trips the check, and
a real SERVICE, however it is spelt (``service``, ``Service``), always does.

>>> check_query('SELECT * { ?s ?p "SERVICE <http://x/>" } # LOAD <http://x/>')
[]
>>> check_query('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
Traceback (most recent call last):
cwkg.errors.QueryError: the query uses SERVICE (line 1), which reaches out to another endpoint; pass --allow-network if you mean it
>>> check_query('DROP ALL')
Traceback (most recent call last):
cwkg.errors.QueryError: the query is an update (DROP, line 1); cwkg query runs read-only queries unless you pass --allow-update
"""

from __future__ import annotations

from dataclasses import dataclass

from cwkg.errors import QueryError
from cwkg.prefixes import BASE, PREFIXES

from .sparql_text import Token, cached_by_text, significant, tokenize

UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD",
                             "MOVE", "COPY", "WITH", "USING"})


@dataclass(frozen=True)
class Risk:
    kind: str        # "network" or "update"
    what: str        # the keyword or dataset clause
    line: int


def risks(query: str) -> list[Risk]:
    """Every SERVICE, LOAD, update keyword and non-local FROM / FROM NAMED in ``query``."""
    return list(_risks(query))


@cached_by_text
def _risks(query: str) -> tuple[Risk, ...]:
    # cached by text: a stored query is checked on every run, and lexing is most of a
    # small query's cost on top of the engine's
    tokens = significant(tokenize(query))
    prefixes = dict(PREFIXES)
    found: list[Risk] = []

    def line_of(token: Token) -> int:  # counted only for a risk: a query has few of them
        return query.count("\n", 0, token.start) + 1

    for i, token in enumerate(tokens):
        keyword = token.keyword
        if keyword == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1].kind == "pname" \
                and tokens[i + 2].kind == "iri":
            prefixes[tokens[i + 1].text[:-1]] = tokens[i + 2].text[1:-1]
        elif keyword == "SERVICE":
            found.append(Risk("network", "SERVICE", line_of(token)))
        elif keyword in UPDATE_KEYWORDS:
            if keyword == "LOAD":
                found.append(Risk("network", "LOAD", line_of(token)))
            found.append(Risk("update", keyword, line_of(token)))
        elif keyword == "FROM":
            j = i + 1
            if j < len(tokens) and tokens[j].keyword == "NAMED":
                j += 1
            target = _iri_of(tokens[j], prefixes) if j < len(tokens) else None
            if target is None or not target.startswith(BASE):
                shown = tokens[j].text if j < len(tokens) else "(nothing)"
                found.append(Risk("network", f"FROM {shown}", line_of(token)))
    return tuple(found)


def _iri_of(token: Token, prefixes: dict[str, str]) -> str | None:
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None


def check_query(query: str, *, allow_network: bool = False,
                allow_update: bool = False) -> list[Risk]:
    """Raise QueryError naming the first risk the flags do not allow; else return the
    risks the flags allowed (so a caller need not read the query again)."""
    found = risks(query)
    for risk in found:
        if risk.kind == "network" and not allow_network:
            if risk.what.startswith("FROM"):
                raise QueryError(
                    f"the query reads {risk.what} (line {risk.line}), a graph outside cwkg "
                    f"({BASE}...) that some endpoints fetch from the web; pass "
                    "--allow-network if you mean it")
            raise QueryError(
                f"the query uses {risk.what} (line {risk.line}), which reaches out to another "
                "endpoint; pass --allow-network if you mean it")
        if risk.kind == "update" and not allow_update:
            raise QueryError(
                f"the query is an update ({risk.what}, line {risk.line}); cwkg query runs "
                "read-only queries unless you pass --allow-update")
    return found
