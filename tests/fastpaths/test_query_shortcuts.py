"""The fast paths taken to keep a stored query close to bare pyoxigraph give exactly what
the slow paths they replace gave: the indexed one-IRI lookups agree with the full lists,
the ASCII shortcut of name folding with the Unicode route, rows with a by-name lookup,
and a cached catalogue entry with a fresh read of the file."""

from __future__ import annotations

import unicodedata

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cwkg.namespaces import PREFIXES
from cwkg.query.catalogue import Param, load_catalogue, load_query
from cwkg.query.embedded import EmbeddedBackend
from cwkg.query.resolve import Resolver, _fold
from cwkg.query.results import ResultSet
from cwkg.rdf.store import Store


@pytest.fixture(scope="module")
def store(built):
    return Store(built[1].quads)  # this module's own: the label tables it keeps are its own


@pytest.fixture(scope="module")
def full(store):
    """A resolver that has fetched the full lists (the slow path's answers)."""
    resolver = Resolver(EmbeddedBackend(store))
    resolver.labels()
    resolver.typed("cwkg:Claim")
    resolver.typed("cwkg:Source")
    return resolver


def candidates(store) -> list[str]:
    """Every IRI in the graph (subjects, objects, graph names), and a few that are not."""
    iris = {t.value for q in store.quads for t in (q.subject, q.object, q.graph_name)
            if isinstance(t, ox.NamedNode)}
    return sorted(iris) + [PREFIXES["claim"] + "no-such-claim", PREFIXES["org"] + "nobody"]


class Counting(EmbeddedBackend):
    """The embedded backend, counting the queries it is sent."""

    def __init__(self, store):
        super().__init__(store)
        self.sent = []

    def select(self, query):
        self.sent.append(query)
        return super().select(query)


def test_has_labels_agrees_with_the_label_table(store, full):
    iris = candidates(store)
    copy = Store(store.quads)  # shares no label table with ``full``: the indexed lookup runs
    backend = Counting(copy)
    labelled = [iri for iri in iris if Resolver(backend).has_labels(iri)]
    assert labelled == sorted(full.labels())
    assert len(labelled) > 20 and len(backend.sent) == len(iris)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_labels_by_name_agree_with_the_full_table(store, language):
    """A table's labels asked for its rows' IRIs only (every IRI of the graph, in
    batches as a table would give them) are the full table's, restricted to them."""
    whole = Resolver(EmbeddedBackend(Store(store.quads))).display_labels(language)
    iris = candidates(store)
    backend = Counting(Store(store.quads))
    by_name: dict[str, str] = {}
    for start in range(0, len(iris), 97):
        among = set(iris[start:start + 97])
        got = Resolver(backend).display_labels(language, among=among)
        assert set(got) <= among
        by_name.update(got)
    assert by_name == whole
    assert len(whole) > 20 and any("VALUES" in sent for sent in backend.sent)
    assert all("VALUES" in sent for sent in backend.sent), "no full scan for a few rows"


@pytest.mark.parametrize("cls", ["cwkg:Claim", "cwkg:Source"])
def test_has_type_agrees_with_the_typed_list(store, full, cls):
    fresh = Resolver(EmbeddedBackend(store))
    typed = [iri for iri in candidates(store) if fresh.has_type(iri, cls)]
    assert typed == sorted(full.typed(cls))
    assert len(typed) >= 3
    assert fresh._typed == {}, "the one-IRI lookups must not fetch the whole list"


def _slow_fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return " ".join(text.split())


@given(st.text())
def test_fold_shortcut_for_ascii_is_the_unicode_route(text):
    assert _fold(text) == _slow_fold(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_of_ascii_text(text):
    assert _fold(text) == _slow_fold(text)


def test_rows_are_the_values_in_variable_order(store):
    query = ("SELECT ?o ?missing ?s WHERE { GRAPH ?g { ?s ?p ?o } "
             "OPTIONAL { ?s <http://example.org/none> ?missing } } LIMIT 50")
    fast = ResultSet.from_solutions(store.oxigraph.query(query))
    by_name = [tuple(s[v] for v in ("o", "missing", "s")) for s in store.oxigraph.query(query)]
    assert fast.variables == ["o", "missing", "s"]
    assert fast.rows == by_name and len(by_name) == 50


def test_a_cached_query_file_is_read_again_when_it_changes(tmp_path):
    path = tmp_path / "q.rq"
    header = "#+ summary: S\n#+ description: D\n#+ tags: [t]\n"
    path.write_text(header + "SELECT ?a WHERE { ?a ?b ?c }\n", "utf-8")
    first = load_query(path)
    path.write_text(header.replace("S\n", "T\n") + "SELECT ?a WHERE { ?a ?b ?c }\n", "utf-8")
    second = load_query(path)
    assert (first.summary, second.summary) == ("S", "T")
    second.params.append("mutated")
    assert load_query(path).params == [], "each Query gets its own lists"


def test_the_catalogue_loads_the_same_twice():
    assert load_catalogue() == load_catalogue()


def test_building_rows_leaves_the_cycle_collector_as_it_found_it(store):
    import gc
    query = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5"
    assert gc.isenabled()
    assert len(ResultSet.from_solutions(store.oxigraph.query(query))) == 5
    assert gc.isenabled()
    gc.disable()
    try:
        ResultSet.from_solutions(store.oxigraph.query(query))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failing_row_still_turns_the_collector_back_on():
    import gc

    class Broken:
        variables = [ox.Variable("x")]

        def __iter__(self):
            raise OSError("the query failed")

    with pytest.raises(OSError):
        ResultSet.from_solutions(Broken())
    assert gc.isenabled()


def test_one_embedded_store_fetches_its_names_once(store):
    entity = Param("entity", "entity", (), False, "x", "")
    backend = Counting(Store(store.quads))
    first = Resolver(backend).resolve(entity, "Syrian Opposition Coalition")
    sent = len(backend.sent)
    second = Resolver(backend).resolve(entity, "syrian  opposition coalition")
    third = Resolver(Counting(backend.store)).resolve(entity, "org:soc")
    assert first == second == third == ox.NamedNode(PREFIXES["org"] + "soc")
    assert sent == 1 and len(backend.sent) == 1, "the second Resolver reuses the names"


def test_names_are_not_kept_for_an_endpoint(store):
    class Endpoint:  # any backend but the embedded one: its data may change between runs
        def __init__(self):
            self.inner, self.sent = EmbeddedBackend(store), 0

        def select(self, query):
            self.sent += 1
            return self.inner.select(query)

    entity = Param("entity", "entity", (), False, "x", "")
    endpoint = Endpoint()
    for _ in range(2):
        assert Resolver(endpoint).resolve(entity, "Syrian Opposition Coalition").value \
            == PREFIXES["org"] + "soc"
    assert endpoint.sent == 2


def test_a_dropped_store_takes_its_names_with_it(store):
    import gc

    from cwkg.query.resolve import _STORE_NAMES
    copy = Store(store.quads)
    Resolver(EmbeddedBackend(copy)).labels()
    assert copy in _STORE_NAMES
    before = len(_STORE_NAMES)
    del copy
    gc.collect()
    assert len(_STORE_NAMES) <= before - 1
