"""Safety: injection strings as parameters leave the store unchanged and give an empty
result or a clear error; SERVICE, LOAD, updates and foreign FROM graphs are refused
without the explicit flag, and comments, strings and IRIs never fool the check."""

from __future__ import annotations

import pytest

from cwkg.errors import CwkgError, QueryError, UsageError
from cwkg.query.embedded import EmbeddedBackend
from cwkg.query.run import run
from cwkg.query.safety import check_query, risks
from cwkg.rdf.store import Store

INJECTIONS = [
    '"', "'", '"""', "'''", "}", "{", "} ; DROP ALL ; {", '" } ; DROP ALL ; { "',
    "'} ; DROP ALL ; {'", "\\", '\\" } DROP ALL {', "\\u0022 } ; DROP ALL ; { \\u0022",
    "x\n} ; DROP ALL ; {\n", "\u0000", "a\u0000b", "> } ; CLEAR ALL ; { <",
    "<http://evil/> } SERVICE <http://evil/> { ?s ?p ?o", "# } DROP ALL",
    "attack:khan-sheikhoun-2017> } ; DROP ALL ; { <", "?attack", "$attack", ") (",
    "Khan Sheikhoun massacre\" } ; INSERT DATA { <a> <b> <c> } ; {",
]


def snapshot(store: Store) -> list:
    quads = store.oxigraph.quads_for_pattern(None, None, None, None)
    return sorted(str(q) for q in quads)


@pytest.fixture()
def fresh(built):
    _, graph = built
    return Store(graph.quads)


@pytest.mark.parametrize("text", INJECTIONS)
@pytest.mark.parametrize("query_id, param", [
    ("quote-search", "text"), ("death-tolls", "attack"), ("names-and-aliases", "entity"),
    ("claim-provenance", "claim"), ("voices", "source"),
])
def test_an_injection_leaves_the_store_unchanged(fresh, text, query_id, param):
    before = snapshot(fresh)
    count = len(fresh.oxigraph)
    try:
        result = run(query_id, {param: text}, backend=EmbeddedBackend(fresh))
    except UsageError as exc:
        assert f"parameter '{param}'" in str(exc)
    else:
        # only a string parameter may run, and then it is only text to look for
        assert query_id == "quote-search"
        quotes = [row[result.variables.index("quote")].value for row in result.rows]
        assert all(text.lower() in q.lower() for q in quotes)
    assert len(fresh.oxigraph) == count and snapshot(fresh) == before


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE {\n  ?s ?p ?o .\n  SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/>\nSELECT * FROM ex:data WHERE { ?s ?p ?o }",
])
def test_network_access_is_refused_without_the_flag(query):
    with pytest.raises(QueryError, match="--allow-network"):
        check_query(query)
    check_query(query, allow_network=True)


@pytest.mark.parametrize("query", [
    "DROP ALL", "CLEAR GRAPH <https://w3id.org/cwkg/graph/reference>",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DELETE WHERE { ?s ?p ?o }", "delete { ?s ?p ?o } where { ?s ?p ?o }",
    "WITH <https://w3id.org/cwkg/graph/reference> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CREATE GRAPH <https://w3id.org/cwkg/x>", "ADD DEFAULT TO <https://w3id.org/cwkg/x>",
    "MOVE DEFAULT TO <https://w3id.org/cwkg/x>", "COPY DEFAULT TO <https://w3id.org/cwkg/x>",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
])
def test_updates_are_refused_without_the_flag(query):
    with pytest.raises(QueryError, match="--allow-update"):
        check_query(query)
    check_query(query, allow_update=True)


