"""What validation checks, as a list of rules: every SHACL shape that can report a result
(it has a ``sh:message``, its own or its SPARQL constraint's) and every ``*-violation.rq``
check, with its message and severity. The CI formats (:mod:`cwkg.validate.formats`) list
them: JUnit as one test case per rule, SARIF as the run's ``rules``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cwkg.prefixes import PREFIXES, compact
from cwkg.query.catalogue import QUERIES_DIR, violation_checks
from cwkg.resources import shapes_path

SHAPE, CHECK = "shape", "check"
SH = PREFIXES["sh"]
# the IRI a violation check stands under in a SHACL report graph (sh:sourceShape): checks
# are SPARQL files, not shapes, and have no IRI of their own
CHECK_IRI = "urn:cwkg:query:"


@dataclass(frozen=True)
class Rule:
    id: str             # as findings name it: shape:SourceDateShape, query:quote-in-text-violation
    kind: str           # SHAPE or CHECK
    iri: str            # the shape's IRI (or CHECK_IRI + the check's id)
    severity: str       # Violation | Warning | Info
    message: str        # what a curator reads when it fails
    file: str | None    # where it is defined (the shapes file, the .rq file)
    component: str | None = None  # sh:sourceConstraintComponent, when only one can apply


# SHACL Core constraint parameters -> their component (SHACL 4.x); sh:sparql -> SPARQL
_COMPONENTS = {p: p[0].upper() + p[1:] + "ConstraintComponent" for p in (
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive", "minInclusive",
    "maxExclusive", "maxInclusive", "minLength", "maxLength", "pattern", "languageIn",
    "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "not", "and", "or",
    "xone", "node", "property", "qualifiedValueShape", "closed", "hasValue", "in", "sparql")}
_COMPONENTS["sparql"] = "SPARQLConstraintComponent"
_COMPONENTS.update({"qualifiedValueShape": None,  # the counts below say which applies
                    "qualifiedMinCount": "QualifiedMinCountConstraintComponent",
                    "qualifiedMaxCount": "QualifiedMaxCountConstraintComponent",
                    "property": None})  # a node shape's property shapes report themselves


def all_rules(shape_files: list[Path] | None = None,
              queries_dir: Path = QUERIES_DIR) -> list[Rule]:
    """The shapes of ``shape_files`` (default: the shipped shapes) that can report, then
    the violation checks of ``queries_dir``, each in file order."""
    rules = []
    for path in shape_files or [shapes_path()]:
        rules += _shape_rules(Path(path))
    for query in violation_checks(queries_dir):
        rules.append(Rule(f"query:{query.id}", CHECK, CHECK_IRI + query.id,
                          query.severity or "Violation", query.summary, _display(query.path),
                          "http://www.w3.org/ns/shacl#SPARQLConstraintComponent"))
    return rules


def _shape_rules(path: Path) -> list[Rule]:
    import pyoxigraph as ox

    from cwkg.rdf.parse import parse_file
    graph: dict = {}  # subject -> predicate IRI -> [objects]
    for q in parse_file(path):
        graph.setdefault(q.subject, {}).setdefault(q.predicate.value, []).append(q.object)
    rules = []
    for shape, props in graph.items():
        if not isinstance(shape, ox.NamedNode):
            continue  # a SPARQL constraint node, an anonymous shape: its shape reports
        if not ({SH + "message", SH + "sparql", SH + "path"} & set(props)):
            continue
        messages = props.get(SH + "message") or [
            m for c in props.get(SH + "sparql", []) for m in graph.get(c, {}).get(SH + "message", [])]
        if not messages:
            continue  # a container of property shapes reports nothing itself
        severity = props.get(SH + "severity", [ox.NamedNode(SH + "Violation")])[0].value
        rules.append(Rule(compact(shape.value), SHAPE, shape.value, severity.rsplit("#", 1)[-1],
                          messages[0].value, _display(path), _component(props)))
    # file order is not kept by an RDF graph; ids give a stable order
    return sorted(rules, key=lambda r: r.id)


def _component(props: dict) -> str | None:
    """The constraint component a result of a shape comes from, when the shape has only
    one that can produce results (a shape with sh:minCount and sh:datatype has two)."""
    found = {_COMPONENTS[p[len(SH):]] for p in props
             if p.startswith(SH) and _COMPONENTS.get(p[len(SH):])}
    return SH + found.pop() if len(found) == 1 else None


def _display(path: Path) -> str:
    """A path as a report shows it: relative to the working folder when under it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
