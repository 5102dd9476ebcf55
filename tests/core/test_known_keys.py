"""A source's key known by its files' signatures (cwkg.build.known_keys): a validation or
build that finds the files as they were reads none of them, and every change to a file is
seen, so the findings stay exactly a whole run's."""

import json
import os
import re
import shutil
import time

import pytest
from benchmarks.generate import generate

from cwkg.build import known_keys, pipeline, signature_walk
from cwkg.build.known_keys import KEYS_FILE, KnownKeys
from cwkg.build.signature_walk import ABSENT, stat_text
from cwkg.build.write import build
from cwkg.errors import DataError
from cwkg.validate import batches as batched

SHAPE = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix cwkg: <https://w3id.org/cwkg/ontology#> .
<http://example.org/shapes#NoAbout> a sh:NodeShape ;
    sh:targetClass cwkg:Claim ;
    sh:property [ sh:path cwkg:about ; sh:maxCount 0 ] .
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("known")
    generate(40, root, seed=7)
    return root


@pytest.fixture()
def corpus(generated, tmp_path, monkeypatch):
    """A copy of the corpus, built and validated, its keys kept: the margin is set to
    nothing (the files were just written); an edit in a test waits a tick of the clock
    first (:func:`_later`), which the margin otherwise stands for."""
    shutil.copytree(generated, tmp_path / "c")
    monkeypatch.setattr(known_keys, "MARGIN_NS", 0)
    data, out = tmp_path / "c" / "data", tmp_path / "c" / "build"
    build(data, out)
    _validated(data, out)
    kept = json.loads((out / ".cache" / KEYS_FILE).read_bytes())["sources"]
    assert len(kept) == 40
    return data, out


@pytest.fixture(autouse=True)
def _no_walk_left():
    yield
    signature_walk.cancel()


def _later():
    time.sleep(0.05)  # past a coarse clock's tick: a change now has a later ctime


def _validated(data, out, **options) -> list[str]:
    return [f.line() for f in batched.validate_data(data, out, workers=1, **options)[0].findings]


def _whole_run(data, out, **options) -> list[str]:
    return [f.line() for f in batched.validate_data(data, out, workers=1, use_memo=False,
                                                    **options)[0].findings]


def _no_source_read(monkeypatch):
    def refused(*args):
        raise AssertionError("a source's files were read")
    monkeypatch.setattr(pipeline, "source_key", refused)


def test_files_as_they_were_are_not_read(corpus, monkeypatch):
    data, out = corpus
    whole = _whole_run(data, out)
    _no_source_read(monkeypatch)
    assert _validated(data, out) == whole
    assert build(data, out).reused == 40  # nothing changed: nor does the build read them


