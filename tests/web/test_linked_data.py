"""Each node's page answers with its description in RDF when asked (content negotiation);
the description equals that node's triples in the build."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib

from cwkg.web.conneg import choose

CLAIM = "https://w3id.org/cwkg/claim/wh-2024-04-04-c07"


def expected(web_root, subjects_prefix: str) -> set:
    """The build's triples whose subject is the node or one of its parts."""
    from cwkg.build.read import load_build
    store, _ = load_build(web_root / "build")
    return {q.triple for q in store.quads
            if q.subject.value == subjects_prefix
            or q.subject.value.startswith(subjects_prefix + "-")}


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"),
                                         ("application/n-triples", "nt"),
                                         ("application/ld+json", "json-ld")])
def test_a_claim_in_each_format_is_its_description(client, web_root, accept, fmt):
    response = client.get("/claim/wh-2024-04-04-c07", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert response.headers["vary"] == "Accept"
    triples = {t for t in ox.parse(response.content, format={
        "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
        "json-ld": ox.RdfFormat.JSON_LD}[fmt])}
    # JSON-LD keeps the named graph: compare the triples, whatever the graph
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in triples}
    assert triples == expected(web_root, CLAIM)


def test_json_ld_carries_its_context_and_names_no_remote_one(client):
    doc = json.loads(client.get("/claim/wh-2024-04-04-c07",
                                headers={"Accept": "application/ld+json"}).content)
    assert isinstance(doc["@context"], dict)
    assert doc["@context"]["claim"] == "https://w3id.org/cwkg/claim/"
    graph = rdflib.Dataset().parse(data=json.dumps(doc), format="json-ld")
    assert len(graph) > 10


def test_entity_and_source_descriptions(client):
    ttl = client.get("/org/white-helmets", headers={"Accept": "text/turtle"}).text
    assert "skos:prefLabel" in ttl and '"الخوذ البيضاء"@ar' in ttl
    ttl = client.get("/source/wh-2024-04-04.ttl").text
    assert "cwkg:sha256" in ttl and "schema:text" in ttl


def test_a_browser_gets_html_and_an_unmakeable_type_gets_406(client):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert client.get("/claim/wh-2024-04-04-c07", headers={"Accept": browser}) \
        .headers["content-type"].startswith("text/html")
    assert client.get("/claim/wh-2024-04-04-c07", headers={"Accept": "image/png"}) \
        .status_code == 406


def test_accept_header_choice():
    assert choose("application/n-triples;q=0.5, text/turtle") == "turtle"
    assert choose("*/*") == "html"
    assert choose("text/turtle;q=0") is None
    assert choose("application/ld+json;q=0.9, text/html;q=0.8") == "jsonld"
