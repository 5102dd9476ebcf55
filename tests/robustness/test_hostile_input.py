"""Hostile or broken input: huge files, deep nesting, remote contexts, a full disk, a kill -9
in the middle of a write. Each gets a clear error (exit 2) and loses nothing."""

import errno
import os
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest

from cwkg import fsio
from cwkg.cli import main
from cwkg.errors import CwkgError, DataError
from cwkg.load import yamlio
from cwkg.rdf.parse import MAX_JSON_DEPTH, parse_bytes, parse_file


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_50_mb_yaml_file_is_refused_before_it_is_read(data_copy, tmp_path, capsys):
    big = data_copy / "entities" / "huge.yaml"
    with big.open("w") as handle:
        line = "- {id: place:x, type: place, label: {en: x}}  # " + "x" * 200 + "\n"
        while handle.tell() < 50 * 2**20:
            handle.write(line)
    started = time.monotonic()
    code, _, err = run(capsys, "--data", str(data_copy), "--out", str(tmp_path / "b"), "build")
    assert code == 2
    assert "huge.yaml: file is 50 MiB; a YAML data file may be at most 8 MiB" in err
    assert time.monotonic() - started < 10  # refused up front, not after parsing 50 MB
    assert not (tmp_path / "b").exists()


def test_deeply_nested_yaml_is_a_data_error(data_copy, capsys):
    (data_copy / "entities" / "deep.yaml").write_text("a: " + "[" * 10000 + "]" * 10000)
    code, _, err = run(capsys, "--data", str(data_copy), "validate")
    assert code == 2 and "deep.yaml" in err and "Traceback" not in err


def test_10000_deep_jsonld_is_refused_instead_of_crashing_the_process(tmp_path):
    # pyoxigraph itself segfaults on this: run the CLI in a subprocess to prove cwkg does not
    depth = 10000
    doc = ('{"@id":"http://e/a","http://e/p":' + '{"http://e/p":' * depth + '"x"'
           + "}" * depth + "}")
    path = tmp_path / "deep.jsonld"
    path.write_text(doc)
    proc = subprocess.run([sys.executable, "-m", "cwkg.cli", "validate", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert f"deep.jsonld:1: JSON nested more than {MAX_JSON_DEPTH} levels deep" in proc.stderr


def test_json_depth_guard_ignores_brackets_inside_strings():
    doc = '{"@id":"http://e/a","http://e/p":"' + "{[" * 5000 + '"}'
    quads = parse_bytes(doc.encode(), ox.RdfFormat.JSON_LD, "x.jsonld")
    assert len(quads) == 1


def test_10000_deep_turtle_parses(tmp_path):
    depth = 10000
    path = tmp_path / "deep.ttl"
    path.write_text("@prefix e: <http://e/> .\ne:a e:p " + "[ e:p " * depth + "e:b"
                    + " ]" * depth + " .\n")
    assert len(parse_file(path)) == depth + 1


@pytest.mark.parametrize("context", ["http://192.0.2.1/context.jsonld", "file:///etc/passwd",
                                     "context.jsonld"])
def test_jsonld_contexts_are_never_loaded(tmp_path, context):
    (tmp_path / "context.jsonld").write_text('{"@context": {"name": "http://e/name"}}')
    path = tmp_path / "user.jsonld"
    path.write_text('{"@context": "%s", "@id": "http://e/a", "name": "x"}' % context)
    with pytest.raises(DataError, match="@context must be given inline"):
        parse_file(path)


def test_unknown_prefix_names_line_and_column(tmp_path):
    path = tmp_path / "x.ttl"
    path.write_text("@prefix e: <http://e/> .\ne:a e:b e:c .\nf:a e:b e:c .\n")
    with pytest.raises(DataError) as caught:
        parse_file(path)
    assert (caught.value.line, caught.value.column) == (3, 1)
    assert "The prefix f: has not been declared" in str(caught.value)


def test_disk_full_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "cwkg.trig"
    target.write_bytes(b"old")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd, mode):
            self.handle = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def __getattr__(self, name):  # flush, fileno, close: the real file's
            return getattr(self.handle, name)

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsio.os, "fdopen", FullDisk)
    with pytest.raises(CwkgError, match="No space left on device; the previous file is unchanged"):
        fsio.write_atomic(target, b"new content")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["cwkg.trig"]


