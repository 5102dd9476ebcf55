"""Results as the data wrote them. pyoxigraph's store keeps typed literals in canonical
form ("4.0"^^xsd:decimal reads back as "4", "+3"^^xsd:nonNegativeInteger as
"3"^^xsd:integer), and the runner's queries return what the store holds; pySHACL reports
the literal the data wrote. A result's literal is put back as written where the data says
unambiguously which it was, and the engine steps aside (UnsupportedShapes) where it does
not."""

from __future__ import annotations

import functools
from dataclasses import replace

import pyoxigraph as ox

from .model import RDF, XSD, Result, UnsupportedShapes

_AS_IS = {XSD + "string", RDF + "langString"}  # never changed by the store


def kept_as_is(term) -> bool:
    return not isinstance(term, ox.Literal) or term.datatype.value in _AS_IS


@functools.lru_cache(maxsize=65536)
def canonical(literal: ox.Literal) -> ox.Literal:
    """``literal`` as pyoxigraph's store gives it back."""
    store = ox.Store()
    node = ox.NamedNode("urn:x")
    store.add(ox.Quad(node, node, literal))
    return next(iter(store)).object


class Written:
    """What the data wrote: the (subject, object) pairs of a predicate, and every literal."""

    def __init__(self, pairs, literals):
        self._pairs = pairs         # predicate IRI -> [(subject, object)] as written
        self._literals = literals   # () -> iterable of every literal object as written
        self._by_path: dict = {}

    def pairs(self, path: str) -> list:
        if path not in self._by_path:
            self._by_path[path] = self._pairs(path)
        return self._by_path[path]

    @functools.cached_property
    def by_canonical(self) -> dict:
        out: dict = {}
        for literal in set(self._literals()):
            if not kept_as_is(literal):
                out.setdefault(canonical(literal), set()).add(literal)
        return out


def as_written(results: list[Result], written: Written | None) -> list[Result]:
    return [_as_written(r, written) for r in results]


def _as_written(result: Result, written: Written | None) -> Result:
    if kept_as_is(result.focus) and kept_as_is(result.value):
        return result
    if written is None or not kept_as_is(result.focus):
        raise UnsupportedShapes(_shape(result), "a result on a typed literal the store "
                                "may have rewritten in canonical form")
    if isinstance(result.path, str) and result.value is not None:
        forms = {o for s, o in written.pairs(result.path)
                 if s == result.focus and isinstance(o, ox.Literal)
                 and result.value in (o, canonical(o))}  # as written already, or not
    else:  # a SPARQL constraint's ?value: any literal of the data
        forms = set(written.by_canonical.get(result.value, ())) or {result.value}
    if len(forms) != 1:
        raise UnsupportedShapes(_shape(result), "a result on a typed literal written in "
                                "more than one way")
    return replace(result, value=forms.pop())


def _shape(result: Result):
    return ox.NamedNode(result.shape) if result.shape is not None else None
