"""A death toll given only in words ("hundreds") still counts in the spread, by its bounds."""

import pyoxigraph as ox

from cwkg.namespaces import CWKG, expand
from cwkg.query.embedded import EmbeddedBackend
from cwkg.query.run import run
from cwkg.rdf.store import Store

# an attack for which data/ has no death toll (KUNA gives only the 12 people affected)
ATTACK = "attack:saraqib-2018-02-04"


def _hundreds_killed(quads):
    """The repository's data plus one claim of 'hundreds' killed in ATTACK (a test fixture,
    not a source statement)."""
    graph = ox.NamedNode(expand("src:wh-2024-04-04"))
    claim = ox.NamedNode(expand("claim:wh-2024-04-04-c99"))
    figure = ox.NamedNode(expand("claim:wh-2024-04-04-c99-f1"))
    anchor = ox.NamedNode(expand("claim:wh-2024-04-04-c15-anchor"))
    node = lambda term: ox.NamedNode(str(term))  # noqa: E731
    extra = [
        (claim, node(expand("rdf:type")), node(CWKG.CasualtyClaim)),
        (claim, node(CWKG.about), ox.NamedNode(expand(ATTACK))),
        (claim, node(CWKG.anchor), anchor),
        (claim, node(CWKG.figure), figure),
        (figure, node(CWKG.outcome), node(CWKG.Killed)),
        (figure, node(CWKG.population), node(CWKG.People)),
        (figure, node(CWKG.qualifier), node(CWKG.Hundreds)),
        (figure, node(CWKG.minValue), ox.Literal("200", datatype=node(expand("xsd:integer")))),
        (figure, node(CWKG.maxValue), ox.Literal("999", datatype=node(expand("xsd:integer")))),
    ]
    return list(quads) + [ox.Quad(s, p, o, graph) for s, p, o in extra]


def test_hundreds_alone_gives_a_spread_from_its_bounds(built):
    _, graph = built
    store = Store(_hundreds_killed(graph.quads))
    rows = run("death-toll-spread", {"attack": ATTACK},
               backend=EmbeddedBackend(store))
    assert len(rows) == 1
    row = dict(zip(rows.variables, rows.rows[0]))
    assert (row["lowest"].value, row["highest"].value) == ("200", "999")
    assert row["qualifier"].value == str(CWKG.Hundreds) and row["stated"] is None


def test_without_it_the_attack_has_no_death_toll(built):
    _, graph = built
    rows = run("death-toll-spread", {"attack": ATTACK},
               backend=EmbeddedBackend(Store(graph.quads)))
    assert len(rows) == 0
