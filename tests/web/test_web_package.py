"""The web stage's templates and static files ship in the wheel (package data)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import cwkg.web

WEB = Path(cwkg.web.__file__).parent


def test_every_template_and_static_file_is_package_data(repo):
    config = tomllib.loads((repo / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["cwkg.web"]
    files = [p.relative_to(WEB).as_posix() for folder in ("templates", "static")
             for p in (WEB / folder).iterdir() if p.is_file()]
    assert files
    missing = [f for f in files if not any(fnmatch.fnmatch(f, pat) for pat in patterns)]
    assert not missing
