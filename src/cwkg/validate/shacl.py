"""Validate a store with the SHACL shapes in ontology/shapes.ttl.

Two engines give the same findings: ``sparql`` (default) runs the shapes compiled to
SPARQL on pyoxigraph (:mod:`cwkg.validate.compiled`; seconds at a million quads), and
``pyshacl``, the reference (hours at a million quads with cwkg's SPARQL constraints)."""

from __future__ import annotations

import pyoxigraph as ox

from cwkg.namespaces import SH, compact
from cwkg.rdf.store import Store
from cwkg.resources import shapes_path

from .report import Finding, Report, _shorten, report_of

ENGINES = ("sparql", "pyshacl")



def as_written_paths() -> set[str]:
    """The predicates whose literals the fast engine must see as written."""
    from .compiled import compile_shapes
    return compile_shapes(shapes_path()).original_paths


def load_shapes():
    import rdflib
    graph = rdflib.Graph()
    graph.parse(shapes_path(), format="turtle")
    return graph


def run_shacl(store: Store, locations: dict[str, str] | None = None, shapes=None,
              engine: str = "sparql") -> Report:
    """Validate ``store``; ``shapes`` (an rdflib Graph) or ``engine="pyshacl"`` use pySHACL."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "sparql" and shapes is None:
        from .compiled import UnsupportedShapes, compile_shapes, validate
        try:
            program = compile_shapes(shapes_path())
        except UnsupportedShapes:
            pass  # a SHACL feature the compiler lacks: the reference engine gives the answer
        else:
            return report_of(_finding(r, locations or {}) for r in validate(
                store.union_view(), program, store.as_written(program.original_paths)))
    return _run_pyshacl(store, locations, shapes)


def _finding(result, locations: dict[str, str]) -> Finding:
    """A Finding from a cwkg.shacl_sparql result, worded exactly as from pySHACL's graph."""
    focus_text = result.focus.value
    value = result.value
    if value is not None:
        value = compact(value.value) if isinstance(value, ox.NamedNode) \
            else _shorten(_rdflib_text(value))
    return Finding(where=locations.get(focus_text, compact(focus_text)),
                   severity=result.severity.rsplit("#", 1)[-1], shape=compact(result.shape),
                   focus=compact(focus_text),
                   path=compact(result.path) if result.path is not None else None,
                   value=value, message=result.message)


def _rdflib_text(term) -> str:
    """A term as pySHACL's report shows it: rdflib normalises literals ("+79" -> "79")."""
    if not isinstance(term, ox.Literal):
        return term.value
    import rdflib
    if term.language:
        return str(rdflib.Literal(term.value, lang=term.language))
    return str(rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value)))


def _run_pyshacl(store: Store, locations: dict[str, str] | None = None, shapes=None) -> Report:
    import logging

    import pyshacl

    # rdflib logs a traceback for every ill-typed literal ("2017-02-30"^^xsd:date) it reads;
    # the shapes report those literals to the curator, so the log would only be noise.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)

    data_graph = store.union_rdflib_graph()
    conforms, results_graph, _ = pyshacl.validate(
        data_graph, shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none", abort_on_first=False, allow_warnings=True, meta_shacl=False,
        advanced=False, debug=False)
    return report_of(_findings(results_graph, locations or {}))


def _findings(results_graph, locations: dict[str, str]):
    for result in results_graph.subjects(SH.resultSeverity, None):
        get = lambda p: results_graph.value(result, p)  # noqa: E731
        focus = get(SH.focusNode)
        shape = get(SH.sourceShape)
        severity = str(get(SH.resultSeverity)).rsplit("#", 1)[-1]
        path = get(SH.resultPath)
        value = get(SH.value)
        message = get(SH.resultMessage)
        focus_text = str(focus)
        yield Finding(
            where=locations.get(focus_text, compact(focus_text)),
            severity=severity,
            shape=compact(str(shape)) if shape is not None and not _is_bnode(shape)
            else "(anonymous shape)",
            focus=compact(focus_text),
            path=compact(str(path)) if path is not None and not _is_bnode(path) else None,
            value=_show(value),
            message=str(message) if message is not None else "constraint not met",
        )


def _is_bnode(term) -> bool:
    import rdflib
    return isinstance(term, rdflib.BNode)


def _show(value) -> str | None:
    if value is None:
        return None
    import rdflib
    if isinstance(value, rdflib.URIRef):
        return compact(str(value))
    return _shorten(str(value))
