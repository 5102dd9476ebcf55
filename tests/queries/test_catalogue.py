"""The catalogue itself: every file parses and runs as it is (it declares the prefixes it
uses, as cwkg.namespaces has them), every header key is known, every declared parameter is
used, grlc reads the header as cwkg does, and the header grammar is what
cwkg.query.catalogue documents (queries/README.md describes the same grammar)."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from cwkg.errors import QueryError
from cwkg.namespaces import PREFIXES
from cwkg.query.catalogue import (
    HEADER_KEYS,
    PARAM_TYPES,
    QUERIES_DIR,
    SCOPES,
    SEVERITIES,
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
def test_the_file_as_it_is_parses(query):
    """What a user pastes into an endpoint's page: the file's bytes, nothing added.
    Oxigraph knows no prefix it is not told, so a missing PREFIX fails here."""
    text = query.path.read_text("utf-8")
    assert query.text() == text
    ox.Store().query(text)          # an empty store: parsing is what is tested


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.id)
def test_query_parses_in_a_second_engine(query):
    """rdflib's SPARQL 1.1 parser is independent of Oxigraph's: a query both accept is
    far less likely to lean on one engine's leniency."""
    from rdflib.plugins.sparql import prepareQuery
    prepareQuery(query.path.read_text("utf-8"), initNs={})


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.id)
def test_query_has_a_full_header_and_no_risk(query):
    assert query.summary and query.description and query.tags
    assert risks(query.text()) == []
    for param in query.params:
        assert param.type in PARAM_TYPES and param.example


PREFIX_LINE = re.compile(r"(?im)^PREFIX\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>\s*$")


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.id)
def test_the_file_declares_exactly_the_prefixes_it_uses_as_namespaces_py_has_them(query):
    """Read with a plain regular expression, not cwkg's lexer: each PREFIX line names a
    prefix of cwkg.namespaces with its IRI; each is used after the prologue; every
    prefixed name in the body has its prefix declared (comments and strings removed)."""
    text = query.path.read_text("utf-8")
    declared = dict(PREFIX_LINE.findall(text))
    assert declared, "a stored query declares its prefixes"
    assert {p: PREFIXES.get(p) for p in declared} == declared
    assert not re.search(r"(?im)^\s*BASE\b", text)
    body = PREFIX_LINE.sub("", text)
    body = re.sub(r'"[^"\n]*"|\'[^\'\n]*\'|<[^<>\s]*>|#[^\n]*', " ", body)
    used = set(re.findall(r"(?<![\w?$:-])([A-Za-z][\w-]*):[A-Za-z_]", body))
    assert used == set(declared)


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.id)
def test_grlc_reads_the_header_as_cwkg_does(query):
    """grlc strips '#+' from each header line and reads the rest as YAML."""
    import yaml
    lines = [ln.lstrip("#+") for ln in query.source.split("\n") if ln.startswith("#+")]
    read = yaml.safe_load("\n".join(lines))
    assert (read["summary"], read["description"], read["tags"]) == \
        (query.summary, query.description, query.tags)


def test_the_readme_documents_every_header_key_and_type():
    readme = (QUERIES_DIR / "README.md").read_text("utf-8")
    for key in HEADER_KEYS:
        assert f"`{key}`" in readme, key
    for name in PARAM_TYPES:
        assert f"`{name}`" in readme, name


# ------------------------------------------------------------------ the header grammar

