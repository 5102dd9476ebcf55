"""Run a stored (or ad-hoc) query on any backend, one way for the library and the command:
safety check, parameters bound as terms, then the backend's SELECT (or, only when the user
allows it and the backend is an endpoint, an update)."""

from __future__ import annotations

from typing import Callable, Mapping

from cwkg.errors import QueryError, UsageError

from .catalogue import Query, get_query
from .embedded import Backend
from .resolve import Resolver, bind
from .results import ResultSet
from .safety import check_query
from .sparql_text import cached_by_text, insert_values, query_form, tokenize


def final_text(query: Query, bindings: dict) -> str:
    return insert_values(query.text(), bindings)


def run(query: Query | str, assignments: Mapping[str, list[str] | str] | None = None, *,
        backend: Backend, allow_network: bool = False, allow_update: bool = False,
        resolver: Resolver | None = None,
        show: Callable[[str], None] | None = None) -> ResultSet | None:
    """Run a stored query (by id or :class:`Query`) with its parameters on any backend.

    ``assignments`` maps a parameter name to the text a user would type (or a list of
    them): an IRI, a compact id, a label or an alias. ``show`` is given the final text
    before it is sent. An update runs only with ``allow_update`` on a backend that takes
    updates (an endpoint); it returns None.
    """
    if isinstance(query, str):
        query = get_query(query)
    raw = {k: [v] if isinstance(v, str) else list(v) for k, v in (assignments or {}).items()}
    # the file's own text, so a line number is the user's
    allowed = check_query(query.source, allow_network=allow_network, allow_update=allow_update)
    if any(risk.kind == "update" for risk in allowed):
        return _update(query, raw, backend, show)
    _require_select(query)
    final = final_text(query, bind(query, raw, resolver or Resolver(backend)))
    if show:
        show(final)
    return backend.select(final)


def _update(query: Query, raw: dict, backend, show) -> None:
    if not hasattr(backend, "update"):
        raise UsageError("updates run only on an --endpoint: the embedded store is built "
                         "from data/, so edit data/ and run 'cwkg build'")
    if raw:
        raise UsageError("an update takes no --param")
    text = query.text()
    if show:
        show(text)
    backend.update(text)


def _require_select(query: Query) -> None:
    form = _form_of(query.source)
    if form != "SELECT":
        raise QueryError(f"cwkg query runs SELECT queries; this one is "
                         f"{form or 'not a query'} (use cwkg export for the whole graph)",
                         file=str(query.path))


@cached_by_text
def _form_of(text: str) -> str | None:
    return query_form(tokenize(text))
