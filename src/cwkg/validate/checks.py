"""The ``*-violation.rq`` checks of the query catalogue, run as validation: each row is a
finding, of the severity the check declares (``#+ severity:``), at its ``?focus`` node's
data file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pyoxigraph as ox

from cwkg.errors import QueryError
from cwkg.prefixes import compact
from cwkg.query.catalogue import QUERIES_DIR, Query, violation_checks
from cwkg.query.embedded import EmbeddedBackend
from cwkg.query.results import ResultSet
from cwkg.query.run import run

from .report import Finding


def run_violation_checks(store, locations: Mapping[str, str] | None = None,
                         directory: Path = QUERIES_DIR, scope: str | None = None) -> list:
    """Run every ``*-violation.rq`` (of ``scope`` only, when given); each row becomes a
    validation Finding of the check's declared severity (only a Violation fails
    validation) that names the data file:line of its ``?focus`` node, its source and its
    quote."""
    checks = [q for q in violation_checks(directory) if scope is None or q.scope == scope]
    found = check_findings(store, checks, locations)
    return sorted(finding for rows in found.values() for _, finding in rows)


def check_findings(store, checks: list[Query], locations: Mapping[str, str] | None = None
                   ) -> dict[str, list[tuple[str | None, Finding]]]:
    """Each check's findings on ``store``, by check id, each with the value of the
    check's ``#+ partition:`` variable in its row (compact; None without one)."""
    locations = locations or {}
    backend = EmbeddedBackend(store)
    found: dict[str, list] = {}
    for query in checks:
        result = run(query, backend=backend)
        if not isinstance(result, ResultSet) or "focus" not in result.variables:
            raise QueryError("a violation check must select ?focus", file=str(query.path))
        rows = found[query.id] = []
        for row in result.rows:
            values = dict(zip(result.variables, row))
            focus = values.pop("focus")
            part = values.get(query.partition) if query.partition else None
            focus_text = focus.value if focus is not None else "(none)"
            details = [f"{name}: {_show(term)}" for name, term in values.items()
                       if term is not None]
            message = query.summary + (f" ({'; '.join(details)})" if details else "")
            rows.append((compact(part.value) if isinstance(part, ox.NamedNode) else None,
                         Finding(where=locations.get(focus_text, compact(focus_text)),
                                 severity=query.severity, shape=f"query:{query.id}",
                                 focus=compact(focus_text), path=None, value=None,
                                 message=message)))
    return found


def _show(term) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.Literal):
        # a list of the other sources' figures and quotes is worth its length
        text = term.value if len(term.value) <= 1000 else term.value[:997] + "..."
        return '"' + text.replace("\n", "⏎") + '"'
    return str(term)
