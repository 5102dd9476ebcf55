"""A new entity from a name in the text: proposed beside the source's claims, out of the
graph, until a claim that names it is accepted (in the browser or with ``cwkg accept``),
which moves its lines into data/entities in the same write."""

from __future__ import annotations

import pytest
import yaml

from cwkg.build.memory import in_memory
from cwkg.cli import main
from cwkg.curate.decisions import accept_all, accept_claims
from cwkg.curate.edits import edit_claim
from cwkg.curate.entities import create_entity
from cwkg.curate.review import open_source
from cwkg.curate.saving import Refused

from .conftest import snapshot

SOURCE = "test-report"
ORG = "org:syrian-opposition-groups"


def claims_file(data) -> dict:
    return yaml.safe_load((data / "claims" / f"{SOURCE}.yaml").read_text("utf-8"))


def attribution(data) -> str:
    return next(c["id"] for c in claims_file(data)["claims"] if c["kind"] == "attribution")


def said_by_a_new_entity(data):
    """The attribution of the drafted source, now stated by a new (proposed) organisation:
    (its claim id, the last save)."""
    review = open_source(data, SOURCE)
    saved = create_entity(data, SOURCE, review.version, "organisation",
                          "Syrian opposition groups", None, "Opposition groups")
    claim = attribution(data)
    return claim, edit_claim(data, SOURCE, claim, {"stated_by": ORG, "speech": "reported"},
                             saved.version)


def test_a_new_entity_is_proposed_beside_the_claims_and_stays_out_of_the_graph(drafted):
    agents = (drafted / "entities" / "agents.yaml").read_bytes()
    review = open_source(drafted, SOURCE)
    saved = create_entity(drafted, SOURCE, review.version, "organisation",
                          "Syrian opposition groups", "فصائل المعارضة السورية",
                          "Opposition groups")
    assert saved.changed == [ORG] and not saved.findings
    assert claims_file(drafted)["proposed_entities"] == [{
        "id": ORG, "type": "organisation",
        "label": {"en": "Syrian opposition groups", "ar": "فصائل المعارضة السورية"},
        "aliases": {"en": ["Opposition groups"]}}]
    assert (drafted / "entities" / "agents.yaml").read_bytes() == agents
    assert main(["--data", str(drafted), "validate"]) == 0
    assert f"https://w3id.org/cwkg/{ORG.replace(':', '/')}" not in \
        {q.subject.value for q in in_memory(drafted).quads}
    # the pickers find it by its names, in English and Arabic
    assert open_source(drafted, SOURCE).proposed_entities[0]["id"] == ORG


def test_accepting_a_claim_that_names_it_moves_it_into_data_entities(drafted):
    claim, saved = said_by_a_new_entity(drafted)
    agents_before = (drafted / "entities" / "agents.yaml").read_text("utf-8")
    saved = accept_claims(drafted, SOURCE, [claim], saved.version)
    assert saved.changed == [claim, ORG]
    assert "proposed_entities" not in claims_file(drafted)
    agents = (drafted / "entities" / "agents.yaml").read_text("utf-8")
    assert agents.startswith(agents_before.rstrip("\n") + "\n\n- id: " + ORG + "\n")
    moved = yaml.safe_load(agents)[-1]
    assert (moved["id"], moved["aliases"], moved["sources"]) == \
        (ORG, {"en": ["Opposition groups"]}, [f"src:{SOURCE}"])
    assert main(["--data", str(drafted), "validate"]) == 0
    subjects = {q.subject.value for q in in_memory(drafted).quads}
    assert "https://w3id.org/cwkg/org/syrian-opposition-groups" in subjects


def test_cwkg_accept_moves_it_too_and_says_so(drafted, capsys):
    review = open_source(drafted, SOURCE)
    saved = create_entity(drafted, SOURCE, review.version, "organisation",
                          "Syrian opposition groups", None, "Opposition groups")
    claim = attribution(drafted)
    edit_claim(drafted, SOURCE, claim, {"perpetrators": [ORG]}, saved.version)
    assert main(["--data", str(drafted), "accept", SOURCE, claim]) == 0
    assert f"accepted 1 proposed entity into data/entities: {ORG}" in capsys.readouterr().err
    assert ORG in (drafted / "entities" / "agents.yaml").read_text("utf-8")
    assert main(["--data", str(drafted), "build"]) == 0


def test_an_attack_without_its_weapon_says_why_and_holds_back_its_claims(drafted):
    review = open_source(drafted, SOURCE)
    saved = create_entity(drafted, SOURCE, review.version, "attack", "Test attack", None,
                          None, None, {"date": "2017-04-03", "place": "place:khan-sheikhoun"})
    (finding,) = saved.findings
    assert finding.severity == "cannot-accept" and "weapon" in finding.message
    claim = attribution(drafted)
    saved = edit_claim(drafted, SOURCE, claim, {"about": ["attack:test-attack"]},
                       saved.version)
    before = snapshot(drafted)
    with pytest.raises(Refused) as caught:
        accept_claims(drafted, SOURCE, [claim], saved.version)
    assert "missing the required field 'weapon'" in caught.value.findings[0].message
    assert snapshot(drafted) == before
    saved = accept_all(drafted, SOURCE, saved.version)
    assert claim in saved.left and claim not in saved.changed


