"""namespaces.compact was rewritten for speed (one dict lookup per namespace length); it must
choose exactly what the plain scan of PREFIXES chose, on every IRI cwkg writes and on ties."""

from pathlib import Path

import pyoxigraph as ox

from cwkg.build.memory import in_memory
from cwkg.namespaces import PREFIXES, compact

REPO = Path(__file__).resolve().parents[2]


def reference_compact(iri: str) -> str:
    best = iri
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            candidate = f"{prefix}:{iri[len(ns):]}"
            if len(candidate) < len(best):
                best = candidate
    return best


def test_compact_agrees_with_the_scan_of_prefixes():
    graph = in_memory(REPO / "data")
    iris = {""} | {"urn:x", "http://example.org/"}
    for q in graph.quads:
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    for ns in PREFIXES.values():
        iris |= {ns, ns + "x", ns[:-1], ns + "a/b#c"}
    assert [i for i in iris if compact(i) != reference_compact(i)] == []


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.sampled_from(sorted(PREFIXES.values()) + ["", "http://", "urn:", "https://w3id.org/"]),
       st.text(alphabet="ab/#-_.é:", max_size=12))
def test_compact_agrees_on_any_iri_under_any_namespace(namespace, rest):
    """compact() decides once per stem (the IRI up to its last / or #): any continuation
    of a namespace, with more / and # in it, must still get the scan's answer."""
    iri = namespace + rest
    assert compact(iri) == reference_compact(iri)
