"""Run the examples in every cwkg module's docstrings: documentation that runs."""

import doctest
import importlib
import pkgutil

import pytest

import cwkg

MODULES = sorted(m.name for m in pkgutil.walk_packages(cwkg.__path__, "cwkg."))


def _has_examples(name: str) -> bool:
    return any(t.examples for t in doctest.DocTestFinder().find(importlib.import_module(name)))


# only modules with examples: a module without any would pass without testing anything
WITH_EXAMPLES = [name for name in MODULES if _has_examples(name)]


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_public_modules_have_examples():
    assert len(WITH_EXAMPLES) >= 8, WITH_EXAMPLES
