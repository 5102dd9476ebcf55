"""The ``*-violation.rq`` checks of the query catalogue, run as validation: each row is a
finding, of the severity the check declares (``#+ severity:``), at its ``?focus`` node's
data file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pyoxigraph as ox

from cwkg.errors import QueryError
from cwkg.prefixes import compact
from cwkg.query.catalogue import QUERIES_DIR, load_catalogue
from cwkg.query.embedded import EmbeddedBackend
from cwkg.query.results import ResultSet
from cwkg.query.run import run


def run_violation_checks(store, locations: Mapping[str, str] | None = None,
                         directory: Path = QUERIES_DIR, scope: str | None = None) -> list:
    """Run every ``*-violation.rq`` (of ``scope`` only, when given); each row becomes a
    validation Finding of the check's declared severity (only a Violation fails
    validation) that names the data file:line of its ``?focus`` node, its source and its
    quote."""
    from .report import Finding
    locations = locations or {}
    backend = EmbeddedBackend(store)
    findings = []
    for query in load_catalogue(directory).values():
        if not query.is_violation or (scope is not None and query.scope != scope):
            continue
        result = run(query, backend=backend)
        if not isinstance(result, ResultSet) or "focus" not in result.variables:
            raise QueryError("a violation check must select ?focus", file=str(query.path))
        for row in result.rows:
            values = dict(zip(result.variables, row))
            focus = values.pop("focus")
            focus_text = focus.value if focus is not None else "(none)"
            details = [f"{name}: {_show(term)}" for name, term in values.items()
                       if term is not None]
            message = query.summary + (f" ({'; '.join(details)})" if details else "")
            findings.append(Finding(where=locations.get(focus_text, compact(focus_text)),
                                    severity=query.severity, shape=f"query:{query.id}",
                                    focus=compact(focus_text), path=None, value=None,
                                    message=message))
    return sorted(findings)


def _show(term) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.Literal):
        # a list of the other sources' figures and quotes is worth its length
        text = term.value if len(term.value) <= 1000 else term.value[:997] + "..."
        return '"' + text.replace("\n", "⏎") + '"'
    return str(term)
