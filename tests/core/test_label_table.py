"""The label file kept beside each store generation holds what the store answers, follows
every build, is what ``cwkg query`` reads names from, and is passed over when damaged."""

from __future__ import annotations

import json

import pytest

from cwkg.build.label_table import FORMAT, LABELS_FILE, QUERIES, label_rows, read_label_table
from cwkg.build.read import open_build
from cwkg.build.write import build
from cwkg.query.embedded import EmbeddedBackend
from cwkg.query.resolve import Resolver

ASSAD = "https://w3id.org/cwkg/org/assad-regime"


def _resolver(out) -> Resolver:
    return Resolver(EmbeddedBackend(open_build(out)))  # a new Store: nothing shared


@pytest.fixture()
def out(data_copy, tmp_path):
    folder = tmp_path / "b"
    build(data_copy, folder)
    return folder


@pytest.mark.parametrize("kind", sorted(QUERIES))
def test_the_label_file_holds_what_the_store_answers(out, kind):
    store = open_build(out)
    kept = read_label_table(store.label_table, kind)
    assert kept == label_rows(store.oxigraph.query(QUERIES[kind]))
    assert len(kept) > 50 and any(language == "ar" for _, _, language in kept)


def test_an_edited_alias_reaches_the_label_file(data_copy, out):
    agents = data_copy / "entities" / "agents.yaml"
    agents.write_text(agents.read_text("utf-8").replace(
        "en: [Syrian regime, regime forces,", "en: [Syrian regime, Damascus authorities, "
        "regime forces,"), "utf-8")
    assert _resolver(out).named("damascus authorities") == []
    build(data_copy, out)
    assert _resolver(out).named("damascus authorities") == [ASSAD]
    store = open_build(out)
    assert read_label_table(store.label_table, "labels") == \
        label_rows(store.oxigraph.query(QUERIES["labels"]))


def test_names_are_read_from_the_label_file(out):
    """A name only the file has (written here) is found: the file, not the store, was read."""
    path = open_build(out).label_table
    table = json.loads(path.read_bytes())
    table["labels"].append([ASSAD, "Only In The File", "en"])
    path.write_text(json.dumps(table), "utf-8")
    assert _resolver(out).named("only in the file") == [ASSAD]


@pytest.mark.parametrize("damage", [
    "not json", "", '{"format": "cwkg-labels 0", "labels": [], "preferred": []}',
    '{"format": "%s"}', '{"format": "%s", "labels": {}, "preferred": {}}',
    '{"format": "%s", "labels": [["https://w3id.org/cwkg/org/un", null, "en"]], '
    '"preferred": []}',
    '{"format": "%s", "labels": [["https://w3id.org/cwkg/org/un", "UN"]], "preferred": []}'])
def test_a_damaged_label_file_is_passed_over(out, damage):
    """Not JSON, another format (or the same number with other queries), rows missing or
    of the wrong shape or types: the store is asked, and answers as the file would."""
    whole = _resolver(out).labels()
    (open_build(out).label_table).write_text(damage.replace("%s", FORMAT), "utf-8")
    assert _resolver(out).labels() == whole and _resolver(out).named("syrian regime") == [ASSAD]


def test_a_store_without_a_label_file_asks_the_store(out):
    whole = _resolver(out).labels()
    (open_build(out).label_table).unlink()
    assert _resolver(out).labels() == whole
    assert (out / "store" / LABELS_FILE).exists() is False
