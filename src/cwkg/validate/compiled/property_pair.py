"""Property pair constraints (SHACL 4.5): sh:lessThan and sh:lessThanOrEquals, compared in
Python on the literals as written, as pySHACL compares them (rdflib values)."""

from __future__ import annotations

import datetime as dt
import functools
import re

import pyoxigraph as ox

from .model import SH, XSD, Shape, UnsupportedShapes, component


class PropertyPair:
    """sh:lessThan(OrEquals) failures (a mixin of :class:`.runner.Runner`)."""

    def pair_failures(self, p: Shape, targets: str, path: str) -> list:
        out = []
        for key, strict in (("lessThan", True), ("lessThanOrEquals", False)):
            for other in p.props.get(SH + key, []):
                if not isinstance(other, ox.NamedNode):
                    raise UnsupportedShapes(p.node, f"sh:{key} that is not an IRI")
                out += [(f, v, component(key))
                        for f, v in self._pair_failures(targets, path, other.value, strict)]
        return out

    def _pair_failures(self, targets: str, path: str, other: str, strict: bool) -> list:
        others: dict = {}
        for subject, value in self.original_values(other):
            others.setdefault(subject, []).append(value)
        failing = []
        for subject, value in self.original_values(path):
            for compare in others.get(subject, ()):
                if pair_fails(value, compare, strict):
                    failing.append((subject, value))
        focus = self.focus_among(targets, {subject for subject, _ in failing})
        return [(subject, value) for subject, value in failing if subject in focus]


@functools.lru_cache(maxsize=65536)
def rdflib_term(term):
    import rdflib
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise UnsupportedShapes(None, "sh:lessThan or sh:lessThanOrEquals on a blank node")


# Integer datatypes whose canonical lexical forms rdflib reads as well-typed Python ints and
# compares by value: for these the rdflib comparison below is plain integer comparison.
_INTEGER_TYPES = frozenset(XSD + t for t in ("integer", "nonNegativeInteger"))
_CANONICAL_NATURAL = re.compile(r"0|[1-9][0-9]{0,17}")


@functools.lru_cache(maxsize=65536)  # offsets and figures repeat: a term is read once
def _natural(term) -> int | None:
    """The value of a canonical non-negative integer literal, else None (the slow path)."""
    if (isinstance(term, ox.Literal) and term.datatype.value in _INTEGER_TYPES
            and _CANONICAL_NATURAL.fullmatch(term.value)):
        return int(term.value)
    return None


_DATE = XSD + "date"
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@functools.lru_cache(maxsize=65536)
def _day(term) -> dt.date | None:
    """The day of a valid xsd:date written YYYY-MM-DD (no time zone), else None (the slow
    path): rdflib reads it as this datetime.date (an attack series' from and to)."""
    if (isinstance(term, ox.Literal) and term.datatype.value == _DATE
            and _ISO_DAY.fullmatch(term.value)):
        try:
            return dt.date.fromisoformat(term.value)
        except ValueError:
            return None
    return None


def pair_fails(value, compare, strict: bool) -> bool:
    """pySHACL's test (property_pair_constraints._compare_lt / _compare_ltoe).

    >>> n = lambda v: ox.Literal(v, datatype=ox.NamedNode(XSD + "integer"))
    >>> pair_fails(n("3"), n("5"), True), pair_fails(n("5"), n("5"), True)
    (False, True)
    >>> pair_fails(n("+5"), n("5"), False)  # not canonical: rdflib compares it
    False
    >>> d = lambda v: ox.Literal(v, datatype=ox.NamedNode(XSD + "date"))
    >>> pair_fails(d("2014-04-11"), d("2014-04-21"), False)
    False
    """
    for read in (_natural, _day):  # rdflib would build two Literals to say the same
        v, o = read(value), read(compare)
        if v is not None and o is not None:
            return not (v < o) if strict else not (v <= o)
    return rdflib_pair_fails(value, compare, strict)


def rdflib_pair_fails(value, compare, strict: bool) -> bool:
    import rdflib

    def comparable(term):
        term = rdflib_term(term)
        if isinstance(term, rdflib.URIRef):
            return str(term), True
        if isinstance(term, rdflib.Literal) and isinstance(term.value, str):
            return term.value, True
        return term, False

    (v, v_is_string), (o, o_is_string) = comparable(value), comparable(compare)
    if v_is_string != o_is_string:
        return True
    try:
        return not (v < o) if strict else not (v <= o)
    except TypeError:  # values rdflib cannot order (a date and a number): pySHACL decides
        raise UnsupportedShapes(None, "sh:lessThan or sh:lessThanOrEquals on values of "
                                "types that do not compare") from None
