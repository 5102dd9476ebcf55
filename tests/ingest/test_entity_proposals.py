"""Proposed entities: cwkg add drafts them, cwkg build ignores them, cwkg accept moves them
into data/entities (new entities, new aliases), cwkg reject drops them."""

from __future__ import annotations

import difflib

import pytest
import yaml

from cwkg.build.memory import in_memory
from cwkg.cli import main
from cwkg.errors import DataError
from cwkg.load.data import load_data
from cwkg.load.entities import load_entities

from .test_add import files

# names data/entities lacks (an invented group, phosgene, Marea, resolution 2314) and close
# names of two it has; the real documents brought ISIL, mustard gas, "Khan Shaykhun" and
# resolution 2209 into it
TEXT = ("[SYNTHETIC TEST TEXT - invented wording for cwkg's tests; not a real document]\n\n"
        "The Zeta Brigade used phosgene in the attack on Marea on 1 September 2015, killing "
        "2 people.\n"
        "The Syrian government bombed Khan Shaikhun with sarin on 4 April 2017.\n"
        "Resolution 2314 (2016) condemned the use of chlorine as a weapon.\n")


def cli(data, *args) -> int:
    return main(["--data", str(data), *map(str, args)])


@pytest.fixture()
def drafted(data_copy, tmp_path):
    path = tmp_path / "text.txt"
    path.write_text(TEXT, "utf-8")
    assert cli(data_copy, "add", path, "--publisher", "org:soc", "--date", "2020-01-01",
               "--lang", "en", "--id", "t") == 0
    return data_copy


def draft(data):
    return yaml.safe_load((data / "claims" / "t.yaml").read_text("utf-8"))


def proposals(data) -> dict:
    return {p.get("id") or p["alias_of"]: p for p in draft(data).get("proposed_entities", [])}


def test_the_draft_proposes_what_data_entities_lacks_and_links_nothing_by_guess(drafted):
    found = proposals(drafted)
    assert found["org:zeta-brigade"]["type"] == "organisation" and \
        "Zeta Brigade" in str(found["org:zeta-brigade"])
    assert found["org:assad-regime"]["aliases"] == {"en": ["The Syrian government"]}
    assert found["place:khan-sheikhoun"]["aliases"] == {"en": ["Khan Shaikhun"]}
    assert found["legal:unscr-2314"]["year"] == 2016
    marea = found["attack:marea-2015-09-01"]
    assert (marea["date"], marea["place"]) == ("2015-09-01", "place:marea")
    assert "place:marea" in found
    # nothing proposed is in data/entities or in the graph
    assert not set(found) - {"org:assad-regime", "place:khan-sheikhoun"} & \
        set(load_entities(drafted))
    graph = in_memory(drafted)
    assert not any("zeta" in str(t) for q in graph.quads for t in (q.subject, q.object))


def test_build_ignores_proposed_entities(drafted):
    data = load_data(drafted)
    assert "org:zeta-brigade" not in data.entities and data.pending


def give_the_attack_a_weapon(data):
    path = data / "claims" / "t.yaml"
    path.write_text(path.read_text("utf-8").replace(
        "    # weapon: ... (required: give it before accepting)",
        "    weapon: weapon:chemical-weapons"), "utf-8")


def test_accepting_a_claim_accepts_the_new_entities_it_uses(drafted, capsys):
    [zeta] = [c for c in draft(drafted)["claims"]
              if "org:zeta-brigade" in c.get("perpetrators", [])]
    # its attack is proposed without a weapon: the claim cannot be accepted, nothing changes
    before = files(drafted)
    assert cli(drafted, "accept", "t", zeta["id"]) == 2
    assert "required field 'weapon'" in capsys.readouterr().err and files(drafted) == before
    give_the_attack_a_weapon(drafted)
    assert cli(drafted, "accept", "t", zeta["id"]) == 0
    err = capsys.readouterr().err
    assert "org:zeta-brigade" in err and "attack:marea-2015-09-01" in err
    entity = load_entities(drafted)["org:zeta-brigade"]
    assert entity.sources == ("src:t",) and entity.labels["en"] == "Zeta Brigade"
    assert "org:zeta-brigade" not in proposals(drafted)
    assert {c.id for c in load_data(drafted).claims} >= {f"claim:t-{zeta['id']}"}


def test_accepting_new_aliases_edits_only_that_entry(drafted):
    path = drafted / "entities" / "agents.yaml"
    before = path.read_text("utf-8").split("\n")
    assert cli(drafted, "accept", "t", "org:assad-regime") == 0
    after = path.read_text("utf-8").split("\n")
    regime = before.index("- id: org:assad-regime")
    end = before.index("", regime)
    edits = [op for op in difflib.SequenceMatcher(a=before, b=after).get_opcodes()
             if op[0] != "equal"]
    assert edits and all(regime < i1 and i2 <= end for _, i1, i2, _, _ in edits)
    entity = load_entities(drafted)["org:assad-regime"]
    assert "The Syrian government" in entity.aliases["en"] and "src:t" in entity.sources
    load_data(drafted)  # still loads, every check passes


