"""Where the sources disagree on a count, computed from the claims a dossier has already
read: the pairs of figures the stored question ``differing-figures`` lists for the attack.

The stored question computes every attack's figures before it keeps one attack's (its
subqueries see no parameter): about 1 s per dossier at 1,000 sources. This gives the same
rows from the figures in hand; ``tests/web/test_disagreements.py`` holds the two equal on
every attack of the repository's data.

Two figures disagree when they come from different sources, count the same outcome, count
the same group (or both count all victims: people or civilians), and state different
numbers. They *cannot both hold* when one's upper bound is below the other's lower bound.
"""

from __future__ import annotations

from dataclasses import dataclass

from .records import ClaimView, FigureView

ALL_VICTIMS = ("people", "civilians")


@dataclass(frozen=True)
class Side:
    claim: ClaimView
    figure: FigureView


@dataclass(frozen=True)
class Disagreement:
    outcome: str
    a: Side
    b: Side
    compatible: bool      # both statements can be true at once


def _comparable(f: FigureView, g: FigureView) -> bool:
    return f.population == g.population or (f.population in ALL_VICTIMS
                                             and g.population in ALL_VICTIMS)


def _compatible(f: FigureView, g: FigureView) -> bool:
    below = lambda x, y: x.max is not None and y.min is not None and x.max < y.min  # noqa: E731
    return not (below(f, g) or below(g, f))


def disagreements(claims: list[ClaimView]) -> list[Disagreement]:
    """The pairs (source A before source B by IRI), those that cannot both hold first."""
    sides = [Side(c, f) for c in claims if c.kind == "casualty-figure" for f in c.figures
             if f.population is not None and f.stated is not None]
    out = []
    for a in sides:
        for b in sides:
            fa, fb = a.figure, b.figure
            if (a.claim.source < b.claim.source and fa.outcome == fb.outcome
                    and fa.stated != fb.stated and _comparable(fa, fb)):
                out.append(Disagreement(fa.outcome, a, b, _compatible(fa, fb)))
    out.sort(key=lambda d: (d.compatible, d.outcome, d.a.claim.source, d.b.claim.source,
                            d.a.figure.stated, d.b.figure.stated))
    return out
