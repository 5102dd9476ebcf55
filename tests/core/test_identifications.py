"""A link the curator identified (not the text's words) is an rdf:Statement about that one
triple, attributed to cwkg:Curator with the reason; the triple itself stays asserted."""

import pyoxigraph as ox

from cwkg.namespaces import PREFIXES, expand


def _node(curie: str) -> ox.NamedNode:
    return ox.NamedNode(expand(curie))


RDF, PROV, RDFS = (PREFIXES[p] for p in ("rdf", "prov", "rdfs"))


def _statements(quads, subject):
    """{(predicate, object): (attributed to, reason)} of the statements about ``subject``."""
    by_node: dict = {}
    for q in quads:
        by_node.setdefault(q.subject, {}).setdefault(q.predicate.value, []).append(q.object)
    out = {}
    for props in by_node.values():
        if props.get(RDF + "subject") == [subject]:
            key = (props[RDF + "predicate"][0].value, props[RDF + "object"][0].value)
            out[key] = (props[PROV + "wasAttributedTo"][0].value, props[RDFS + "comment"][0])
    return out


def test_a_bare_place_name_taken_as_a_dated_attack_is_the_curators(built):
    _, graph = built
    claim = _node("claim:wh-2024-04-04-c01")
    found = _statements(graph.quads, claim)
    key = (expand("cwkg:about"), expand("attack:ghouta-2013"))
    assert set(found) == {key}  # Khan Sheikhoun and Douma are dated by the text itself
    by, reason = found[key]
    assert by == expand("cwkg:Curator") and "'Ghouta' with no date" in reason.value
    assert reason.language == "en"
    graph_of_claim = _node("src:wh-2024-04-04")
    assert ox.Quad(claim, _node("cwkg:about"), _node("attack:ghouta-2013"), graph_of_claim) \
        in set(graph.quads)  # still asserted


def test_the_inferred_author_of_seed_000_is_marked_as_such(built):
    data, graph = built
    source = data.sources["src:wh-2024-04-04"]
    assert [(i.field, i.id, i.identified_by) for i in source.identifications] == \
        [("author", "org:white-helmets", "curator")]
    found = _statements(graph.quads, _node("src:wh-2024-04-04"))
    assert set(found) == {(expand("dcterms:creator"), expand("org:white-helmets"))}


def test_every_identification_qualifies_a_link_its_record_makes(built):
    data, _ = built
    for claim in data.claims:
        for ident in claim.identifications:
            value = getattr(claim, ident.field)
            assert ident.id in (value if isinstance(value, tuple) else (value,)), claim.id
    # 40 in the seeds' claims, 38 in the real documents' (each listed, with its reason, in
    # tests/queries/golden/curator-identifications.tsv); 7 more are sources' authors or
    # publishers (seed 000's author, and 6 of the real documents')
    assert sum(len(c.identifications) for c in data.claims) == 78
    assert sum(len(s.identifications) for s in data.sources.values()) == 7
