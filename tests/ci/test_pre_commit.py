"""The ``cwkg-validate`` hook of ``.pre-commit-hooks.yaml``, run by the real pre-commit tool
(``pre-commit try-repo``, which reads this repository as the hook source) on a temporary git
repository holding a copy of data/. The hook is ``language: system``: pre-commit installs
nothing, so the run is offline (pip is told it has no index, and would fail if asked)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BIN = Path(sys.executable).parent


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture()
def user_repo(tmp_path: Path, repo: Path) -> Path:
    """A user's repository: data/ only, committed."""
    root = tmp_path / "claims-repo"
    shutil.copytree(repo / "data", root / "data")
    (root / "README.md").write_text("our claims\n", "utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "data")
    return root


def _try_repo(user_repo: Path, repo: Path, tmp_path: Path, *args: str):
    assert (BIN / "cwkg").is_file(), "the hook runs the cwkg on PATH: install cwkg first"
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PIP_NO_INDEX": "1",
           "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([str(BIN / "pre-commit"), "try-repo", str(repo), "cwkg-validate",
                           "--verbose", *args], cwd=user_repo, env=env, capture_output=True,
                          text=True, timeout=300)


def test_manifest_offers_the_hooks(repo):
    hooks = {h["id"]: h for h in yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"cwkg-validate", "cwkg-validate-isolated"}
    for hook in hooks.values():
        assert hook["entry"] == "cwkg validate" and hook["pass_filenames"] is False
        assert hook["files"] == "^(data|ontology|queries)/"
    assert hooks["cwkg-validate"]["language"] == "system"
    assert hooks["cwkg-validate-isolated"]["language"] == "python"


def test_hook_passes_on_good_data_and_shows_the_warning(user_repo, repo, tmp_path, news_lines):
    run = _try_repo(user_repo, repo, tmp_path, "--all-files")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "cwkg validate" in run.stdout and "Passed" in run.stdout
    warning = f"data/sources/news-2021-04-04.yaml:{news_lines['source']}: Warning:"
    assert warning in run.stdout


def test_hook_fails_on_a_violation_naming_file_and_line(user_repo, repo, tmp_path,
                                                       news_lines):
    claims = user_repo / "data" / "claims" / "news-2021-04-04.yaml"
    text = claims.read_text("utf-8")
    claims.write_text(text.replace("  - id: c01\n",
                                   "  - id: c01\n    via: doc:ned-price-tweet-2021-04-04\n", 1),
                      "utf-8")
    _git(user_repo, "add", "-A")
    run = _try_repo(user_repo, repo, tmp_path, "--files", "data/claims/news-2021-04-04.yaml")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Failed" in run.stdout
    violation = (f"data/claims/news-2021-04-04.yaml:{news_lines['c01']}: Violation: "
                 "claim:news-2021-04-04-c01")
    assert violation in run.stdout


def test_hook_is_skipped_when_no_data_changed(user_repo, repo, tmp_path):
    run = _try_repo(user_repo, repo, tmp_path, "--files", "README.md")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "(no files to check)Skipped" in run.stdout
