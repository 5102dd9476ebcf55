"""What `cwkg query` prints: ASK, CONSTRUCT and DESCRIBE answers, the table fitted to a width,
CSV for Excel, a word of a label taken for its entity, and the union default graph."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest

from cwkg.cli import QUERY_FORMATS, main
from cwkg.namespaces import expand
from cwkg.query.present import ALL_FORMATS
from cwkg.query.table import display_width

from .test_command import cwkg

SKOS_PREF = expand("skos:prefLabel")


def adhoc(tmp_path, text, name="q.rq"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def test_the_command_offers_every_format_the_answers_take():
    assert set(QUERY_FORMATS) == set(ALL_FORMATS)


# ----------------------------------------------------------------------------- ASK


@pytest.mark.parametrize("pattern, word, code", [
    ("?c a cwkg:Claim ; cwkg:about attack:douma-2018", "yes", 0),
    ("?c a cwkg:Claim ; cwkg:about attack:no-such-attack", "no", 1)])
def test_ask_prints_yes_or_no_and_says_it_in_the_exit_code(capsys, out, repo, tmp_path,
                                                            pattern, word, code):
    path = adhoc(tmp_path, f"ASK {{ GRAPH ?g {{ {pattern} }} }}")
    status, stdout, stderr = cwkg(capsys, out, repo, "query", "--file", path)
    assert (status, stdout, stderr) == (code, word + "\n", "")
    status, stdout, _ = cwkg(capsys, out, repo, "query", "--file", path, "--format", "json")
    assert status == code
    assert stdout.strip() == f'{{"head": {{}}, "boolean": {"true" if code == 0 else "false"}}}'


# ---------------------------------------------------------------- CONSTRUCT / DESCRIBE

LABELS = ("CONSTRUCT { ?attack skos:prefLabel ?label } "
          "WHERE { VALUES ?attack { attack:khan-sheikhoun-2017 attack:douma-2018 "
          "attack:ghouta-2013 } "
          "GRAPH graph:reference { ?attack a cwkg:Attack ; skos:prefLabel ?label } }")
# data/entities/attacks.yaml: the seeds' three attacks, each with an English and an Arabic label
EXPECTED_LABELS = {
    ("attack:khan-sheikhoun-2017", "Khan Sheikhoun chemical attack", "en"),
    ("attack:khan-sheikhoun-2017", "هجوم خان شيخون الكيميائي", "ar"),
    ("attack:douma-2018", "Douma chemical attack", "en"),
    ("attack:douma-2018", "هجوم دوما الكيميائي", "ar"),
    ("attack:ghouta-2013", "Ghouta chemical attack", "en"),
    ("attack:ghouta-2013", "هجوم الغوطة الكيميائي", "ar")}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD}


def _labels(triples) -> set:
    assert all(t.predicate.value == SKOS_PREF for t in triples)
    return {(t.subject.value, t.object.value, t.object.language) for t in triples}


@pytest.mark.parametrize("fmt", [None, *RDF_FORMATS])
def test_construct_writes_the_graph_in_each_rdf_format(capsys, out, repo, tmp_path, fmt):
    args = ["query", "--file", adhoc(tmp_path, LABELS)] + (["--format", fmt] if fmt else [])
    code, stdout, stderr = cwkg(capsys, out, repo, *args)
    assert code == 0 and stderr.strip() == "6 triple(s)"
    triples = list(ox.parse(stdout.encode(), RDF_FORMATS[fmt or "turtle"]))
    assert _labels(triples) == {(expand(a), label, lang) for a, label, lang in EXPECTED_LABELS}
    if fmt in (None, "turtle"):
        assert stdout.startswith("@prefix skos:") and "@prefix org:" not in stdout


def test_construct_takes_parameters_in_its_where_group(capsys, out, repo, tmp_path):
    path = adhoc(tmp_path, "#+ summary: S\n#+ description: D\n#+ tags: [t]\n"
                           "#+ param: attack entity:attack attack:douma-2018\n" + LABELS)
    # "Khan": the one attack with that word in a name ("Douma" is in two since the Adra and
    # Douma attacks of 5 August 2013 joined data/)
    code, stdout, stderr = cwkg(capsys, out, repo, "query", "--file", path, "-p",
                                "attack=Khan", "--format", "ntriples")
    assert code == 0
    assert _labels(list(ox.parse(stdout.encode(), ox.RdfFormat.N_TRIPLES))) == {
        (expand(a), label, lang) for a, label, lang in EXPECTED_LABELS
        if a.endswith("khan-sheikhoun-2017")}
    assert "'Khan' taken as attack:khan-sheikhoun-2017 (Khan Sheikhoun chemical attack)" in stderr


def test_describe_gives_the_triples_about_the_node(capsys, out, repo, tmp_path, store):
    code, stdout, _ = cwkg(capsys, out, repo, "query", "--file",
                           adhoc(tmp_path, "DESCRIBE person:ned-price"), "--format", "ntriples")
    described = {q.triple for q in ox.parse(stdout.encode(), ox.RdfFormat.N_TRIPLES)}
    node = expand("person:ned-price")
    in_build = {q.triple for q in store.quads if q.subject.value == node}
    assert code == 0 and in_build and described >= in_build
    assert ox.Triple(ox.NamedNode(node), ox.NamedNode(SKOS_PREF),
                     ox.Literal("Ned Price", language="en")) in described


@pytest.mark.parametrize("text", [
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "DESCRIBE ?s FROM <http://example.org/g> WHERE { ?s ?p ?o }",
    "ASK { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"])
def test_every_query_form_is_under_the_same_safety_rules(capsys, out, repo, tmp_path, text):
    code, stdout, stderr = cwkg(capsys, out, repo, "query", "--file", adhoc(tmp_path, text))
    assert code == 2 and stdout == "" and "--allow-network" in stderr


def test_the_short_construct_form_takes_no_parameters(capsys, out, repo, tmp_path):
    path = adhoc(tmp_path, "#+ summary: S\n#+ description: D\n#+ tags: [t]\n"
                           "#+ param: s iri org:un\nCONSTRUCT WHERE { ?s ?p ?o }")
    code, _, stderr = cwkg(capsys, out, repo, "query", "--file", path, "-p", "s=org:un")
    assert code == 2 and "short form CONSTRUCT WHERE" in stderr


# ------------------------------------------------------------------------- the table


def test_a_table_fits_the_width_it_is_given_cutting_text_not_ids(capsys, out, repo):
    # 170: the widest speaker ids of data/ (org:cw-civil-society-conference-2025...) need it
    code, stdout, stderr = cwkg(capsys, out, repo, "query", "quote-search", "-p", "text=SARIN",
                                "--width", "170")
    lines = stdout.splitlines()
    assert code == 0 and all(display_width(line) <= 170 for line in lines)
    assert lines[0].split() == ["kind", "speaker", "speakerId", "source", "date", "claim",
                                "quote"]
    assert "…" in stdout and "value(s) cut to fit 170 columns" in stderr
    for whole in ("src:news-2021-04-04-author", "claim:news-2021-04-04-c04", "2021-04-04"):
        assert whole in stdout                      # ids and short values are not cut


def test_too_many_columns_for_the_width_give_one_block_per_row(capsys, out, repo):
    code, stdout, stderr = cwkg(capsys, out, repo, "query", "attributions", "-p",
                                "attack=attack:douma-2018", "--width", "100")
    lines = stdout.splitlines()
    assert code == 0 and all(display_width(line) <= 100 for line in lines)
    assert lines[0] == "-[ row 1 ]" + "-" * 90
    assert "attackId       attack:douma-2018" in lines
    assert "one block per row" in stderr and "4 row(s)" in stderr


def test_width_0_and_a_pipe_never_cut(capsys, out, repo):
    code, stdout, stderr = cwkg(capsys, out, repo, "query", "death-tolls", "--width", "0")
    assert code == 0 and "…" not in stdout and "cut" not in stderr
    assert max(display_width(line) for line in stdout.splitlines()) > 200


# ----------------------------------------------------------------------------- CSV


def test_csv_for_excel_starts_with_a_byte_order_mark_and_keeps_arabic(capsys, out, repo):
    args = ["query", "names-and-aliases", "-p", "entity=attack:douma-2018", "--format", "csv"]
    code = main(["--data", str(repo / "data"), "--out", str(out), *args, "--excel"])
    raw = capsys.readouterr().out
    assert code == 0 and raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"))))
    assert rows[0] == ["entity", "entityId", "kind", "language", "name"]
    assert ["ar", "هجوم دوما الكيميائي"] in [row[3:] for row in rows[1:]]
    plain, stdout, _ = cwkg(capsys, out, repo, *args)
    assert not stdout.startswith("\ufeff") and stdout == raw.removeprefix("\ufeff")


def test_the_excel_bytes_are_a_bom_and_utf8(out, repo):
    """The bytes Excel reads: EF BB BF, then UTF-8 (not UTF-16, not a code page)."""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "cwkg.cli", "--data", str(repo / "data"),
                           "--out", str(out), "query", "names-and-aliases", "-p",
                           "entity=attack:douma-2018", "--format", "csv", "--excel"],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\xef\xbb\xbf") and \
        "هجوم دوما الكيميائي".encode() in done.stdout


# ------------------------------------------------------------ a word for its entity


def test_a_word_of_one_entitys_label_is_taken_for_it_and_said(capsys, out, repo):
    by_word = cwkg(capsys, out, repo, "query", "death-tolls", "-p", "attack=sheikhoun",
                   "--format", "tsv")
    by_id = cwkg(capsys, out, repo, "query", "death-tolls", "-p",
                 "attack=attack:khan-sheikhoun-2017", "--format", "tsv")
    assert by_word[0] == 0 and by_word[1] == by_id[1]
    assert by_word[2].splitlines()[0] == (
        "parameter 'attack': 'sheikhoun' taken as attack:khan-sheikhoun-2017 (Khan Sheikhoun "
        "chemical attack), the only entity (attack:) with that word in a name")
    assert "taken as" not in by_id[2]


def test_a_word_of_an_arabic_label_works_too(capsys, out, repo):
    code, _, stderr = cwkg(capsys, out, repo, "query", "death-tolls", "-p", "attack=دوما",
                           "--format", "tsv")
    assert code == 0 and "taken as attack:douma-2018" in stderr


def test_a_word_must_be_whole(capsys, out, repo):
    code, _, stderr = cwkg(capsys, out, repo, "query", "death-tolls", "-p", "attack=Dou")
    assert code == 2 and "no entity (attack:) is named 'Dou'" in stderr


# --------------------------------------------------------------- the default graph


def test_a_query_without_graph_reads_every_graph(capsys, out, repo, tmp_path, store):
    """As `cwkg serve` does (tests/servers/test_same_answers.py compares the two)."""
    path = adhoc(tmp_path, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    code, stdout, _ = cwkg(capsys, out, repo, "query", "--file", path, "--format", "tsv")
    assert code == 0
    assert stdout.splitlines()[1] == \
        f'"{len({q.triple for q in store.quads})}"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_from_still_chooses_the_dataset(capsys, out, repo, tmp_path, store):
    path = adhoc(tmp_path, "SELECT (COUNT(*) AS ?n) FROM graph:reference WHERE { ?s ?p ?o }")
    code, stdout, _ = cwkg(capsys, out, repo, "query", "--file", path, "--format", "tsv")
    reference = expand("graph:reference")
    assert code == 0 and int(stdout.splitlines()[1].split('"')[1]) == \
        sum(1 for q in store.quads if q.graph_name.value == reference)
