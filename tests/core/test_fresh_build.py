"""Commands that read the build refuse one older than data/: by find(1) in the background
where data/ is large, by a walk in this process otherwise; both see the same."""

import os
import re

import pytest

from cwkg.build import file_clock, fresh, write
from cwkg.build.write import build
from cwkg.cli import main
from cwkg.errors import UsageError


def cli(*args) -> int:
    return main([str(arg) for arg in args])


@pytest.mark.parametrize("find_from", [0, 10**9], ids=["find", "python"])
def test_a_file_changed_after_the_build_is_found(data_copy, tmp_path, monkeypatch, find_from):
    monkeypatch.setattr(fresh, "FIND_FROM", find_from)
    out = tmp_path / "b"
    # each folder, and the one find(1) walks apart from the rest (fresh.LARGEST); a file
    # given a later time, or an earlier one (as cp -p, rsync -t or tar x give a file they
    # copy over it: its change time is still now)
    for name in ("entities/attacks.yaml", "claims/soc-2020-04-04.yaml",
                 f"{fresh.LARGEST}/soc-2020-04-04.txt"):
        for shift in (5, -3600):
            build(data_copy, out)
            fresh.check_fresh(data_copy, out)  # nothing newer
            moved = (out / "cwkg.nq").stat().st_mtime + shift
            os.utime(data_copy / name, (moved, moved))
            with pytest.raises(UsageError,
                               match=f"older than .*{name}; run 'cwkg build' again"):
                fresh.check_fresh(data_copy, out)
    build(data_copy, out)
    (data_copy / "claims" / "new.yaml").write_text("claims: []\n", "utf-8")  # a file added
    with pytest.raises(UsageError, match="older than .*new.yaml"):
        fresh.check_fresh(data_copy, out)
    (data_copy / "claims" / "new.yaml").unlink()
    build(data_copy, out)
    (data_copy / "notes.txt").write_text("a file at the top of data/\n", "utf-8")
    with pytest.raises(UsageError, match="older than .*notes.txt"):
        fresh.check_fresh(data_copy, out)


@pytest.mark.parametrize("find_from", [0, 10**9], ids=["find", "python"])
def test_a_file_removed_or_renamed_after_the_build_is_found(data_copy, tmp_path, monkeypatch,
                                                           find_from):
    """No file's own time shows a file that is gone: its folder's time does."""
    monkeypatch.setattr(fresh, "FIND_FROM", find_from)
    out = tmp_path / "b"
    build(data_copy, out)
    fresh.check_fresh(data_copy, out)
    claims = data_copy / "claims"
    removed = sorted(claims.glob("*.yaml"))[0]
    removed.unlink()
    with pytest.raises(UsageError, match=r"older than .*claims/ \(a file there was added, "
                                         r"removed or renamed since\); run 'cwkg build' again"):
        fresh.check_fresh(data_copy, out)
    build(data_copy, out)  # the build that reads data/ as it now is
    fresh.check_fresh(data_copy, out)
    kept = sorted(claims.glob("*.yaml"))[0]
    kept.rename(claims / f"renamed-{kept.name}")
    # the renamed file (a rename sets its change time, on Linux) or else its folder
    with pytest.raises(UsageError, match=r"older than .*claims/( \(|renamed-)"):
        fresh.check_fresh(data_copy, out)
    kept = claims / f"renamed-{kept.name}"
    kept.rename(claims / kept.name.removeprefix("renamed-"))
    build(data_copy, out)
    text = sorted((data_copy / fresh.LARGEST).glob("*.txt"))[0]   # in the folder walked apart
    text.rename(text.with_name(f"renamed-{text.name}"))
    with pytest.raises(UsageError, match=rf"older than .*{fresh.LARGEST}/( \(|renamed-)"):
        fresh.check_fresh(data_copy, out)


