"""Run a query on the embedded store, stopping it at a timeout.

A query without FROM reads the union of every graph as its default graph, as on
``cwkg serve`` (an Oxigraph server run with ``--union-default-graph``), so the same text
gives the same rows on both; a GRAPH pattern reads one named graph, as everywhere.

pyoxigraph evaluates a query in Rust and cannot be interrupted from Python. So, as a
library, a query with a timeout runs in a forked child process (which shares the loaded
store copy-on-write, so nothing is reloaded); the child sends its rows back as SPARQL
JSON results and is killed if it is not done in time. That costs a fork and a JSON round
trip (about 0.5 s at a million quads). The command line, which has written nothing yet
when a query runs, instead runs it in this process under a watchdog thread that ends the
process with the timeout message and exit code 2 (``exit_on_timeout``): no overhead.
Without a timeout the query runs in this process.

>>> import pyoxigraph as ox
>>> from cwkg.rdf.store import Store
>>> s = Store([ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"),
...                    ox.NamedNode("http://e/g"))])
>>> select(s, "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", timeout=10).rows
[(<Literal value=x datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>,)]
>>> len(select(s, "SELECT * WHERE { ?s ?p ?o }")), bool(answer(s, "ASK { ?s ?p ?o }", timeout=10))
(1, True)
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

from cwkg.errors import QueryError
from cwkg.rdf.store import Store

from .results import BooleanResult, GraphResult, ResultSet
from .sparql_text import cached_by_text, significant, tokenize

Answer = ResultSet | BooleanResult | GraphResult


@cached_by_text
def names_its_dataset(query: str) -> bool:
    """Whether ``query`` has a FROM or FROM NAMED clause (then its dataset is its own)."""
    return any(t.keyword == "FROM" for t in significant(tokenize(query)))


def _run(store: Store, query: str) -> Answer:
    try:
        # pyoxigraph's option replaces a FROM clause's dataset; the server's applies only
        # to a query without one, and so does this
        answer = store.oxigraph.query(query,
                                      use_default_graph_as_union=not names_its_dataset(query))
    except SyntaxError as exc:
        message = str(exc).split("\n")[0]
        raise QueryError(f"SPARQL syntax error: {message}") from None
    except OSError as exc:
        raise QueryError(f"the query failed: {exc}") from None
    if isinstance(answer, ox.QuerySolutions):
        return ResultSet.from_solutions(answer)
    if isinstance(answer, ox.QueryBoolean):
        return BooleanResult(bool(answer))
    return GraphResult.of(answer)


def _encode(answer: Answer) -> bytes:
    """How a child process sends an answer back: a kind byte, then the W3C form."""
    if isinstance(answer, ResultSet):
        return b"r" + answer.to_json()
    if isinstance(answer, BooleanResult):
        return b"b" + (b"1" if answer.value else b"0")
    return b"g" + answer.format("ntriples")


def _decode(payload: bytes) -> Answer:
    kind, body = payload[:1], payload[1:]
    if kind == b"r":
        return ResultSet.from_json(body)
    if kind == b"b":
        return BooleanResult(body == b"1")
    return GraphResult([quad.triple for quad in ox.parse(body, ox.RdfFormat.N_TRIPLES)])


def _child(store: Store, query: str, conn) -> None:
    try:
        result = _run(store, query)
        conn.send_bytes(b"ok" + _encode(result))
    except QueryError as exc:
        conn.send_bytes(b"er" + exc.message.encode("utf-8"))
    except BaseException as exc:  # noqa: BLE001 - report anything to the parent, then exit
        conn.send_bytes(b"er" + f"the query failed: {type(exc).__name__}: {exc}".encode())
    finally:
        conn.close()
        os._exit(0)


def timeout_message(timeout: float) -> str:
    return (f"the query ran longer than {timeout:g} s and was stopped; narrow it, or raise "
            "--timeout")


def _exit_timed_out(timeout: float) -> None:
    os.write(2, f"cwkg: error: {timeout_message(timeout)}\n".encode())
    os._exit(2)


def select(store: Store, query: str, *, timeout: float | None = None,
           exit_on_timeout: bool = False) -> ResultSet:
    """Run a SELECT ``query`` (already checked for safety) and return its rows."""
    result = answer(store, query, timeout=timeout, exit_on_timeout=exit_on_timeout)
    if not isinstance(result, ResultSet):
        raise QueryError("this is an ASK, CONSTRUCT or DESCRIBE query, not a SELECT")
    return result


def answer(store: Store, query: str, *, timeout: float | None = None,
           exit_on_timeout: bool = False) -> Answer:
    """Run ``query`` (already checked for safety): rows, a boolean or a graph."""
    if timeout is None:
        return _run(store, query)
    if timeout <= 0:
        raise QueryError("the timeout must be a positive number of seconds")
    if exit_on_timeout:
        # pyoxigraph releases the GIL while it evaluates, so the watchdog does fire
        watchdog = threading.Timer(timeout, _exit_timed_out, args=(timeout,))
        watchdog.daemon = True
        watchdog.start()
        try:
            return _run(store, query)
        finally:
            watchdog.cancel()
    import multiprocessing  # here: cwkg query starts without it (7 ms)
    store.oxigraph  # load before forking, so the child shares it instead of loading again
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(store, query, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryError(timeout_message(timeout))
        try:
            message = receive.recv_bytes()
        except EOFError:
            raise QueryError("the query process ended without an answer "
                             "(out of memory?)") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    status, payload = message[:2], message[2:]
    if status != b"ok":
        raise QueryError(payload.decode("utf-8"))
    return _decode(payload)


class Backend(Protocol):
    def select(self, query: str) -> ResultSet: ...

    def query(self, query: str) -> Answer: ...


@dataclass
class EmbeddedBackend:
    """The built graph in pyoxigraph."""

    store: object                     # cwkg.store.Store
    timeout: float | None = None
    exit_on_timeout: bool = False     # the CLI's choice: see cwkg.embedded

    def select(self, query: str) -> ResultSet:
        return select(self.store, query, timeout=self.timeout,
                      exit_on_timeout=self.exit_on_timeout)

    def query(self, query: str) -> Answer:
        return answer(self.store, query, timeout=self.timeout,
                      exit_on_timeout=self.exit_on_timeout)
