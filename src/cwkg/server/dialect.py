"""What a SPARQL server can take in one request, told by its ``Server`` header.

SPARQL 1.1 Update says a request SHOULD be applied atomically; Oxigraph runs each
update request (and each Graph Store load) as one transaction that readers see
whole or not at all. Its Graph Store POST with ``no_transaction`` goes through its
bulk loader instead, which since Oxigraph 0.5.0 writes what it loads to files and
adds them to the store at once when the load ends (commit 28940635, "RocksDB: makes
bulk loading atomic"): readers see nothing or everything, a load that fails leaves
nothing, and it is several times faster than a transaction.
An update request whose only reading operation comes first (a ``DELETE ... WHERE``
followed by ``INSERT DATA``), Oxigraph from 0.5.0 runs as a write-only transaction
(commit 8c4ae84d, "SPARQL update: avoid readable transaction if possible"): the
``WHERE`` reads a snapshot, and the deletions and insertions go into one RocksDB write
batch, written at once. A ``DROP GRAPH <g>`` or ``CLEAR GRAPH <g>`` makes the whole
request a readable transaction instead (a write batch with an index, which every read
of the request merges with the store), and replacing every graph takes about twice as long.
Virtuoso applies a request whole when it is killed half-way
(tests/servers/test_push_crash.py); its SPARQL compiler refuses an ``INSERT DATA`` of
more than a few thousand triples ("SP030 ... memory exhausted") and a request text over
10 MB ("HT057"), and compiles ``INSERT DATA`` at 1-2 MB/s. Its own Turtle/N-Quads parser,
``DB.DBA.TTLP`` (what its bulk loader and Graph Store endpoint run), takes 5-10 MB/s: a
SPARQL query of an account allowed to call it (dba; not a plain SPARQL_UPDATE account,
which Virtuoso refuses with SP031) can hand it the request's own body,
``sql:TTLP(bif:http_body_read(), ...)``, so N-Quads go in unescaped and uncompiled, each
request one transaction. A body over 16 MB crashes Virtuoso 7.2 (a string that large
is past its limit: "GPF: Dkpool.c:1968"), so each request carries at most 8 MB.

TTLP cannot replace graphs in one transaction: it commits the request's work before it
inserts (``commit work`` in its ``rl_send_gs`` and ``TTLP_V_GS``), so graphs cleared
before it would be seen empty, and Virtuoso's endpoint commits what a failed query did
(``sparql_io.sql``), so a line refused after a clear would leave graphs half replaced.
:func:`virtuoso_replacer` runs TTLP's own steps in an order that does not allow either.

>>> detect("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu").name
'Virtuoso'
>>> detect("Oxigraph/0.5.13").post_params, detect("Oxigraph/0.4.11").post_params
({'no_transaction': ''}, {})
>>> detect("").name
'SPARQL 1.1'
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

MB = 1024 * 1024


@dataclass(frozen=True)
class Dialect:
    name: str
    request_bytes: int              # the largest update request cwkg sends
    insert_triples: int | None      # the most triples in one INSERT DATA operation
    dataset_post: bool = False      # takes N-Quads by Graph Store POST, atomically
    # the largest such POST (None: any); a transaction holds it all in the server's memory
    post_bytes: int | None = 256 * MB
    post_params: dict[str, str] = field(default_factory=dict)  # the POST's URL parameters
    # a query that loads the N-Quads in its request's body (None: the server has none)
    body_loader: str | None = None
    body_bytes: int = 8 * MB        # the largest such body
    # the query that replaces graphs by the N-Quads in its request's body, given the length
    # of the body's first line (a comment: the SQL that deletes them) and of the whole body
    body_replacer: Callable[[int, int], str] | None = None
    body_clear: Callable[..., str] | None = None   # that SQL, for the graphs' IRIs
    # a query that fails where body_clear's index cannot be used (then: indexed=False),
    # and the words of that failure (any other stops the push)
    index_probe: str | None = None
    index_refused: str | None = None
    # a replacing request clears its graphs by one DELETE ... WHERE, not a DROP of each
    delete_where: bool = False


OXIGRAPH = Dialect("Oxigraph", request_bytes=64 * MB, insert_triples=None, dataset_post=True,
                   delete_where=True)
# 512: the text is N-Quads; "urn:none" would take a line without a graph (cwkg sends none)
VIRTUOSO_LOADER = 'SELECT (sql:TTLP(bif:http_body_read(), "", "urn:none", 512) AS ?loaded) {}'
# what TTLP_V_GS hands its parser: quads go into a dpipe, which resolves their terms and
# inserts them when flushed
_DPIPE_CALLBACKS = ", ".join(f'"DB.DBA.{name}"' for name in (
    "TTLP_RL_GS_NEW_GRAPH", "TTLP_EV_NEW_BLANK", "TTLP_EV_NULL_IID", "TTLP_RL_GS_TRIPLE",
    "TTLP_RL_GS_TRIPLE_L", "TTLP_RL_COMMIT", "TTLP_EV_REPORT_DEFAULT"))


def virtuoso_replacer(head: int, length: int) -> str:
    """A SPARQL query that replaces graphs by the N-Quads of its request's body (``length``
    bytes), in one transaction. The body's first ``head`` bytes are a comment line, ``# ``
    and the SQL that deletes the graphs' quads (:func:`virtuoso_clear`). Its steps, each an
    argument of the next, or IF's condition before its branch, so that no optimiser can
    reorder them:

    1. keep the body (it can be read once) and check the server got all of it (after a
       deadlock Virtuoso rolls back and runs the query again, with an empty body);
    2. parse it into a dpipe, writing nothing: a line the parser refuses fails the
       request before anything changed;
    3. delete the graphs' quads (the SQL on the first line: one statement, where
       ``SPARUL_CLEAR``, what ``CLEAR GRAPH`` runs, compiles one per graph: twice as slow);
    4. insert the dpipe's quads in this request's transaction (``RL_FLUSH``, what the
       loader's worker threads run); the endpoint commits steps 3 and 4 together.

    No worker queue is given (0): should the parser flush on its own, past 1,000,000
    quads or 30 MB (an 8 MB body is not), the request fails in step 2."""
    body, pipe = 'bif:connection_get("cwkg_nquads")', 'bif:connection_get("cwkg_dpipe")'
    keep = 'bif:connection_set("cwkg_nquads", bif:http_body_read())'
    new_pipe = ('bif:connection_set("cwkg_dpipe", bif:dpipe(1, "L_IRI_TO_ID", "L_IRI_TO_ID", '
                '"L_IRI_TO_ID", "L_MAKE_RO", "L_IRI_TO_ID"))')
    env = f'bif:vector(0, {pipe}, {", ".join(["0"] * 14)})'
    parse = _then(new_pipe, f'bif:rdf_load_turtle({body}, "", "urn:none", 512, '
                            f'bif:vector({_DPIPE_CALLBACKS}), {env})')
    whole = (f'IF(bif:length({_then(keep, body)}) = {length}, {parse}, '
             'bif:signal("22023", "cwkg: the server got part of the request body"))')
    cleared = _then(whole, f"bif:exec(bif:subseq({body}, 2, {head - 1}))")
    flushed = _then(cleared, f"sql:RL_FLUSH({pipe}, 0)")
    done = _then(_then(flushed, 'bif:connection_set("cwkg_nquads", 0)'),
                 'bif:connection_set("cwkg_dpipe", 0)')        # free the body's memory
    return f"SELECT ({done} AS ?replaced) {{}}"


# Virtuoso's default indexes (7.x, and 6.x from 6.0.3126) have no full index that leads
# from a graph to its quads, only the partial one GS (graph, subject): a delete told to go
# through it looks up each of the graphs' subjects instead of scanning the store. It
# reaches every quad: GS lists every subject of a graph, and each quad is then found in
# the primary key (Virtuoso's manual, "RDF Index Scheme"). At 1.16M quads, deleting 340
# graphs' 39,640 quads took 0.28 s through it, 5.5 s without, with the same quads left in
# every index (RDF_QUAD, POGS, GS, and SPARQL's counts).
VIRTUOSO_GRAPH_INDEX = "RDF_QUAD_GS"
# a server whose administrator dropped that index refuses the hint when it compiles it
# ("NOINP: Table options specify an non-existent index"): asked once before a replacement,
# with an IRI that has no id, so it reads and changes nothing
VIRTUOSO_INDEX_REFUSED = "NOINP"
VIRTUOSO_INDEX_PROBE = ('SELECT (bif:exec("select 1 from DB.DBA.RDF_QUAD table option '
                        f"(index {VIRTUOSO_GRAPH_INDEX}) where G = iri_to_id('urn:cwkg:none', "
                        "0)\") AS ?probed) {}")


def virtuoso_clear(graphs: list[str], indexed: bool = True) -> str:
    """The SQL that deletes the quads of ``graphs`` (an unknown IRI gets no id: none);
    ``indexed``: through :data:`VIRTUOSO_GRAPH_INDEX`.

    >>> virtuoso_clear(["urn:g:it's"], indexed=False)
    "delete from DB.DBA.RDF_QUAD where G in (iri_to_id('urn:g:it''s', 0))"
    """
    iris = ", ".join("iri_to_id('{}', 0)".format(g.replace("\\", "\\\\").replace("'", "''"))
                     for g in graphs)
    option = f" table option (index {VIRTUOSO_GRAPH_INDEX})" if indexed else ""
    return f"delete from DB.DBA.RDF_QUAD{option} where G in ({iris})"


def _then(first: str, second: str) -> str:
    """``second``, evaluated after ``first``."""
    return f"IF(bif:isnull({first}), {second}, {second})"


VIRTUOSO = Dialect("Virtuoso", request_bytes=8 * MB, insert_triples=3000,
                   body_loader=VIRTUOSO_LOADER, body_replacer=virtuoso_replacer,
                   body_clear=virtuoso_clear, index_probe=VIRTUOSO_INDEX_PROBE,
                   index_refused=VIRTUOSO_INDEX_REFUSED)
GENERIC = Dialect("SPARQL 1.1", request_bytes=16 * MB, insert_triples=None)
# Oxigraph from 0.5.0: the bulk loader, atomic, its memory bounded by batches
BULK_LOADER_FROM = (0, 5)


def detect(server_header: str) -> Dialect:
    product = server_header.split(" ", 1)[0].lower()
    name, _, version = product.partition("/")
    if name == "oxigraph":
        if _version(version) >= BULK_LOADER_FROM:
            return dataclasses.replace(OXIGRAPH, post_bytes=None,
                                       post_params={"no_transaction": ""})
        return OXIGRAPH
    if name == "virtuoso":
        return VIRTUOSO
    return GENERIC


def _version(text: str) -> tuple[int, ...]:
    """``0.5.13`` -> (0, 5, 13); () for anything else (an unknown version is the oldest)."""
    parts = re.match(r"(\d+)\.(\d+)", text)
    return (int(parts[1]), int(parts[2])) if parts else ()