@pytest.mark.parametrize("field, values, message", [
    ("label_en", {"label_en": "<b>x</b>"}, "HTML markup"),
    ("label_en", {"label_en": "  "}, "English label is required"),
    ("type", {"type": "document"}, "choose one of"),
    ("id", {"entity_id": "org:assad-regime"}, "already an entity"),
    ("id", {"entity_id": "org:../../etc"}, "may hold only a-z"),
    ("alias", {"alias": "words not in the text"}, "does not occur in the text"),
    ("date", {"type": "attack", "extra": {"date": "2017-02-30"}}, "not a real date"),
])
def test_a_bad_entity_is_refused_on_its_field_and_nothing_is_written(drafted, field, values,
                                                                     message):
    review = open_source(drafted, SOURCE)
    before = snapshot(drafted)
    given = {"type": "organisation", "label_en": "Syrian opposition groups", **values}
    with pytest.raises(Refused) as caught:
        create_entity(drafted, SOURCE, review.version, given.pop("type"),
                      given.pop("label_en"), **given)
    assert [f.field for f in caught.value.findings] == [field]
    assert message in caught.value.findings[0].message
    assert snapshot(drafted) == before


def test_cwkg_accept_all_leaves_an_entity_that_cannot_be_accepted_and_its_claims(drafted,
                                                                                  capsys):
    review = open_source(drafted, SOURCE)
    saved = create_entity(drafted, SOURCE, review.version, "attack", "Test attack", None,
                          None, None, {"date": "2017-04-03", "place": "place:khan-sheikhoun"})
    claim = attribution(drafted)
    edit_claim(drafted, SOURCE, claim, {"about": ["attack:test-attack"]}, saved.version)
    assert main(["--data", str(drafted), "accept", SOURCE, "--all"]) == 1
    err = capsys.readouterr().err
    assert "left attack:test-attack proposed: needs weapon" in err
    assert f"left {claim} proposed: it names attack:test-attack" in err
    left = {c["id"]: c for c in claims_file(drafted)["claims"]}
    assert left[claim]["status"] == "proposed"
    assert [c for c in left.values() if c.get("status") == "proposed"] == [left[claim]]
    assert main(["--data", str(drafted), "validate"]) == 0


def test_new_names_for_two_entities_of_one_file_are_accepted_together(drafted, capsys):
    # (each entry of the file moves down as the one above it gains lines)
    path = drafted / "claims" / f"{SOURCE}.yaml"
    text = path.read_text("utf-8")
    if "proposed_entities:" not in text:
        text = text.rstrip("\n") + "\nproposed_entities:\n"
    path.write_text(text.rstrip("\n") + "\n"
                    "  - alias_of: place:syria\n    aliases: {fr: [Syrie]}\n"
                    "  - alias_of: place:khan-sheikhoun\n    aliases: {fr: [Khan Cheikhoun]}\n",
                    "utf-8")
    assert main(["--data", str(drafted), "accept", SOURCE, "place:syria",
                 "place:khan-sheikhoun"]) == 0
    places = {e["id"]: e for e in
              yaml.safe_load((drafted / "entities" / "places.yaml").read_text("utf-8"))}
    assert places["place:syria"]["aliases"]["fr"] == ["Syrie"]
    assert places["place:khan-sheikhoun"]["aliases"]["fr"] == ["Khan Cheikhoun"]
    assert main(["--data", str(drafted), "build"]) == 0


def test_an_accepted_claim_cannot_name_an_entity_only_proposed_and_says_how(data_copy):
    review = open_source(data_copy, "wh-2024-04-04")
    saved = create_entity(data_copy, "wh-2024-04-04", review.version, "organisation",
                          "Syrian opposition groups")
    before = snapshot(data_copy)
    with pytest.raises(Refused) as caught:
        edit_claim(data_copy, "wh-2024-04-04", "c09", {"stated_by": ORG}, saved.version)
    (finding,) = caught.value.findings
    assert (finding.claim, finding.field) == ("c09", "stated_by")
    assert "only proposed in this file: accept it first" in finding.message
    assert snapshot(data_copy) == before


def test_a_card_naming_a_proposed_entity_can_be_accepted_unless_that_entity_cannot(drafted):
    claim, saved = said_by_a_new_entity(drafted)
    card = next(c for c in open_source(drafted, SOURCE).cards if c.id == claim)
    assert not card.findings  # the entity is accepted with the claim
    path = drafted / "claims" / f"{SOURCE}.yaml"
    # an entity that cannot be accepted as it stands (an attack needs its weapon)
    path.write_text(path.read_text("utf-8").replace(f"id: {ORG}\n    type: organisation",
                                                    f"id: {ORG}\n    type: attack"), "utf-8")
    card = next(c for c in open_source(drafted, SOURCE).cards if c.id == claim)
    assert [f.message for f in card.findings] == [
        f"it names {ORG}, a proposed entity that cannot be accepted yet: needs "
        "date, place, weapon"]


def test_a_weapon_the_text_names_can_be_created_for_an_attack_to_use(drafted):
    # phosgene: a weapon data/entities lacks (the real documents brought chlorine into it)
    review = open_source(drafted, SOURCE)
    saved = create_entity(drafted, SOURCE, review.version, "weapon", "phosgene", None,
                          None)
    assert saved.changed == ["weapon:phosgene"] and not saved.findings
    saved = create_entity(drafted, SOURCE, saved.version, "attack", "Test attack", None,
                          None, None, {"date": "2017-04-03", "place": "place:khan-sheikhoun",
                                       "weapon": "weapon:phosgene"})
    assert not saved.findings  # the attack can be accepted with its proposed weapon
