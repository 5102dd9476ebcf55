"""cwkg: a knowledge graph of sourced, quote-anchored claims about chemical-weapons
attacks in Syria and the fight for accountability.

    import cwkg
    kg = cwkg.open("build")     # or the data folder, built in memory (docs/python.md)

The pipeline, one package per stage: see docs/architecture.md. This module stays light
(``cwkg --help`` and ``import cwkg`` load nothing more): :func:`open` imports the API
(:mod:`cwkg.api`) when called.
"""

__version__ = "0.1.0"


def open(path="build", texts=None):  # noqa: A001 (cwkg.open, as the notebook API names it)
    """The knowledge graph of a build folder, or of a data folder built in memory: a
    :class:`cwkg.api.KnowledgeGraph`."""
    from cwkg.api import open as open_graph
    return open_graph(path, texts)
