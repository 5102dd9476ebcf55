"""The plausibility warnings a source's proposals would raise once accepted (``cwkg
review SOURCE``): the graph as ``cwkg build`` would make it with every acceptable proposed
claim of the source accepted, checked by the ``Warning`` checks of the query catalogue."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from cwkg.build.memory import in_memory
from cwkg.build.pipeline import check_source
from cwkg.prefixes import expand
from cwkg.rdf.store import Store
from cwkg.validate.checks import run_violation_checks

from .anchors import anchored_as_stored, source_at
from .review import _STATUS_LINE, _blocks, _claims_path, pending


def warnings_if_accepted(data_dir: Path, source: str, texts=None) -> list:
    """The Warning findings about the source's claims, its acceptable proposals accepted."""
    path = _claims_path(data_dir, source)
    local = path.stem
    acceptable = {p.id for p in pending(data_dir, local, texts)
                  if p.problem is None and ":" not in p.id}
    text = path.read_text("utf-8")
    lines = text.split("\n")
    drop = {n for i, (s, e) in _blocks(path, text).items() if i in acceptable
            for n in range(s, e) if _STATUS_LINE.match(lines[n])}
    claims = "\n".join(line for n, line in enumerate(lines) if n not in drop)
    # as accept writes them (a proposal of a source whose text is not at hand is never
    # acceptable)
    claims = anchored_as_stored(claims, path, sorted(acceptable),
                                source_at(data_dir, local, texts))
    fragment = check_source(data_dir, f"src:{local}", claims.encode(), texts)
    graph = in_memory(data_dir, texts)
    own = ox.NamedNode(fragment.graph)
    quads = [q for q in graph.quads if q.graph_name != own]
    quads += ox.parse(fragment.chunks["nquads"], format=ox.RdfFormat.N_QUADS)
    locations = {**graph.locations, **fragment.locations}
    prefix = expand(f"claim:{local}-")
    return [f for f in run_violation_checks(Store(quads), locations)
            if f.severity == "Warning" and expand(f.focus).startswith(prefix)]
