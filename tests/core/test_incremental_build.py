"""The incremental build: unchanged sources come from the fragment cache, and the result is
byte for byte what a build from scratch writes."""

import pytest

from cwkg.build import build
from cwkg.errors import DataError
from cwkg.fragments import cache_folder

SOURCES = 3


def _outputs(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


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


def test_editing_one_source_remakes_that_one_only(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    meta = data_copy / "sources" / "soc-2020-04-04.yaml"
    meta.write_text(meta.read_text().replace("note: ", "note: Re-read. ", 1))
    result = build(data_copy, out)
    assert result.reused == SOURCES - 1
    assert b"Re-read. " in (out / "cwkg.nq").read_bytes()
    assert _outputs(out) == _from_scratch(data_copy, tmp_path)
    assert len(list(cache_folder(out).glob("*.frag"))) == SOURCES  # the stale entry is gone


def test_editing_an_entity_file_remakes_every_source(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    entities = sorted((data_copy / "entities").glob("*.yaml"))[0]
    entities.write_text(entities.read_text() + "\n# a comment changes the file's hash\n")
    assert build(data_copy, out).reused == 0


def test_a_damaged_cache_entry_is_made_again(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    first = _outputs(out)
    entry = sorted(cache_folder(out).glob("*.frag"))[0]
    entry.write_bytes(entry.read_bytes()[:-10])
    assert build(data_copy, out).reused == SOURCES - 1
    assert _outputs(out) == first


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


def test_a_cache_entry_with_a_flipped_byte_is_made_again(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    first = _outputs(out)
    entry = sorted(cache_folder(out).glob("*.frag"))[0]
    data = bytearray(entry.read_bytes())
    data[-100] ^= 0x20  # same length, one character changed (what a torn write can leave)
    entry.write_bytes(bytes(data))
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
