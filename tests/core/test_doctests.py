"""Run the examples in every cwkg module's docstrings: documentation that runs."""

import doctest
import importlib
import pkgutil

import pytest

import cwkg

MODULES = sorted(m.name for m in pkgutil.walk_packages(cwkg.__path__, "cwkg."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_public_modules_have_examples():
    with_examples = [n for n in MODULES
                     if doctest.DocTestFinder().find(importlib.import_module(n))
                     and any(t.examples for t in doctest.DocTestFinder().find(
                         importlib.import_module(n)))]
    assert len(with_examples) >= 8, with_examples
