"""The README's commands work as written on a fresh clone: its files and links exist, every
cwkg command line parses, the query examples run, and the add-a-document transcript gives
the output it shows (``...`` stands for lines left out)."""

from __future__ import annotations

import doctest
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from cwkg.cli import cli

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text("utf-8")
BIN = Path(sys.executable).parent
# lines that need what a test cannot have: a package index, root, a server, hours
NOT_RUN = ("pip install", "-m venv", ".ci/install-", "cwkg serve", "cwkg web", "--endpoint", "cwkg push",
           "benchmarks.run", "benchmarks.generate", "benchmarks.stage", "benchmarks.validation",
           "/tmp/corpus")


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"^```{kind}\n(.*?)^```", README, re.S | re.M)


def _command_lines(block: str) -> list[str]:
    """The block's commands: comments dropped, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", block)
    return [re.sub(r"\s+#.*$", "", line).strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The repository's files as a clone has them (tracked and new, not ignored), with the
    test's environment as its .venv."""
    root = tmp_path_factory.mktemp("clone") / "cwkg"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    (root / ".venv").symlink_to(Path(sys.prefix))
    return root


def _bash(command: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("NO_COLOR", None)
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_links_and_files_the_readme_names_exist():
    links = re.findall(r"\]\(([^)#:]+)\)", README)
    assert links
    missing = [link for link in links if not (REPO / link).exists()]
    assert not missing
    for path in (".ci/install-servers", ".ci/install-java", "docs/examples/release.txt",
                 "queries/README.md", "docs/ci.md", "docs/python.md", "action.yml",
                 ".pre-commit-hooks.yaml"):
        assert (REPO / path).exists(), path


def _cwkg_invocations() -> list[list[str]]:
    found = []
    for block in _blocks("sh"):
        for line in _command_lines(block):
            for part in re.split(r"&&|\|", line):
                words = shlex.split(part.split(">")[0])
                while words and "=" in words[0] and not words[0].startswith("-"):
                    words.pop(0)  # VAR=value before the command
                if words and words[0] in ("cwkg", ".venv/bin/cwkg"):
                    found.append(words[1:])
    return found


def test_every_cwkg_command_line_of_the_readme_parses():
    invocations = _cwkg_invocations()
    assert len(invocations) >= 15
    for args in invocations:
        words = list(args)
        while words and words[0] in ("--data", "--out", "--debug"):  # the group's options
            del words[:1 if words[0] == "--debug" else 2]
        assert words and words[0] in cli.commands, f"cwkg {shlex.join(args)}: no such command"
        name, rest = words[0], words[1:]
        try:
            with cli.make_context("cwkg", list(args)) as ctx:
                cli.commands[name].make_context(name, rest, parent=ctx)
        except click.UsageError as exc:  # an option the command does not have
            raise AssertionError(f"cwkg {shlex.join(args)}: {exc}") from None


def test_readme_command_blocks_run_in_a_clone(clone):
    ran = 0
    for block in _blocks("sh"):
        for line in _command_lines(block):
            if any(mark in line for mark in NOT_RUN):
                # run what follows an install step (the install needs a package index)
                parts = [p.strip() for p in line.split("&&")]
                parts = [p for p in parts if not any(m in p for m in NOT_RUN)]
                if not parts or "pytest" in line:
                    continue
                line = " && ".join(parts)
            done = _bash(line, clone)
            assert done.returncode == 0, f"{line}\n{done.stderr}"
            ran += 1
    assert ran >= 9
    assert (clone / "demands.csv").read_text("utf-8").count("\n") > 1  # "> demands.csv" wrote rows


def test_add_a_document_transcript(clone, tmp_path):
    """The console session runs as shown: each command's output (stdout and stderr as a
    terminal interleaves them) matches, ``...`` standing for lines left out."""
    block = next(b for b in _blocks("console") if "cwkg --data data add" in b)
    steps = re.split(r"^\$ ", block, flags=re.M)[1:]
    demo = tmp_path / "cwkg-demo"
    cwd = clone
    checker = doctest.OutputChecker()
    for step in steps:
        command, _, expected = step.partition("\n")
        command = command.replace("/tmp/cwkg-demo", str(demo))
        if command.startswith("mkdir"):
            done = _bash(command.rsplit("&& cd", 1)[0], cwd)
            cwd = demo
        else:
            done = _bash(command, cwd)
        # a terminal shows stdout and stderr together: stderr first (it is unbuffered) or, as
        # when a pipe (| cut) prints last, after; ELLIPSIS: "..." for lines left out;
        # NORMALIZE_WHITESPACE: the README shows tabs (cwkg review's columns) as spaces
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        shown = [done.stderr + done.stdout, done.stdout + done.stderr]
        assert any(checker.check_output(expected, got, flags) for got in shown), \
            f"$ {command}\nREADME shows:\n{expected}\nit gives:\n{shown[0]}"