def test_load_needs_both_flags():
    query = "LOAD <http://example.org/data.ttl>"
    with pytest.raises(QueryError, match="--allow-network"):
        check_query(query, allow_update=True)
    with pytest.raises(QueryError, match="--allow-update"):
        check_query(query, allow_network=True)
    check_query(query, allow_network=True, allow_update=True)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> LOAD DROP",
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/> { } DROP ALL" }',
    "SELECT * WHERE { ?s ?p '''multi\nline SERVICE\nDROP ALL''' }",
    "SELECT ?service ?drop ?load WHERE { ?service ?drop ?load }",
    "PREFIX service: <http://x/>\nSELECT * WHERE { ?s service:drop ?o }",
    "SELECT * WHERE { <http://x/SERVICE/DROP> ?p ?o }",
    "SELECT * FROM <https://w3id.org/cwkg/graph/reference> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED src:wh-2024-04-04 WHERE { GRAPH ?g { ?s ?p ?o } }",
    'SELECT * WHERE { ?s ?p ?o FILTER(?o = "a\\"b SERVICE") }',
])
def test_words_in_comments_strings_iris_and_names_do_not_count(query):
    assert risks(query) == []


def test_an_adhoc_service_query_is_refused_by_the_command(tmp_path, capsys):
    """Refused before any build is read (there is none in tmp_path) or endpoint contacted."""
    from cwkg.cli import main
    path = tmp_path / "q.rq"
    path.write_text("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert main(["--out", str(tmp_path / "none"), "query", "--file", str(path)]) == 2
    err = capsys.readouterr().err
    assert "SERVICE (line 1)" in err and "--allow-network" in err and "Traceback" not in err


def test_an_embedded_update_is_refused_even_with_the_flag(embedded):
    from pathlib import Path

    from cwkg.query.catalogue import Query
    query = Query("x", Path("x.rq"), "DROP ALL", "x", "", [])
    with pytest.raises(UsageError, match="only on an --endpoint"):
        run(query, {}, backend=embedded, allow_update=True)


def test_no_cwkg_error_escapes_as_anything_else_for_injections(fresh):
    for text in INJECTIONS:
        try:
            run("attacks-named-together", {"attack": text}, backend=EmbeddedBackend(fresh))
        except CwkgError:
            pass


# ------------------------------------------------------------------- property tests

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cwkg.query.sparql_text import sparql_string, tokenize  # noqa: E402

WORDS = st.sampled_from(["SERVICE", "LOAD", "DROP", "INSERT", "DELETE", "CLEAR", "FROM",
                         "NAMED", "<http://x/>", "{", "}", ";", "'", '"', "#", "\n", "\\",
                         "ALL", "SILENT", "x", " "])


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_the_lexer_and_the_check_never_crash(text):
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text      # nothing lost, nothing invented
    try:
        check_query(text)
    except QueryError:
        pass


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDS, max_size=30).map("".join))
def test_anything_inside_a_string_literal_is_harmless(inner):
    assert risks(f"SELECT * WHERE {{ ?s ?p {sparql_string(inner)} }}") == []


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDS.filter(lambda w: w != "\n"), max_size=30).map("".join))
def test_anything_inside_a_comment_is_harmless(inner):
    assert risks(f"SELECT * WHERE {{ ?s ?p ?o }} # {inner}\n") == []


# pieces that make SPARQL names, and characters where the two readings of tokenize differ:
# letters SPARQL allows beyond ASCII, some it does not, spaces beyond ASCII (U+1680 is
# both a space and a name letter), digits of other scripts
PIECES = st.sampled_from(["?", "$", "_:", "ex:", ":", "a", "Z", "9", "-", ".", "\\'", "\\#",
                          "%4A", "'", '"', "#", "<", ">", "@en", " ", "\n", "é", "ق", "·",
                          "\u0301", "\u1680", "\u00a0", "\u200c", "\u2040", "×", "٣",
                          "\U0001d400", "SELECT", "{", "}"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join) | st.text(max_size=60))
def test_the_ascii_reading_of_names_is_sparqls_where_it_is_kept(text):
    """tokenize reads names as ASCII first and again with SPARQL's letters where that
    first reading could differ: the result is the full reading, always."""
    from cwkg.query import sparql_text
    full = sparql_text._tokens(text, sparql_text._lexer(False))
    assert tokenize(text) == full
