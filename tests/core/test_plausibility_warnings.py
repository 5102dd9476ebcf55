"""Plausibility warnings of ``cwkg validate`` (severity Warning: reported, exit code 0).

The corpus of the 15-to-1,127 case (issue 16): the seeds give Khan Sheikhoun's toll as
"over 90", "100" and "about 100"; two more sources (synthetic texts written here) had
proposals accepted that attached another event's figure (15 killed by shelling) and
another attack's toll (Ghouta's 1,127) to Khan Sheikhoun, so its death-toll spread ran
from 15 to 1,127. Both must be warned about, with the other sources' numbers and quotes;
the seeds' own figures must not be.
"""

from __future__ import annotations

import hashlib

import pytest

from cwkg.build.write import build
from cwkg.cli import main

SYNTHETIC = "[SYNTHETIC TEST TEXT - invented wording for cwkg's tests; not a real document]\n"
SHELLING = (SYNTHETIC + "Seven years after the Khan Sheikhoun massacre, the town was shelled again: "
            "yesterday's shelling killed 15 people.\n")
GHOUTA = (SYNTHETIC + "The Ghouta attack killed 1,127 people; four years later the Khan Sheikhoun "
          "massacre followed.\n")


def add_source(data, local: str, text: str, date: str, claims: str) -> None:
    (data / "sources" / f"{local}.txt").write_text(text, "utf-8")
    sha = hashlib.sha256(text.encode()).hexdigest()
    (data / "sources" / f"{local}.yaml").write_text(
        f'id: src:{local}\ntype: news-article\ndate: "{date}"\nlanguage: en\n'
        f"publisher: org:soc\nsha256: {sha}\n", "utf-8")
    (data / "claims" / f"{local}.yaml").write_text(
        f"source: src:{local}\nclaims:\n{claims}", "utf-8")


def figure_claim(quote: str, value: int, about="attack:khan-sheikhoun-2017") -> str:
    return (f"  - id: c01\n    kind: casualty-figure\n    stated_by: author\n"
            f"    about: {about}\n    quote: \"{quote}\"\n    figures:\n"
            f"      - {{counts: killed, group: people, qualifier: exactly, value: {value}}}\n")


def validate(data, out, capsys) -> tuple[int, list[str]]:
    build(data, out)
    code = main(["--data", str(data), "--out", str(out), "validate"])
    return code, capsys.readouterr().out.splitlines()


@pytest.fixture()
def fifteen_to_1127(data_copy):
    add_source(data_copy, "shelling-2024", SHELLING, "2024-04-05",
               figure_claim("yesterday's shelling killed 15 people", 15))
    add_source(data_copy, "ghouta-2021", GHOUTA, "2021-04-04",
               figure_claim("The Ghouta attack killed 1,127 people", 1127))
    return data_copy


def warnings_of(lines: list[str], check: str) -> list[str]:
    return [line for line in lines if f"query:{check}" in line and ": Warning:" in line]


def test_the_15_to_1127_case_is_warned_about(fifteen_to_1127, tmp_path, capsys):
    code, lines = validate(fifteen_to_1127, tmp_path / "build", capsys)
    found = warnings_of(lines, "figure-far-from-other-sources-violation")
    assert code == 0  # warnings do not fail validation
    assert len(found) == 2, lines
    [low] = [line for line in found if 'value: "15"' in line]
    [high] = [line for line in found if 'value: "1127"' in line]
    assert "claims/shelling-2024.yaml" in low and "claims/ghouta-2021.yaml" in high
    for line in found:  # the other sources' numbers and their quotes
        assert 'src:wh-2024-04-04 gives 90: "the loss of over 90 lives"' in line
        assert 'src:soc-2020-04-04 gives 100: "killing 100 people' in line
        assert 'src:news-2021-04-04 gives 100: "which killed about 100 civilians' in line
    assert "The Ghouta attack killed 1,127 people" in low
    assert "yesterday's shelling killed 15 people" in high


def test_the_seeds_give_no_plausibility_warning(tmp_path, capsys, repo):
    code, lines = validate(repo / "data", tmp_path / "build", capsys)
    assert code == 0
    assert not [line for line in lines if "violation" in line and ": Warning:" in line
                and "query:" in line], lines


