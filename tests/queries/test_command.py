"""The `cwkg query` command (list, formats, ad-hoc files, timeout, errors) and the
violation checks that `cwkg validate` runs after SHACL."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from cwkg.cli import main
from cwkg.namespaces import expand
from cwkg.query.catalogue import load_catalogue
from cwkg.query.results import ResultSet
from cwkg.query.run import run
from cwkg.rdf.store import Store
from cwkg.validate.checks import run_violation_checks


def cwkg(capsys, out, repo, *args):
    code = main(["--data", str(repo / "data"), "--out", str(out), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_shows_every_query_with_its_parameters(capsys, out, repo):
    code, stdout, _ = cwkg(capsys, out, repo, "query", "--list")
    assert code == 0
    for query_id in load_catalogue():
        assert query_id in stdout
    assert "death-tolls  attack=entity:attack?" in stdout and "CQ1" in stdout


def test_table_is_the_default(capsys, out, repo):
    """Labels beside ids; the row count on stderr, not in the table."""
    code, stdout, stderr = cwkg(capsys, out, repo, "query", "death-tolls",
                                "--param", "attack=هجوم خان شيخون الكيميائي")
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0].split()[:3] == ["attack", "attackId", "source"]
    assert lines[2].startswith("Khan Sheikhoun chemical attack  attack:khan-sheikhoun-2017  ")
    # the three seeds' death tolls (5) and, from the real documents, France's "plus de 80"
    # twice and Arabi21's "العشرات" (dozens)
    assert len(lines) == 2 + 8 and "the loss of over 90 lives" in stdout
    assert stderr.strip() == "8 row(s)"


@pytest.mark.parametrize("fmt", ["tsv", "json"])
def test_machine_formats_read_back_as_the_same_rows(capsys, out, repo, embedded, fmt):
    code, stdout, stderr = cwkg(capsys, out, repo, "query", "attributions", "--format", fmt)
    expected = run("attributions", backend=embedded)
    assert code == 0 and stderr.strip() == f"{len(expected)} row(s)"  # 49: the golden's
    parsed = ResultSet.from_solutions(ox.parse_query_results(
        stdout.encode(), ox.QueryResultsFormat.TSV if fmt == "tsv" else ox.QueryResultsFormat.JSON))
    assert parsed.variables == expected.variables
    assert parsed.sorted_rows() == expected.sorted_rows()
    if fmt == "json":
        assert json.loads(stdout)["head"]["vars"][0] == "attack"


def test_csv_has_labels_beside_compact_ids(capsys, out, repo):
    code, stdout, stderr = cwkg(capsys, out, repo, "query", "quote-search", "-p", "text=SARIN",
                                "--format", "csv")
    rows = list(csv.reader(io.StringIO(stdout)))
    assert code == 0 and stderr.strip() == "12 row(s)"  # quotes with "sarin" (any case)
    assert rows[0] == ["kind", "speaker", "speakerId", "source", "date", "claim", "quote"]
    assert len(rows) == 13
    soc = [r for r in rows if r[3] == "src:soc-2020-04-04"]
    assert [r[4] for r in soc] == ["2020-04-04", "2020-04-04"]  # a date as plain text
    assert "cwkg:AttributionClaim" in {r[0] for r in soc}
    # data/entities/agents.yaml: org:soc is labelled "National Coalition of Syrian
    # Revolutionary and Opposition Forces" in English
    assert ["National Coalition of Syrian Revolutionary and Opposition Forces", "org:soc"] in \
        [row[1:3] for row in rows[1:]]


def test_an_adhoc_file_runs_the_same_way_and_may_declare_prefixes(capsys, out, repo, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("#+ summary: mine\n#+ description: d\n#+ tags: t\n"
                    "#+ param: who entity org:white-helmets\n"
                    "PREFIX my: <https://w3id.org/cwkg/ontology#>\n"
                    "SELECT ?claim WHERE { GRAPH ?g { ?claim a my:DemandClaim ; "
                    "prov:wasAttributedTo ?who } }\n")
    code, stdout, _ = cwkg(capsys, out, repo, "query", "--file", str(path),
                           "-p", 'who="White Helmets" Foundation', "--format", "tsv")
    assert code == 0
    assert sorted(stdout.splitlines()[1:]) == [
        f"<{expand('claim:news-2021-04-04-c31')}>", f"<{expand('claim:wh-2024-04-04-c01')}>"]


@pytest.mark.parametrize("args, message", [
    (["query", "no-such-query"], "no stored query 'no-such-query'; known: about-entity"),
    (["query"], "give a stored query id or --file"),
    (["query", "--file", "/nonexistent/q.rq"], "cannot read query file"),
    (["query", "death-tolls", "--param", "attack"], "--param expects name=value"),
    (["query", "claim-provenance"], "needs --param claim="),
    (["query", "death-tolls", "-p", "attack=chemical attack"],
     "'chemical attack' names more than one entity: attack:douma-2018 (Douma chemical attack)"),
    (["query", "death-tolls", "-p", "attack=Sheik"], "candidates: attack:khan-sheikhoun-2017"),
    (["query", "attributions", "--format", "turtle"], "a SELECT query answers rows: --format "
     "table, csv, tsv or json, not turtle"),
    (["query", "attributions", "--format", "tsv", "--excel"], "--excel goes with --format csv"),
])
def test_usage_errors_are_one_line_and_exit_2(capsys, out, repo, args, message):
    code, stdout, stderr = cwkg(capsys, out, repo, *args)
    assert code == 2 and stdout == ""
    assert message in stderr and len(stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args, message", [
    (["query", "claim-provenance"], "needs --param claim="),
    (["query", "demands", "-p", "attack=Douma"], "query 'demands' has no parameter 'attack'"),
])
def test_a_parameter_missing_or_unknown_is_told_before_the_store_is_opened(
        capsys, out, repo, monkeypatch, args, message):
    """Opening the store may mean making it again (seconds at 10,000 sources): a mistake
    in the command line needs no store."""
    from cwkg.build import read

    def no_store(*args, **kwargs):
        raise AssertionError("the store was opened")

    monkeypatch.setattr(read, "open_build", no_store)
    code, stdout, stderr = cwkg(capsys, out, repo, *args)
    assert code == 2 and stdout == "" and message in stderr


def test_a_syntax_error_in_an_adhoc_query_is_a_query_error(capsys, out, repo, tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?x WHERE { ?x ?y }")
    code, _, stderr = cwkg(capsys, out, repo, "query", "--file", str(path))
    assert code == 2 and stderr.startswith("cwkg: error: SPARQL syntax error")


def test_text_that_is_no_query_is_refused(capsys, out, repo, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("# only a comment\n")
    code, stdout, stderr = cwkg(capsys, out, repo, "query", "--file", str(path))
    assert code == 2 and stdout == "" and "not a SPARQL query" in stderr


def test_show_query_prints_the_bound_text(capsys, out, repo):
    code, _, stderr = cwkg(capsys, out, repo, "query", "death-tolls", "--show-query",
                           "-p", "attack=Khan Sheikhoun massacre")
    assert code == 0
    assert f"VALUES (?attack) {{ (<{expand('attack:khan-sheikhoun-2017')}>) }}" in stderr
    assert "Khan Sheikhoun massacre" not in stderr     # the label was resolved, not pasted


SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s1 ?p1 ?o1 } GRAPH ?b { ?s2 ?p2 ?o2 } "
        "GRAPH ?c { ?s3 ?p3 ?o3 } GRAPH ?d { ?s4 ?p4 ?o4 } }")


def test_a_query_that_runs_too_long_is_stopped_by_the_command(out, repo, tmp_path):
    """The command's watchdog ends the process: run it as a user would, in its own."""
    import subprocess
    import sys
    import time
    path = tmp_path / "slow.rq"
    path.write_text(SLOW)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", "from cwkg.cli import entry; entry()",
                           "--data", str(repo / "data"), "--out", str(out), "query", "--file",
                           str(path), "--timeout", "0.5"], capture_output=True, text=True)
    assert time.monotonic() - started < 20
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == ("cwkg: error: the query ran longer than 0.5 s and was stopped; "
                           "narrow it, or raise --timeout\n")


