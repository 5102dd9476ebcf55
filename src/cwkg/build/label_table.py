"""Every entity's names, kept in a file beside each store generation (``labels.json``,
written when the build makes the generation, before its marker, never changed after):
``cwkg query`` turns a name a user typed into its entity by comparing it with every
label, preferred and alternative; at 10,000 sources resolving one name took 26-32 ms
reading them from RocksDB, 4.5 ms from the file. Its rows are the answers of the two
queries below on that generation, in the store's order, so a reader gets from it what it
would get from the store; a reader that finds no file, or a file it cannot read, asks
the store (:class:`cwkg.query.resolve.Resolver`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

LABELS_FILE = "labels.json"
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
# names the queries too: a file written by other queries is not read
FORMAT = "cwkg-labels 1 " + hashlib.sha256("".join(QUERIES.values()).encode()).hexdigest()[:12]

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
        rows = table[kind] if table["format"] == FORMAT else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(rows, list) or not all(
            isinstance(row, list) and len(row) == 3 and all(isinstance(x, str) for x in row)
            for row in rows):
        return None
    return [tuple(row) for row in rows]
