"""Commands that read the build refuse one older than data/: by find(1) where data/ is
large (a walk in C), by a walk in Python otherwise; both see the same."""

import os

import pytest

from cwkg.build import read
from cwkg.build.write import build
from cwkg.errors import UsageError


@pytest.mark.parametrize("find_from", [0, 10**9], ids=["find", "python"])
def test_a_file_changed_after_the_build_is_found(data_copy, tmp_path, monkeypatch, find_from):
    monkeypatch.setattr(read, "FIND_FROM", find_from)
    out = tmp_path / "b"
    build(data_copy, out)
    read.check_fresh(data_copy, out)  # nothing newer
    later = (out / "cwkg.nq").stat().st_mtime + 5
    for name in ("entities/attacks.yaml", "claims/soc-2020-04-04.yaml"):
        os.utime(data_copy / name, (later, later))
        with pytest.raises(UsageError, match=f"older than .*{name}; run 'cwkg build' again"):
            read.check_fresh(data_copy, out)
        os.utime(data_copy / name, (later - 60, later - 60))


def test_without_find_the_walk_is_done_here(data_copy, tmp_path, monkeypatch):
    import shutil
    monkeypatch.setattr(read, "FIND_FROM", 0)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    out = tmp_path / "b"
    build(data_copy, out)
    assert read._newer_by_find(data_copy, out / "cwkg.nq") is False
    later = (out / "cwkg.nq").stat().st_mtime + 5
    os.utime(data_copy / "sources" / "soc-2020-04-04.txt", (later, later))
    with pytest.raises(UsageError, match="soc-2020-04-04.txt"):
        read.check_fresh(data_copy, out)
