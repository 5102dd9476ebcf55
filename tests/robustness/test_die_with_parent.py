"""A worker forked just before its parent was killed never hears of the death from the
kernel (the request came too late): it must notice and leave, or it lingers for good."""

from __future__ import annotations

import os
import sys

import pytest

from cwkg.procs import die_with_parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="PR_SET_PDEATHSIG is Linux's")


def _exit_status_of_child(parent: int) -> int:
    pid = os.fork()
    if pid == 0:  # the child: leaves with 1 if it thinks its parent is gone, else 0
        try:
            die_with_parent(parent)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_a_child_whose_parent_is_already_gone_leaves():
    assert _exit_status_of_child(parent=os.getpid() + 1_000_000) == 1


def test_a_child_whose_parent_lives_stays():
    assert _exit_status_of_child(parent=os.getpid()) == 0
