"""The fast SHACL engine (shapes compiled to SPARQL on pyoxigraph) gives exactly the findings
of the reference engine (pySHACL): on the repository's data, on every valid and invalid example
in tests/shapes/, and on a synthetic corpus with faults put in on purpose; through the library
and through `cwkg validate [--engine pyshacl]` (tests/core/test_validate_batches.py adds the
command on a corpus that trips every finding data/ can reach)."""

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from benchmarks.generate import generate

from cwkg.build.memory import in_memory
from cwkg.cli import main
from cwkg.rdf.store import Store
from cwkg.validate.compiled import compile_shapes
from cwkg.validate.shacl import run_shacl

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "tests" / "shapes").glob("*/*.trig"))


def both(store: Store, locations=None):
    fast = run_shacl(Store(store.quads), locations, engine="sparql").findings
    reference = run_shacl(Store(store.quads), locations, engine="pyshacl").findings
    return Counter(fast), Counter(reference)


def test_the_shapes_compile_without_falling_back_to_pyshacl():
    # run_shacl falls back to pySHACL on an unsupported feature; the comparisons below would
    # then compare pySHACL with itself, so the repository's shapes must compile
    program = compile_shapes()
    assert len(program.node_shapes) >= 15


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_same_findings_on_every_shapes_example(path):
    fast, reference = both(Store.from_file(path))
    assert fast == reference
    faults = [f for f in reference if f.severity != "Info"]  # an Info is no fault
    assert ("valid" == path.parent.name) == (not faults)


def test_same_findings_on_the_repository_data():
    graph = in_memory(REPO / "data")
    fast, reference = both(Store(graph.quads), graph.locations)
    assert fast == reference


def _mutate(quads: list) -> list:
    """Faults the shapes must catch, some of them invisible in pyoxigraph's canonical form."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    out = []
    for i, q in enumerate(quads):
        o, p = q.object, q.predicate.value
        if p.endswith("#start") and i % 7 == 0:       # "+3" reads back from the store as "3"
            o = ox.Literal("+" + o.value, datatype=ox.NamedNode(xsd + "integer"))
        elif p.endswith("#end") and i % 11 == 0:      # negative, and not less than start
            o = ox.Literal("-1", datatype=ox.NamedNode(xsd + "nonNegativeInteger"))
        elif p.endswith("/date") and i % 5 == 0:
            o = ox.Literal("2017-02-30", datatype=ox.NamedNode(xsd + "date"))
        elif p.endswith("#exact") and i % 9 == 0:
            o = ox.Literal(o.value + " (edited)")
        elif p.endswith("#prefLabel") and i % 13 == 0:
            continue                                  # an entity or author without a label
        elif p.endswith("#minValue") and i % 3 == 0:
            o = ox.Literal("100000", datatype=ox.NamedNode(xsd + "integer"))
        out.append(ox.Quad(q.subject, q.predicate, o, q.graph_name))
    return out


def test_same_findings_on_a_faulty_synthetic_corpus(tmp_path):
    generate(12, tmp_path, seed=3)
    graph = in_memory(tmp_path / "data")
    clean_fast, clean_reference = both(Store(graph.quads), graph.locations)
    assert clean_fast == clean_reference == Counter()
    fast, reference = both(Store(_mutate(graph.quads)), graph.locations)
    assert sum(reference.values()) >= 20
    assert fast == reference


# ------------------------------------------------------------------ through the command line


def cli(args: list[str], capsys) -> tuple[int, list[str], list[str]]:
    """``cwkg ARGS``: (exit code, stdout lines, stderr lines)."""
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def test_the_command_gives_the_same_findings_with_either_engine_on_the_data(data_copy,
                                                                             tmp_path, capsys):
    """The data path of `cwkg validate --engine pyshacl` loads the dataset into pyoxigraph,
    which keeps "+3"^^xsd:nonNegativeInteger as "3"^^xsd:integer: pySHACL must read the
    literals as written (it once reported a false violation on every claim)."""
    where = ["--data", str(data_copy), "--out", str(tmp_path / "build")]
    assert main([*where, "build"]) == 0
    capsys.readouterr()
    fast = cli([*where, "validate"], capsys)
    reference = cli([*where, "validate", "--engine", "pyshacl"], capsys)
    assert fast == reference
    assert fast[0] == 0 and fast[2][-1].startswith("0 violation(s), 1 warning(s)")
    assert not any(line.startswith("note:") for line in fast[2])


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_command_gives_the_same_findings_on_every_shapes_example(path, capsys):
    fast = cli(["validate", str(path)], capsys)
    reference = cli(["validate", str(path), "--engine", "pyshacl"], capsys)
    assert fast == reference
    assert fast[0] == (0 if path.parent.name == "valid" else 1)


def test_the_command_gives_the_same_findings_on_a_faulty_corpus(tmp_path, capsys):
    generate(12, tmp_path, seed=3)
    graph = in_memory(tmp_path / "data")
    faulty = tmp_path / "faulty.nq"
    faulty.write_bytes(ox.serialize(_mutate(graph.quads), format=ox.RdfFormat.N_QUADS))
    fast = cli(["validate", str(faulty)], capsys)
    reference = cli(["validate", str(faulty), "--engine", "pyshacl"], capsys)
    assert fast == reference
    assert fast[0] == 1 and len(fast[1]) >= 20
