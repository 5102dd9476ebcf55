"""Run a stored (or ad-hoc) query on any backend, one way for the library and the command:
safety check, parameters bound as terms, then the backend's answer: rows (SELECT), a
boolean (ASK) or a graph (CONSTRUCT, DESCRIBE); or, only when the user allows it and the
backend is an endpoint, an update."""

from __future__ import annotations

from typing import Callable, Mapping

from cwkg.errors import QueryError, UsageError

from .catalogue import Query, get_query
from .embedded import Answer, Backend
from .resolve import Resolver, bind
from .safety import check_query
from .sparql_text import cached_by_text, insert_values, query_form, tokenize


def final_text(query: Query, bindings: dict) -> str:
    return insert_values(query.text(), bindings)


def run(query: Query | str, assignments: Mapping[str, list[str] | str] | None = None, *,
        backend: Backend, allow_network: bool = False, allow_update: bool = False,
        resolver: Resolver | None = None, show: Callable[[str], None] | None = None,
        note: Callable[[str], None] | None = None) -> Answer | None:
    """Run a stored query (by id or :class:`Query`) with its parameters on any backend.

    ``assignments`` maps a parameter name to the text a user would type (or a list of
    them): an IRI, a compact id, a label or an alias. ``show`` is given the final text
    before it is sent; ``note`` each remark on how a value was read (a word of a label
    taken for its entity). An update runs only with ``allow_update`` on a backend that
    takes updates (an endpoint); it returns None. A SELECT gives a ResultSet, an ASK a
    BooleanResult, a CONSTRUCT or DESCRIBE a GraphResult.
    """
    if isinstance(query, str):
        query = get_query(query)
    raw = {k: [v] if isinstance(v, str) else list(v) for k, v in (assignments or {}).items()}
    # the file's own text, so a line number is the user's
    allowed = check_query(query.source, allow_network=allow_network, allow_update=allow_update)
    if any(risk.kind == "update" for risk in allowed):
        return _update(query, raw, backend, show)
    _require_query(query)
    final = final_text(query, bind(query, raw, resolver or Resolver(backend, note=note)))
    if show:
        show(final)
    return backend.query(final)


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


def form_of(query: Query) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (None: not a query)."""
    return _form_of(query.source)


def _require_query(query: Query) -> None:
    if form_of(query) is None:
        raise QueryError("this is not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE",
                         file=str(query.path))


@cached_by_text
def _form_of(text: str) -> str | None:
    return query_form(tokenize(text))
