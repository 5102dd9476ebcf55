"""The files cwkg ships beside its code: the ontology (vocabulary, shapes, JSON-LD context)
and the stored query catalogue.

They are top-level folders of the repository (``ontology/``, ``queries/``), installed as the
packages ``cwkg.ontology`` and ``cwkg.queries`` (``pyproject.toml`` maps them), so the
import system finds them in a wheel and in an editable checkout alike (their ``__file__``;
``importlib.resources`` costs ``cwkg query`` 5 ms to import).

>>> (ontology_dir() / "shapes.ttl").is_file(), (queries_dir() / "voices.rq").is_file()
(True, True)
"""

from __future__ import annotations

import importlib
from pathlib import Path


def _folder(package: str) -> Path:
    # cwkg reads its resources as files (rdflib, pyoxigraph and the catalogue take paths), so
    # it needs an installation on a file system, not inside a zip archive
    folder = Path(importlib.import_module(package).__file__).parent
    if not folder.is_dir():
        raise RuntimeError(f"cwkg's {package} resources are not on a file system ({folder})")
    return folder


def ontology_dir() -> Path:
    return _folder("cwkg.ontology")


def queries_dir() -> Path:
    return _folder("cwkg.queries")


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"