@pytest.fixture(scope="module")
def big_build(tmp_path_factory, built):
    folder = tmp_path_factory.mktemp("bigbuild")
    _, graph = built
    quads = []
    for i in range(150):
        for q in graph.quads:
            quads.append(ox.Quad(q.subject, q.predicate, q.object,
                                 ox.NamedNode(f"{q.graph_name.value}-copy{i}")))
    from cwkg.rdf.serialize import serialize
    data = folder / "data"  # made before the build, as data/ is (a later one is a change)
    data.mkdir()
    # a finished build holds every format; export copies the one asked for
    (folder / "cwkg.nq").write_bytes(serialize(quads, "nquads"))
    (folder / "cwkg.trig").write_bytes(serialize(quads, "trig"))
    return folder, data


def test_kill_9_during_export_leaves_the_old_file_or_the_new_one(big_build, tmp_path):
    build_dir, data_dir = big_build
    target = tmp_path / "export.trig"
    target.write_bytes(b"# the previous export\n")
    old = target.read_bytes()
    command = [sys.executable, "-m", "cwkg.cli", "--data", str(data_dir), "--out",
               str(build_dir), "export", "--format", "trig", "-o", str(target)]
    finished = subprocess.run(command, capture_output=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    new = target.read_bytes()
    assert len(new) > 10 * 2**20
    outcomes = set()
    for delay in (0.01, 0.03, 0.06, 0.1, 0.2, 0.5, 0.8, 1.1, 1.4, 2.0):
        target.write_bytes(old)
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        content = target.read_bytes()
        assert content in (old, new), f"torn file after kill at {delay}s ({len(content)} bytes)"
        outcomes.add("old" if content == old else "new")
    assert "old" in outcomes, "no kill landed before the rename: the test proved nothing"


def test_written_files_get_normal_permissions(tmp_path):
    fresh = tmp_path / "fresh.ttl"
    fsio.write_atomic(fresh, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    kept = tmp_path / "kept.ttl"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    fsio.write_atomic(kept, b"new")
    assert kept.stat().st_mode & 0o777 == 0o640


def test_yaml_aliases_of_aliases_are_built_once():
    """A "billion laughs" file: nine levels of nine aliases each. Built naively it is 9^9
    strings; each aliased collection must be built once and shared."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    loaded = yamlio.loads("\n".join(lines) + "\n", "laughs.yaml")
    assert loaded["a9"][0] is loaded["a8"] and loaded["a1"][8][0] == "lol"


def test_a_yaml_alias_inside_itself_is_a_data_error():
    with pytest.raises(DataError, match="alias refers to a collection that contains it") as e:
        yamlio.loads("a: 1\nb: &loop\n  c: *loop\n", "loop.yaml")
    assert (e.value.file, e.value.line) == ("loop.yaml", 2)  # where the anchor is


def test_yaml_merge_keys_still_merge_with_lines():
    loaded = yamlio.loads("base: &base {kind: demand}\nclaim:\n  <<: *base\n  id: c2\n",
                          "merge.yaml")
    assert dict(loaded["claim"]) == {"kind": "demand", "id": "c2"}
    assert loaded["claim"].line == 3


def test_yaml_merges_of_merges_are_refused_at_once():
    """Merge keys of merge keys: PyYAML copied every merged pair into each mapping (eight
    levels of eight merges: 16 million pairs). Merging from the mappings as built once,
    the repeated key is found at the first level."""
    lines = ["a0: &a0 {k0: 1, k1: 2}"]
    for level in range(1, 12):
        lines.append(f"a{level}: &a{level} {{<<: [" + ", ".join([f"*a{level - 1}"] * 8) + "]}")
    started = time.monotonic()
    with pytest.raises(DataError, match="duplicate key 'k0'"):
        yamlio.loads("\n".join(lines) + "\n", "bomb.yaml")
    assert time.monotonic() - started < 5


def test_collections_inside_a_tagged_collection_keep_the_duplicate_key_check():
    with pytest.raises(DataError, match="duplicate key 'k'"):
        yamlio.loads("a: !!omap [{x: {k: 1, k: 2}}]\n", "omap.yaml")