def test_a_query_that_runs_too_long_is_stopped_in_a_library_call(store):
    """As a library, the query runs in a worker process that is killed at the timeout."""
    import time

    from cwkg.errors import QueryError
    from cwkg.query.embedded import select
    started = time.monotonic()
    with pytest.raises(QueryError, match="ran longer than 0.5 s and was stopped"):
        select(store, SLOW, timeout=0.5)
    assert time.monotonic() - started < 10
    assert len(select(store, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3",
                      timeout=10)) == 3


# ------------------------------------------------------------------- violation checks

def mutate(quads, old, new=None):
    """The quads with every quad matching ``old`` (a predicate on a quad) replaced."""
    out = []
    for q in quads:
        if old(q):
            if new is not None:
                out.append(new(q))
        else:
            out.append(q)
    return out


def iri(curie):
    return ox.NamedNode(expand(curie))


def date(text):
    return ox.Literal(text, datatype=iri("xsd:date"))


def add(quads, *extra):
    return list(quads) + [ox.Quad(*e) for e in extra]


C14 = iri("claim:wh-2024-04-04-c14")
WH = iri("src:wh-2024-04-04")
CASES = {
    "claim-outside-its-source-graph-violation": lambda qs: mutate(
        qs, lambda q: q.subject == C14, lambda q: ox.Quad(q.subject, q.predicate, q.object,
                                                          iri("src:soc-2020-04-04"))),
    "undefined-entity-violation": lambda qs: add(
        qs, (C14, iri("cwkg:about"), iri("attack:nowhere-2019"), WH)),
    "event-date-after-source-violation": lambda qs: mutate(
        qs, lambda q: q.subject == C14 and q.predicate == iri("cwkg:eventDate"),
        lambda q: ox.Quad(q.subject, q.predicate, date("2030-01-01"), q.graph_name)),
    "source-predates-attack-violation": lambda qs: mutate(
        qs, lambda q: q.subject == iri("attack:douma-2018") and q.predicate == iri(
            "sem:hasTimeStamp"),
        lambda q: ox.Quad(q.subject, q.predicate, date("2025-04-07"), q.graph_name)),
    "via-in-own-voice-violation": lambda qs: add(
        qs, (C14, iri("cwkg:via"), iri("doc:jim-report-2017-10-26"), WH)),
    # "Seven years have passed since the massacre" (4 April 2017 -> 4 April 2024) said as 8
    "anniversary-mismatch-violation": lambda qs: mutate(
        qs, lambda q: q.predicate == iri("cwkg:yearsSince") and q.graph_name == WH,
        lambda q: ox.Quad(q.subject, q.predicate, ox.Literal("8", datatype=iri("xsd:integer")),
                          q.graph_name)),
    # the plausibility warnings (severity Warning)
    "event-date-not-the-attacks-violation": lambda qs: mutate(
        qs, lambda q: q.subject == C14 and q.predicate == iri("cwkg:eventDate"),
        lambda q: ox.Quad(q.subject, q.predicate, date("2017-04-05"), q.graph_name)),
    # soc c10's "killing 100 people" read as 10,000: the others give about 100 and over 90
    "figure-far-from-other-sources-violation": lambda qs: mutate(
        qs, lambda q: q.subject == iri("claim:soc-2020-04-04-c10-f1") and q.predicate in (
            iri("cwkg:statedValue"), iri("cwkg:minValue"), iri("cwkg:maxValue")),
        lambda q: ox.Quad(q.subject, q.predicate, ox.Literal("10000", datatype=iri(
            "xsd:integer")), q.graph_name)),
    # wh c07's "over 90 lives" read as 500 children: more than every other total (100),
    # once France's open-ended "plus de 80" (twice) is left out: no total may be open-ended
    "subgroup-above-other-totals-violation": lambda qs: mutate(
        mutate(qs, lambda q: q.graph_name == iri("src:france-2017-04-26")
               and q.predicate == iri("cwkg:figure")),
        lambda q: q.subject == iri("claim:wh-2024-04-04-c07-f1") and q.predicate in (
            iri("cwkg:population"), iri("cwkg:statedValue"), iri("cwkg:minValue")),
        lambda q: ox.Quad(q.subject, q.predicate, iri("cwkg:Children")
                          if q.predicate == iri("cwkg:population") else
                          ox.Literal("500", datatype=iri("xsd:integer")), q.graph_name)),
}


