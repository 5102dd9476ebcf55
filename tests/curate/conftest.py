"""Fixtures of the curation tests: a copy of data/ with a drafted source to review."""

from __future__ import annotations

from pathlib import Path

import pytest

from cwkg.curate.documents import add_from_form

from ..ingest.test_add import REPORT


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: equal before and after = nothing written."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture()
def drafted(data_copy) -> Path:
    """data/ with src:test-report added from a form (a synthetic text), its claims proposed."""
    add_from_form(data_copy, REPORT, "report.txt", {"date": "2017-04-05", "language": "en",
                                                     "publisher": "org:soc",
                                                     "id": "test-report"})
    return data_copy
