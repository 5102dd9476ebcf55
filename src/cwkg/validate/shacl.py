"""Validate a store with SHACL shapes: the shipped ``ontology/shapes.ttl``, or the files a
user names (``cwkg validate --shapes FILE``).

Two engines give the same findings: ``sparql`` (default) runs the shapes compiled to
SPARQL on pyoxigraph (:mod:`cwkg.validate.compiled`; seconds at a million quads), and
``pyshacl``, the reference (hours at a million quads with cwkg's SPARQL constraints).
Where the compiler lacks a feature the shapes use, the default engine steps aside for
pySHACL and the report says which shape and which feature (:attr:`Report.fallbacks`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from cwkg.errors import DataError, UsageError
from cwkg.namespaces import PREFIXES, SH, compact
from cwkg.rdf.parse import parse_file
from cwkg.rdf.store import Store
from cwkg.resources import shapes_path

from .report import Finding, Report, _shorten, report_of

ENGINES = ("sparql", "pyshacl")
_SHAPE_MARKS = {SH + "targetClass", SH + "targetNode", SH + "targetSubjectsOf",
                SH + "targetObjectsOf", SH + "property", SH + "path"}
_SHAPE_TYPES = {SH + "NodeShape", SH + "PropertyShape"}


def shape_files(extra: Sequence[Path] = (), defaults: bool = True) -> tuple[Path, ...]:
    """The shapes files to validate against: the shipped shapes (unless ``defaults`` is
    False) and ``extra``, each checked to parse and to hold a shape (a DataError naming
    the file and line otherwise)."""
    files = ((shapes_path(),) if defaults else ()) + tuple(Path(p) for p in extra)
    if not files:
        raise UsageError("no shapes to validate against: give --shapes FILE, or leave out "
                         "--no-default-shapes")
    for path in extra:
        _check_shapes_file(Path(path))
    return files


def _check_shapes_file(path: Path) -> None:
    quads = parse_file(path)  # a syntax error names file:line:column
    if not any(q.predicate.value in _SHAPE_MARKS
               or (q.predicate.value == PREFIXES["rdf"] + "type"
                   and q.object.value in _SHAPE_TYPES) for q in quads):
        raise DataError("no SHACL shape in this file (nothing typed sh:NodeShape or "
                        "sh:PropertyShape, no target, no sh:property or sh:path)", file=str(path))


def _files(shapes: Sequence[Path] | None) -> tuple[Path, ...]:
    return tuple(Path(p) for p in shapes) if shapes is not None else (shapes_path(),)


def as_written_paths(shapes: Sequence[Path] | None = None) -> set[str]:
    """The predicates whose literals the fast engine must see as written (none when the
    shapes do not compile: pySHACL reads every literal as written)."""
    from .compiled import UnsupportedShapes, compile_shapes
    try:
        return compile_shapes(_files(shapes)).original_paths
    except UnsupportedShapes:
        return set()


def load_shapes(shapes: Sequence[Path] | None = None):
    """The shapes files as one rdflib Graph (what pySHACL reads), parsed by cwkg's strict
    parser so that both engines read the same triples."""
    import rdflib
    triples = {q.triple for path in _files(shapes) for q in parse_file(path)}
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def run_shacl(store: Store, locations: dict[str, str] | None = None,
              shapes: Sequence[Path] | None = None, engine: str = "sparql") -> Report:
    """Validate ``store`` against ``shapes`` (files; the shipped shapes by default).

    The ``sparql`` engine falls back to pySHACL when the shapes use a feature it does not
    compile, found before or while it runs; the report's ``fallbacks`` then say why."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    files = _files(shapes)
    fallbacks = []
    if engine == "sparql":
        from .compiled import UnsupportedShapes, compile_shapes, validate
        try:
            program = compile_shapes(files)
            results = validate(store.union_view(), program,
                               store.as_written(program.original_paths))
        except UnsupportedShapes as exc:
            # a SHACL feature the compiler lacks: the reference engine gives the answer
            fallbacks.append(exc.explain())
        else:
            return report_of(_finding(r, locations or {}) for r in results)
    report = _run_pyshacl(store, locations, files)
    report.fallbacks += fallbacks
    return report


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


def _run_pyshacl(store: Store, locations: dict[str, str] | None,
                 files: tuple[Path, ...]) -> Report:
    import logging

    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    # rdflib logs a traceback for every ill-typed literal ("2017-02-30"^^xsd:date) it reads;
    # the shapes report those literals to the curator, so the log would only be noise.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    # pySHACL logs a malformed shape's error with a traceback before raising it; cwkg says
    # it in one line (below)
    logging.getLogger("pyshacl-validate").disabled = True

    data_graph = store.union_rdflib_graph()  # the literals as written
    try:
        conforms, results_graph, _ = pyshacl.validate(
            data_graph, shacl_graph=load_shapes(files),
            inference="none", abort_on_first=False, allow_warnings=True, meta_shacl=False,
            advanced=False, debug=False)
    except ReportableRuntimeError as exc:  # malformed shapes (sh:minCount "many", ...)
        reason = str(getattr(exc, "message", exc)).strip().splitlines()[0]
        raise DataError(f"pySHACL cannot use these shapes: {reason}",
                        file=", ".join(map(str, files))) from None
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
