"""docs/python.md is a doctest: every ```pycon block of it runs as written, in order, as one
session (from the repository's root)."""

import doctest
import re

import pytest


def _session(text: str) -> str:
    blocks = re.findall(r"^```pycon\n(.*?)^```", text, re.S | re.M)
    return "\n".join(blocks)


@pytest.mark.parametrize("page", ["docs/python.md", "README.md"])
def test_python_api_page_runs(page, repo, monkeypatch):
    monkeypatch.chdir(repo)
    text = _session((repo / page).read_text("utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {}, page, page, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted >= (15 if page.startswith("docs") else 5)
    assert result.failed == 0, f"{result.failed} example(s) of {page} failed (printed above)"
