"""What the pages keep per build (the sources and claims they read, the stored questions'
answers, the findings) gives what the graph gives, is read back by the next start, and is
never served for another build: an edited source changes its pages."""

from __future__ import annotations

import shutil

import pytest

from cwkg.build.write import build
from cwkg.web.graph import open_graph
from cwkg.web.pages import Pages
from cwkg.web.records import claim_view, source_view

SOURCE = "data/sources/wh-2024-04-04.yaml"


@pytest.fixture
def root(web_root, tmp_path):
    """A copy of the web tests' data/ and a build of its own."""
    shutil.copytree(web_root / "data", tmp_path / "data")
    build(tmp_path / "data", tmp_path / "build")
    return tmp_path


def _edit(root, note: str) -> None:
    """Change the curator's note on a source (shown on its page)."""
    path = root / SOURCE
    text = path.read_text("utf-8")
    old = "No title or URL is given in the text."
    assert old in text
    path.write_text(text.replace(old, note), "utf-8")


def _kept(root, pattern: str) -> list:
    return sorted((root / "build" / ".cache" / "web").glob(pattern))


def test_the_prepared_sources_and_claims_are_what_the_graph_queries_give(pages):
    """The queries the pages asked before the index existed, against the index."""
    from cwkg.web.prepared import prepare
    graph = pages.views.graph
    prepared = prepare(graph.store, None, None, graph.locations)   # read from the store
    nodes = _by_value(graph.scan("GRAPH ?s { ?s a cwkg:Source ; ?p ?o }", without_text=True))
    sources = sorted((source_view(i, d, graph.locations.get(i)) for i, d in nodes.items()),
                     key=lambda s: (s.date, s.iri), reverse=True)
    assert list(prepared.sources.values()) == sources
    rows = graph.select("SELECT ?c ?s WHERE { GRAPH ?s { ?c prov:wasDerivedFrom ?s ; "
                        "a cwkg:Claim } }").rows
    assert prepared.claim_sources == {c.value: s.value for c, s in rows}
    described = _by_value(graph.describe(list(prepared.claim_sources), parts=True))
    assert prepared.claims == {i: claim_view(i, described, graph.locations.get(i))
                               for i in prepared.claim_sources}
    quotes = graph.select(
        "SELECT ?c ?exact ?lang WHERE { GRAPH ?s { ?c a cwkg:Claim ; cwkg:anchor ?a . "
        "?a oa:hasSelector ?q . ?q oa:exact ?exact . ?s dcterms:language ?lang } }").rows
    assert sorted((c, e, lang) for c, e, lang, _ in prepared.quotes) == \
        sorted((c.value, e.value, lang.value) for c, e, lang in quotes)
    assert len(prepared.claims) > 50 and len(prepared.sources) >= 4


def _by_value(nodes: dict) -> dict:
    """The index lists a node's several values of one predicate by value (the store and
    the export give them in different orders)."""
    return {s: {p: sorted(objects, key=lambda o: o.value) for p, objects in d.items()}
            for s, d in nodes.items()}


def test_the_build_s_export_gives_what_its_store_gives(pages, web_root):
    """The first start reads the N-Quads export (five times faster than the store)."""
    from cwkg.build.layout import DATASET_FILE
    from cwkg.web import prepared as P
    from cwkg.web.graph import build_export
    graph = pages.views.graph
    with open(web_root / "build" / DATASET_FILE, "rb") as export:
        from_export = P._read(P._from_export(export), graph.locations)
    assert from_export == P._read(P._from_store(graph.store), graph.locations)
    assert build_export(web_root / "build", "another build") is None
    handles = build_export(web_root / "build", graph.build, locations=True)
    assert handles is not None and len(handles) == 2
    for handle in handles:
        handle.close()
    stale = web_root / "build" / f".{DATASET_FILE}.x.tmp"   # a build under way
    stale.write_bytes(b"")
    try:
        assert build_export(web_root / "build", graph.build) is None
    finally:
        stale.unlink()


def test_questions_are_asked_of_the_build_s_quads_in_memory(pages, web_root):
    """The stored questions read the export into memory (the same quads as the store);
    without this build's export they are asked of the store."""
    from cwkg.web.graph import Graph
    graph = pages.views.graph
    memory = graph.questions_backend()
    assert memory is not graph.backend
    assert sorted(map(str, memory.store.oxigraph)) == sorted(map(str, graph.store))
    for query in ("death-tolls", "differing-figures", "commemoration-timeline"):
        asked = graph.ask(query)
        of_store = graph.backend.query(asked_text(query))
        assert asked.rows == of_store.rows      # the same rows in the same order
    elsewhere = Graph(graph.backend, graph.locations, graph.out_dir, "another build")
    assert elsewhere.questions_backend() is graph.backend


def asked_text(query_id: str) -> str:
    from cwkg.query.catalogue import get_query
    return get_query(query_id).text()


