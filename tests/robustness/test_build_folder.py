"""The build folder under stress: a killed build's leftovers, two builds at once, a cache
that cannot be written."""

import os
import signal
import subprocess
import sys
import time

import pytest

from cwkg.build.cache import cache_folder
from cwkg.build.write import build
from cwkg.errors import UsageError


def test_the_next_build_removes_what_a_killed_build_left(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    for leftover in (out / ".cwkg.nq.x1y2.tmp", cache_folder(out) / ".index.json.z9.tmp"):
        leftover.write_bytes(b"half a file")
    theirs = out / ".notes.txt.k3.tmp"  # not a temp file of cwkg's: left alone
    theirs.write_bytes(b"another tool's")
    build(data_copy, out)
    assert list(out.rglob("*.tmp")) == [theirs]


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(data_copy, tmp_path):
    out = tmp_path / "b"
    build(data_copy, out)
    holder = subprocess.Popen(  # another process holds the lock, as a running build does
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a+b'); "
         "fcntl.lockf(f.fileno(), fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
         str(out / ".lock")], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        with pytest.raises(UsageError, match="another cwkg build is writing to"):
            build(data_copy, out)
    finally:
        holder.kill()
        holder.wait()
    build(data_copy, out)  # the lock is released with its holder


def test_a_build_refused_the_lock_leaves_the_folder_it_did_not_lock(data_copy, tmp_path,
                                                                    monkeypatch):
    """Two first builds into one new folder: the other build creates and locks it just
    before this one does; this one is refused and must not remove the folder on its way
    out (the other build's lock and files are in it)."""
    out = tmp_path / "new"
    real_mkdir = type(out).mkdir
    holders = []

    def other_build_first(self, *args, **kwargs):
        if self == out and not out.exists():
            real_mkdir(out)
            (out / "theirs.txt").write_bytes(b"the other build's")
            holders.append(subprocess.Popen(
                [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a+b');"
                 " fcntl.lockf(f.fileno(), fcntl.LOCK_EX); print('held', flush=True); "
                 "time.sleep(60)", str(out / ".lock")], stdout=subprocess.PIPE))
            assert holders[0].stdout.readline() == b"held\n"
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(type(out), "mkdir", other_build_first)
    try:
        with pytest.raises(UsageError, match="another cwkg build is writing to"):
            build(data_copy, out)
        assert (out / "theirs.txt").read_bytes() == b"the other build's"
    finally:
        for holder in holders:
            holder.kill()
            holder.wait()


def test_a_cache_that_cannot_be_written_leaves_a_whole_build_and_a_warning(data_copy, tmp_path):
    out = tmp_path / "b"
    out.mkdir()
    cache_folder(out).write_bytes(b"a file where the cache folder should be")
    result = build(data_copy, out)
    assert result.warning and "the build cache is not kept" in result.warning
    assert (out / "cwkg.nq").stat().st_size > 0 and result.reused == 0


def test_sigkill_during_a_build_keeps_the_previous_build(data_copy, tmp_path):
    """A build of 600 copies of the seed sources takes seconds: kill it part-way, more than
    once, and the previous build must still be there, whole, each time."""
    out = tmp_path / "b"
    build(data_copy, out)
    previous = _finished(out)
    sources, claims = data_copy / "sources", data_copy / "claims"
    for i in range(200):
        for stem in ("soc-2020-04-04", "wh-2024-04-04", "news-2021-04-04"):
            new = f"{stem}-copy{i:03d}"
            for folder, suffix in ((sources, ".yaml"), (sources, ".txt"), (claims, ".yaml")):
                data = (folder / f"{stem}{suffix}").read_bytes()
                if suffix == ".yaml":
                    data = data.replace(f"src:{stem}".encode(), f"src:{new}".encode())
                (folder / f"{new}{suffix}").write_bytes(data)
    command = [sys.executable, "-m", "cwkg.cli", "--data", str(data_copy), "--out", str(out),
               "build"]
    landed = 0
    for delay in (1.0, 2.0, 3.0):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            landed += 1
        proc.wait()
        now = _finished(out)
        if now != previous:  # the build finished before the kill: it must be whole
            assert b"copy199" in now["cwkg.nq"] and now["cwkg.nq"].endswith(b" .\n")
            previous = now
    assert landed, "every build finished before its kill: the test proved nothing"
    # a worker told to go by the kernel may take a moment on a busy machine; one that
    # stays this long stays for good
    deadline = time.monotonic() + 10
    while _processes_naming(out) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_naming(out), "a killed build left worker processes behind"
    build(data_copy, out)  # and the next build clears what the killed ones left
    assert not list(out.rglob("*.tmp"))


def _processes_naming(out) -> list[str]:
    """Command lines of running processes that mention ``out`` (Linux /proc)."""
    found = []
    for cmdline in os.scandir("/proc"):
        try:
            with open(f"/proc/{cmdline.name}/cmdline", "rb") as handle:
                text = handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(out) in text:
            found.append(text)
    return found


def _finished(out):
    """The build's files, without the temp files a killed build leaves beside them."""
    return {p.name: p.read_bytes() for p in out.iterdir()
            if p.is_file() and not p.name.endswith(".tmp")}
