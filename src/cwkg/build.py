"""The build: data/ -> checked records -> quads -> every export, written atomically.

Nothing is written until the whole dataset has been built and serialized, and
each file is replaced by rename, so a data error (or a crash) leaves the
previous build untouched.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .data import Data, load_data
from .errors import UsageError
from .export import FORMATS, serialize
from .fsio import write_atomic
from .graph import BuiltGraph, build_graph
from .namespaces import compact
from .store import Store, parse_file

DATASET_FILE = "cwkg.nq"          # the canonical build output every other command reads
LOCATIONS_FILE = "locations.json"  # subject IRI -> data file:line, for validation reports
BASENAME = "cwkg"


@dataclass
class BuildResult:
    data: Data
    graph: BuiltGraph
    outputs: list[Path]

    def summary(self) -> list[tuple[str, int, int]]:
        """(graph, claims, quads) per named graph, in build order."""
        per_graph = Counter(q.graph_name.value for q in self.graph.quads)
        rows = []
        for name in self.graph.graphs:
            source_id = compact(name)
            claims = len(self.data.claims_of(source_id)) if source_id.startswith("src:") else 0
            rows.append((source_id, claims, per_graph.get(name, 0)))
        return rows


def build_in_memory(data_dir: Path) -> tuple[Data, BuiltGraph]:
    data = load_data(Path(data_dir))
    return data, build_graph(data)


def build(data_dir: Path, out_dir: Path) -> BuildResult:
    data, graph = build_in_memory(data_dir)
    out_dir = Path(out_dir)
    payloads = {out_dir / f"{BASENAME}{ext}": serialize(graph.quads, fmt)
                for fmt, ext in FORMATS.items()}
    payloads[out_dir / LOCATIONS_FILE] = (json.dumps(graph.locations, indent=1, sort_keys=True,
                                                     ensure_ascii=False) + "\n").encode()
    # the canonical dataset goes last: its presence means the build finished
    ordered = sorted(payloads, key=lambda p: p.name == DATASET_FILE)
    for path in ordered:
        write_atomic(path, payloads[path])
    return BuildResult(data, graph, ordered)


def load_build(out_dir: Path) -> tuple[Store, dict[str, str]]:
    """Read the last build: its quads (in build order) and the source locations."""
    out_dir = Path(out_dir)
    dataset = out_dir / DATASET_FILE
    if not dataset.exists():
        raise UsageError(f"no build found at {dataset}; run 'cwkg build' first")
    locations_path = out_dir / LOCATIONS_FILE
    locations = json.loads(locations_path.read_text("utf-8")) if locations_path.exists() else {}
    return Store(parse_file(dataset)), locations


def check_fresh(data_dir: Path, out_dir: Path) -> None:
    """Refuse to export a build that is older than the data it was built from."""
    dataset = Path(out_dir) / DATASET_FILE
    if not dataset.exists():
        raise UsageError(f"no build found at {dataset}; run 'cwkg build' first")
    built = dataset.stat().st_mtime
    for path in Path(data_dir).rglob("*"):
        if path.is_file() and path.stat().st_mtime > built:
            raise UsageError(f"the build at {dataset} is older than {path}; "
                             "run 'cwkg build' again")
