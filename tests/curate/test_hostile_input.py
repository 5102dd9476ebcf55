"""Hostile input through the curation layer: HTML and script in every text field, a 10 MB
paste, a quote that is not in the text, a date that does not exist, a path where an id
goes, a request for a file outside data/. Each is refused with a finding that names the
field, and nothing is written."""

from __future__ import annotations

import os

import pytest

from cwkg.curate.decisions import accept_all, accept_claims, reject_claims
from cwkg.curate.documents import FORM_FIELDS, add_from_form
from cwkg.curate.edits import KEY_ORDER, NOT_EDITABLE, claim_from_selection, edit_claim
from cwkg.curate.files import claims_path
from cwkg.curate.review import open_source
from cwkg.curate.saving import Refused
from cwkg.errors import UsageError

from ..ingest.test_add import REPORT
from .conftest import snapshot

SOURCE = "test-report"
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
TEN_MB = "x" * (10 * 1024 * 1024)
PATHS = ["../../etc/passwd", "/etc/passwd", "src:../../etc/passwd", "..", "claims/../x",
         "wh-2024-04-04/../../../etc/passwd", "%2e%2e%2fetc%2fpasswd", "wh-2024-04-04\x00"]
# every field a curator edits, with a value of its shape that carries the payload
CLAIM_FIELDS = [k for k in KEY_ORDER if k not in NOT_EDITABLE]


def payload_for(field: str, text: str):
    if field == "figures":
        return [{"counts": "killed", "group": text, "qualifier": "exactly", "value": 1}]
    if field == "occurrence":
        return text
    return [text] if field in ("about", "perpetrators", "mechanisms", "addressees",
                               "accused", "instruments") else text


def refused(attempt, data) -> list:
    before = snapshot(data)
    with pytest.raises(Refused) as caught:
        attempt()
    assert snapshot(data) == before, "a refused save wrote something"
    assert caught.value.findings and "nothing was written" in str(caught.value)
    return caught.value.findings


@pytest.mark.parametrize("payload", [SCRIPT, ATTRIBUTE], ids=["script", "attribute"])
@pytest.mark.parametrize("field", CLAIM_FIELDS)
def test_markup_in_any_claim_field_is_refused_on_that_field(drafted, field, payload):
    review = open_source(drafted, SOURCE)
    card = review.cards[0]
    found = refused(lambda: edit_claim(drafted, SOURCE, card.id,
                                       {field: payload_for(field, payload)}, review.version),
                    drafted)
    assert {f.field.split(".")[0] for f in found} == {field}
    assert all(f.claim == card.id for f in found)


@pytest.mark.parametrize("field", [f for f in CLAIM_FIELDS
                                   if f not in ("quote", "occurrence")])
def test_markup_in_a_new_claims_fields_is_refused(drafted, field):
    review = open_source(drafted, SOURCE)
    found = refused(lambda: claim_from_selection(
        drafted, SOURCE, 0, 20, {field: payload_for(field, SCRIPT)}, review.version), drafted)
    assert {f.field.split(".")[0] for f in found} == {field}


@pytest.mark.parametrize("field", ["quote", "occurrence"])
def test_a_new_claims_quote_comes_from_the_selection_only(drafted, field):
    review = open_source(drafted, SOURCE)
    found = refused(lambda: claim_from_selection(
        drafted, SOURCE, 0, 20, {field: payload_for(field, "1")}, review.version), drafted)
    assert [f.field for f in found] == [field] and "from the text" in found[0].message


@pytest.mark.parametrize("field", FORM_FIELDS)
def test_markup_in_any_form_field_is_refused_on_that_field(data_copy, field):
    form = {"date": "2017-04-05", "language": "en", field: SCRIPT}
    found = refused(lambda: add_from_form(data_copy, REPORT, None, form), data_copy)
    assert [f.field for f in found] == [field]


def test_markup_in_a_document_or_its_file_name_is_refused(data_copy):
    form = {"date": "2017-04-05", "language": "en"}
    found = refused(lambda: add_from_form(data_copy, REPORT + SCRIPT, None, form), data_copy)
    assert [f.field for f in found] == ["text"] and "HTML" in found[0].message
    found = refused(lambda: add_from_form(data_copy, REPORT, ATTRIBUTE + ".txt", form),
                    data_copy)
    assert [f.field for f in found] == ["file"]


