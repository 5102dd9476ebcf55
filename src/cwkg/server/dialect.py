"""What a SPARQL server can take in one request, told by its ``Server`` header.

SPARQL 1.1 Update says a request SHOULD be applied atomically; Oxigraph runs each
update request (and each Graph Store load) as one transaction that readers see
whole or not at all. Its Graph Store POST with ``no_transaction`` goes through its
bulk loader instead, which since Oxigraph 0.5.0 writes what it loads to files and
adds them to the store at once when the load ends (commit 28940635, "RocksDB: makes
bulk loading atomic"): readers see nothing or everything, a load that fails leaves
nothing, and it is several times faster than a transaction.
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


OXIGRAPH = Dialect("Oxigraph", request_bytes=64 * MB, insert_triples=None, dataset_post=True)
# 512: the text is N-Quads; "urn:none" would take a line without a graph (cwkg sends none)
VIRTUOSO_LOADER = 'SELECT (sql:TTLP(bif:http_body_read(), "", "urn:none", 512) AS ?loaded) {}'
VIRTUOSO = Dialect("Virtuoso", request_bytes=8 * MB, insert_triples=3000,
                   body_loader=VIRTUOSO_LOADER)
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
