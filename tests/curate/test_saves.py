"""The curation layer end to end on a copy of data/: review a drafted source, accept,
reject, edit, make a claim from a selection, accept all that can be; every save checked
and versioned; afterwards cwkg build and validate pass with the claims in the graph."""

from __future__ import annotations

import threading

import pytest
import yaml

from cwkg.build.memory import in_memory
from cwkg.cli import main
from cwkg.curate.decisions import accept_all, accept_claims, reject_claims
from cwkg.curate.edits import claim_from_selection, edit_claim
from cwkg.curate.files import Conflict
from cwkg.curate.review import open_source
from cwkg.curate.saving import Refused
from cwkg.load.data import load_data

from ..ingest.test_add import REPORT
from .conftest import snapshot

SOURCE = "test-report"


def claims(data, source=SOURCE) -> list[dict]:
    return yaml.safe_load((data / "claims" / f"{source}.yaml").read_text("utf-8"))["claims"]


def test_the_review_shows_each_proposal_with_its_span_and_what_it_lacks(drafted):
    path = drafted / "claims" / f"{SOURCE}.yaml"
    first = claims(drafted)[0]["id"]
    text = path.read_text("utf-8")
    block = text.index(f"- id: {first}")
    about = text.index("about:", block)
    path.write_text(text[:about] + "about: []" + text[text.index("\n", about):], "utf-8")
    review = open_source(drafted, SOURCE)
    assert review.text == REPORT and len(review.version) == 64
    assert review.proposals and all(c.status == "proposed" for c in review.cards)
    for card in review.cards:
        start, end = card.span
        assert REPORT[start:end] == card.fields["quote"]
    spoiled = next(c for c in review.cards if c.id == first)
    assert not spoiled.acceptable
    assert [(f.severity, f.field) for f in spoiled.findings] == [("cannot-accept", "about")]
    assert all(c.acceptable for c in review.cards if c.id != first)
    seed = open_source(drafted, "wh-2024-04-04")
    assert all(c.status == "accepted" and not c.findings for c in seed.cards)
    built = {c.id.rsplit("-", 1)[1]: (c.anchor.start, c.anchor.end)
             for c in load_data(drafted).claims_of("src:wh-2024-04-04")}
    assert {c.id: c.span for c in seed.cards} == built


def test_accept_edit_reject_then_build_and_validate_pass(drafted, capsys):
    review = open_source(drafted, SOURCE)
    ids = [c.id for c in review.cards]
    figure = next(c for c in review.cards if c.fields["kind"] == "casualty-figure")
    others = [i for i in ids if i != figure.id]
    saved = accept_claims(drafted, SOURCE, [others[0]], review.version)
    assert saved.changed == [others[0]] and saved.version != review.version
    edited = dict(figure.fields["figures"][0], value=71)
    saved = edit_claim(drafted, SOURCE, figure.id, {"figures": [edited]}, saved.version)
    saved = accept_claims(drafted, SOURCE, [figure.id], saved.version)
    saved = reject_claims(drafted, SOURCE, [others[1]], saved.version)
    assert saved.changed == [others[1]]
    after = {c["id"]: c for c in claims(drafted)}
    assert others[1] not in after and "status" not in after[others[0]]
    assert after[figure.id]["figures"][0]["value"] == 71 and "status" not in after[figure.id]
    assert main(["--data", str(drafted), "validate"]) == 0
    graph = {q.subject.value for q in in_memory(drafted).quads}
    assert {f"https://w3id.org/cwkg/claim/{SOURCE}-{i}" for i in (others[0], figure.id)} \
        <= graph


def test_accept_all_takes_what_it_can_and_names_each_one_left(drafted):
    path = drafted / "claims" / f"{SOURCE}.yaml"
    first = claims(drafted)[0]["id"]
    text = path.read_text("utf-8")
    about = text.index("about:", text.index(f"- id: {first}"))
    path.write_text(text[:about] + "about: []" + text[text.index("\n", about):], "utf-8")
    review = open_source(drafted, SOURCE)
    saved = accept_all(drafted, SOURCE, review.version)
    assert list(saved.left) == [first] and "about" in saved.left[first]
    assert sorted(saved.changed) == sorted(c.id for c in review.cards if c.id != first)
    assert any(f.claim == first and f.severity == "cannot-accept" for f in saved.findings)


def test_a_file_changed_on_disk_is_a_conflict_and_nothing_is_written(drafted):
    review = open_source(drafted, SOURCE)
    path = drafted / "claims" / f"{SOURCE}.yaml"
    theirs = path.read_text("utf-8") + "# a note another editor saved\n"
    path.write_text(theirs, "utf-8")
    before = snapshot(drafted)
    card = review.cards[0]
    attempts = [lambda: edit_claim(drafted, SOURCE, card.id, {"kind": "event"}, review.version),
                lambda: accept_claims(drafted, SOURCE, [card.id], review.version),
                lambda: reject_claims(drafted, SOURCE, [card.id], review.version),
                lambda: accept_all(drafted, SOURCE, review.version),
                lambda: claim_from_selection(drafted, SOURCE, 0, 10, {}, review.version)]
    for attempt in attempts:
        with pytest.raises(Conflict) as caught:
            attempt()
        assert caught.value.expected == review.version
        assert caught.value.current == open_source(drafted, SOURCE).version
        assert caught.value.current_text == theirs
        assert "nothing was written" in str(caught.value)
        assert snapshot(drafted) == before