@pytest.mark.parametrize("find_from", [0, 10**9], ids=["find", "python"])
def test_a_change_as_the_build_begins_to_read_is_found(data_copy, tmp_path, monkeypatch,
                                                       find_from):
    """The file system stamps a change with its clock's last tick, up to a tick (1-10 ms)
    behind time.time(): a change made as the build begins to read data/ carried a time
    before the build's start as Python read it, and went unseen. The build notes its start
    by the file system's clock (cwkg.build.file_clock)."""
    monkeypatch.setattr(fresh, "FIND_FROM", find_from)
    out = tmp_path / "b"
    build(data_copy, out)
    plan = write.plan

    def changed_as_read_begins(*args, **kwargs):
        os.utime(data_copy / "claims" / "soc-2020-04-04.yaml")  # touched: stamped now
        return plan(*args, **kwargs)

    monkeypatch.setattr(write, "plan", changed_as_read_begins)
    for _ in range(3):
        build(data_copy, out)
        with pytest.raises(UsageError, match="older than .*soc-2020-04-04.yaml"):
            fresh.check_fresh(data_copy, out)


def test_the_file_clock_mark_parts_changes_before_from_changes_after(tmp_path):
    before = tmp_path / "before"
    before.touch()
    mark = file_clock.last_tick(tmp_path)
    after = tmp_path / "after"
    after.touch()
    assert before.stat().st_mtime_ns <= mark < after.stat().st_mtime_ns
    assert sorted(tmp_path.iterdir()) == [after, before]  # the probe file is gone


def test_a_probe_that_cannot_be_written_is_one_line_and_leaves_no_build(data_copy, tmp_path,
                                                                       monkeypatch, capsys):
    class Unwritable(type(tmp_path)):
        def touch(self, *args, **kwargs):
            if self.name.startswith(".clock."):
                raise OSError(28, "No space left on device")
            return super().touch(*args, **kwargs)

    monkeypatch.setattr(file_clock, "Path", Unwritable)
    out = tmp_path / "new-build"
    assert cli("--data", data_copy, "--out", out, "build") == 2
    err = capsys.readouterr().err
    assert f"cannot write in {out} (No space left on device)" in err
    assert "Traceback" not in err and "bug" not in err
    assert not out.exists()  # the folder this build made is gone with it


def test_the_build_leaves_no_folder_of_data_newer_than_itself(data_copy, tmp_path):
    """A build must not make its own data/ look changed (a folder time it touched would
    refuse every later command)."""
    out = tmp_path / "b"
    build(data_copy, out)
    built = (out / fresh.READ_AT_FILE).stat().st_mtime_ns
    # by the times the check compares: a change time (any change) against the build's
    # start as the file system's clock noted it
    newer = [path for path in [data_copy, *data_copy.rglob("*")]
             if max(path.stat().st_mtime_ns, path.stat().st_ctime_ns) > built]
    assert newer == []
    assert cli("--data", data_copy, "--out", out, "query", "demands") == 0


