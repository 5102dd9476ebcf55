"""The Python API: ``cwkg.open(path)`` gives a :class:`KnowledgeGraph` of a build folder or
of a data folder (built in memory). docs/python.md shows it at work (its examples run in
the tests)."""

from .graph import KnowledgeGraph, open

__all__ = ["KnowledgeGraph", "open"]