def test_a_sub_group_larger_than_every_other_total(data_copy, tmp_path, capsys):
    claims = ("  - id: c01\n    kind: casualty-figure\n    stated_by: author\n"
              "    about: attack:khan-sheikhoun-2017\n    quote: \"killed 150 children\"\n"
              "    figures:\n      - {counts: killed, group: children, qualifier: exactly, "
              "value: 150}\n")
    add_source(data_copy, "children-2021", SYNTHETIC + "The attack killed 150 children.\n",
               "2021-04-04", claims)
    _, lines = validate(data_copy, tmp_path / "build", capsys)
    # the other totals: about 100, 100, dozens, and "over 90" and "plus de 80", which are
    # open-ended: no warning
    assert warnings_of(lines, "subgroup-above-other-totals-violation") == []
    for local, value in (("wh-2024-04-04", 90), ("france-2017-04-26", 80)):
        path = data_copy / "claims" / f"{local}.yaml"
        path.write_text(path.read_text("utf-8").replace(
            f"{{counts: killed, group: people, qualifier: more-than, value: {value}}}",
            f"{{counts: killed, group: people, qualifier: exactly, value: {value}}}"), "utf-8")
    _, lines = validate(data_copy, tmp_path / "build2", capsys)
    [line] = warnings_of(lines, "subgroup-above-other-totals-violation")
    assert "claims/children-2021.yaml" in line and 'highestTotal: "100"' in line
    assert "killing 100 people" in line
    # a word quantity among the totals is listed by its word (it has no number)
    assert 'src:arabi21-jim-report gives dozens: "أودى بحياة العشرات"' in line


def dated_event(data, local: str, attack: str, written: str, date: str) -> None:
    """A source of 2020 that dates ``attack`` ``written`` (``date``) in an event claim."""
    claims = ("  - id: c01\n    kind: event\n    stated_by: author\n"
              f"    about: {attack}\n    quote: \"{written}\"\n    event_date: \"{date}\"\n")
    add_source(data, local, SYNTHETIC + f"The attack of {written}.\n", "2020-01-01", claims)


def test_an_event_date_that_is_not_the_attack_s(data_copy, tmp_path, capsys):
    dated_event(data_copy, "date-2020", "attack:khan-sheikhoun-2017", "5 April 2017",
                "2017-04-05")
    code, lines = validate(data_copy, tmp_path / "build", capsys)
    [line] = warnings_of(lines, "event-date-not-the-attacks-violation")
    assert code == 0 and "claims/date-2020.yaml" in line
    assert "eventDate: \"2017-04-05\"" in line or "2017-04-05" in line
    assert "referenceDate" in line and "2017-04-04" in line
    assert "April 4th, 2017" in line   # another source's date, with its quote


def test_an_event_date_outside_a_series_of_attacks(data_copy, tmp_path, capsys):
    """A series over a period (attack:umm-hawsh-2016-09, 15-16 September 2016): a day within
    it is no warning (Arabi21 gives both), a day outside it is."""
    dated_event(data_copy, "series-2020", "attack:umm-hawsh-2016-09", "20 September 2016",
                "2016-09-20")
    _, lines = validate(data_copy, tmp_path / "build", capsys)
    [line] = warnings_of(lines, "event-date-not-the-attacks-violation")
    assert "claims/series-2020.yaml" in line and "2016-09-15" in line


def test_review_shows_the_warnings_a_source_s_proposals_would_raise(data_copy, tmp_path,
                                                                   capsys):
    text = tmp_path / "t.txt"
    text.write_text(SYNTHETIC + "The sarin attack on Khan Sheikhoun killed 1,127 people.\n",
                    "utf-8")
    assert main(["--data", str(data_copy), "add", str(text), "--publisher", "org:soc",
                 "--date", "2024-04-05", "--lang", "en", "--id", "t"]) == 0
    capsys.readouterr()
    assert main(["--data", str(data_copy), "review", "t"]) == 0
    [line] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("if accepted:")]
    assert "claims/t.yaml" in line and 'value: "1127"' in line
    assert 'src:wh-2024-04-04 gives 90: "the loss of over 90 lives"' in line


def test_the_other_sources_are_listed_in_one_order_whatever_the_store(fifteen_to_1127):
    """The warnings list the other sources' numbers and dates (GROUP_CONCAT, whose order
    SPARQL leaves to the engine) sorted, so a store loaded in another order, or holding
    fewer sources, lists them alike: validation compares kept findings with new ones."""
    from cwkg.build.cache import FragmentCache
    from cwkg.build.pipeline import fragments
    from cwkg.rdf.store import Store
    from cwkg.validate.checks import run_violation_checks

    add_source(fifteen_to_1127, "dates-2022", SYNTHETIC + "It happened on 5 April 2017.\n",
               "2022-01-01", "  - id: c01\n    kind: event\n    stated_by: author\n"
               "    about: attack:khan-sheikhoun-2017\n    quote: \"5 April 2017\"\n"
               "    event_date: \"2017-04-05\"\n")
    made = list(fragments(fifteen_to_1127, FragmentCache(None), formats=("nquads",)))
    locations = {k: v for fragment in made for k, v in fragment.locations.items()}
    found = []
    for order in (made, [made[0], *reversed(made[1:])]):
        store = Store.from_nquads_chunks(fragment.chunks["nquads"] for fragment in order)
        found.append(run_violation_checks(store, locations, scope="dataset"))
    listed = [f for f in found[0] if " | " in f.message]
    assert {f.shape for f in listed} == {"query:figure-far-from-other-sources-violation",
                                         "query:event-date-not-the-attacks-violation"}
    assert found[0] == found[1]
