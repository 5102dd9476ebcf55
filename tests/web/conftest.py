"""A build of the repository's data plus one hostile source (HTML and script in its title,
text, quotes and an alias), and the web pages over it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from tests.conftest import DATA

HOSTILE_TEXT = ('<script>alert("x")</script> A synthetic test text, not a real document.\n'
                '"><img src=x onerror=alert(1)> The regime killed 12 people in Khan Sheikhoun.\n')
HOSTILE_TITLE = '"><img src=x onerror=alert(1)>'


def add_hostile_source(data: Path) -> None:
    text = HOSTILE_TEXT.encode("utf-8")
    (data / "sources" / "hostile-2024-01-01.txt").write_bytes(text)
    (data / "sources" / "hostile-2024-01-01.yaml").write_text(
        "id: src:hostile-2024-01-01\ntype: news-article\n"
        f"title: '{HOSTILE_TITLE}'\nauthor: org:white-helmets\ndate: \"2024-01-01\"\n"
        f"language: en\nsha256: {hashlib.sha256(text).hexdigest()}\n", "utf-8")
    (data / "claims" / "hostile-2024-01-01.yaml").write_text(
        "source: src:hostile-2024-01-01\nclaims:\n"
        "  - id: c01\n    kind: characterisation\n    stated_by: author\n"
        "    about: attack:khan-sheikhoun-2017\n"
        "    quote: '<script>alert(\"x\")</script>'\n"
        "  - id: c02\n    kind: casualty-figure\n    stated_by: author\n"
        "    about: attack:khan-sheikhoun-2017\n    quote: \"killed 12 people\"\n"
        "    figures:\n      - {counts: killed, group: people, qualifier: exactly, value: 12}\n",
        "utf-8")


@pytest.fixture(scope="session")
def web_root(tmp_path_factory) -> Path:
    """A folder with data/ (the repository's, plus the hostile source) and build/."""
    from cwkg.build.write import build
    root = tmp_path_factory.mktemp("web")
    shutil.copytree(DATA, root / "data")
    add_hostile_source(root / "data")
    build(root / "data", root / "build")
    return root


@pytest.fixture(scope="session")
def pages(web_root):
    from cwkg.web.graph import open_graph
    from cwkg.web.pages import Pages
    pages = Pages(open_graph(web_root / "build"), web_root / "data")
    pages.question_wait = None  # the answers, however slow the machine (the page that
    return pages                # says a question is being asked: test_kept_per_build.py)


@pytest.fixture(scope="session")
def client(pages):
    from starlette.testclient import TestClient

    from cwkg.web.app import create_app
    with TestClient(create_app(pages), base_url="http://127.0.0.1:8765") as c:
        yield c