def test_without_find_the_walk_is_done_here(data_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(fresh, "FIND_FROM", 0)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    out = tmp_path / "b"
    build(data_copy, out)
    assert fresh._Finder.start(data_copy, out / "cwkg.nq") is None
    later = (out / "cwkg.nq").stat().st_mtime + 5
    os.utime(data_copy / "sources" / "soc-2020-04-04.txt", (later, later))
    with pytest.raises(UsageError, match="soc-2020-04-04.txt"):
        fresh.check_fresh(data_copy, out)


def test_a_find_that_fails_leaves_the_walk_to_this_process(data_copy, tmp_path, monkeypatch):
    """find(1) exits non-zero (here: it cannot read its reference): the answer comes from
    the walk here, not from find's silence."""
    out = tmp_path / "b"
    build(data_copy, out)
    later = (out / "cwkg.nq").stat().st_mtime + 5
    os.utime(data_copy / "claims" / "soc-2020-04-04.yaml", (later, later))
    finder = fresh._Finder.start(data_copy, tmp_path / "no-such-reference")
    assert finder is not None and finder.result() is False
    monkeypatch.setattr(fresh, "FIND_FROM", 0)
    said = fresh._Finder.result
    monkeypatch.setattr(fresh._Finder, "result", lambda self: (said(self), False)[1])
    with pytest.raises(UsageError, match="soc-2020-04-04.yaml"):
        fresh.check_fresh(data_copy, out)


def test_the_check_begun_answers_when_waited_for(data_copy, tmp_path, monkeypatch):
    """Started before the command needs it, the check says nothing until waited for (a
    missing build included), then answers as check_fresh; cancelled, it leaves no child."""
    monkeypatch.setattr(fresh, "FIND_FROM", 0)
    out = tmp_path / "b"
    missing = fresh.start_fresh_check(data_copy, out)  # no build yet: said at wait
    with pytest.raises(UsageError, match="no build found at .*cwkg.nq; run 'cwkg build'"):
        missing.wait()
    build(data_copy, out)
    fresh.start_fresh_check(data_copy, out).wait()
    later = (out / "cwkg.nq").stat().st_mtime + 5
    os.utime(data_copy / "entities" / "attacks.yaml", (later, later))
    check = fresh.start_fresh_check(data_copy, out)
    for _ in range(2):  # the same answer each time it is asked
        with pytest.raises(UsageError, match="older than .*attacks.yaml"):
            check.wait()
    cancelled = fresh.start_fresh_check(data_copy, out)
    pids = cancelled._finder.pids
    assert len(pids) == 2                # the largest folder walked apart
    cancelled.cancel()
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left


@pytest.mark.parametrize("find_from", [0, 10**9], ids=["find", "python"])
def test_cwkg_query_says_a_stale_build_before_later_errors(data_copy, tmp_path, monkeypatch,
                                                            capsys, find_from):
    """The walk runs while cwkg query starts; its verdict still comes where the check
    stood: after the query's own usage errors, before the errors of binding and running."""
    monkeypatch.setattr(fresh, "FIND_FROM", find_from)
    out = tmp_path / "b"
    build(data_copy, out)
    query = ("--data", data_copy, "--out", out, "query")
    assert cli(*query, "unverified-claims", "--format", "tsv") == 0
    later = (out / "cwkg.nq").stat().st_mtime + 5
    os.utime(data_copy / "claims" / "soc-2020-04-04.yaml", (later, later))
    capsys.readouterr()
    stale = "older than .*soc-2020-04-04.yaml"
    for args, first in [(("no-such-question",), "no stored query 'no-such-question'"),
                        (("unverified-claims",), stale),
                        (("about-entity", "-p", "entity=Nobody At All"), stale),
                        (("about-entity", "-p", "nothing=1"), stale)]:
        assert cli(*query, *args) == 2
        error = capsys.readouterr().err
        assert error.count("cwkg: error:") == 1
        assert re.search(first, error), error
    build(data_copy, out)  # fresh again (setting the time back is a change too)
    assert cli(*query, "about-entity", "-p", "entity=Nobody At All") == 2
    assert "no entity is named 'Nobody At All'" in capsys.readouterr().err


def test_a_store_to_remake_waits_for_the_verdict(data_copy, tmp_path, capsys):
    """A store that must be made again is not made for a stale build: the stale build is
    said, and the store is left as it was."""
    import shutil
    out = tmp_path / "b"
    build(data_copy, out)
    shutil.rmtree(out / ".stores")
    later = (out / "cwkg.nq").stat().st_mtime + 5
    os.utime(data_copy / "claims" / "soc-2020-04-04.yaml", (later, later))
    assert cli("--data", data_copy, "--out", out, "query", "unverified-claims") == 2
    error = capsys.readouterr().err
    assert "older than" in error and "made the store" not in error
    assert not (out / ".stores").exists()


def test_the_check_begun_before_click_is_taken_only_for_the_same_folders(data_copy, tmp_path,
                                                                           monkeypatch):
    """cwkg.cli begins the check from a glance at the command line; the query command takes
    it only if click read the same folders, and a check it does not take is stopped."""
    from cwkg.cli import early
    monkeypatch.setattr(fresh, "FIND_FROM", 0)
    out = tmp_path / "b"
    build(data_copy, out)
    args = ["--data", str(data_copy), f"--out={out}", "-q", "query", "voices"]
    begun = early.begin_fresh_check(args)
    assert begun is not None and begun._finder is not None
    assert early.adopt(begun, data_copy, out, None) is begun
    for other in [(tmp_path, out, None), (data_copy, tmp_path, None),
                  (data_copy, out, (tmp_path,))]:
        assert early.adopt(begun, *other) is None
    begun.cancel()
    assert early.begin_fresh_check(["--data", str(data_copy), "build"]) is None
    assert early.begin_fresh_check(args + ["--endpoint", "http://127.0.0.1:1/q"]) is None