def test_a_ten_megabyte_paste_is_refused(drafted):
    found = refused(lambda: add_from_form(drafted, TEN_MB, None,
                                          {"date": "2017-04-05", "language": "en"}), drafted)
    assert [f.field for f in found] == ["text"] and "10.0 MiB" in found[0].message
    review = open_source(drafted, SOURCE)
    for field in ("quote", "kind", "about"):
        found = refused(lambda: edit_claim(drafted, SOURCE, review.cards[0].id,
                                           {field: payload_for(field, TEN_MB)},
                                           review.version), drafted)
        assert found[0].field.split(".")[0] == field and "characters long" in found[0].message


def test_a_quote_not_in_the_text_is_refused_with_where_it_stops_matching(drafted):
    review = open_source(drafted, SOURCE)
    card = review.cards[0]
    found = refused(lambda: edit_claim(drafted, SOURCE, card.id,
                                       {"quote": card.fields["quote"] + " and more"},
                                       review.version), drafted)
    assert [f.field for f in found] == ["quote"]
    assert "does not occur in the text" in found[0].message


def test_a_date_that_does_not_exist_is_refused(drafted):
    review = open_source(drafted, SOURCE)
    found = refused(lambda: edit_claim(drafted, SOURCE, review.cards[0].id,
                                       {"event_date": "2017-02-30"}, review.version), drafted)
    assert [f.field for f in found] == ["event_date"] and "not a real date" in found[0].message
    found = refused(lambda: add_from_form(drafted, REPORT + "2", None,
                                          {"date": "2017-02-30", "language": "en"}), drafted)
    assert [f.field for f in found] == ["date"]


@pytest.mark.parametrize("path", PATHS)
def test_a_path_where_an_id_goes_is_refused(drafted, path):
    review = open_source(drafted, SOURCE)
    card = review.cards[0]
    before = snapshot(drafted)
    for attempt in (lambda: open_source(drafted, path),
                    lambda: edit_claim(drafted, path, card.id, {"kind": "event"}, None),
                    lambda: accept_claims(drafted, path, [card.id], None),
                    lambda: reject_claims(drafted, path, [card.id], None),
                    lambda: accept_all(drafted, path, None),
                    lambda: claim_from_selection(drafted, path, 0, 5, {}, None)):
        with pytest.raises(UsageError, match="not a source id"):
            attempt()
    for attempt in (lambda: edit_claim(drafted, SOURCE, path, {"kind": "event"},
                                       review.version),
                    lambda: edit_claim(drafted, SOURCE, card.id, {"about": [path]},
                                       review.version),
                    lambda: edit_claim(drafted, SOURCE, card.id, {path: "x"}, review.version),
                    lambda: add_from_form(drafted, REPORT + "3", None,
                                          {"date": "2017-04-05", "language": "en",
                                           "id": path}),
                    lambda: add_from_form(drafted, REPORT + "4", path,
                                          {"date": "2017-04-05", "language": "en"})):
        with pytest.raises((Refused, UsageError)):
            attempt()
    with pytest.raises((Refused, UsageError)):
        reject_claims(drafted, SOURCE, [path], review.version)
    assert snapshot(drafted) == before


def test_a_claims_file_that_leads_outside_data_is_refused(drafted, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("source: src:evil\nclaims: []\n", "utf-8")
    os.symlink(outside, drafted / "claims" / "evil.yaml")
    with pytest.raises(UsageError, match="outside the data folder"):
        claims_path(drafted, "src:evil")
    with pytest.raises(UsageError, match="outside the data folder"):
        edit_claim(drafted, "evil", "c01", {"kind": "event"}, None)
    assert outside.read_text("utf-8") == "source: src:evil\nclaims: []\n"


def test_a_selection_outside_the_text_is_refused(drafted):
    review = open_source(drafted, SOURCE)
    for start, end in ((-1, 5), (5, 5), (10, 5), (0, len(REPORT) + 1), ("0", "5"),
                       (0.5, 3), (True, 4)):
        found = refused(lambda: claim_from_selection(drafted, SOURCE, start, end, {},
                                                     review.version), drafted)
        assert [f.field for f in found] == ["quote"]
    blank = REPORT.index("\n\n")
    found = refused(lambda: claim_from_selection(drafted, SOURCE, blank, blank + 2, {},
                                                 review.version), drafted)
    assert "no words" in found[0].message
