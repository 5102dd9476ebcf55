"""Compacted JSON-LD for cwkg quads, with the context shipped in ontology/context.jsonld.

The context holds prefixes only, so compaction is a direct rewrite: every IRI
becomes ``prefix:local``, plain strings stay strings, integers and booleans
become JSON numbers and booleans, every other literal keeps ``@type`` or
``@language``. The context is embedded in the output, so no reader ever fetches
one. Tests parse the output back with rdflib and pyoxigraph and compare graphs.

The document is written one named graph at a time (:func:`graph_chunk`), one node
per line, so a build can stream it and cache each source's part.
(pyoxigraph writes only expanded JSON-LD; rdflib's serializer is 50x slower at
a million quads and its output order is not fixed, so cwkg writes this itself.)

>>> a, p = ox.NamedNode("https://w3id.org/cwkg/attack/x"), ox.NamedNode(RDF_TYPE)
>>> print(graph_chunk([ox.Quad(a, p, ox.NamedNode(XSD + "date"), ox.NamedNode(
...     "https://w3id.org/cwkg/graph/reference"))]).decode())
{"@id": "graph:reference", "@graph": [
{"@id": "attack:x", "@type": "xsd:date"}
]}
"""

from __future__ import annotations

import json

import pyoxigraph as ox

from cwkg.prefixes import PREFIXES, compact, jsonld_context

XSD = PREFIXES["xsd"]
RDF_TYPE = PREFIXES["rdf"] + "type"
_NATIVE = {XSD + "integer": int, XSD + "boolean": lambda v: v == "true"}
SEPARATOR = b",\n"   # between graph chunks


def header() -> bytes:
    context = json.dumps(jsonld_context()["@context"], ensure_ascii=False, indent=1)
    return f'{{"@context": {context},\n"@graph": [\n'.encode()


FOOTER = b"\n]}\n"


def _canonical(value, datatype: str) -> bool:
    if datatype == XSD + "integer":
        return value == str(int(value)) if value.lstrip("-").isdigit() else False
    return value in ("true", "false")


def _value(term, compact) -> object:
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


def _subject_id(term, compact) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else compact(term.value)


_SHORT: dict[str, str] = {}  # predicates, classes, datatypes, entities: the same on every node


def _short(iri: str) -> str:
    found = _SHORT.get(iri)
    if found is None:
        found = compact(iri)
        if len(_SHORT) < 65536:
            _SHORT[iri] = found
    return found


def _node_lines(quads) -> list[str]:
    """One compact JSON object per subject, in order of first appearance."""
    nodes: dict[str, dict] = {}
    last_subject, node = None, None
    for q in quads:
        if q.subject != last_subject:  # a node's quads come together: compact its IRI once
            last_subject = q.subject
            sid = _subject_id(q.subject, compact)
            node = nodes.get(sid)
            if node is None:
                node = nodes[sid] = {"@id": sid}
        predicate = q.predicate.value
        if predicate == RDF_TYPE and isinstance(q.object, ox.NamedNode):
            node.setdefault("@type", []).append(_short(q.object.value))
        else:
            node.setdefault(_short(predicate), []).append(_value(q.object, _short))
    # json.dumps without indent runs in C; with indent it falls back to pure Python (10x)
    return [json.dumps(_unwrap(n), ensure_ascii=False) for n in nodes.values()]


def graph_chunk(quads) -> bytes:
    """The quads of ONE graph as an element of the top-level ``@graph`` array: a named graph
    object, or (for the default graph) its nodes."""
    if not quads:
        return b""
    lines = ",\n".join(_node_lines(quads))
    name = quads[0].graph_name
    if isinstance(name, ox.DefaultGraph):
        return lines.encode("utf-8")
    graph_id = json.dumps(compact(name.value), ensure_ascii=False)
    return f'{{"@id": {graph_id}, "@graph": [\n{lines}\n]}}'.encode("utf-8")


def _unwrap(node: dict) -> dict:
    return {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in node.items()}
