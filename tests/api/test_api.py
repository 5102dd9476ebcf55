"""The notebook API (cwkg.open): the same graph from a build or a data folder, rows with
labels, filters, quotes that are the source text's own characters, and a light import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cwkg
from cwkg.errors import UsageError


@pytest.fixture(scope="module")
def kg(repo):
    return cwkg.open(repo / "data")


@pytest.fixture(scope="module")
def built_kg(repo, tmp_path_factory):
    from cwkg.build.write import build
    out = tmp_path_factory.mktemp("build")
    build(repo / "data", out)
    return cwkg.open(out)


def test_a_build_and_its_data_folder_give_the_same_graph(kg, built_kg):
    assert len(kg.store) == len(built_kg.store) > 1000
    assert kg.query("demands").records == built_kg.query("demands").records
    assert kg.locations == built_kg.locations


def test_a_folder_that_is_neither_is_refused(tmp_path):
    with pytest.raises(UsageError, match="neither a build folder"):
        cwkg.open(tmp_path)


def test_import_cwkg_stays_light():
    code = ("import sys, cwkg; print(sorted(m for m in ('rdflib', 'pyoxigraph', 'pyshacl', "
            "'cwkg.api', 'cwkg.query') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_rows_put_the_label_beside_the_id(kg):
    rows = kg.query("attributions", attack="attack:douma-2018")
    assert {"speaker", "speakerId"} <= set(rows.columns)
    assert rows.columns.index("speakerId") == rows.columns.index("speaker") + 1
    speakers = {(r["speaker"], r["speakerId"]) for r in rows}
    assert ("Ned Price", "person:ned-price") in speakers
    assert list(rows[0]) == rows.columns  # each record's keys in the columns' order


def test_claims_filters(kg, repo):
    every = kg.claims()
    # the claims files hold 209 accepted claims: the seeds' 75 and the real documents' 134
    # (those of the 9 sources that state no date included)
    assert len(every) == 209
    assert sum(1 for r in every if r["date"] is None) == 67
    assert {r["kind"] for r in every} == {
        "casualty-figure", "attribution", "investigation-finding", "demand",
        "instrument-citation", "event", "commemoration", "characterisation"}
    by_source = kg.claims(source="src:wh-2024-04-04")
    in_file = (repo / "data/claims/wh-2024-04-04.yaml").read_text("utf-8").count("  - id: c")
    assert len(by_source) == in_file and {r["source"] for r in by_source} == {"src:wh-2024-04-04"}
    assert kg.claims(source="wh-2024-04-04").records == by_source.records
    price = kg.claims(stated_by="Ned Price")
    assert price and {r["speakerId"] for r in price} == {"person:ned-price"}
    with pytest.raises(UsageError, match="no claim kind 'toll'; kinds: casualty-figure"):
        kg.claims(kind="toll")
    with pytest.raises(UsageError, match="no entity"):
        kg.claims(about="Atlantis")


def test_every_quote_is_the_source_texts_own_characters(kg, repo):
    texts, kept_outside = {}, 0
    for row in kg.claims():
        quote = kg.quote(row)
        name = quote.source.split(":", 1)[1]
        path = repo / "data" / "sources" / f"{name}.txt"
        if not path.exists():  # kept outside the repository: the graph keeps the anchor only
            kept_outside += 1
            assert quote.exact == row["quote"]
            assert (quote.before, quote.after) == (quote.prefix, quote.suffix)
            path = repo / "archive" / f"{name}.txt"  # git-ignored: absent from a fresh clone
            if not path.exists():
                continue
        text = texts.setdefault(name, path.read_text("utf-8"))
        assert text[quote.start:quote.end] == quote.exact == row["quote"]
        if path.parent.name == "sources":  # the graph holds the text: 80 characters around
            assert quote.before == text[max(0, quote.start - 80):quote.start]
            assert quote.after == text[quote.end:quote.end + 80]
        assert text[:quote.start].endswith(quote.prefix)
        assert text[quote.end:].startswith(quote.suffix)
    assert kept_outside == 134


def test_entity_by_any_name(kg):
    for name in ("org:soc", "SOC", "syrian opposition coalition",
                 "الائتلاف الوطني لقوى الثورة والمعارضة السورية"):
        assert kg.entity(name).id == "org:soc"
    assert kg.entity("Khan Sheikhoun").id == "place:khan-sheikhoun"
    with pytest.raises(UsageError, match="no entity is named 'Atlantis'"):
        kg.entity("Atlantis")


def test_to_pandas_without_pandas_says_what_to_install(kg, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(UsageError, match=r"pip install 'cwkg\[notebook\]'"):
        kg.query("demands").to_pandas()


def test_sparql_keeps_the_safety_rules(kg):
    from cwkg.errors import QueryError
    with pytest.raises((QueryError, UsageError)):
        kg.sparql("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
