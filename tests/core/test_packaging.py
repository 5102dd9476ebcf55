"""A wheel works as a checkout does: it carries the ontology and the query catalogue, and
the README's commands run from an installed wheel in a fresh environment, outside the
repository (before, only editable installs found queries/ and ontology/)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_the_package_list_is_every_package_under_src():
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    found = {".".join(p.relative_to(REPO / "src").parent.parts)
             for p in (REPO / "src").rglob("__init__.py")}
    mapped = set(config["package-dir"]) - {""}
    assert set(config["packages"]) == found | mapped


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # offline: the build backend is the one installed in this environment
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
                          capture_output=True, text=True)
    assert done.returncode == 0, ("pip wheel failed (is the test extra installed? it brings "
                                  "setuptools >= 70.1):\n" + done.stderr[-2000:])
    return next(out.glob("cwkg-*.whl"))


def test_the_wheel_carries_the_ontology_and_the_catalogue(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"cwkg/ontology/{p.name}" for p in (REPO / "ontology").iterdir()
               if p.suffix in (".ttl", ".jsonld")}
    shipped |= {f"cwkg/queries/{p.name}" for p in (REPO / "queries").glob("*.rq")}
    assert shipped and shipped <= names


def test_the_readme_commands_run_from_an_installed_wheel(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # the wheel alone, its dependencies from this environment (no index, no network):
    # a .pth line puts this environment's site-packages after the new one's
    new_site = Path(subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()"
         "['purelib'])"], check=True, capture_output=True, text=True).stdout.strip())
    zipfile.ZipFile(wheel).extractall(new_site)
    (new_site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    shutil.copytree(REPO / "data", work / "data")
    env = {**os.environ, "PYTHONPATH": ""}

    def cwkg(*args) -> subprocess.CompletedProcess:
        return subprocess.run([str(venv / "bin" / "python"), "-m", "cwkg.cli", *args],
                              cwd=work, env=env, capture_output=True, text=True, timeout=300)

    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import cwkg, cwkg.resources as r; print(cwkg.__file__); "
                            "print(r.queries_dir())"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(new_site)), where.stdout  # the wheel, not the checkout
    for args in (["build"], ["validate"], ["query", "death-tolls", "-p",
                                           "attack=Khan Sheikhoun massacre"],
                 ["export", "--format", "jsonld", "-o", "graph.jsonld"]):
        done = cwkg(*args)
        assert done.returncode == 0, (args, done.stderr)
    assert (work / "build" / "cwkg.nq").stat().st_size > 0
    assert (work / "graph.jsonld").read_bytes() == (work / "build" / "cwkg.jsonld").read_bytes()
