"""The casualty-figure chart of a dossier, laid out on the server (the template draws it
as SVG): one row per statement and outcome, each figure drawn as honestly as its wording
allows.

- a range with both bounds ("dozens": 24 to 99) is a bar from min to max;
- an exact figure is a point;
- a lower bound only ("over 90": 91 or more) is a bar from min to the chart's edge, open
  (an arrow) on the right; an upper bound only ("up to 50") is a bar from 0 to max, open on
  the left;
- a figure with no bounds ("about 100") is a hollow point at the number as written.

Sub-groups (children, women) are drawn as thin bars under their total, in the same row.

>>> rows = layout([("a", "2024-04-04", "killed", FigureView("f", "killed", "people",
...                  "more-than", 90, 91, None))])
>>> rows.rows[0].marks[0].shape, rows.rows[0].marks[0].open_right
('bar', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .records import FigureView
from .words import bounds_phrase, figure_phrase

WIDTH, LEFT, RIGHT, ROW, TOP = 720, 10, 20, 46, 34
OUTCOME_ORDER = ["killed", "injured", "casualties", "affected", "exposed", "attacks"]


@dataclass
class Mark:
    shape: str            # bar | point | hollow
    x: float
    width: float
    y: float
    subgroup: bool
    open_left: bool = False
    open_right: bool = False
    title: str = ""
    label: str = ""       # a sub-group's name, written beside its mark


@dataclass
class Row:
    key: str              # the claim it draws
    label: str
    y: float
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Chart:
    rows: list[Row]
    ticks: list[tuple[float, int]]
    width: int = WIDTH
    height: int = 0
    scale_max: int = 0


def _nice(value: int) -> int:
    """The round number the axis ends at."""
    step = 1
    while step * 10 <= value:
        step *= 10
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * factor >= value:
            return int(step * factor)
    return step * 10


def layout(items: list[tuple[str, str, str, FigureView]]) -> Chart:
    """``items``: (row key, row label, outcome, figure), figures of one row together."""
    numbers = [n for *_, f in items for n in (f.min, f.max, f.stated) if n is not None]
    top = _nice(int(max(numbers, default=10) * 1.05) or 10)
    span = WIDTH - LEFT - RIGHT

    def x(value: float) -> float:
        return round(LEFT + span * value / top, 1)

    rows: dict[tuple[str, str], Row] = {}
    for key, label, outcome, f in items:
        row = rows.get((key, outcome))
        if row is None:
            row = rows[(key, outcome)] = Row(key, label, TOP + ROW * len(rows))
        y = row.y + (15 if f.is_subgroup else 0)
        title = f"{figure_phrase(f)}: {bounds_phrase(f)}"
        label = (f.population or "") if f.is_subgroup else ""
        if f.min is not None and f.max is not None and f.min != f.max:
            mark = Mark("bar", x(f.min), max(x(f.max) - x(f.min), 2), y, f.is_subgroup,
                        title=title, label=label)
        elif f.min is not None and f.max is not None:
            mark = Mark("point", x(f.min), 0, y, f.is_subgroup, title=title, label=label)
        elif f.min is not None:
            mark = Mark("bar", x(f.min), max(x(top) - x(f.min), 2), y, f.is_subgroup,
                        open_right=True, title=title, label=label)
        elif f.max is not None:
            mark = Mark("bar", x(0), max(x(f.max) - x(0), 2), y, f.is_subgroup,
                        open_left=True, title=title, label=label)
        elif f.stated is not None:
            mark = Mark("hollow", x(f.stated), 0, y, f.is_subgroup, title=title, label=label)
        else:
            continue
        row.marks.append(mark)
    ticks = [(x(top * i / 5), int(top * i / 5)) for i in range(6)]
    height = TOP + ROW * len(rows) + 10
    return Chart(list(rows.values()), ticks, WIDTH, height, top)