def _in_place(path, old: str, new: str) -> None:
    """``old`` becomes ``new`` (as long) in the file itself (same inode), its modification
    time set back: only its change time tells."""
    stat = path.stat()
    data = path.read_bytes()
    assert len(old) == len(new) and old.encode() in data
    with open(path, "r+b") as handle:
        handle.write(data.replace(old.encode(), new.encode(), 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns


def _by_rename(path, old: str, new: str) -> None:
    """The same, as an editor saves: a new file renamed over the old one."""
    stat = path.stat()
    temp = path.with_name(path.name + ".tmp")
    temp.write_bytes(path.read_bytes().replace(old.encode(), new.encode(), 1))
    os.utime(temp, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(temp, path)


def _date(data) -> str:
    return re.search(r'date: "[0-9-]+"', (data / "sources" / "synthetic-00003.yaml")
                     .read_text()).group(0)


def _move_about(data):
    path = data / "claims" / "synthetic-00005.yaml"
    path.write_text(re.sub(r"about: attack:synthetic-attack-\d{4}",
                           "about: attack:synthetic-attack-0000", path.read_text()))


def _delete(data):
    for path in (data / "sources" / "synthetic-00007.yaml",
                 data / "sources" / "synthetic-00007.txt",
                 data / "claims" / "synthetic-00007.yaml"):
        path.unlink()


def _entity_date(data):
    attacks = data / "entities" / "attacks.yaml"
    attacks.write_text(re.sub(r'date: "\d{4}-\d\d-\d\d"', 'date: "2013-05-05"',
                              attacks.read_text(), count=1))


EDITS = {  # the edit, and the sources whose key it changes (None: every source's)
    # a source dated before its attacks, the file as long and as old as it was
    "in place, same size and time": (lambda data: _in_place(
        data / "sources" / "synthetic-00003.yaml", _date(data), 'date: "2000-01-01"'),
        {"synthetic-00003"}),
    "renamed over, same size and time": (lambda data: _by_rename(
        data / "sources" / "synthetic-00003.yaml", _date(data), 'date: "2000-01-01"'),
        {"synthetic-00003"}),
    "claims moved to another attack": (_move_about, {"synthetic-00005"}),
    "a source deleted": (_delete, {"synthetic-00007"}),
    "its claims file deleted": (
        lambda data: (data / "claims" / "synthetic-00009.yaml").unlink(), {"synthetic-00009"}),
    "an entity every source may use": (_entity_date, None),
}


def _reading(monkeypatch) -> list[str]:
    """The sources whose keys validation does not know by their files' signatures from
    now on (it reads their files), by name."""
    read = []
    real = KnownKeys.key

    def key(self, meta, claims_path):
        found = real(self, meta, claims_path)
        if found[0] is None:
            read.append(os.path.splitext(os.path.basename(meta))[0])
        return found

    monkeypatch.setattr(KnownKeys, "key", key)
    return read


@pytest.mark.parametrize("signatures", ["os.stat", "find"])
@pytest.mark.parametrize("edit", EDITS)
def test_every_change_is_seen(corpus, monkeypatch, edit, signatures):
    """Whether the signatures come from os.stat here or from find(1) begun as the command
    starts (cwkg validate and cwkg build begin it: cwkg.cli.early)."""
    data, out = corpus
    before = _validated(data, out)
    _later()
    change, changed = EDITS[edit]
    change(data)
    read = _reading(monkeypatch)
    if signatures == "find":
        signature_walk.begin(data)
    after = _validated(data, out)
    assert signature_walk._begun is None  # taken (or, with no key to look up, left)
    if changed is None:  # every key hashes the entity files
        assert len(set(read)) == 40
    else:
        assert set(read) == changed - {"synthetic-00007"}  # a deleted source is not read
    assert after == _whole_run(data, out)
    if edit.endswith("same size and time"):
        assert after != before  # the source now predates its attacks
    assert _validated(data, out) == after  # again, with what this run kept


def test_the_keys_file_is_written_once_enough_entries_differ(corpus, monkeypatch):
    """A few stale entries are read again rather than the file rewritten after each
    edit; past REWRITE_FROM the file is written, and nothing stale is read again."""
    data, out = corpus
    monkeypatch.setattr(known_keys, "REWRITE_FROM", 3)
    _later()
    for number in (3, 5):
        (data / "claims" / f"synthetic-{number:05d}.yaml").write_text(
            (data / "claims" / f"synthetic-{number:05d}.yaml").read_text() + "# edited\n")
    read = _reading(monkeypatch)
    _validated(data, out)
    _validated(data, out)
    assert sorted(read) == sorted(["synthetic-00003", "synthetic-00005"] * 2)  # read again
    (data / "claims" / "synthetic-00009.yaml").write_text(
        (data / "claims" / "synthetic-00009.yaml").read_text() + "# edited\n")
    read.clear()
    _validated(data, out)
    assert sorted(read) == ["synthetic-00003", "synthetic-00005", "synthetic-00009"]
    read.clear()
    assert _validated(data, out) == _whole_run(data, out) and read == []


def test_a_text_edited_in_place_is_read_again(corpus):
    """A text whose bytes no longer match its metadata's hash is refused, however its
    file was changed."""
    data, out = corpus
    text = data / "sources" / "synthetic-00011.txt"
    _later()
    _in_place(text, "Synthetic", "Synthetiq")
    with pytest.raises(DataError, match="sha256|hash"):
        _validated(data, out)
    with pytest.raises(DataError, match="sha256|hash"):
        build(data, out)


def test_other_shapes_validate_every_source_again(corpus, tmp_path):
    data, out = corpus
    shapes = tmp_path / "extra.ttl"
    shapes.write_text(SHAPE)
    from cwkg.resources import shapes_path
    found = _validated(data, out, shapes=[shapes_path(), shapes])
    assert found == _whole_run(data, out, shapes=[shapes_path(), shapes])
    assert any("cwkg:about: constraint not met: sh:MaxCount" in line for line in found)
    shapes.write_text(SHAPE.replace("sh:maxCount 0", "sh:maxCount 9"))
    assert _validated(data, out, shapes=[shapes_path(), shapes]) == \
        _whole_run(data, out, shapes=[shapes_path(), shapes]) == _whole_run(data, out)


def test_a_file_changed_within_the_margin_is_not_kept(tmp_path):
    """A signature is kept only when the file last changed well before the command
    began: a later change within the same tick of the clock would not change it."""
    meta, claims = tmp_path / "s.yaml", tmp_path / "claims.yaml"
    meta.write_text("id: s")
    meta.with_suffix(".txt").write_text("text")
    just_now = KnownKeys(tmp_path, "base", began=time.time())
    just_now.note(meta, claims, "key-1")
    just_now.save()
    assert KnownKeys(tmp_path, "base").key(meta, claims)[0] is None
    later = KnownKeys(tmp_path, "base", began=time.time() + known_keys.MARGIN_NS / 1e9 + 1)
    later.note(meta, claims, "key-1")
    later.save()
    assert KnownKeys(tmp_path, "base").key(meta, claims)[0] == "key-1"


def test_a_source_whose_text_is_kept_outside_is_not_kept(tmp_path):
    """A texts folder can gain such a source's text while none of its files changes."""
    meta = tmp_path / "s.yaml"
    meta.write_text("id: s")
    known = KnownKeys(tmp_path, "base", began=time.time() + 10)
    known.note(meta, tmp_path / "claims.yaml", "key-1")
    known.save()
    assert KnownKeys(tmp_path, "base").key(meta, tmp_path / "claims.yaml")[0] is None


def test_find_lists_the_signatures_os_stat_gives(corpus, tmp_path):
    """find's listing speaks for the regular files of the folders it walked (an absent
    file included), and leaves a symbolic link, which find does not follow here, and any
    other folder to os.stat."""
    data, _ = corpus
    linked = data / "sources" / "synthetic-00013.txt"
    target = tmp_path / "elsewhere.txt"
    target.write_bytes(linked.read_bytes())
    linked.unlink()
    linked.symlink_to(target)
    walk = signature_walk.SignatureWalk.start(data)
    listing = walk.listing()
    files = [p for folder in ("sources", "claims") for p in (data / folder).iterdir()]
    assert len(files) == 120
    for path in files:
        expected = None if path == linked else stat_text(os.stat(path))
        assert listing.signature(str(path)) == expected, path
    assert listing.signature(str(data / "sources" / "no-such.yaml")) == ABSENT
    assert listing.signature(str(tmp_path / "elsewhere.txt")) is None
    assert known_keys._signatures(str(linked.with_suffix(".yaml")),
                                  data / "claims" / "synthetic-00013.yaml", listing) == \
        known_keys._signatures(str(linked.with_suffix(".yaml")),
                               data / "claims" / "synthetic-00013.yaml")


def test_a_walk_of_another_folder_is_not_used(corpus, tmp_path, monkeypatch):
    data, out = corpus
    other = tmp_path / "other"
    shutil.copytree(data, other)
    _later()
    path = data / "sources" / "synthetic-00003.yaml"
    _in_place(path, _date(data), 'date: "2000-01-01"')
    signature_walk.begin(other)  # its signatures are the edit's old ones
    pid = signature_walk._begun._finder.pid
    assert _validated(data, out) == _whole_run(data, out)
    assert signature_walk._begun is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped: no zombie left


def test_cwkg_validate_begins_the_walk_and_sees_an_edit(corpus, monkeypatch, capsys):
    """Through the command line, as a user runs it: the walk begun before click is
    imported, taken by the validation, and nothing left running."""
    from cwkg.cli import main
    data, out = corpus
    _later()
    _in_place(data / "sources" / "synthetic-00003.yaml", _date(data), 'date: "2000-01-01"')
    taken = []
    real = signature_walk.take
    monkeypatch.setattr(signature_walk, "take",
                        lambda folder: taken.append(real(folder)) or taken[-1])
    capsys.readouterr()
    code = main(["--data", str(data), "--out", str(out), "validate"])
    shown = capsys.readouterr().out
    assert code == 1 and "synthetic-00003" in shown
    assert len(taken) == 1 and taken[0] is not None  # the listing, not os.stat, was read
    assert signature_walk._begun is None


def test_a_source_folder_that_is_a_link_is_listed(corpus, tmp_path):
    data, _ = corpus
    moved = tmp_path / "claims-elsewhere"
    (data / "claims").rename(moved)
    (data / "claims").symlink_to(moved)
    listing = signature_walk.SignatureWalk.start(data).listing()
    path = data / "claims" / "synthetic-00001.yaml"
    assert listing.signature(str(path)) == stat_text(os.stat(path))
