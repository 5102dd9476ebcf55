"""Shared by the CI tests: where the repository's data defines the nodes their findings
are about, read from the files (other work edits the seeds' files)."""

from __future__ import annotations

from pathlib import Path

import pytest


def line_of(path: Path, text: str) -> int:
    """The 1-based line of ``path`` that is ``text`` once stripped."""
    return [line.strip() for line in path.read_text("utf-8").splitlines()].index(text) + 1


@pytest.fixture(scope="session")
def news_lines(repo) -> dict[str, int]:
    """Lines of src:news-2021-04-04 (no publisher: a warning) and of its claim c01."""
    return {"source": line_of(repo / "data/sources/news-2021-04-04.yaml",
                              "id: src:news-2021-04-04"),
            "c01": line_of(repo / "data/claims/news-2021-04-04.yaml", "- id: c01")}