def test_a_start_reads_the_index_back_and_an_edited_source_changes_its_pages(root, monkeypatch):
    import cwkg.web.prepared as prepared
    first = Pages(open_graph(root / "build"), root / "data")
    before = first.html("/source/wh-2024-04-04")
    assert len(_kept(root, "index-*.json")) == 1
    # the next start reads the kept index: the store is not read again
    monkeypatch.setattr(prepared, "_read", lambda *a: pytest.fail("read the store again"))
    again = Pages(open_graph(root / "build"), root / "data")
    assert again.html("/source/wh-2024-04-04") == before
    assert again.html("/attack/khan-sheikhoun-2017") == first.html("/attack/khan-sheikhoun-2017")
    monkeypatch.undo()
    # an edited source: another build, another index; the old one is never read again
    _edit(root, "An edited note.")
    build(root / "data", root / "build")
    edited = Pages(open_graph(root / "build"), root / "data")
    assert "An edited note." in edited.html("/source/wh-2024-04-04")
    assert "An edited note." not in before
    assert len(_kept(root, "index-*.json")) == 1


def test_a_damaged_index_is_read_from_the_store_again(root):
    first = Pages(open_graph(root / "build"), root / "data").html("/org/white-helmets")
    for kept in _kept(root, "index-*.json"):
        kept.write_bytes(kept.read_bytes()[:1000])
    assert Pages(open_graph(root / "build"), root / "data").html("/org/white-helmets") == first


def test_answers_are_kept_per_build_and_the_page_says_how_long_they_took(root, monkeypatch):
    from cwkg.web.graph import Graph
    pages = Pages(open_graph(root / "build"), root / "data")
    html = pages.html("/query/death-tolls")
    assert "when first asked of this build" in html
    assert _kept(root, "answers-*/death-tolls-*.json")
    # another start reads the answer back without asking the graph
    monkeypatch.setattr(Graph, "ask", lambda *a, **k: pytest.fail("asked the graph again"))
    again = Pages(open_graph(root / "build"), root / "data")
    assert _rows(again.html("/query/death-tolls")) == _rows(html)
    monkeypatch.undo()
    # another build: asked again, and the other build's answers are removed
    _edit(root, "Edited.")
    build(root / "data", root / "build")
    asked = []
    original = Graph.ask
    monkeypatch.setattr(Graph, "ask", lambda self, *a, **k: asked.append(1) or
                        original(self, *a, **k))
    Pages(open_graph(root / "build"), root / "data").html("/query/death-tolls")
    assert asked and len(_kept(root, "answers-*")) == 1


def _rows(html: str) -> str:
    return html[html.index("<table"):html.index("</table>")]


def test_the_findings_page_says_validation_is_under_way_then_keeps_the_findings(
        root, monkeypatch):
    import cwkg.validate.batches as batches
    pages = Pages(open_graph(root / "build"), root / "data")
    release = __import__("threading").Event()
    validate = batches.validate_data

    def slow(*args, **kwargs):
        release.wait(60)
        return validate(*args, **kwargs)
    monkeypatch.setattr(batches, "validate_data", slow)
    html = pages.html("/findings")
    assert "Validating this build" in html and "reload.js" in html
    assert "Validating this build" in pages.html("/findings")   # again: at once, not waiting
    release.set()
    result = pages.findings.get()                 # waits for the background validation
    assert result.quads > 0 and result.error is None
    done = pages.html("/findings")
    assert "Validating this build" not in done and "reload" not in done
    # the next start reads them back: no validation
    monkeypatch.setattr(batches, "validate_data", lambda *a, **k: pytest.fail("validated"))
    assert Pages(open_graph(root / "build"), root / "data").html("/findings") == done


def test_the_server_looks_for_the_kept_findings_as_it_starts(root, monkeypatch):
    """A visit finds them read (looking at data/'s files takes a second at 10,000
    sources), and one before that looks for them itself."""
    from cwkg.web.findings import Findings
    done = Pages(open_graph(root / "build"), root / "data")
    done.findings.get()                                       # validated and kept
    started = Pages(open_graph(root / "build"), root / "data")
    early = Pages(open_graph(root / "build"), root / "data")
    started.warm().join()
    monkeypatch.setattr(Findings, "_kept", lambda self: pytest.fail("looked on a visit"))
    monkeypatch.setattr(Findings, "start", lambda self: pytest.fail("validated again"))
    html = started.html("/findings")
    assert "Validating this build" not in html and "quads" in html
    monkeypatch.undo()
    assert early.html("/findings") == html


def test_findings_of_data_newer_than_the_build_are_not_kept(root):
    import os
    import time
    path = root / SOURCE
    later = time.time() + 5
    os.utime(path, (later, later))
    pages = Pages(open_graph(root / "build"), root / "data")
    assert pages.findings.get().error is None
    assert not _kept(root, "findings-*.json")


def test_a_slow_question_s_page_says_it_is_being_asked_then_shows_the_answer(root,
                                                                             monkeypatch):
    import threading

    from cwkg.web.graph import Graph
    release = threading.Event()
    original = Graph.ask

    def slow(self, *args, **kwargs):
        release.wait(60)
        return original(self, *args, **kwargs)
    monkeypatch.setattr(Graph, "ask", slow)
    pages = Pages(open_graph(root / "build"), root / "data")
    html = pages.html("/query/voices")
    assert "Asking this question of the build" in html and "reload.js" in html
    assert "<table" not in html
    release.set()
    query = __import__("cwkg.web.questions", fromlist=["catalogue"]).catalogue()["voices"]
    pages.answers.get(query, {})                   # waits for the one asking under way
    done = pages.html("/query/voices")
    assert "Asking this question" not in done and "reload" not in done and "<table" in done
