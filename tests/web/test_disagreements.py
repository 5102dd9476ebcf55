"""The dossier's disagreements are the stored question ``differing-figures``'s rows, computed
from the claims the page already holds: the two are held equal on every attack."""

from __future__ import annotations

import pytest

from cwkg.rdf import quads as Q
from cwkg.web.disagreements import disagreements

ATTACKS = ["attack:khan-sheikhoun-2017", "attack:douma-2018", "attack:ghouta-2013"]


def _rows_of_query(pages, attack):
    result = pages.views.graph.ask("differing-figures", {"attack": attack})
    index = {v: i for i, v in enumerate(result.variables)}
    out = []
    for row in result.rows:
        get = lambda name: row[index[name]].value  # noqa: E731
        out.append((get("outcome"), get("sourceA"), get("populationA"), get("qualifierA"),
                    int(get("statedA")), get("quoteA"), get("sourceB"), get("populationB"),
                    get("qualifierB"), int(get("statedB")), get("quoteB"),
                    get("boundsCompatible") == "yes"))
    return sorted(out)


def _rows_of_page(pages, attack):
    iri = "https://w3id.org/cwkg/" + attack.replace("attack:", "attack/")
    claims = pages.views.claims(c for c, roles in pages.views.roles_of(iri).items()
                                if "about" in roles)
    out = []
    for d in disagreements(claims):
        sides = []
        for side in (d.a, d.b):
            f = side.figure
            sides += [side.claim.source, Q.POPULATIONS[f.population].value,
                      Q.QUALIFIERS[f.qualifier].value, f.stated, side.claim.exact]
        out.append((Q.OUTCOMES[d.outcome].value, *sides, d.compatible))
    return sorted(out)


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_page_lists_what_the_stored_question_answers(pages, attack):
    expected = _rows_of_query(pages, attack)
    assert _rows_of_page(pages, attack) == expected


def test_the_check_sees_disagreements(pages):
    """Khan Sheikhoun has differing figures in the data (90+, 100, about 100, 12)."""
    assert len(_rows_of_query(pages, ATTACKS[0])) >= 3
    assert any(not row[-1] for row in _rows_of_query(pages, ATTACKS[0]))  # one cannot hold
