"""The catalogue itself: every file parses, every header key is known, every declared
parameter is used, no file declares its own prefixes, and the header grammar is what
cwkg.queries documents (queries/README.md describes the same grammar)."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from cwkg.errors import QueryError
from cwkg.query.catalogue import (
    HEADER_KEYS,
    PARAM_TYPES,
    QUERIES_DIR,
    SCOPES,
    load_catalogue,
    load_query,
    parse_header,
)
from cwkg.query.safety import risks

CATALOGUE = load_catalogue()
QUERIES = list(CATALOGUE.values())


def test_the_catalogue_answers_the_five_competency_questions_and_ten_more():
    answers = [q for q in QUERIES if not q.is_violation]
    tags = {t for q in answers for t in q.tags}
    assert {"cq1", "cq2", "cq3", "cq4", "cq5"} <= tags
    assert len(answers) >= 15
    assert any(q.is_violation for q in QUERIES)


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.id)
def test_query_parses_once_the_prefix_block_is_prepended(query):
    ox.Store().query(query.text())          # an empty store: parsing is what is tested


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.id)
def test_query_parses_in_a_second_engine(query):
    """rdflib's SPARQL 1.1 parser is independent of Oxigraph's: a query both accept is
    far less likely to lean on one engine's leniency."""
    from rdflib.plugins.sparql import prepareQuery
    prepareQuery(query.text())


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.id)
def test_query_has_a_full_header_and_no_risk(query):
    assert query.summary and query.description and query.tags
    assert risks(query.text()) == []
    for param in query.params:
        assert param.type in PARAM_TYPES and param.example


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.id)
def test_query_file_declares_no_prefix(query):
    text = query.path.read_text("utf-8")
    assert not re.search(r"(?im)^\s*(PREFIX|BASE)\b", text)


def test_the_readme_documents_every_header_key_and_type():
    readme = (QUERIES_DIR / "README.md").read_text("utf-8")
    for key in HEADER_KEYS:
        assert f"`{key}`" in readme, key
    for name in PARAM_TYPES:
        assert f"`{name}`" in readme, name


# ------------------------------------------------------------------ the header grammar

GOOD = ("#+ summary: S\n#+ description: D\n#+ tags: t\n"
        "#+ param: who entity:org,person? org:soc -- a speaker\n"
        "SELECT ?who WHERE { ?who ?p ?o }\n")


def write(tmp_path: Path, text: str, name: str = "q.rq") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_good_file_loads(tmp_path):
    query = load_query(write(tmp_path, GOOD))
    assert query.id == "q" and query.params[0].prefixes == ("org", "person")
    assert query.params[0].optional and query.params[0].description == "a speaker"


@pytest.mark.parametrize("text, message", [
    (GOOD.replace("#+ tags: t\n", "#+ tags: t\n#+ author: me\n"), "unknown header key 'author'"),
    (GOOD.replace("#+ tags: t\n", ""), "no '#+ tags:' line"),
    (GOOD.replace("#+ summary: S\n", "#+ summary: S\n#+ summary: T\n"), "'summary' is given twice"),
    (GOOD.replace("#+ param: who", "#+ param: whom"), "'whom' is declared but ?whom is not used"),
    (GOOD.replace("entity:org,person?", "thing"), "unknown parameter type 'thing'"),
    (GOOD.replace("entity:org,person?", "entity:nope"), "bad restriction 'nope'"),
    (GOOD.replace("#+ param: who entity:org,person? org:soc -- a speaker", "#+ param: who entity"),
     "'NAME TYPE EXAMPLE"),
    (GOOD.replace("#+ summary: S", "#+summary: S"), "a header line is '#+ key: value'"),
    (GOOD + "#+ tags: late\n", "after the query began"),
    ("PREFIX ex: <http://e/>\n" + GOOD, "after the query began"),
    (GOOD.replace("SELECT", "PREFIX ex: <http://e/>\nSELECT"), "declares no PREFIX"),
    (GOOD.replace("SELECT", "BASE <http://e/>\nSELECT"), "declares no BASE"),
    (GOOD.replace("#+ param: who entity:org,person? org:soc -- a speaker\n",
                  "#+ param: who entity org:soc\n#+ param: who entity org:un\n"),
     "declared twice"),
])
def test_a_bad_header_is_one_clear_error_naming_the_file(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(QueryError) as caught:
        load_query(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_continuation_lines_join_the_value_before_them():
    header = parse_header("#+ summary: One\n#+   two\n#+ description: D\n#+ tags: a,b ,, c\n"
                          "SELECT * {}", "x.rq")
    assert header["summary"] == "One two" and header["tags"] == ["a", "b", "c"]


def test_a_continuation_cannot_extend_a_parameter():
    with pytest.raises(QueryError, match="continuation"):
        parse_header("#+ summary: S\n#+ description: D\n#+ tags: t\n#+ param: x string a\n"
                     "#+   more\nSELECT ?x {}", "x.rq")


def test_a_violation_check_takes_no_parameters(tmp_path):
    with pytest.raises(QueryError, match="no parameters"):
        load_query(write(tmp_path, GOOD, "x-violation.rq"))


CHECK = "#+ summary: S\n#+ description: D\n#+ tags: t\n{scope}SELECT ?focus WHERE {{ ?focus ?p ?o }}\n"


@pytest.mark.parametrize("scope", ["", "#+ scope: graph\n"], ids=["missing", "unknown"])
def test_a_violation_check_declares_its_scope(tmp_path, scope):
    """cwkg validate runs 'source' checks on batches of sources: a check must say whether
    its rows fit in one source's graph (with the reference graph)."""
    with pytest.raises(QueryError, match="scope: source"):
        load_query(write(tmp_path, CHECK.format(scope=scope), "x-violation.rq"))


@pytest.mark.parametrize("scope", SCOPES)
def test_a_violation_check_with_a_scope_loads(tmp_path, scope):
    query = load_query(write(tmp_path, CHECK.format(scope=f"#+ scope: {scope}\n"),
                             "x-violation.rq"))
    assert query.scope == scope


def test_only_a_violation_check_has_a_scope(tmp_path):
    with pytest.raises(QueryError, match="for violation checks"):
        load_query(write(tmp_path, CHECK.format(scope="#+ scope: source\n"), "x.rq"))