GOOD = ("#+ summary: S\n#+ description: D\n#+ tags: [t]\n"
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
    (GOOD.replace("#+ tags: [t]\n", "#+ tags: [t]\n#+ author: me\n"),
     "unknown header key 'author'"),
    (GOOD.replace("#+ tags: [t]\n", ""), "no '#+ tags:' line"),
    (GOOD.replace("#+ summary: S\n", "#+ summary: S\n#+ summary: T\n"), "'summary' is given twice"),
    (GOOD.replace("#+ param: who", "#+ param: whom"), "'whom' is declared but ?whom is not used"),
    (GOOD.replace("entity:org,person?", "thing"), "unknown parameter type 'thing'"),
    (GOOD.replace("entity:org,person?", "entity:nope"), "bad restriction 'nope'"),
    (GOOD.replace("#+ param: who entity:org,person? org:soc -- a speaker", "#+ param: who entity"),
     "'NAME TYPE EXAMPLE"),
    (GOOD.replace("#+ summary: S", "#+summary: S"), "a header line is '#+ key: value'"),
    (GOOD + "#+ tags: late\n", "after the query began"),
    ("PREFIX ex: <http://e/>\n" + GOOD, "after the query began"),
    (GOOD.replace("SELECT", "PREFIX ex: <http://e/>\nSELECT"), "not one of cwkg's prefixes"),
    (GOOD.replace("SELECT", "PREFIX org: <http://e/>\nSELECT"), "differs from cwkg.namespaces"),
    (GOOD.replace("SELECT", f"PREFIX org: <{PREFIXES['org']}>\nSELECT"), "declared but not used"),
    (GOOD.replace("?p ?o", "org:p ?o"), "uses org: without declaring it; add after the header: "
     f"PREFIX org: <{PREFIXES['org']}>"),
    (GOOD.replace("?p ?o", "ex:p ?o"), "ex:, which is not one of cwkg's prefixes"),
    (GOOD.replace("SELECT", "BASE <http://e/>\nSELECT"), "declares no BASE"),
    (GOOD.replace("#+ description: D", "#+ description: rows: one per claim"),
     "grlc cannot read this header as YAML"),
    (GOOD.replace("#+ tags: [t]", "#+ tags: a, b"), "grlc would read 'tags' as 'a, b'"),
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


CHECK = ("#+ summary: S\n#+ description: D\n#+ tags: [t]\n{scope}{severity}"
         "SELECT ?focus WHERE {{ ?focus ?p ?o }}\n")


@pytest.mark.parametrize("scope", ["", "#+ scope: graph\n"], ids=["missing", "unknown"])
def test_a_violation_check_declares_its_scope(tmp_path, scope):
    """cwkg validate runs 'source' checks on batches of sources: a check must say whether
    its rows fit in one source's graph (with the reference graph)."""
    with pytest.raises(QueryError, match="scope: source"):
        load_query(write(tmp_path, CHECK.format(scope=scope, severity=""), "x-violation.rq"))


@pytest.mark.parametrize("scope", SCOPES)
def test_a_violation_check_with_a_scope_loads(tmp_path, scope):
    query = load_query(write(tmp_path, CHECK.format(scope=f"#+ scope: {scope}\n",
                                                    severity="#+ severity: Info\n"),
                             "x-violation.rq"))
    assert query.scope == scope and query.severity == "Info"


@pytest.mark.parametrize("severity", ["", "#+ severity: Error\n", "#+ severity: violation\n"],
                         ids=["missing", "unknown", "lower-case"])
def test_a_violation_check_declares_its_severity(tmp_path, severity):
    with pytest.raises(QueryError, match="severity: Violation"):
        load_query(write(tmp_path, CHECK.format(scope="#+ scope: source\n", severity=severity),
                         "x-violation.rq"))


@pytest.mark.parametrize("severity", SEVERITIES)
def test_each_severity_loads(tmp_path, severity):
    query = load_query(write(tmp_path, CHECK.format(scope="#+ scope: source\n",
                                                    severity=f"#+ severity: {severity}\n"),
                             "x-violation.rq"))
    assert query.severity == severity


PARTITIONED = ("#+ summary: S\n#+ description: D\n#+ tags: [t]\n#+ scope: {scope}\n"
               "#+ severity: Warning\n#+ partition: {partition}\n"
               "SELECT ?focus ?attack (COUNT(?x) AS ?n) WHERE {{ ?focus ?attack ?x }} "
               "GROUP BY ?focus ?attack\n")


def test_a_dataset_check_names_its_partition(tmp_path):
    query = load_query(write(tmp_path, PARTITIONED.format(scope="dataset", partition="attack"),
                             "x-violation.rq"))
    assert query.partition == "attack"


@pytest.mark.parametrize("scope, partition", [("source", "attack"), ("dataset", "x"),
                                              ("dataset", "n"), ("dataset", "?attack")],
                         ids=["source-check", "not-selected", "an-expression", "with-?"])
def test_a_partition_is_a_selected_variable_of_a_dataset_check(tmp_path, scope, partition):
    with pytest.raises(QueryError, match="partition"):
        load_query(write(tmp_path, PARTITIONED.format(scope=scope, partition=partition),
                         "x-violation.rq"))


@pytest.mark.parametrize("key", ["scope: source", "severity: Warning"])
def test_only_a_violation_check_has_a_scope_or_a_severity(tmp_path, key):
    with pytest.raises(QueryError, match="for violation checks"):
        load_query(write(tmp_path, CHECK.format(scope=f"#+ {key}\n", severity=""), "x.rq"))
