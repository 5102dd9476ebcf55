"""What a SPARQL server can take in one request, told by its ``Server`` header.

SPARQL 1.1 Update says a request SHOULD be applied atomically; Oxigraph runs each
update request (and each Graph Store load) as one transaction that readers see
whole or not at all. Virtuoso applies a request whole too when it is killed half-way
(tests/servers/test_push_crash.py), but its readers can see it half done, and its
SPARQL compiler refuses an ``INSERT DATA`` of more than a few thousand triples
("SP030 ... memory exhausted") and a request text over 10 MB ("HT057").

>>> detect("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu").name
'Virtuoso'
>>> detect("Oxigraph/0.5.13").dataset_post, detect("").name
(True, 'SPARQL 1.1')
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Dialect:
    name: str
    request_bytes: int              # the largest update request cwkg sends
    insert_triples: int | None      # the most triples in one INSERT DATA operation
    dataset_post: bool = False      # takes N-Quads by Graph Store POST, in one transaction
    readers_see_whole: bool = True  # a reader sees an update request whole or not at all
    post_bytes: int = 256 * MB      # the largest such POST (one transaction in server memory)


OXIGRAPH = Dialect("Oxigraph", request_bytes=64 * MB, insert_triples=None, dataset_post=True)
VIRTUOSO = Dialect("Virtuoso", request_bytes=8 * MB, insert_triples=3000,
                   readers_see_whole=False)
GENERIC = Dialect("SPARQL 1.1", request_bytes=16 * MB, insert_triples=None)


def detect(server_header: str) -> Dialect:
    for dialect in (OXIGRAPH, VIRTUOSO):
        if server_header.lower().startswith(dialect.name.lower() + "/"):
            return dialect
    return GENERIC
