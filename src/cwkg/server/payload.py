"""The build's graphs as the bytes a server is sent.

A push reads the build's N-Quads export (``cwkg.nq``, the file every command reads)
once: :class:`Dataset` notes where each graph's lines are and how many triples it has,
without making a Python object per quad. From it come the N-Quads of some graphs (a
Graph Store POST) and SPARQL update requests of whole graphs cut to a server's limits
(:func:`replace_requests`).

>>> nq = b'<urn:s> <urn:p> "x" <urn:g1> .\\n<urn:s> <urn:p> "a <urn:o> ." <urn:g2> .\\n'
>>> data = Dataset(nq)
>>> [(g.iri, g.triples) for g in data.graphs.values()]
[('urn:g1', 1), ('urn:g2', 1)]
>>> data.ntriples("urn:g2")
b'<urn:s> <urn:p> "a <urn:o> ." .\\n'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from cwkg.errors import UsageError
from cwkg.fsio import display_path
from cwkg.namespaces import PREFIXES, REFERENCE_GRAPH, compact, expand, local_id

from .dialect import Dialect

# the graph term that ends an N-Quads line (a literal holds no raw newline, an IRI no space)
_GRAPH_TERM = re.compile(rb" <([^<>\s]*)> \.\n")
# lines in a row that end with the same graph term (a build writes each graph's together)
_RUN = re.compile(rb"[^\n]* <([^<>\s]*)> \.\n(?:[^\n]* <\1> \.\n)*")
# the overhead of "GRAPH <...> { }" and "DROP SILENT GRAPH <...> ;" around an IRI (more
# than "<...> " in a DELETE's VALUES)
_PER_GRAPH = 64


@dataclass
class Graph:
    iri: str
    triples: int = 0
    size: int = 0                                   # bytes of its N-Quads lines
    runs: list[tuple[int, int]] = field(default_factory=list)  # their byte ranges


class Dataset:
    """The named graphs of some N-Quads, in push order: the reference graph first (the
    sources' claims point into it), then the sources by IRI."""

    def __init__(self, nquads: bytes, only: Iterable[str] | None = None,
                 name: str = "the N-Quads"):
        """``only``: read just these graphs (IRIs or ids), found by their graph term;
        ``name``: the file, in errors."""
        self.data = nquads
        found = self._parse(nquads, name) if only is None else self._find(nquads, only)
        reference = str(REFERENCE_GRAPH)
        self.graphs = {g: found[g] for g in sorted(found, key=lambda g: (g != reference, g))}
        for graph in self.graphs.values():
            graph.size = sum(end - begin for begin, end in graph.runs)

    @staticmethod
    def _parse(nquads: bytes, name: str) -> dict[str, Graph]:
        found: dict[str, Graph] = {}
        position = 0
        for run in _RUN.finditer(nquads):  # a graph's lines in a row: one match, in C
            if run.start() != position:
                break
            graph = found.setdefault(run.group(1).decode("utf-8"),
                                     Graph(run.group(1).decode("utf-8")))
            graph.runs.append(run.span())
            graph.triples += nquads.count(b"\n", *run.span())
            position = run.end()
        if position != len(nquads):
            line = nquads.count(b"\n", 0, position) + 1
            raise UsageError(f"{name}:{line}: a line without a graph name (cwkg pushes "
                             "named graphs only); run 'cwkg build' again")
        return found

    @staticmethod
    def _find(nquads: bytes, names: Iterable[str]) -> dict[str, Graph]:
        """The lines of a few graphs, without reading the others' (a one-source push)."""
        found = {}
        for iri in map(graph_iri, names):
            term = f" <{iri}> .\n".encode()
            graph, position = Graph(iri), 0
            while (hit := nquads.find(term, position)) != -1:
                begin, position = nquads.rfind(b"\n", 0, hit) + 1, hit + len(term)
                if graph.runs and graph.runs[-1][1] == begin:
                    graph.runs[-1] = (graph.runs[-1][0], position)
                else:
                    graph.runs.append((begin, position))
                graph.triples += 1
            if graph.triples:
                found[iri] = graph
        return found

    @classmethod
    def from_file(cls, path: Path, only: Iterable[str] | None = None) -> Dataset:
        return cls(Path(path).read_bytes(), only, display_path(Path(path)))

    @classmethod
    def from_store(cls, store) -> Dataset:
        """A store's named graphs (tests and benchmarks build stores in memory)."""
        quads = list(store.quads)
        if any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
            raise UsageError("cwkg pushes named graphs only; this store has triples in its "
                             "default graph")
        return cls(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs.values())

    def choose(self, names: Iterable[str] | None) -> list[Graph]:
        """The graphs named (``src:ID``, a graph IRI or ``graph:reference``), or all."""
        if not names:
            return list(self.graphs.values())
        chosen = []
        for name in names:
            iri = graph_iri(name)
            if iri not in self.graphs:
                known = ", ".join(compact(g) for g in list(self.graphs)[:20])
                more = ", ..." if len(self.graphs) > 20 else ""
                raise UsageError(f"--source {name}: the build has no such graph; known: "
                                 f"{known}{more}")
            chosen.append(self.graphs[iri])
        return chosen

    def nquads(self, graphs: Iterable[Graph]) -> Iterator[bytes]:
        """The N-Quads lines of ``graphs``, as slices of the export (no copy is joined)."""
        view = memoryview(self.data)
        for graph in graphs:
            for start, end in graph.runs:
                yield view[start:end]

    def ntriples(self, iri: str) -> bytes:
        """One graph's lines without their graph term: the triples, as N-Triples."""
        return b"".join(_GRAPH_TERM.sub(b" .\n", bytes(chunk))
                        for chunk in self.nquads([self.graphs[iri]]))


def graph_iri(name: str) -> str:
    """A graph named as a source (``src:ID``, ``ID`` or its IRI, as every command takes a
    source), ``graph:reference`` or any graph's IRI."""
    local = local_id(name, "src")
    if local:
        return PREFIXES["src"] + local
    try:
        return name if "://" in name else expand(name)
    except KeyError:
        return name


def replace_requests(dataset: Dataset, graphs: list[Graph], dialect: Dialect,
                     drop: bool) -> Iterator[tuple[list[Graph], str]]:
    """SPARQL update requests, each of whole graphs and within ``dialect``'s limits: with
    ``drop``, the graphs emptied first (:func:`clear_operations`), so that the request
    replaces them.

    A graph too large for one request is yielded alone with an empty text: the caller
    pushes it in steps (:func:`cwkg.server.push.push_staged`)."""
    batch: list[Graph] = []
    size = 0
    for graph in graphs:
        cost = graph.size + _PER_GRAPH * (2 if drop else 1)
        if cost > dialect.request_bytes:
            if batch:
                yield batch, _request(dataset, batch, dialect, drop)
                batch, size = [], 0
            yield [graph], ""
            continue
        if batch and size + cost > dialect.request_bytes:
            yield batch, _request(dataset, batch, dialect, drop)
            batch, size = [], 0
        batch.append(graph)
        size += cost
    if batch:
        yield batch, _request(dataset, batch, dialect, drop)


def _request(dataset: Dataset, graphs: list[Graph], dialect: Dialect, drop: bool) -> str:
    parts = clear_operations([g.iri for g in graphs], dialect) if drop else []
    if dialect.insert_triples is None:
        blocks = (f"GRAPH <{g.iri}> {{\n{dataset.ntriples(g.iri).decode('utf-8')}}}"
                  for g in graphs)
        return " ;\n".join([*parts, "INSERT DATA {\n" + "\n".join(blocks) + "\n}"])
    operation: list[str] = []
    held = 0
    for graph in graphs:
        lines = dataset.ntriples(graph.iri).decode("utf-8").splitlines(keepends=True)
        while lines:
            take = lines[:dialect.insert_triples - held]
            lines = lines[len(take):]
            operation.append(f"GRAPH <{graph.iri}> {{\n{''.join(take)}}}")
            held += len(take)
            if held == dialect.insert_triples:  # as large an INSERT DATA as the server parses
                parts.append("INSERT DATA {\n" + "\n".join(operation) + "\n}")
                operation, held = [], 0
    if operation:
        parts.append("INSERT DATA {\n" + "\n".join(operation) + "\n}")
    return " ;\n".join(parts)


def clear_operations(graphs: list[str], dialect: Dialect) -> list[str]:
    """The operations that empty ``graphs`` at the start of a request that replaces them:
    a ``DROP SILENT GRAPH`` each, or, where the dialect asks, one ``DELETE ... WHERE`` (on
    Oxigraph the request is then a write-only transaction: :mod:`cwkg.server.dialect`).

    >>> from cwkg.server.dialect import GENERIC, OXIGRAPH
    >>> clear_operations(["urn:g"], GENERIC)
    ['DROP SILENT GRAPH <urn:g>']
    >>> print(clear_operations(["urn:g"], OXIGRAPH)[0])
    DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?g { <urn:g> } GRAPH ?g { ?s ?p ?o } }
    """
    if not dialect.delete_where:
        return [f"DROP SILENT GRAPH <{g}>" for g in graphs]
    values = " ".join(f"<{g}>" for g in graphs)
    return ["DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?g { " + values
            + " } GRAPH ?g { ?s ?p ?o } }"]
