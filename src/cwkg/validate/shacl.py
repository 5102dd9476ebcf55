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
from cwkg.prefixes import PREFIXES, compact
from cwkg.rdf.parse import parse_file
from cwkg.rdf.store import Store
from cwkg.resources import shapes_path

from .compiled.model import Result
from .report import Finding, Report, _shorten, report_of

ENGINES = ("sparql", "pyshacl")
_SH = PREFIXES["sh"]
_SHAPE_MARKS = {_SH + "targetClass", _SH + "targetNode", _SH + "targetSubjectsOf",
                _SH + "targetObjectsOf", _SH + "property", _SH + "path"}
_SHAPE_TYPES = {_SH + "NodeShape", _SH + "PropertyShape"}


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
    quads = parse_file(path, base_iri=path.resolve().as_uri())  # errors name file:line:column
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
    triples = {q.triple for path in _files(shapes)
               for q in parse_file(path, base_iri=path.resolve().as_uri())}
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def run_shacl(store: Store, locations: dict[str, str] | None = None,
              shapes: Sequence[Path] | None = None, engine: str = "sparql") -> Report:
    """Validate ``store`` against ``shapes`` (files; the shipped shapes by default): the
    findings, each at its data file:line from ``locations``, and why the compiled engine
    stepped aside if it did (:func:`shacl_results`)."""
    results, fallbacks = shacl_results(store, shapes, engine)
    report = report_of(_finding(r, locations or {}) for r in results)
    report.fallbacks = fallbacks
    return report


def shacl_results(store: Store, shapes: Sequence[Path] | None = None,
                  engine: str = "sparql") -> tuple[list[Result], list[str]]:
    """Every SHACL result on ``store``, from either engine in the same form, and the
    reasons the ``sparql`` engine fell back to pySHACL: a feature it does not compile,
    found before or while it runs (then pySHACL's results are returned)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    files = _files(shapes)
    fallbacks = []
    if engine == "sparql":
        from .compiled import UnsupportedShapes, compile_shapes, validate
        from .compiled.written import Written
        written = Written(lambda path: store.as_written([path])[path],
                          lambda: (q.object for q in store.written_quads()
                                   if isinstance(q.object, ox.Literal)))
        try:
            program = compile_shapes(files)
            return validate(store.union_view(), program,
                            store.as_written(program.original_paths), written), []
        except UnsupportedShapes as exc:
            # a SHACL feature the compiler lacks: the reference engine gives the answer
            fallbacks.append(exc.explain())
    return _pyshacl_results(store, files), fallbacks


def _finding(result: Result, locations: dict[str, str]) -> Finding:
    """A Finding from either engine's result, worded as pySHACL's report reads."""
    focus_text = result.focus.value
    value = result.value
    if value is not None:
        value = compact(value.value) if isinstance(value, ox.NamedNode) \
            else _shorten(_rdflib_text(value))
    return Finding(where=locations.get(focus_text, compact(focus_text)),
                   severity=result.severity.rsplit("#", 1)[-1],
                   shape=compact(result.shape) if result.shape is not None
                   else "(anonymous shape)",
                   focus=compact(focus_text),
                   path=compact(result.path) if isinstance(result.path, str) else None,
                   value=value, message=result.message if result.message is not None
                   else _no_message(result))


def _no_message(result: Result) -> str:
    """What a finding of a shape without sh:message says, the same from both engines
    (pySHACL's own wording of its results is left out: the compiled engine has none)."""
    if result.component is None:
        return "constraint not met"
    return f"constraint not met: {compact(result.component).replace('ConstraintComponent', '')}"


def _rdflib_text(term) -> str:
    """A term as pySHACL's report shows it: rdflib normalises literals ("+79" -> "79")."""
    if not isinstance(term, ox.Literal):
        return term.value
    import rdflib
    if term.language:
        return str(rdflib.Literal(term.value, lang=term.language))
    return str(rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value)))


def _pyshacl_results(store: Store, files: tuple[Path, ...]) -> list[Result]:
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
    shapes_graph = load_shapes(files)
    try:
        _, results_graph, _ = pyshacl.validate(
            data_graph, shacl_graph=shapes_graph,
            inference="none", abort_on_first=False, allow_warnings=True, meta_shacl=False,
            advanced=False, debug=False)
    except ReportableRuntimeError as exc:  # malformed shapes (sh:minCount "many", ...)
        reason = str(getattr(exc, "message", exc)).strip().splitlines()[0]
        raise DataError(f"pySHACL cannot use these shapes: {reason}",
                        file=", ".join(map(str, files))) from None
    # the report's own results (sh:result), not those nested in them (sh:detail)
    from cwkg.namespaces import SH
    return [_result(results_graph, node, shapes_graph)
            for node in results_graph.objects(None, SH.result)]


def _result(graph, node, shapes_graph) -> Result:
    """One of pySHACL's sh:ValidationResult nodes as a :class:`Result`; its message only
    where the shapes give one (sh:message of the shape or of its SPARQL constraint)."""
    import rdflib

    from cwkg.namespaces import SH

    def get(predicate):
        return graph.value(node, predicate)

    shape, path = get(SH.sourceShape), get(SH.resultPath)
    given = any(shapes_graph.value(source, SH.message) is not None
                for source in (shape, get(SH.sourceConstraint)) if source is not None)
    messages = sorted(str(m) for m in graph.objects(node, SH.resultMessage)) if given else []
    return Result(focus=_ox_term(get(SH.focusNode)),
                  shape=str(shape) if isinstance(shape, rdflib.URIRef) else None,
                  severity=str(get(SH.resultSeverity)),
                  message=messages[0] if messages else None,
                  path=str(path) if isinstance(path, rdflib.URIRef)
                  else _ox_term(path) if path is not None else None,
                  value=_ox_term(get(SH.value)),
                  component=str(get(SH.sourceConstraintComponent)))


def _ox_term(term):
    """An rdflib term as the pyoxigraph term the compiled engine would give."""
    import rdflib
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))
