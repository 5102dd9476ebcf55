"""Compacted JSON-LD for cwkg quads, with the context shipped in ontology/context.jsonld.

The context holds prefixes only, so compaction is a direct rewrite: every IRI
becomes ``prefix:local``, plain strings stay strings, integers and booleans
become JSON numbers and booleans, every other literal keeps ``@type`` or
``@language``. The context is embedded in the output, so no reader ever fetches
one. Tests parse the output back with rdflib and pyoxigraph and compare graphs.

(pyoxigraph writes only expanded JSON-LD; rdflib's serializer is 50x slower at
a million quads and its output order is not fixed, so cwkg writes this itself.)
"""

from __future__ import annotations

import json

import pyoxigraph as ox

from .namespaces import PREFIXES, compact, jsonld_context

XSD = PREFIXES["xsd"]
RDF_TYPE = PREFIXES["rdf"] + "type"
_NATIVE = {XSD + "integer": int, XSD + "boolean": lambda v: v == "true"}


def _canonical(value, datatype: str) -> bool:
    if datatype == XSD + "integer":
        return value == str(int(value)) if value.lstrip("-").isdigit() else False
    return value in ("true", "false")


def _value(term) -> object:
    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if datatype == XSD + "string":
        return term.value
    if datatype in _NATIVE and _canonical(term.value, datatype):
        return _NATIVE[datatype](term.value)
    return {"@value": term.value, "@type": compact(datatype)}


def _subject_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else compact(term.value)


def to_jsonld(quads) -> bytes:
    """Serialize quads (in order) as one compacted JSON-LD document."""
    graphs: dict[str, dict[str, dict]] = {}
    for q in quads:
        graph_key = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        nodes = graphs.setdefault(graph_key, {})
        sid = _subject_id(q.subject)
        node = nodes.setdefault(sid, {"@id": sid})
        if q.predicate.value == RDF_TYPE and isinstance(q.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(q.object.value))
        else:
            node.setdefault(compact(q.predicate.value), []).append(_value(q.object))
    top: list = []
    for graph_key, nodes in graphs.items():
        items = [_unwrap(n) for n in nodes.values()]
        if graph_key == "":
            top.extend(items)
        else:
            top.append({"@id": compact(graph_key), "@graph": items})
    doc = {"@context": jsonld_context()["@context"], "@graph": top}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _unwrap(node: dict) -> dict:
    return {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in node.items()}