def test_every_violation_check_has_a_case():
    checks = {q.id for q in load_catalogue().values() if q.is_violation}
    assert checks == set(CASES)


@pytest.mark.parametrize("check", sorted(CASES))
def test_a_broken_graph_fails_exactly_its_check(built, check):
    data, graph = built
    severity = load_catalogue()[check].severity
    findings = [f for f in run_violation_checks(Store(CASES[check](graph.quads)),
                                                graph.locations) if f.severity == severity]
    # exactly its check among the findings of its severity (a broken date may also give a
    # plausibility warning: an event date then differs from its attack's)
    assert findings and {f.shape for f in findings} == {f"query:{check}"}
    for finding in findings:
        assert "quote: \"" in finding.message
        assert finding.where.startswith("data/claims/") or finding.where.startswith("/")


def test_validate_prints_every_offending_row_with_file_line_source_and_quote(
        capsys, data_copy, tmp_path):
    # a curator mistypes Douma's date: every source is then older than the attack
    attacks = data_copy / "entities" / "attacks.yaml"
    attacks.write_text(attacks.read_text("utf-8").replace('date: "2018-04-07"',
                                                          'date: "2024-05-01"'), "utf-8")
    code = main(["--data", str(data_copy), "--out", str(tmp_path / "b"), "validate"])
    out, err = capsys.readouterr()
    assert code == 1
    lines = [ln for ln in out.splitlines() if "[query:source-predates-attack-violation]" in ln]
    # every claim about Douma: wh c01 c02 c12 c13 c15 c16, news c09 c10 c11 c13 c14 c16 c17
    assert len(lines) == 13
    c15 = next(ln for ln in lines if "claim:wh-2024-04-04-c15:" in ln)
    assert c15.startswith(f"{data_copy}/claims/wh-2024-04-04.yaml:")
    assert 'source: src:wh-2024-04-04' in c15 and 'quote: "Douma (April 7, 2018)"' in c15
    assert "violation(s)" in err


def test_validate_runs_the_checks_on_rdf_files_it_is_given(capsys, repo, tmp_path):
    """A claim restated in another source's graph breaks no shape on the union graph,
    but a check sees it."""
    minimal = repo / "tests" / "shapes" / "valid" / "minimal.trig"
    path = tmp_path / "moved.trig"
    path.write_text(minimal.read_text("utf-8") + "\nsrc:other { claim:example-c01 "
                    "prov:wasDerivedFrom src:example . }\n", "utf-8")
    assert main(["validate", str(minimal)]) == 0
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith(f"{path}: claim:example-c01: Violation: ")
    assert "graph: src:other" in out[0] and out[0].endswith(
        "[query:claim-outside-its-source-graph-violation]")
