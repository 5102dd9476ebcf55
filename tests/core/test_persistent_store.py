"""The persistent store holds exactly the last build, is replaced per graph, is never seen
half-written, and is made again when it does not belong to the build on disk."""

from __future__ import annotations

import json
import os

import pyoxigraph as ox
import pytest

from cwkg.build import persistent
from cwkg.build.read import load_build, open_build
from cwkg.build.write import build
from cwkg.cli import main
from cwkg.errors import DataError, UsageError

SOURCE = "sources/wh-2024-04-04.txt"
CLAIMS = "claims/wh-2024-04-04.yaml"


def _exported(out) -> set:
    """The exported quads as a store holds them (numbers in canonical form)."""
    store = ox.Store()
    store.load(path=str(out / "cwkg.nq"), format=ox.RdfFormat.N_QUADS)
    return set(store)


def _stored(out) -> set:
    return set(open_build(out).oxigraph)


def _generation(out):
    return os.readlink(out / "store")


def test_the_store_holds_what_the_build_exported(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    assert _stored(out) == _exported(out) and len(_exported(out)) > 1000


def test_an_edited_source_replaces_its_graph_only(data_copy, tmp_path, monkeypatch):
    out = tmp_path / "b"
    build(data_copy, out)
    first = _generation(out)
    claims = data_copy / CLAIMS
    claims.write_text(claims.read_text("utf-8").replace("the loss of over 90 lives",
                                                        "over 90 lives"), "utf-8")

    def no_whole_load(*args):
        raise AssertionError("one changed source must not reload the whole build")

    monkeypatch.setattr(persistent, "_load_whole", no_whole_load)
    build(data_copy, out)
    assert _generation(out) != first
    assert _stored(out) == _exported(out)
    assert not (out / first).exists()  # the old generation is gone


def test_a_removed_source_leaves_the_store(data_copy, tmp_path):
    # a fourth source that no entity names, so that it can go
    copies = []
    for folder, suffix in (("sources", ".txt"), ("sources", ".yaml"), ("claims", ".yaml")):
        original = data_copy / folder / f"soc-2020-04-04{suffix}"
        copy = original.with_name(f"soc-copy{suffix}")
        copy.write_bytes(original.read_bytes().replace(b"soc-2020-04-04", b"soc-copy"))
        copies.append(copy)
    out = tmp_path / "b"
    build(data_copy, out)
    graph = "https://w3id.org/cwkg/source/soc-copy"
    assert graph in {g.value for g in open_build(out).oxigraph.named_graphs()}
    for copy in copies:
        copy.unlink()
    build(data_copy, out)
    assert graph not in {g.value for g in open_build(out).oxigraph.named_graphs()}
    assert _stored(out) == _exported(out)


def test_an_unchanged_build_keeps_the_same_store(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    first = _generation(out)
    build(data_copy, out)
    assert _generation(out) == first


def test_a_failed_build_leaves_the_store_as_it_was(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    before, generation = _stored(out), _generation(out)
    claims = data_copy / CLAIMS
    claims.write_text(claims.read_text("utf-8").replace("  - id: c02\n", "  - id: c01\n"))
    with pytest.raises(DataError):
        build(data_copy, out)
    assert _generation(out) == generation and _stored(out) == before


def test_a_store_behind_its_build_is_made_again(data_copy, tmp_path, monkeypatch, capsys):
    """A build that stops between renaming its exports and writing its store: the next
    reader sees that the store belongs to the previous build and makes it again."""
    out = tmp_path / "b"
    build(data_copy, out)
    claims = data_copy / CLAIMS
    claims.write_text(claims.read_text("utf-8").replace("the loss of over 90 lives",
                                                        "over 90 lives"), "utf-8")
    from cwkg.build import write
    with monkeypatch.context() as patch:
        patch.setattr(write, "write_store", lambda *args: (_ for _ in ()).throw(
            OSError("disk full")))
        result = build(data_copy, out)
    assert "the store could not be written" in result.warning
    capsys.readouterr()
    assert _stored(out) == _exported(out)
    assert "made the store of the build" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["marker", "link", "version"])
def test_a_store_that_is_not_the_builds_is_made_again(data_copy, tmp_path, damage, capsys):
    out = tmp_path / "b"
    build(data_copy, out)
    generation = out / _generation(out)
    if damage == "marker":
        (generation / persistent.MARKER).unlink()
    elif damage == "link":
        (out / "store").unlink()
    else:
        marker = json.loads((generation / persistent.MARKER).read_text())
        (generation / persistent.MARKER).write_text(json.dumps({**marker, "pyoxigraph": "0.0"}))
    capsys.readouterr()
    assert _stored(out) == _exported(out)
    assert "made the store of the build" in capsys.readouterr().err


def test_an_open_store_survives_the_next_build(data_copy, tmp_path):
    """A reader (a query, `cwkg web`) keeps the generation it opened, whatever builds do."""
    out = tmp_path / "b"
    build(data_copy, out)
    store = open_build(out)
    before = len(store)
    (data_copy / CLAIMS).unlink()
    build(data_copy, out)
    assert len(store) == before and len(list(store.oxigraph.query(
        "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5"))) == 5
    assert len(open_build(out)) < before


def test_a_build_of_an_older_cwkg_says_to_build_again(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    (out / "build.json").unlink()
    with pytest.raises(UsageError, match="older cwkg; run 'cwkg build'"):
        load_build(out)


def test_queries_read_the_store(data_copy, tmp_path, capsys, monkeypatch):
    out = tmp_path / "b"
    assert main(["--data", str(data_copy), "--out", str(out), "build"]) == 0

    def no_parsing(*args, **kwargs):
        raise AssertionError("cwkg query must not parse the N-Quads when the store is there")

    monkeypatch.setattr(persistent, "_in_memory", no_parsing)
    monkeypatch.setattr(persistent, "_load_whole", no_parsing)
    capsys.readouterr()
    assert main(["--data", str(data_copy), "--out", str(out), "query", "death-tolls",
                 "-p", "attack=Khan Sheikhoun massacre", "--format", "tsv"]) == 0
    # a header and the eight death tolls: the three seeds' five, France's "plus de 80" twice,
    # Arabi21's "العشرات" (dozens)
    assert capsys.readouterr().out.count("\n") == 9


def test_a_store_loaded_in_pieces_holds_the_whole_build(data_copy, tmp_path, monkeypatch):
    """The whole build is bulk-loaded a piece at a time (memory): pieces cut at line ends,
    however small, give every quad."""
    monkeypatch.setattr(persistent, "LOAD_PIECE", 997)  # many pieces, cut mid-line
    out = tmp_path / "b"
    build(data_copy, out)
    assert (out / "cwkg.nq").stat().st_size > 100 * 997
    assert _stored(out) == _exported(out)


def _table_files(out) -> int:
    generation = os.path.realpath(out / "store")
    return sum(name.endswith(".sst") for name in os.listdir(generation))


def test_a_store_loaded_in_pieces_is_compacted_as_one_loaded_at_once(data_copy, tmp_path,
                                                                       monkeypatch):
    """Each piece's bulk load adds table files overlapping the others' keys, which every
    lookup then reads: the store is compacted after the load, as Oxigraph advises after a
    bulk load. The repository's build in 64 KB pieces: 20-23 table files as loaded, 9-10
    compacted; in one piece, 9."""
    build(data_copy, tmp_path / "whole")
    monkeypatch.setattr(persistent, "LOAD_PIECE", 64 << 10)
    build(data_copy, tmp_path / "pieces")
    assert (tmp_path / "pieces" / "cwkg.nq").stat().st_size > 8 * (64 << 10)
    assert _table_files(tmp_path / "pieces") <= _table_files(tmp_path / "whole") + 3
    assert _stored(tmp_path / "pieces") == _exported(tmp_path / "pieces")