def test_rejecting_a_proposed_entity_drops_it(drafted):
    assert cli(drafted, "reject", "t", "legal:unscr-2314") == 0
    assert "legal:unscr-2314" not in proposals(drafted)
    assert "legal:unscr-2314" not in load_entities(drafted)


def test_accept_all_moves_every_proposal(drafted):
    give_the_attack_a_weapon(drafted)
    assert cli(drafted, "accept", "t", "--all") in (0, 1)
    assert "proposed_entities" not in draft(drafted) or not draft(drafted)["proposed_entities"]
    ids = set(load_entities(drafted))
    assert {"org:zeta-brigade", "legal:unscr-2314", "place:marea",
            "attack:marea-2015-09-01"} <= ids
    load_data(drafted)


def test_an_entity_that_would_not_load_changes_nothing(drafted, capsys):
    path = drafted / "claims" / "t.yaml"
    path.write_text(path.read_text("utf-8").replace(
        '    label: {en: "UN Security Council resolution 2314"}', "    label: {ar: قرار}"),
        "utf-8")
    before = files(drafted)
    assert cli(drafted, "accept", "t", "legal:unscr-2314") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "English label" in err and "nothing was changed" in err
    assert files(drafted) == before


def test_a_malformed_proposed_entities_list_is_a_data_error(drafted):
    path = drafted / "claims" / "t.yaml"
    path.write_text(path.read_text("utf-8") + "  - {type: place}\n", "utf-8")
    with pytest.raises(DataError, match="new entity .with 'id'. or new aliases"):
        load_data(drafted)


def test_an_arabic_name_keeps_its_first_letter_when_a_clitic_is_spelled_so():
    """ف begins فريق (team) as it would a clitic ("فـ"); the proposed name is as written."""
    import datetime as dt

    from cwkg.ingest.extract import Extractor
    from cwkg.load.entities import load_entities as entities

    from ..conftest import DATA
    text = ("[نص اختبار اصطناعي]\n\nأصدر فريق التحقيق وتحديد الهوية تقريره الثالث، "
            "وقالت منظمة حظر الأسلحة الكيميائية إن واتفاقية الأسلحة الكيميائية واضحة.\n")
    known = {k: v for k, v in entities(DATA).items() if k != "org:opcw-iit"}
    found = Extractor(known.values()).run(text, "ar", dt.date(2023, 1, 27), None)
    names = [n for p in found.proposals for ns in p.names.values() for n in ns]
    assert "فريق التحقيق وتحديد الهوية" in names
    assert not any(n.startswith("ريق") for n in names)


def test_an_accepted_claim_loses_its_uses_proposed_note_and_nothing_else(drafted):
    path = drafted / "claims" / "t.yaml"
    # the citation of resolution 2209 (proposed) about nothing yet: the curator fills it in
    before = path.read_text("utf-8").replace("about: []  # no known attack or entity found: "
                                             "fill in before accepting", "about: [place:syria]")
    path.write_text(before, "utf-8")
    block = next(b for b in before.split("  - id: ")[1:] if "# uses proposed legal:" in b)
    claim = block.split("\n")[0]
    assert cli(drafted, "accept", "t", claim) == 0
    after = path.read_text("utf-8")
    removed = [line for line in difflib.ndiff(before.split("\n"), after.split("\n"))
               if line.startswith("- ")]
    assert any("# uses proposed" in line for line in removed)
    kept = after[after.index(f"  - id: {claim}"):].split("  - id: ")[1]
    assert "# uses proposed" not in kept and "status: proposed" not in kept


@pytest.mark.parametrize("when, problem", [
    ({}, "needs date, place, weapon"),
    ({"date": "2015-09-01"}, "needs place, weapon"),
    ({"from": "2015-09-01", "to": "2015-09-02"}, "needs place, weapon"),
    ({"from": "2015-09-01"}, "an attack needs its 'date', or, for a series"),
    ({"date": "2015-09-01", "from": "2015-09-01", "to": "2015-09-02"}, "(not both)")])
def test_a_proposed_attack_needs_a_day_or_a_period_as_the_loader_does(when, problem):
    """Checked before accepting as data/entities checks it after (a day, or from and to)."""
    from cwkg.ingest.entities_draft import entity_problem
    item = {"id": "attack:marea-2015", "type": "attack", "label": {"en": "Marea"}, **when}
    assert problem in entity_problem(item, set())
