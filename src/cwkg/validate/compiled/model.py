"""What the compiled engine works with: the shapes graph as plain dicts, a shape, the
compiled program, a result, and :class:`UnsupportedShapes`, raised for any feature the
engine does not compile (then pySHACL answers instead)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from cwkg.prefixes import PREFIXES, compact

SH = PREFIXES["sh"]
RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
RDF_TYPE = RDF + "type"
XSD = PREFIXES["xsd"]
VIOLATION = SH + "Violation"
TYPE_PATH = f"<{RDF_TYPE}>/<{RDFS}subClassOf>*"

# Predicates that carry no constraint (labels, documentation, structure already read).
INERT = {RDF_TYPE, RDFS + "label", RDFS + "comment", SH + "name", SH + "description",
         SH + "severity", SH + "message", SH + "order", SH + "group"}
TARGETS = {SH + "targetClass", SH + "targetSubjectsOf", SH + "targetObjectsOf",
           SH + "targetNode"}
# value-level components: each value node is checked on its own
VALUE_LEVEL = {SH + k for k in ("class", "in", "pattern", "flags", "minLength", "maxLength",
                                "minInclusive", "maxInclusive", "minExclusive",
                                "maxExclusive", "languageIn", "datatype", "nodeKind")}
PROPERTY_LEVEL = VALUE_LEVEL | {SH + k for k in (
    "path", "minCount", "maxCount", "lessThan", "lessThanOrEquals", "uniqueLang", "hasValue",
    "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "or")}
# parameters pasted into SPARQL text: non-negative integers only
INTEGER_PARAMETERS = {SH + k for k in ("minCount", "maxCount", "qualifiedMinCount",
                                       "qualifiedMaxCount", "minLength", "maxLength")}


class UnsupportedShapes(Exception):
    """The shapes use a SHACL feature this engine does not compile (use pySHACL); the
    message names the shape (its IRI) and the feature."""

    def __init__(self, shape, feature: str):
        self.shape, self.feature = shape, feature
        where = f"shape <{shape.value}>" if isinstance(shape, ox.NamedNode) else \
            "a shape" if shape is None else "an anonymous shape (a blank node)"
        super().__init__(f"{where}: {feature}")

    def explain(self) -> str:
        """One line for the user: which shape, which feature, and what it costs."""
        return (f"the compiled SHACL engine steps aside for pySHACL (far slower: hours at a "
                f"million quads): {self}")


@dataclass(frozen=True)
class Result:
    """One validation result, as pySHACL reports it."""

    focus: object                  # pyoxigraph term
    shape: str | None              # IRI of the source shape (None: a blank node)
    severity: str                  # IRI, sh:Violation / sh:Warning / sh:Info
    message: str | None
    path: str | None = None        # IRI
    value: object | None = None    # pyoxigraph term
    component: str | None = None   # IRI of the constraint component, sh:MinCount...


@dataclass
class Shape:
    """A shape of the shapes graph: its node, its predicates, and once compiled as a node
    shape, its targets as SPARQL."""

    node: object
    targets: str | None = None          # SPARQL group binding ?this, for node shapes
    severity: str = VIOLATION
    message: str | None = None
    props: dict = field(default_factory=dict)  # predicate IRI -> [objects]
    target_union: str | None = None     # targets without DISTINCT (may repeat a node)

    def one(self, key: str):
        values = self.props.get(SH + key, [])
        if len(values) > 1:
            raise UnsupportedShapes(self.node, f"more than one sh:{key}")
        return values[0] if values else None

    @property
    def name(self) -> str | None:
        return name(self.node)


@dataclass
class Program:
    """The compiled shapes: one entry per node shape, in file order."""

    node_shapes: list
    graph: dict          # subject -> predicate IRI -> [objects]
    prefix_block: str    # PREFIX lines from sh:declare, for SPARQL constraints
    original_paths: set = field(default_factory=set)  # paths checked on literals as written


def component(key: str) -> str:
    """The constraint component of a parameter: "minCount" -> sh:MinCountConstraintComponent."""
    return SH + key[0].upper() + key[1:] + "ConstraintComponent"


def features(predicates) -> str:
    return ", ".join(compact(p) for p in sorted(predicates))


def name(node) -> str | None:
    return node.value if isinstance(node, ox.NamedNode) else None


def sparql_term(term) -> str:
    return str(term)  # pyoxigraph terms print as N-Triples / SPARQL syntax


def rdf_list(graph: dict, head) -> list:
    items = []
    seen = set()
    while head != ox.NamedNode(RDF + "nil"):
        node = graph.get(head, {})
        if head in seen or len(node.get(RDF + "first", [])) != 1 \
                or len(node.get(RDF + "rest", [])) != 1:
            raise UnsupportedShapes(None, f"a malformed RDF list ({head})")
        seen.add(head)
        items.append(node[RDF + "first"][0])
        head = node[RDF + "rest"][0]
    return items


def plain_integer(value) -> bool:
    return (isinstance(value, ox.Literal) and value.datatype.value == XSD + "integer"
            and re.fullmatch(r"[0-9]+", value.value) is not None)
