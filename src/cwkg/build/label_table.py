"""Every entity's names, kept in a file beside each store generation (``labels.json``,
written when the build makes the generation, never changed after): ``cwkg query`` turns a
name a user typed into its entity by comparing it with every label, and reading the 2,520
labels of 10,000 sources from RocksDB took ~35 ms of a quick question's ~150 ms; the file
takes a few. Its rows are the answers of the two queries below on that generation, in
the store's order, so a reader gets from it what it would get from the store; a reader
that finds no file, or a file it cannot read, asks the store
(:class:`cwkg.query.resolve.Resolver`).
"""

from __future__ import annotations

import json
from pathlib import Path

LABELS_FILE = "labels.json"
FORMAT = "cwkg-labels 1"
_SKOS = "http://www.w3.org/2004/02/skos/core#"

# each (entity, name) pair, preferred or alternative: what a name typed is compared with
LABELS_QUERY = f"""SELECT DISTINCT ?entity ?label WHERE {{
  GRAPH ?g {{ ?entity <{_SKOS}prefLabel>|<{_SKOS}altLabel> ?label }}
}}"""

# the preferred ones: what a table shows beside an entity's id
PREFERRED_LABELS_QUERY = f"""SELECT DISTINCT ?entity ?label WHERE {{
  GRAPH ?g {{ ?entity <{_SKOS}prefLabel> ?label }}
}}"""

QUERIES = {"labels": LABELS_QUERY, "preferred": PREFERRED_LABELS_QUERY}

Row = tuple[str, str, str]  # (entity IRI, label, language tag or "")


def label_rows(solutions) -> list[Row]:
    """(entity, label) solutions -> rows, keeping only an IRI with a literal."""
    import pyoxigraph as ox
    return [(entity.value, label.value, label.language or "")
            for entity, label in solutions
            if isinstance(entity, ox.NamedNode) and isinstance(label, ox.Literal)]


def write_label_table(generation: Path, store) -> None:
    """Write ``generation``'s label file from ``store`` (that generation, open)."""
    from cwkg.fsio import write_atomic
    tables = {kind: label_rows(store.query(text)) for kind, text in QUERIES.items()}
    write_atomic(Path(generation) / LABELS_FILE,
                 json.dumps({"format": FORMAT, **tables}, ensure_ascii=False).encode())


def read_label_table(path: Path | None, kind: str) -> list[Row] | None:
    """The ``kind`` rows ("labels" or "preferred") of the label file at ``path``; None
    when there is none, or it is not one this cwkg wrote."""
    if path is None:
        return None
    try:
        table = json.loads(Path(path).read_bytes())
        if table["format"] != FORMAT:
            return None
        return [(entity, label, language) for entity, label, language in table[kind]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