def test_two_saves_from_the_same_page_one_wins_the_other_conflicts(drafted):
    review = open_source(drafted, SOURCE)
    a, b = review.cards[0].id, review.cards[1].id
    outcomes = []

    def save(claim):
        try:
            outcomes.append(reject_claims(drafted, SOURCE, [claim], review.version))
        except Conflict as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=save, args=(c,)) for c in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "Saved"]
    left = {c["id"] for c in claims(drafted)}
    assert len({a, b} - left) == 1  # exactly one of the two was rejected


def test_a_claim_from_a_selection_gets_its_quote_and_occurrence(drafted):
    review = open_source(drafted, SOURCE)
    words = "Khan Sheikhoun"
    start = REPORT.index(words)
    saved = claim_from_selection(drafted, SOURCE, start - 1, start + len(words) + 1,
                                 {"kind": "event", "about": ["attack:khan-sheikhoun-2017"],
                                  "place": "place:khan-sheikhoun"}, review.version)
    (new,) = saved.changed
    made = next(c for c in claims(drafted) if c["id"] == new)
    assert made == {"id": new, "status": "proposed", "kind": "event", "stated_by": "author",
                    "about": ["attack:khan-sheikhoun-2017"], "quote": words,
                    "place": "place:khan-sheikhoun"}
    card = next(c for c in open_source(drafted, SOURCE).cards if c.id == new)
    assert card.span == (start, start + len(words)) and card.acceptable
    # a word that occurs twice: the selection says which
    twice = "the"
    second = REPORT.index(twice, REPORT.index(twice) + 1)
    saved = claim_from_selection(drafted, SOURCE, second, second + len(twice),
                                 {"kind": "characterisation", "about": "org:assad-regime"},
                                 saved.version)
    made = next(c for c in claims(drafted) if c["id"] == saved.changed[0])
    assert made["occurrence"] == 2 and made["about"] == "org:assad-regime"


def test_an_accepted_claim_that_would_break_the_build_is_refused(data_copy):
    before = snapshot(data_copy)
    review = open_source(data_copy, "wh-2024-04-04")
    with pytest.raises(Refused) as caught:
        edit_claim(data_copy, "wh-2024-04-04", "c05", {"kind": "event"}, review.version)
    (finding,) = caught.value.findings
    assert finding.claim == "c05" and "event" in finding.message
    with pytest.raises(Refused) as caught:
        edit_claim(data_copy, "wh-2024-04-04", "c07", {"about": "attack:no-such-attack"},
                   review.version)
    assert [(f.claim, f.field) for f in caught.value.findings] == [("c07", "about")]
    # c05's identification names the attack its 'about' held: it must go with it
    with pytest.raises(Refused) as caught:
        edit_claim(data_copy, "wh-2024-04-04", "c05", {"about": "attack:douma-2018"},
                   review.version)
    # on the identification's row (the first), where the form shows it
    assert [(f.claim, f.field) for f in caught.value.findings] == [("c05", "identifications.0")]
    assert snapshot(data_copy) == before


def test_validation_findings_come_back_on_their_claim(data_copy):
    review = open_source(data_copy, "wh-2024-04-04")
    saved = edit_claim(data_copy, "wh-2024-04-04", "c05",
                       {"via": "doc:jim-report-2017-10-26"}, review.version)
    own_voice = [f for f in saved.findings if f.claim == "c05"]
    assert own_voice and own_voice[0].severity == "Violation"
    assert main(["--data", str(data_copy), "validate"]) == 1  # the same finding


def test_a_source_kept_outside_the_repository_gets_its_anchor_rewritten(data_copy, tmp_path):
    from cwkg.curate.documents import add_from_form
    texts = [tmp_path / "texts"]
    added = add_from_form(data_copy, REPORT, "report.txt",
                          {"date": "2017-04-05", "language": "en", "id": "outside"},
                          external_text=True, texts=texts)
    assert not (data_copy / "sources" / "outside.txt").exists()
    assert (tmp_path / "texts" / "outside.txt").read_text("utf-8") == REPORT
    saved = accept_all(data_copy, "outside", added.version, texts=texts)
    first = saved.changed[0]
    stored = next(c for c in claims(data_copy, "outside") if c["id"] == first)["anchor"]
    words = "sarin attack on Khan Sheikhoun"
    saved = edit_claim(data_copy, "outside", first, {"quote": words}, saved.version,
                       texts=texts)
    anchor = next(c for c in claims(data_copy, "outside") if c["id"] == first)["anchor"]
    assert anchor != stored and REPORT[anchor["start"]:anchor["end"]] == words
    assert main(["--data", str(data_copy), "--texts", str(texts[0]), "validate"]) == 0


def test_anniversaries_periods_and_identifications_are_checked_as_the_loader_checks_them(
        data_copy):
    source = "news-2021-04-04"
    review = open_source(data_copy, source)
    before = snapshot(data_copy)
    wrong = {"period": {"start": "2022"},  # after the source's own date
             "anniversary": 0,
             "identifications": [{"field": "about", "id": "attack:ghouta-2013",
                                  "identified_by": "curator", "reason": "not held"}]}
    for key, value in wrong.items():
        with pytest.raises(Refused) as caught:
            edit_claim(data_copy, source, "c05", {key: value}, review.version)
        field = "identifications.0" if key == "identifications" else key  # its row
        assert [(f.claim, f.field, f.severity) for f in caught.value.findings] == \
            [("c05", field, "error")], caught.value.findings
    assert snapshot(data_copy) == before
    # an identification the file holds: cwkg validate reports it as Info, beside the link
    saved = edit_claim(data_copy, source, "c05", {"kind": "demand"}, review.version)
    info = [f for f in saved.findings if f.claim == "c05" and f.severity == "Info"]
    assert [(f.field, "curator's identification" in f.message) for f in info] == \
        [("about", True)], saved.findings
