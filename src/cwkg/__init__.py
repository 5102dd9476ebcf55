"""cwkg: a knowledge graph of sourced, quote-anchored claims about chemical-weapons
attacks in Syria and the fight for accountability.

The pipeline, one module per stage: data -> claims -> graph -> store -> validate /
export. Read README.md for the map.
"""

__version__ = "0.1.0"
