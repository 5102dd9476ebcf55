"""Value type constraints (SHACL 4.1): sh:class and sh:nodeKind as SPARQL conditions on
``?v``; sh:datatype in Python on the literals as written, as pySHACL reads them (through
rdflib)."""

from __future__ import annotations

import datetime as dt
import functools
import re

import pyoxigraph as ox

from .model import RDF, SH, XSD, Shape, UnsupportedShapes, component

_NODE_KINDS = {
    "IRI": "isIRI({v})", "BlankNode": "isBlank({v})", "Literal": "isLiteral({v})",
    "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))",
    "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
    "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))"}


def node_kind_condition(value, shape: Shape, var: str) -> str:
    kind = value.value[len(SH):] if isinstance(value, ox.NamedNode) else None
    if kind not in _NODE_KINDS:
        raise UnsupportedShapes(shape.node, f"sh:nodeKind {value}")
    return _NODE_KINDS[kind].format(v=var)


class ValueType:
    """sh:datatype failures (a mixin of :class:`.runner.Runner`)."""

    def datatype_failures(self, targets: str, path: str, datatype) -> list:
        """sh:datatype, checked on the literals as written: pyoxigraph's store keeps
        numbers and booleans in canonical form ("+3"^^xsd:nonNegativeInteger reads back as
        "3"^^xsd:integer), so the store cannot say what datatype the data really used."""
        values = self.original_values(path)
        if datatype.value == XSD + "string":  # the common case (quotes), as datatype_ok says
            failing = [(subject, value) for subject, value in values
                       if not (isinstance(value, ox.Literal) and value.datatype == datatype)]
        else:
            failing = [(subject, value) for subject, value in values
                       if not datatype_ok(value, datatype.value)]
        focus = self.focus_among(targets, {subject for subject, _ in failing})
        return [(subject, value, component("datatype")) for subject, value in failing
                if subject in focus]


@functools.lru_cache(maxsize=65536)  # offsets, dates and figures repeat
def datatype_ok(value, datatype: str) -> bool:
    """pySHACL's sh:datatype test on a pyoxigraph term."""
    if not isinstance(value, ox.Literal):
        return False
    if value.language:
        return datatype == RDF + "langString"
    if value.datatype.value != datatype:
        return False
    # rdflib reads every xsd:string as itself (well-typed): no Literal to build, and no
    # million distinct quotes to push the numbers and dates out of the cache below
    return datatype == XSD + "string" or lexically_valid(value.value, datatype)


@functools.lru_cache(maxsize=65536)
def lexically_valid(lexical: str, datatype: str) -> bool:
    """rdflib's reading of a typed literal, which is what pySHACL's sh:datatype checks;
    without rdflib (0.1 s to import) for the forms it reads as well-typed anyway."""
    shortcut = _WELL_TYPED.get(datatype)
    if shortcut is not None and shortcut(lexical):
        return True  # tests/fastpaths/test_shacl_shortcuts.py: rdflib says so too
    return rdflib_lexically_valid(lexical, datatype)


def rdflib_lexically_valid(lexical: str, datatype: str) -> bool:
    import datetime as dt
    from decimal import Decimal

    import rdflib

    literal = rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype))
    if getattr(literal, "ill_typed", None) is True:
        return False
    expected = {XSD + "string": (str, bytes), XSD + "integer": int, XSD + "float": float,
                XSD + "decimal": Decimal, XSD + "boolean": bool, XSD + "date": dt.date,
                XSD + "time": dt.time, XSD + "dateTime": dt.datetime}.get(datatype)
    return expected is None or isinstance(literal.value, expected)


def _iso_date(lexical: str) -> bool:
    if not _DATE(lexical):
        return False
    try:
        dt.date.fromisoformat(lexical)
    except ValueError:
        return False
    return True


_DIGITS = re.compile(r"[0-9]{1,18}").fullmatch
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch
# the forms the data writes (figures, offsets, dates, years), read without rdflib: a True
# is rdflib's answer, anything else is asked of rdflib
_WELL_TYPED = {XSD + "integer": _DIGITS, XSD + "nonNegativeInteger": _DIGITS,
               XSD + "date": _iso_date, XSD + "gYear": re.compile(r"[1-9][0-9]{3}").fullmatch}
