"""The incremental build: unchanged sources come from the fragment cache, and the result is
byte for byte what a build from scratch writes."""

import json

import pytest

from cwkg.build.cache import cache_folder
from cwkg.build.read import check_fresh
from cwkg.build.write import build
from cwkg.errors import DataError

from ..conftest import DATA

SOURCES = len(list((DATA / "sources").glob("*.yaml")))  # every source of data/


def _outputs(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _index(out):
    return json.loads((cache_folder(out) / "index.json").read_bytes())


def _from_scratch(data, tmp_path):
    cold = tmp_path / "cold"
    build(data, cold, use_cache=False)
    assert not cache_folder(cold).exists()
    return _outputs(cold)


def test_a_second_build_reuses_every_source(data_copy, tmp_path):
    out = tmp_path / "b"
    assert build(data_copy, out).reused == 0
    first = _outputs(out)
    assert build(data_copy, out).reused == SOURCES
    assert _outputs(out) == first


def _stats(out):
    """Each file of the build folder (the store's too), as the file system has it, but for
    the note of when the build read data/."""
    return {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in out.rglob("*")
            if p.is_file() and p.name != ".read-at"}


def _summary(result):
    return (result.summary(), result.entities, result.pending, result.external, result.reused)


def test_a_build_with_nothing_changed_writes_nothing(data_copy, tmp_path, monkeypatch):
    """A rebuild of the same data (its files touched, their bytes the same) reads data/,
    finds the last build's id and files as it left them, and writes no file."""
    import os

    from cwkg.build import write
    out = tmp_path / "b"
    build(data_copy, out)
    again = build(data_copy, out)  # the first one made every fragment
    before = _stats(out)
    for path in data_copy.rglob("*"):
        os.utime(path)
    monkeypatch.setattr(write, "atomic_files", None)   # no export is opened for writing
    monkeypatch.setattr(write, "planned_fragments", None)  # nor any fragment read or made
    result = build(data_copy, out)
    assert _summary(result) == _summary(again) and result.reused == SOURCES
    assert _stats(out) == before
    # its exports are older than data/'s touched files, and yet it is data/'s build
    assert max(p.stat().st_mtime for p in data_copy.rglob("*")) \
        > (out / "cwkg.nq").stat().st_mtime
    check_fresh(data_copy, out)


def test_a_build_with_nothing_changed_makes_a_lost_store_again(data_copy, tmp_path):
    from cwkg.build.read import open_build
    out = tmp_path / "b"
    build(data_copy, out)
    quads = len(open_build(out))
    (out / "store").unlink()
    assert build(data_copy, out).reused == SOURCES
    assert len(open_build(out)) == quads and (out / "store").is_symlink()


def test_editing_one_source_remakes_that_one_only(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    meta = data_copy / "sources" / "soc-2020-04-04.yaml"
    meta.write_text(meta.read_text().replace("note: ", "note: Re-read. ", 1))
    result = build(data_copy, out)
    assert result.reused == SOURCES - 1
    assert b"Re-read. " in (out / "cwkg.nq").read_bytes()
    assert _outputs(out) == _from_scratch(data_copy, tmp_path)
    # the edited source's old entry is gone (and the reference graph has one)
    assert len(_index(out)["entries"]) == SOURCES + 1


def test_editing_an_entity_file_remakes_every_source(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    entities = sorted((data_copy / "entities").glob("*.yaml"))[0]
    entities.write_text(entities.read_text() + "\n# a comment changes the file's hash\n")
    assert build(data_copy, out).reused == 0


def test_the_entities_are_parsed_only_when_their_files_change(data_copy, tmp_path,
                                                             monkeypatch):
    """The reference graph is kept with the ids of the entities it defines, under a key of
    the entity files' bytes, the code and the source ids: a build or validation that finds
    it parses no entity file; a new source id (an entity may name sources) checks them."""
    from cwkg.load import entities as loader
    from cwkg.validate.batches import validate_data
    out = tmp_path / "b"
    build(data_copy, out)
    first = _outputs(out)
    parsed = []
    real = loader._parse
    monkeypatch.setattr(loader, "_parse", lambda files: parsed.append(1) or real(files))
    meta = data_copy / "sources" / "soc-2020-04-04.yaml"
    meta.write_text(meta.read_text().replace("note: ", "note: Re-read. ", 1))
    assert build(data_copy, out).reused == SOURCES - 1 and parsed == []
    validate_data(data_copy, out, workers=1)
    assert parsed == []
    assert _outputs(out) == _from_scratch(data_copy, tmp_path)  # (which parses them)
    parsed.clear()
    for suffix in (".yaml", ".txt"):
        old = data_copy / "sources" / f"soc-2020-04-04{suffix}"
        new = data_copy / "sources" / f"soc-copy{suffix}"
        new.write_bytes(old.read_bytes().replace(b"id: src:soc-2020-04-04", b"id: src:soc-copy"))
    build(data_copy, out)
    assert parsed == [1]
    assert first != _outputs(out)


def test_a_truncated_export_is_made_again(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    first = _outputs(out)
    turtle = out / "cwkg.ttl"
    turtle.write_bytes(turtle.read_bytes()[:-10])  # the last source's chunk is cut short
    assert build(data_copy, out).reused == SOURCES - 1
    assert _outputs(out) == first


@pytest.mark.parametrize("damage", ["deleted", "not json", "another format"])
def test_a_lost_or_damaged_index_makes_every_source_again(data_copy, tmp_path, damage):
    out = tmp_path / "b"
    build(data_copy, out)
    first = _outputs(out)
    index = cache_folder(out) / "index.json"
    if damage == "deleted":
        index.unlink()
    elif damage == "not json":
        index.write_bytes(index.read_bytes()[:-3])
    else:
        index.write_text(json.dumps({**_index(out), "format": "cwkg-cache 0"}))
    assert build(data_copy, out).reused == 0
    assert _outputs(out) == first


def test_a_deleted_export_makes_every_source_again(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    first = _outputs(out)
    (out / "cwkg.jsonld").unlink()
    assert build(data_copy, out).reused == 0
    assert _outputs(out) == first


def test_an_index_older_than_the_exports_is_not_trusted(data_copy, tmp_path):
    """A build stopped after its exports were renamed into place but before its index was
    written leaves the previous index beside the new exports: its offsets point into
    files that have changed, and no chunk they give may be used."""
    out = tmp_path / "b"
    build(data_copy, out)
    old_index = (cache_folder(out) / "index.json").read_bytes()
    first = sorted((data_copy / "sources").glob("*.yaml"))[0]  # the first source graph
    text = first.read_text()
    edited = text.replace('note: "', 'note: "Re-read. ', 1).replace(
        "note: >-\n  ", "note: >-\n  Re-read. ", 1)
    assert edited != text
    first.write_text(edited)
    build(data_copy, out)  # the other sources' chunks move along
    (cache_folder(out) / "index.json").write_bytes(old_index)
    result = build(data_copy, out)
    assert result.reused == 0  # the unchanged sources' old offsets hold other bytes now
    assert _outputs(out) == _from_scratch(data_copy, tmp_path)


def test_an_older_cwkg_cache_is_removed(data_copy, tmp_path):
    out = tmp_path / "b"
    cache_folder(out).mkdir(parents=True)
    (cache_folder(out) / "0123abcd.frag").write_bytes(b"cwkg-fragment 3\n...")
    build(data_copy, out)
    assert sorted(p.name for p in cache_folder(out).iterdir()) == ["index.json"]


def test_a_new_source_is_added_to_the_cached_ones(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    for suffix in (".yaml", ".txt"):
        old = data_copy / "sources" / f"soc-2020-04-04{suffix}"
        new = data_copy / "sources" / f"soc-copy{suffix}"
        new.write_bytes(old.read_bytes().replace(b"id: src:soc-2020-04-04", b"id: src:soc-copy"))
    result = build(data_copy, out)
    assert result.reused == SOURCES and result.sources == SOURCES + 1
    assert _outputs(out) == _from_scratch(data_copy, tmp_path)


def test_a_data_error_in_one_source_keeps_the_previous_build(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    first = _outputs(out)
    claims = data_copy / "claims" / "soc-2020-04-04.yaml"
    claims.write_text(claims.read_text().replace("kind: ", "kind: no-such-kind-", 1))
    with pytest.raises(DataError, match=r"soc-2020-04-04\.yaml:\d+: field 'kind'"):
        build(data_copy, out)
    assert _outputs(out) == first
    assert not list(out.glob(".*.tmp"))


def test_an_export_with_a_flipped_byte_is_made_again(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    first = _outputs(out)
    nquads = out / "cwkg.nq"
    data = bytearray(nquads.read_bytes())
    data[-100] ^= 0x20  # same length, one character changed in the last source's chunk
    nquads.write_bytes(bytes(data))
    assert build(data_copy, out).reused == SOURCES - 1
    assert _outputs(out) == first


def test_worker_processes_write_the_same_bytes(data_copy, tmp_path):
    build(data_copy, tmp_path / "parallel", workers=2)
    assert _outputs(tmp_path / "parallel") == _from_scratch(data_copy, tmp_path)


def test_a_data_error_in_a_worker_names_the_file_and_line(data_copy, tmp_path):
    claims = data_copy / "claims" / "news-2021-04-04.yaml"
    claims.write_text(claims.read_text().replace("kind: ", "kind: no-such-kind-", 1))
    with pytest.raises(DataError, match=r"news-2021-04-04\.yaml:\d+: field 'kind'") as caught:
        build(data_copy, tmp_path / "parallel", workers=2)
    assert caught.value.line is not None
    assert not (tmp_path / "parallel").exists()


def test_a_fragment_made_on_a_later_day_is_not_trusted_today(data_copy, tmp_path, monkeypatch):
    """A date is refused when it is after today. A fragment made while the clock (or the
    time zone) said tomorrow accepted tomorrow's date; today it must be checked again."""
    import datetime as real_dt
    import types

    from cwkg.build import cache, fragments
    from cwkg.load import records
    tomorrow = real_dt.date.today() + real_dt.timedelta(days=1)

    class Tomorrow(real_dt.date):
        @classmethod
        def today(cls):
            return tomorrow

    ahead = types.SimpleNamespace(date=Tomorrow, timedelta=real_dt.timedelta)
    meta = data_copy / "sources" / "soc-2020-04-04.yaml"
    meta.write_text(meta.read_text().replace('date: "2020-04-04"', f'date: "{tomorrow}"'))
    out = tmp_path / "b"
    with monkeypatch.context() as clock:
        clock.setattr(records, "dt", ahead)
        clock.setattr(fragments, "dt", ahead)
        clock.setattr(cache, "dt", ahead)
        build(data_copy, out)  # accepted: for this clock the date is today
    with pytest.raises(DataError, match=r"soc-2020-04-04\.yaml:\d+: field 'date': .* is in the "
                                        "future"):
        build(data_copy, out)


def test_a_source_id_may_not_end_in_author(data_copy, tmp_path):
    """src:X-author is the node of X's unidentified author: no source may take that IRI."""
    for suffix in (".yaml", ".txt"):
        old = data_copy / "sources" / f"wh-2024-04-04{suffix}"
        data = old.read_bytes().replace(b"id: src:wh-2024-04-04", b"id: src:wh-2024-04-04-author")
        (data_copy / "sources" / f"wh-2024-04-04-author{suffix}").write_bytes(data)
    with pytest.raises(DataError, match="an id ending in '-author' is reserved"):
        build(data_copy, tmp_path / "b")


def test_workers_that_cannot_start_leave_the_build_to_this_process(data_copy, tmp_path,
                                                                   monkeypatch):
    """A fork refused (EAGAIN: a process limit) happens at the first submit, after the pool
    was made: the build goes on in this process and writes the same bytes."""
    from concurrent.futures import ProcessPoolExecutor

    def refused(self, *args, **kwargs):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(ProcessPoolExecutor, "submit", refused)
    build(data_copy, tmp_path / "parallel", workers=2)
    assert _outputs(tmp_path / "parallel") == _from_scratch(data_copy, tmp_path)


def test_a_worker_killed_mid_build_leaves_its_sources_to_this_process(data_copy, tmp_path,
                                                                      monkeypatch):
    """A worker killed (out of memory) breaks the pool: what it had not made is made here."""
    from cwkg.build import pipeline as dataset
    monkeypatch.setattr(dataset, "_make_in_worker", _killed_worker)
    build(data_copy, tmp_path / "parallel", workers=2)
    assert _outputs(tmp_path / "parallel") == _from_scratch(data_copy, tmp_path)


def _killed_worker(sources):
    import os
    os._exit(9)  # as SIGKILL would: no exception, no result


def test_a_source_edited_while_its_fragment_is_made_is_not_cached(data_copy, tmp_path,
                                                                  monkeypatch):
    """A fragment is keyed by the bytes it was made from: an edit saved between the build's
    look-up and the making must not be cached under the old content's key (an undo would
    then bring the edit back)."""
    from cwkg.build import pipeline as dataset
    meta = data_copy / "sources" / "soc-2020-04-04.yaml"
    original = meta.read_text()
    real_make = dataset.make_source_fragment

    def edited_meanwhile(path, claims_path, context):
        if path.name == meta.name:
            meta.write_text(original.replace("note: ", "note: Edited. ", 1))
        return real_make(path, claims_path, context)

    monkeypatch.setattr(dataset, "make_source_fragment", edited_meanwhile)
    out = tmp_path / "b"
    build(data_copy, out, workers=1)
    monkeypatch.undo()
    meta.write_text(original)  # the editor's undo
    build(data_copy, out)
    assert _outputs(out) == _from_scratch(data_copy, tmp_path)


def test_an_entity_file_saved_during_a_build_is_not_keyed_as_checked(data_copy, tmp_path,
                                                                     monkeypatch):
    """The key's digest of the entity files hashes the bytes the build checked the sources
    against: an entity file saved meanwhile makes every source be made (and checked) again
    next time, instead of reusing fragments checked against the old entities."""
    from cwkg.load import data as loader
    agents = data_copy / "entities" / "agents.yaml"
    original = agents.read_text()
    block = original[original.index("- id: org:social-media-users"):]
    block = block[:block.index("\n\n") + 2] if "\n\n" in block else block
    real_read = loader.read_entity_files

    def read_then_curator_saves(data_dir):
        files = real_read(data_dir)                      # the build has read the files...
        agents.write_text(original.replace(block, ""))   # ...and the curator saves an edit
        return files

    monkeypatch.setattr(loader, "read_entity_files", read_then_curator_saves)
    out = tmp_path / "b"
    build(data_copy, out)  # consistent with the entities it read
    monkeypatch.undo()
    with pytest.raises(DataError, match="social-media-users"):
        build(data_copy, out)  # as a build from scratch: the id is gone


def test_a_text_missing_when_read_is_missing_for_the_whole_build(data_copy, tmp_path,
                                                                 monkeypatch):
    """A fragment is judged on the bytes its key hashes: a text absent when the source's
    files were read is reported missing, even if it appears before the source is parsed."""
    from cwkg.load import data as loader
    text = data_copy / "sources" / "soc-2020-04-04.txt"
    saved = text.read_bytes()
    text.unlink()
    real = loader.load_source

    def text_appears(meta, *args, **kwargs):
        if meta.stem == text.stem:
            text.write_bytes(saved)
        return real(meta, *args, **kwargs)

    monkeypatch.setattr(loader, "load_source", text_appears)
    with pytest.raises(DataError, match="text of src:soc-2020-04-04 is missing"):
        build(data_copy, tmp_path / "b", workers=1)


@pytest.mark.parametrize("library", ["pyoxigraph", "yaml"])
def test_another_version_of_a_library_makes_every_source_again(data_copy, tmp_path,
                                                               monkeypatch, library):
    """A PyYAML or pyoxigraph upgrade may parse, check or serialize differently: no
    fragment made with the old version is reused."""
    import importlib

    from cwkg.build import cache
    out = tmp_path / "b"
    build(data_copy, out)
    monkeypatch.setattr(importlib.import_module(library), "__version__", "0.0.0-other")
    cache.code_digest.cache_clear()
    try:
        assert build(data_copy, out).reused == 0
    finally:
        monkeypatch.undo()
        cache.code_digest.cache_clear()
